using Npgsql;

namespace Dyad.Tests.Storage;

/// <summary>
/// A PostgreSQL server for tests: the one named by DYAD_TEST_PG_URL, or a throwaway cluster started from the
/// installed binaries (initdb as user postgres in a temp folder, on port DYAD_TEST_PG or a free one, loopback
/// only) and removed at the end. When neither is possible, <see cref="Unavailable"/> says why and tests skip.
/// Each test gets its own database from <see cref="CreateDatabase"/>.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string? _folder;
    private readonly string? _binaries;
    private readonly NpgsqlConnectionStringBuilder? _admin;
    private int _databases;

    /// <summary>Why tests must skip: PostgreSQL is not installed and no server was named.</summary>
    public string? Unavailable { get; }
    /// <summary>Why tests must fail: PostgreSQL is installed but the throwaway cluster would not start.</summary>
    public string? Failure { get; }

    public PostgresServer()
    {
        var url = Environment.GetEnvironmentVariable("DYAD_TEST_PG_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            _admin = Dyad.Postgres.PostgresAddress.Parse(url);
            return;
        }
        _binaries = FindBinaries();
        if (_binaries is null)
        {
            Unavailable = "PostgreSQL binaries (initdb, pg_ctl) are not installed and DYAD_TEST_PG_URL is not set; install the 'postgresql' package or run ci/services.sh";
            return;
        }
        var user = Services.IsRoot ? "postgres" : null;
        _folder = Services.OwnedFolder("dyad-pg-", user);
        int port = int.TryParse(Environment.GetEnvironmentVariable("DYAD_TEST_PG"), out var p) ? p : Services.FreePort();
        var data = Path.Combine(_folder, "data");
        var (code, output) = Services.Run(Path.Combine(_binaries, "initdb"), $"-D {data} -A trust -U dyad --no-sync -E UTF8 --locale=C", user);
        if (code == 0)
            (code, output) = Services.Run(Path.Combine(_binaries, "pg_ctl"),
                $"-D {data} -l {Path.Combine(_folder, "log")} -w start -o \"-k {_folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\"", user);
        if (code != 0)
        {
            Failure = $"could not start a throwaway PostgreSQL: {output.Trim()}";
            return;
        }
        _admin = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "dyad", Database = "postgres", Pooling = false };
    }

    private static string? FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var newest = Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault();
            if (newest is not null) return newest;
        }
        var initdb = Services.Which("initdb");
        return initdb is not null && Services.Which("pg_ctl") is not null ? Path.GetDirectoryName(initdb) : null;
    }

    /// <summary>A new empty database; its URL (postgres://user@host:port/db).</summary>
    public string CreateDatabase(string label = "t")
    {
        if (_admin is null) throw new InvalidOperationException(Unavailable ?? Failure);
        var name = $"dyad_{label}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        using (var connection = new NpgsqlConnection(_admin.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        var userInfo = Uri.EscapeDataString(_admin.Username ?? "postgres") + (_admin.Password is { Length: > 0 } pw ? ":" + Uri.EscapeDataString(pw) : "");
        return $"postgres://{userInfo}@{_admin.Host}:{_admin.Port}/{name}";
    }

    public void Dispose()
    {
        if (_folder is null) return;
        if (Failure is null)
            Services.Run(Path.Combine(_binaries!, "pg_ctl"), $"-D {Path.Combine(_folder, "data")} -m immediate -w stop", Services.IsRoot ? "postgres" : null);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>;
