using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Dyad.Tests.Serve;

/// <summary>
/// A real 'dyad serve' process on 127.0.0.1 at a free port, over a store the CLI built from samples/, shared
/// by the tests of one collection and stopped (by its own process id) when they are done.
/// </summary>
public class ServerFixture : IDisposable
{
    public const string ApiKey = "test-key-7f3a";
    private readonly TempFolder _folder = new();
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public string BaseUrl { get; }

    /// <summary>The repository: above the test build, or (when built with --artifacts-path elsewhere) above this source file.</summary>
    public static string RepoRoot { get; } = FindRoot(AppContext.BaseDirectory) ?? FindRoot(SourceFolder())
        ?? throw new InvalidOperationException("cannot find the repository root (Dyad.slnx)");

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "";

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dyad.slnx"))) return dir.FullName;
        return null;
    }
    public HttpClient Http { get; }
    public string Database { get; }

    /// <summary>Why the dashboard cannot be served, or null when it is built and served.</summary>
    public string? DashboardProblem { get; }

    public ServerFixture() : this(buildDashboard: false) { }

    protected ServerFixture(bool buildDashboard)
    {
        var dist = Path.Combine(RepoRoot, "web", "dist");
        DashboardProblem = buildDashboard ? BuildDashboard() : "this fixture does not build the dashboard";
        Database = Path.Combine(_folder.Path, "serve.db");
        // each fixture gets its own copy (ingest tests write to it) of one store built once per test run
        File.Copy(SampleStore.Value, Database);
        int port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _process = DashboardProblem is null
            ? Run("serve", "--db", Database, "--urls", BaseUrl, "--api-key", ApiKey, "--quiet", "--web", dist)
            : Run("serve", "--db", Database, "--urls", BaseUrl, "--api-key", ApiKey, "--quiet");
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"dyad serve exited with {_process.ExitCode}: {Log}");
            try
            {
                if (Http.GetAsync("/api/").Result.IsSuccessStatusCode) break;
            }
            catch (AggregateException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"dyad serve did not answer in 60 s: {Log}");
            Thread.Sleep(200);
        }
    }

    public string Log { get { lock (_log) return _log.ToString(); } }

    private static readonly Lazy<string> SampleStore = new(BuildSampleStore, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>samples/ ingested by the CLI; tried twice, as an overloaded machine can time out one article.</summary>
    private static string BuildSampleStore()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "serve-store");
        Directory.CreateDirectory(folder);
        string? failure = null;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var db = Path.Combine(folder, $"samples-{attempt}.db");
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(db + suffix);
            using var ingest = Run("ingest", Path.Combine(RepoRoot, "samples"), "--db", db, "--quiet", "--threads", "1");
            var error = ingest.StandardError.ReadToEndAsync();
            if (!ingest.WaitForExit(300_000)) throw new TimeoutException("ingest of samples/ did not finish in 300 s");
            if (ingest.ExitCode == 0)
            {
                // one file, so a copy carries everything (WAL folded in)
                using (var store = Dyad.Storage.SqliteStore.Open(db)) store.Execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");
                return db;
            }
            failure = $"ingest failed ({ingest.ExitCode}): {error.Result}";
        }
        throw new InvalidOperationException(failure);
    }

    private static Process Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dyad.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("DYAD_DB");
        start.Environment.Remove("DYAD_API_KEY");
        // the build may sit outside the repository (--artifacts-path); the models stay in it
        var models = Path.Combine(RepoRoot, "models");
        if (Environment.GetEnvironmentVariable("DYAD_MODELS") is null && Directory.Exists(models)) start.Environment["DYAD_MODELS"] = models;
        return Process.Start(start)!;
    }

    /// <summary>web/build.sh: npm ci and vite build when the sources changed, nothing when dist is current.</summary>
    private static string? BuildDashboard()
    {
        var script = Path.Combine(RepoRoot, "web", "build.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var error = build.StandardError.ReadToEndAsync();
        if (!build.WaitForExit(600_000))
        {
            build.Kill(entireProcessTree: true);
            return "web/build.sh did not finish in 600 s";
        }
        if (build.ExitCode != 0) return $"web/build.sh failed ({build.ExitCode}): {error.Result}{output.Result}";
        return File.Exists(Path.Combine(RepoRoot, "web", "dist", "index.html")) ? null : "web/build.sh left no web/dist/index.html";
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _folder.Dispose();
    }
}

[CollectionDefinition("serve")]
public sealed class ServeCollection : ICollectionFixture<ServerFixture>;

/// <summary>The same server with the dashboard built and served, for the browser tests.</summary>
public sealed class DashboardFixture() : ServerFixture(buildDashboard: true);

[CollectionDefinition("dashboard")]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>;
