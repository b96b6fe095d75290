using System.Runtime.CompilerServices;

namespace Dyad.Tests.Scale;

/// <summary>
/// The repository root: above the test assembly (the usual build), else above this source file (builds with
/// --artifacts-path put the assembly outside the repository).
/// </summary>
public static class SourceTree
{
    public static string Root { get; } = Find();

    private static string Find([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Dyad.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"cannot find the repository root (Dyad.slnx) above {AppContext.BaseDirectory} or {sourceFile}");
    }
}
