using Xunit.Abstractions;

namespace Dyad.Tests;

/// <summary>A scratch folder removed after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dyad-test-" + Guid.NewGuid().ToString("N")[..12]);

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name, string content)
    {
        var full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
        return full;
    }

    public string File(string name, byte[] content)
    {
        var full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllBytes(full, content);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Finds the repository and ../shared beside it; tests that need shared data skip when it is absent.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Dyad.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Dyad.slnx) above " + AppContext.BaseDirectory);
    }

    /// <summary>The shared folder, or null (with the reason written to the test output) when it is absent.</summary>
    public static string? Shared(ITestOutputHelper? output = null, string? sub = null)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared", sub ?? ""));
        if (Directory.Exists(path) || System.IO.File.Exists(path)) return path;
        output?.WriteLine($"SKIP: {path} is absent; this test needs ../shared beside the repository");
        return null;
    }
}
