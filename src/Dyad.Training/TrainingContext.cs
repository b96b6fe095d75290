using Dyad.Nlp.Conllu;

namespace Dyad.Training;

/// <summary>Where the treebanks are and where models go, plus the fixed seed every trainer uses.</summary>
public sealed class TrainingContext
{
    public required string DataDirectory { get; init; }
    public required string ModelsDirectory { get; init; }
    public int Seed { get; init; } = DefaultSeed;

    public string Ewt(string split) => Path.Combine(DataDirectory, "ud-english-ewt", $"en_ewt-ud-{split}.conllu.gz");
    public string Gum(string split) => Path.Combine(DataDirectory, "ud-english-gum", $"en_gum-ud-{split}.conllu.gz");
    public string Uner(string split) => Path.Combine(DataDirectory, "uner-english",
        split == "train" ? "en_ewt-ud-train.prerelease.iob2.gz" : $"en_ewt-ud-{split}.iob2");

    private readonly Dictionary<string, List<ConlluSentence>> _cache = [];

    public List<ConlluSentence> EwtSentences(string split)
    {
        if (!_cache.TryGetValue(split, out var list)) _cache[split] = list = ConlluReader.ReadFile(Ewt(split));
        return list;
    }

    public const int DefaultSeed = 20261201;

    /// <summary>Switches that only score, sweep or dump: they leave the written model as it is.</summary>
    private static readonly HashSet<string> ScoringOnlySwitches =
        ["NER_DUMP", "NER_BEAMS", "NER_OSWEEP", "NER_NEWS_DUMP", "PARSER_CHECKPOINTS", "PARSER_CHECKPOINT_DIR", "PARSER_PRUNE_THRESHOLDS", "PARSER_MEAN_PRUNE_SWEEP"];

    /// <summary>
    /// The command line that rebuilds a model bit for bit, for its manifest entry: the training switches this run
    /// was given (PARSER_*, NER_*, in name order), the trainer command, and the seed when it is not the default.
    /// Caches (DYAD_JACKKNIFE_CACHE) are left out: a cached tagging is byte-identical to a fresh one.
    /// </summary>
    public string RebuildCommand(string command) => RebuildCommand(command, Seed, Environment.GetEnvironmentVariables()
        .Cast<System.Collections.DictionaryEntry>().Select(e => ((string)e.Key, (string?)e.Value ?? "")));

    public static string RebuildCommand(string command, int seed, IEnumerable<(string Name, string Value)> environment)
    {
        var words = environment
            .Where(v => (v.Name.StartsWith("PARSER_", StringComparison.Ordinal) || v.Name.StartsWith("NER_", StringComparison.Ordinal))
                && !ScoringOnlySwitches.Contains(v.Name))
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .Select(v => $"{v.Name}={v.Value}")
            .ToList();
        words.Add($"./dyad train {command}");
        if (seed != DefaultSeed) words.Add($"--seed {seed}");
        return string.Join(' ', words);
    }

    public static string FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Dyad.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Dyad.slnx) above the current directory");
    }

    /// <summary>
    /// A dev set split by document for the trainers' *_DEV switches (named by <paramref name="variable"/>): "none",
    /// all of it held for scoring; "all", all of it trained on and scored (scores then flatter); "even" / "odd", the
    /// even- (odd-) numbered documents trained on and the others held, which measures on dev whether adding dev to
    /// the training data helps; "held-even" / "held-odd", the same held half as "odd" / "even" with nothing added,
    /// the baseline for that comparison.
    /// </summary>
    public static (List<T> Train, List<T> Held) SplitDev<T>(List<T> dev, string use, string variable, Func<T, bool> startsDocument)
    {
        if (use == "none") return ([], dev);
        if (use == "all") return (dev, dev);
        if (use is not ("even" or "odd" or "held-even" or "held-odd"))
            throw new ArgumentException($"{variable} must be none, all, even, odd, held-even or held-odd, not '{use}'");
        int parity = use is "even" or "held-odd" ? 0 : 1, doc = -1;
        var train = new List<T>();
        var held = new List<T>();
        foreach (var s in dev)
        {
            if (doc < 0 || startsDocument(s)) doc++;
            (doc % 2 == parity ? train : held).Add(s);
        }
        return use.StartsWith("held-", StringComparison.Ordinal) ? ([], held) : (train, held);
    }

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
