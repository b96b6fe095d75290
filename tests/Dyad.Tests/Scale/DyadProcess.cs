using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Dyad.Storage;

namespace Dyad.Tests.Scale;

/// <summary>The real CLI as a child process that a test can kill (SIGKILL) or wait for, with its output kept.</summary>
public sealed class DyadProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public string Name { get; }

    private DyadProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static DyadProcess Start(string name, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dyad.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("DYAD_DB");
        start.Environment.Remove("DYAD_BROKER");
        start.Environment["DYAD_MODELS"] = Environment.GetEnvironmentVariable("DYAD_MODELS") ?? Path.Combine(SourceTree.Root, "models");
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return new DyadProcess(name, process);
    }

    /// <summary>Runs to the end; the exit code and everything it printed.</summary>
    public static (int Code, string Output) Run(string workingDirectory, int timeoutMs, params string[] args)
    {
        using var process = Start(args.Length > 0 ? args[0] : "dyad", workingDirectory, args);
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill();
            throw new TimeoutException($"dyad {string.Join(' ', args)} did not finish in {timeoutMs / 1000} s:\n{process.Output}");
        }
        return (process.ExitCode, process.Output);
    }

    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public bool WaitForExit(int timeoutMs)
    {
        if (!_process.WaitForExit(timeoutMs)) return false;
        _process.WaitForExit(); // drains the output readers
        return true;
    }

    /// <summary>SIGKILL: no cleanup, no acknowledgements, as if the machine died.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}

/// <summary>What a store holds, reduced to counts and one hash over every event, to compare two stores exactly.</summary>
public static class StoreFingerprint
{
    public static (StoreCounts Counts, string EventsHash) Of(IArticleStore store)
    {
        var lines = new List<string>();
        for (int offset = 0; ; offset += 50_000)
        {
            var page = store.QueryEvents(new EventQuery { Limit = 50_000, Offset = offset });
            lines.AddRange(page.Select(e => string.Join('|', e.ArticleId, e.SentenceIndex, e.Cameo, e.Source.Code, e.Source.Start, e.Target?.Code,
                e.Target?.Start, e.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.PredicateStart, e.PredicateEnd,
                e.Location?.Name, e.Entry, e.Negated, e.Modality)));
            if (page.Count < 50_000) break;
        }
        lines.Sort(StringComparer.Ordinal);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
        return (store.Counts(), hash);
    }
}
