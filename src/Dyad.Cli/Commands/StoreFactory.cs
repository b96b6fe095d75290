using Dyad.Postgres;
using Dyad.Storage;

namespace Dyad.Cli.Commands;

/// <summary>
/// Opens the store a --db value names: a postgres:// or postgresql:// URL, or an Npgsql "Host=…" string, opens
/// the PostgreSQL store; anything else is a SQLite file.
/// </summary>
internal static class StoreFactory
{
    public static IAnalyticsStore Open(string db) => PostgresAddress.IsPostgres(db) ? PostgresStore.Open(db) : SqliteStore.Open(db);

    /// <summary>True when the store can hold data already: a server database, or a SQLite file that exists.</summary>
    public static bool Exists(string db) => PostgresAddress.IsPostgres(db) || File.Exists(db);

    /// <summary>Where the store is, for messages (never with a password).</summary>
    public static string Describe(IArticleStore store) => store switch
    {
        SqliteStore sqlite => sqlite.Path,
        PostgresStore postgres => postgres.Location,
        _ => store.GetType().Name,
    };
}
