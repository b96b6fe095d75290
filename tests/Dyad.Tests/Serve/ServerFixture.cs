using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dyad.Tests.Serve;

/// <summary>
/// A real 'dyad serve' process on 127.0.0.1 at a free port, over a store the CLI built from samples/, shared
/// by the tests of one collection and stopped (by its own process id) when they are done.
/// </summary>
public sealed class ServerFixture : IDisposable
{
    public const string ApiKey = "test-key-7f3a";
    private readonly TempFolder _folder = new();
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public string BaseUrl { get; }
    public HttpClient Http { get; }
    public string Database { get; }

    public ServerFixture()
    {
        Database = Path.Combine(_folder.Path, "serve.db");
        var ingest = Run("ingest", Path.Combine(Repo.Root, "samples"), "--db", Database, "--quiet");
        if (!ingest.WaitForExit(300_000)) throw new TimeoutException("ingest of samples/ did not finish in 300 s");
        if (ingest.ExitCode != 0) throw new InvalidOperationException($"ingest failed ({ingest.ExitCode}): {ingest.StandardError.ReadToEnd()}");

        int port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _process = Run("serve", "--db", Database, "--urls", BaseUrl, "--api-key", ApiKey, "--quiet");
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

    private static Process Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dyad.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("DYAD_DB");
        start.Environment.Remove("DYAD_API_KEY");
        // the build may sit outside the repository (--artifacts-path); the models stay in it
        var models = Path.Combine(Repo.Root, "models");
        if (Environment.GetEnvironmentVariable("DYAD_MODELS") is null && Directory.Exists(models)) start.Environment["DYAD_MODELS"] = models;
        return Process.Start(start)!;
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
