using Dyad.Nlp.Conllu;

namespace Dyad.Training;

/// <summary>Where the treebanks are and where models go, plus the fixed seed every trainer uses.</summary>
public sealed class TrainingContext
{
    public required string DataDirectory { get; init; }
    public required string ModelsDirectory { get; init; }
    public int Seed { get; init; } = 20261201;

    public string Ewt(string split) => Path.Combine(DataDirectory, "ud-english-ewt", $"en_ewt-ud-{split}.conllu.gz");
    public string Uner(string split) => Path.Combine(DataDirectory, "uner-english",
        split == "train" ? "en_ewt-ud-train.prerelease.iob2.gz" : $"en_ewt-ud-{split}.iob2");

    private readonly Dictionary<string, List<ConlluSentence>> _cache = [];

    public List<ConlluSentence> EwtSentences(string split)
    {
        if (!_cache.TryGetValue(split, out var list)) _cache[split] = list = ConlluReader.ReadFile(Ewt(split));
        return list;
    }

    public static string FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Dyad.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Dyad.slnx) above the current directory");
    }

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
