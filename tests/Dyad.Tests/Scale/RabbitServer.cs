using Dyad.Tests.Storage;

namespace Dyad.Tests.Scale;

/// <summary>
/// A throwaway RabbitMQ node for tests (rabbitmq-server dropped to the rabbitmq user, loopback, free ports, a
/// node name of its own), which a test can restart. Each test takes its own virtual host. When the broker is
/// not installed, <see cref="Unavailable"/> says why and tests skip.
/// </summary>
public sealed class RabbitServer : IDisposable
{
    private readonly string? _folder;
    private readonly string _node = $"dyadtest{Environment.ProcessId}x{Guid.NewGuid().ToString("N")[..6]}@localhost";
    private readonly int _port;
    private int _hosts;

    /// <summary>Why tests must skip: the broker is not installed.</summary>
    public string? Unavailable { get; }
    /// <summary>Why tests must fail: the broker is installed but would not start.</summary>
    public string? Failure { get; }

    public RabbitServer()
    {
        if (Services.Which("rabbitmq-server", "/usr/sbin") is null || Services.Which("rabbitmqctl", "/usr/sbin") is null)
        {
            Unavailable = "RabbitMQ (rabbitmq-server) is not installed; install the 'rabbitmq-server' package or run ci/services.sh install";
            return;
        }
        _folder = Services.OwnedFolder("dyad-rabbit-", Services.IsRoot ? "rabbitmq:rabbitmq" : null);
        _port = int.TryParse(Environment.GetEnvironmentVariable("DYAD_TEST_AMQP"), out var p) ? p : Services.FreePort();
        Failure = Start();
    }

    private Dictionary<string, string> Environment_() => new()
    {
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder!, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(_folder!, "log"),
        ["RABBITMQ_NODENAME"] = _node,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RABBITMQ_DIST_PORT"] = Services.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Starts the node and waits for it; null when up, else why not.</summary>
    private string? Start()
    {
        var info = new System.Diagnostics.ProcessStartInfo("setsid", "rabbitmq-server")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (var (k, v) in Environment_()) info.Environment[k] = v;
        var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // await_startup gives up at once while the node has not registered yet, so ask until it answers
        var until = DateTime.UtcNow.AddSeconds(300);
        string last = "";
        while (DateTime.UtcNow < until)
        {
            var (code, output) = Ctl("await_startup --timeout 60", 90_000);
            if (code == 0) return null;
            last = output;
            if (process.HasExited)
                return $"rabbitmq-server exited with {process.ExitCode}: {stdout.Result}{stderr.Result}";
            Thread.Sleep(1000);
        }
        return $"RabbitMQ did not start in 300 s: {last.Trim()}";
    }

    public (int Code, string Output) Ctl(string arguments, int timeoutMs = 60_000) =>
        Services.Run("rabbitmqctl", $"-n {_node} {arguments}", environment: Environment_(), timeoutMs: timeoutMs);

    /// <summary>A fresh virtual host; its amqp:// URL.</summary>
    public string CreateVirtualHost(string label)
    {
        if ((Unavailable ?? Failure) is { } why) throw new InvalidOperationException(why);
        var vhost = $"{label}{Interlocked.Increment(ref _hosts)}";
        var (code, output) = Ctl($"add_vhost {vhost}");
        if (code == 0) (code, output) = Ctl($"set_permissions -p {vhost} guest \".*\" \".*\" \".*\"");
        if (code != 0) throw new InvalidOperationException($"cannot create vhost {vhost}: {output}");
        return $"amqp://guest:guest@127.0.0.1:{_port}/{vhost}";
    }

    /// <summary>
    /// Restarts the node on the same data: a crash (SIGKILL of the Erlang VM, connections drop at once) when
    /// <paramref name="crash"/>, else a graceful stop as an operator would do it.
    /// </summary>
    public void Restart(bool crash = false)
    {
        var (code, output) = crash ? Ctl("eval \"os:getpid().\"") : Ctl("stop", 120_000);
        if (code != 0) throw new InvalidOperationException($"stopping the broker failed: {output}");
        if (crash)
        {
            var pid = output.Trim().Trim('"');
            var (killed, why) = Services.Run("kill", $"-9 {pid}");
            if (killed != 0) throw new InvalidOperationException($"kill -9 {pid} failed: {why}");
        }
        for (int i = 0; i < 60 && Ctl("ping", 30_000).Code == 0; i++) Thread.Sleep(1000);
        if (Start() is { } failure) throw new InvalidOperationException(failure);
    }

    public void Dispose()
    {
        if (_folder is null) return;
        Ctl("stop", 120_000);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition("queue")]
public sealed class QueueCollection : ICollectionFixture<PostgresServer>, ICollectionFixture<RabbitServer>;
