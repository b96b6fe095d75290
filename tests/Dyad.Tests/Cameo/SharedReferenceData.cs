using System.Runtime.CompilerServices;

namespace Dyad.Tests.Cameo;

/// <summary>
/// Finds the read-only reference data that sits beside the repository (../shared relative to the folder holding
/// Dyad.slnx; from a git worktree nested deeper, the nearest ancestor's shared/). The repository is found from the
/// test assembly's folder, or, when builds go to an artifacts folder elsewhere, from this source file's compile-time
/// path or the working directory. Tests that need the data skip, saying why, when it is absent.
/// </summary>
internal static class SharedReferenceData
{
    public static string? CameoFile(string name, [CallerFilePath] string sourceFile = "")
    {
        string?[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile), Directory.GetCurrentDirectory()];
        foreach (var start in starts)
        {
            if (string.IsNullOrEmpty(start) || RepositoryRoot(start) is not { } root) continue;
            for (var above = root.Parent; above is not null; above = above.Parent)
            {
                var path = Path.Combine(above.FullName, "shared", "cameo", name);
                if (File.Exists(path)) return path;
            }
        }
        return null;
    }

    private static DirectoryInfo? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dyad.slnx"))) return dir;
        return null;
    }

    /// <summary>Rows of a reference TSV as header-keyed dictionaries.</summary>
    public static List<Dictionary<string, string>> ReadTsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(f => header.Select((h, i) => (h, v: i < f.Length ? f[i] : "")).ToDictionary(p => p.h, p => p.v))
            .ToList();
    }
}
