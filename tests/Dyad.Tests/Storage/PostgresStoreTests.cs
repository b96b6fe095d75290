using Dyad.Errors;
using Dyad.Postgres;
using Dyad.Storage;
using Xunit.Abstractions;

namespace Dyad.Tests.Storage;

/// <summary>The store contract on PostgreSQL; each test has its own database on the shared throwaway server.</summary>
[Collection("postgres")]
public sealed class PostgresStoreTests(PostgresServer server, ITestOutputHelper output) : AnalyticsStoreContract(output)
{
    private readonly Dictionary<string, string> _databases = [];

    protected override string Skipped => server.Unavailable ?? "";

    protected override IArticleStore? NewStore(string name)
    {
        if (server.Failure is { } failure) Assert.Fail(failure);
        if (server.Unavailable is not null) return null;
        _databases[name] = server.CreateDatabase(name);
        return PostgresStore.Open(_databases[name]);
    }

    protected override IArticleStore Reopen(string name) => PostgresStore.Open(_databases[name]);
    protected override int SchemaVersion(IArticleStore store) => ((PostgresStore)store).SchemaVersion;
    protected override int LatestSchema => PostgresSchema.Latest;
    protected override void WriteNewerSchemaVersion(IArticleStore store) => ((PostgresStore)store).Execute("INSERT INTO schema_version VALUES (999)");

    protected override void FailEventsOf(IArticleStore store, string articleId) =>
        ((PostgresStore)store).Execute($"""
            CREATE FUNCTION fail_{articleId}() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN IF NEW.article_id = '{articleId}' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER fail_{articleId} BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION fail_{articleId}();
            """);

    [Fact]
    public void Addresses_are_read_from_urls_and_connection_strings()
    {
        var url = PostgresAddress.Parse("postgresql://ann:s%40cret@db.example:6543/events?Timeout=7");
        Assert.Equal(("ann", "s@cret", "db.example", 6543, "events", 7), (url.Username, url.Password, url.Host, url.Port, url.Database, url.Timeout));
        Assert.Equal(5432, PostgresAddress.Parse("postgres://u@h/d").Port);
        Assert.Equal("h", PostgresAddress.Parse("Host=h;Username=u;Database=d").Host);
        Assert.True(PostgresAddress.IsPostgres("postgres://u@h/d"));
        Assert.False(PostgresAddress.IsPostgres("dyad.db"));
        var error = Assert.Throws<DyadException>(() => PostgresAddress.Parse("postgres://u:pw@h/d?NoSuchKey=1"));
        Assert.DoesNotContain("pw", error.Message);
    }

    [Fact]
    public void Text_with_nul_characters_is_stored_with_offsets_kept()
    {
        using var store = NewStore("nul");
        if (store is null) { Output.WriteLine($"SKIP: {Skipped}"); return; }
        var document = StoreFixtures.Meeting("n1", "Putin met Obama\0 in Oslo.");
        Assert.Equal([StoreOutcome.Stored], store.Store([document]));
        var text = store.GetArticle("n1")!.Text;
        Assert.Equal(document.Text.Length, text.Length);
        Assert.Equal("met", text[document.Events[0].Predicate.Start..document.Events[0].Predicate.End]);
    }
}
