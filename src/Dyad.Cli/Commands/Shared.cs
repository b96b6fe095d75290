using System.CommandLine;
using Dyad.Output;

namespace Dyad.Cli.Commands;

/// <summary>Options several commands share, defined once so their names and help agree everywhere.</summary>
internal static class Shared
{
    public const string DefaultDatabase = "dyad.db";

    public static Option<string> Database() => new("--db")
    {
        Description = "SQLite database file (created when missing), or a PostgreSQL postgres://user@host:port/db URL",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DYAD_DB") ?? DefaultDatabase,
        HelpName = "FILE|URL",
    };

    public static Option<OutputFormat> Format(OutputFormat fallback) => new("--format")
    {
        Description = "output format: jsonl, tsv or table",
        DefaultValueFactory = _ => fallback,
    };

    public static Option<string?> Out() => new("--out", "-o")
    {
        Description = "write to this file instead of standard output",
        HelpName = "FILE",
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "worker threads (default: all cores)",
        DefaultValueFactory = _ => 0,
    };

    public static Option<long> MaxBytes() => new("--max-bytes")
    {
        Description = "refuse input documents larger than this many bytes",
        DefaultValueFactory = _ => 16L * 1024 * 1024,
    };

    public static Argument<string[]> Paths(string description) => new("paths")
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        HelpName = "PATH",
    };

    public static TextWriter OpenOutput(string? path) =>
        path is null ? Console.Out : new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));

    /// <summary>Width for tables: the terminal's when there is one, else a width that reads well in logs.</summary>
    public static int Width()
    {
        try { return Console.IsOutputRedirected ? 160 : Math.Max(100, Console.WindowWidth); }
        catch (IOException) { return 160; }
    }

    /// <summary>The repository (the folder holding Dyad.slnx) above the working directory or the program, if any.</summary>
    public static string? RepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Dyad.slnx"))) return dir.FullName;
        return null;
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"dyad: {message}");
        return 1;
    }
}
