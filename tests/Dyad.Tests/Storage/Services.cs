using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dyad.Tests.Storage;

/// <summary>Small process helpers for fixtures that start throwaway servers.</summary>
public static class Services
{
    public static bool IsRoot => Environment.UserName == "root";

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Runs a program (as <paramref name="user"/> through runuser when we are root) and returns its exit code and output.</summary>
    public static (int Code, string Output) Run(string program, string arguments, string? user = null, IDictionary<string, string>? environment = null, int timeoutMs = 120_000)
    {
        var info = user is not null && IsRoot
            ? new ProcessStartInfo("runuser", $"-u {user} -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        if (environment is not null) foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} timed out after {timeoutMs} ms");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static string? Which(string program, params string[] extraFolders)
    {
        var folders = extraFolders.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        foreach (var folder in folders)
        {
            var path = Path.Combine(folder, program);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    /// <summary>A temp folder the service user owns (servers refuse to run as root).</summary>
    public static string OwnedFolder(string prefix, string? user)
    {
        var dir = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        if (user is not null && IsRoot) Run("chown", $"-R {user} {dir}");
        return dir;
    }
}
