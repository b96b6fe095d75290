using Dyad.Errors;
using Npgsql;

namespace Dyad.Postgres;

/// <summary>Reads where a PostgreSQL database is: a postgres:// or postgresql:// URL, or an Npgsql "Host=…" string.</summary>
public static class PostgresAddress
{
    public static bool IsPostgres(string database) =>
        database.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || database.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || database.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase);

    public static NpgsqlConnectionStringBuilder Parse(string database)
    {
        try
        {
            if (!database.Contains("://", StringComparison.Ordinal))
                return new NpgsqlConnectionStringBuilder(database);
            var uri = new Uri(database);
            if (uri.Scheme is not ("postgres" or "postgresql"))
                throw new FormatException($"scheme '{uri.Scheme}' is not postgres:// or postgresql://");
            var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
            var database_ = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
            builder.Database = database_.Length > 0 ? database_ : "postgres";
            if (uri.UserInfo.Length > 0)
            {
                var parts = uri.UserInfo.Split(':', 2);
                builder.Username = Uri.UnescapeDataString(parts[0]);
                if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
            }
            foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "true";
            }
            return builder;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or UriFormatException or KeyNotFoundException)
        {
            throw new DyadException(ErrorCode.UsageInvalid, $"'{Redact(database)}' is not a PostgreSQL address (postgres://user@host:port/db or Host=…): {e.Message}", e);
        }
    }

    private static string Redact(string database)
    {
        var url = System.Text.RegularExpressions.Regex.Replace(database, "(://[^:/@]+:)[^@]*@", "$1***@");
        return System.Text.RegularExpressions.Regex.Replace(url, "(?i)(password=)[^;]*", "$1***");
    }
}
