using System.Runtime.CompilerServices;
using Dyad.Nlp.Models;

namespace Dyad.Tests.Nlp;

/// <summary>
/// The shipped models for tests: found the way the runtime finds them, or else from this source file's place in
/// the repository (builds with an artifacts path outside the repository cannot walk up to models/).
/// </summary>
internal static class TestModels
{
    private static readonly Lazy<NlpModels> Shared = new(() => NlpModels.Load(Directory()));

    public static NlpModels Models => Shared.Value;

    public static string Directory([CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models");
            if (File.Exists(Path.Combine(candidate, ModelManifest.FileName))) return candidate;
        }
        return NlpModels.LocateDirectory();
    }
}
