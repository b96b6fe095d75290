using System.Text.Json.Nodes;
using Dyad.Nlp.Conllu;
using Dyad.Nlp.Models;
using Dyad.Nlp.Tagging;

namespace Dyad.Training;

/// <summary>Trains the joint UPOS+XPOS tagger on EWT train.</summary>
public static class TaggerTrainer
{
    public const int Epochs = 10;
    public const int LexiconMinCount = 3;
    public const double LexiconMinShare = 0.05;
    public const int MinUpdates = 1;
    public const float MinWeight = 0.01f;

    public static string ClassOf(ConlluSentence s, int i) => s.Upos[i] + " " + s.Xpos[i];

    public static PosTagger Train(IReadOnlyList<ConlluSentence> train, int seed, IReadOnlyList<ConlluSentence>? dev, int epochs = Epochs, int minUpdates = MinUpdates)
    {
        var classes = train.SelectMany(s => Enumerable.Range(0, s.Count).Select(i => ClassOf(s, i)))
            .Distinct().OrderBy(c => c, StringComparer.Ordinal).ToArray();
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var lexicon = BuildLexicon(train);
        var perceptron = new AveragedPerceptron(classes);
        var rng = new Random(seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var words = train.Select(s => Describe(s, lexicon)).ToArray();
        var gold = train.Select(s => Enumerable.Range(0, s.Count).Select(i => classIndex[ClassOf(s, i)]).ToArray()).ToArray();
        Span<ulong> features = stackalloc ulong[TaggerFeatures.MaxFeatures];
        var scores = new float[classes.Length];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(order);
            int correct = 0, total = 0;
            foreach (int si in order)
            {
                var w = words[si];
                int prev1 = -1, prev2 = -2;
                for (int i = 0; i < w.Length; i++)
                {
                    perceptron.Tick();
                    int n = TaggerFeatures.Extract(w, i, prev1, prev2, features);
                    int guess = perceptron.Predict(features[..n], scores);
                    perceptron.Update(features[..n], gold[si][i], guess);
                    if (guess == gold[si][i]) correct++;
                    total++;
                    prev2 = prev1;
                    prev1 = guess;
                }
            }
            TrainingContext.Log($"tagger epoch {epoch + 1}: train acc {100.0 * correct / total:F2} features {perceptron.FeatureCount}");
        }
        var tagger = new PosTagger(perceptron.Export(minUpdates, MinWeight), lexicon);
        if (dev != null)
        {
            var (upos, xpos) = Evaluate(tagger, dev);
            TrainingContext.Log($"tagger dev UPOS {upos:F2} XPOS {xpos:F2}");
        }
        return tagger;
    }

    public static WordInfo[] Describe(ConlluSentence s, Dictionary<ulong, ulong> lexicon)
    {
        var w = new WordInfo[s.Count];
        for (int i = 0; i < s.Count; i++)
        {
            w[i] = WordInfo.Of(s.Forms[i]);
            w[i].Ambiguity = lexicon.TryGetValue(w[i].Lower, out var a) ? a : 0;
        }
        return w;
    }

    private static Dictionary<ulong, ulong> BuildLexicon(IReadOnlyList<ConlluSentence> train)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var s in train)
            for (int i = 0; i < s.Count; i++)
            {
                var key = s.Forms[i].ToLowerInvariant();
                if (!counts.TryGetValue(key, out var tags)) counts[key] = tags = [];
                tags[ClassOf(s, i)] = tags.GetValueOrDefault(ClassOf(s, i)) + 1;
            }
        var lexicon = new Dictionary<ulong, ulong>();
        foreach (var (word, tags) in counts)
        {
            int total = tags.Values.Sum();
            if (total < LexiconMinCount) continue;
            var kept = tags.Where(t => t.Value >= LexiconMinShare * total).Select(t => t.Key).OrderBy(t => t, StringComparer.Ordinal);
            lexicon[FeatureHash.OfLower(word)] = FeatureHash.Of(string.Join('|', kept));
        }
        return lexicon;
    }

    public static (double Upos, double Xpos) Evaluate(PosTagger tagger, IReadOnlyList<ConlluSentence> data)
    {
        int upos = 0, xpos = 0, total = 0;
        foreach (var s in data)
        {
            var w = Describe(s, tagger.Lexicon);
            var classes = new int[s.Count];
            tagger.Tag(w, classes);
            for (int i = 0; i < s.Count; i++)
            {
                if (tagger.Upos[classes[i]] == s.Upos[i]) upos++;
                if (tagger.Xpos[classes[i]] == s.Xpos[i]) xpos++;
                total++;
            }
        }
        return (100.0 * upos / total, 100.0 * xpos / total);
    }

    /// <summary>The shipped tagger also learns from EWT dev (more data; test stays unseen). The parser's jackknife uses train only.</summary>
    public static readonly bool IncludeDev = (Environment.GetEnvironmentVariable("TAGGER_DEV") ?? "1") == "1";

    /// <summary>Also train on GUM train without its non-commercial genres (TAGGER_GUM=1; experiment, off by default).</summary>
    public static readonly bool UseGum = (Environment.GetEnvironmentVariable("TAGGER_GUM") ?? "0") == "1";

    public static void Run(TrainingContext ctx)
    {
        List<ConlluSentence> train = IncludeDev ? [.. ctx.EwtSentences("train"), .. ctx.EwtSentences("dev")] : ctx.EwtSentences("train");
        if (UseGum)
        {
            var gum = GumEntities.CommercialDocuments(ctx.Gum("train"));
            TrainingContext.Log($"tagger: adding {gum.Count} GUM train sentences");
            train = [.. train, .. gum];
        }
        var tagger = Train(train, ctx.Seed, IncludeDev ? null : ctx.EwtSentences("dev"));
        var bytes = ModelFile.Serialize(PosTagger.Kind, tagger.Write);
        var manifest = ModelManifest.LoadOrCreate(ctx.ModelsDirectory);
        manifest.Put(PosTagger.Kind, "tagger.bin", bytes, new JsonObject
        {
            ["rebuild"] = ctx.RebuildCommand("tagger"),
            ["description"] = "Greedy averaged-perceptron tagger; joint UPOS+XPOS classes",
            ["data"] = IncludeDev ? "UD English EWT v2.16 train and dev" : "UD English EWT v2.16 train (dev for monitoring only)",
            ["licence"] = "CC BY-SA 4.0 (model derived from UD English EWT)",
            ["hyperParameters"] = new JsonObject
            {
                ["epochs"] = Epochs, ["seed"] = ctx.Seed, ["includesDev"] = IncludeDev, ["lexiconMinCount"] = LexiconMinCount,
                ["lexiconMinShare"] = LexiconMinShare, ["pruneMinUpdates"] = MinUpdates, ["pruneMinWeight"] = MinWeight,
                ["features"] = tagger.Model.FeatureCount, ["weights"] = tagger.Model.WeightCount,
            },
        });
        manifest.Save();
        TrainingContext.Log($"tagger written: {bytes.Length} bytes");
    }
}
