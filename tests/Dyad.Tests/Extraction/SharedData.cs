using Xunit.Abstractions;

namespace Dyad.Tests.Extraction;

/// <summary>Finds the read-only data folder ../shared beside the repository, or says why it is absent.</summary>
internal static class SharedData
{
    /// <summary>The shared folder, or null when the repository has no ../shared beside it (tests then skip).</summary>
    public static string? Root { get; } = Locate();

    private static string? Locate()
    {
        // A git worktree outside the main checkout has no ../shared; DYAD_SHARED points at it then.
        var fromEnvironment = Environment.GetEnvironmentVariable("DYAD_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment)) return fromEnvironment;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dyad.slnx"))) dir = dir.Parent;
        if (dir?.Parent is null) return null;
        var shared = Path.Combine(dir.Parent.FullName, "shared");
        return Directory.Exists(shared) ? shared : null;
    }

    /// <summary>The path under ../shared, or null after telling the test output why the test is skipped.</summary>
    public static string? PathOrSkip(ITestOutputHelper output, params string[] parts)
    {
        if (Root is null)
        {
            output.WriteLine("SKIPPED: ../shared is not beside the repository root (no Dyad.slnx parent with a shared/ folder).");
            return null;
        }
        var path = Path.Combine([Root, .. parts]);
        if (File.Exists(path) || Directory.Exists(path)) return path;
        output.WriteLine($"SKIPPED: {path} is absent.");
        return null;
    }
}
