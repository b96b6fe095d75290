using System.Diagnostics;

namespace Dyad.Tests.Cli;

public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the real CLI in a child process, as a user would, with its own working directory.</summary>
public static class CliRunner
{
    public static CliResult Run(string workingDirectory, params string[] args) => RunWithInput(workingDirectory, null, args);

    public static CliResult RunWithInput(string workingDirectory, string? stdin, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Dyad.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("DYAD_DB");
        using var process = Process.Start(start)!;
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dyad {string.Join(' ', args)} did not finish in 180 s");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
