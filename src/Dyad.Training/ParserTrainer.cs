using System.Text.Json.Nodes;
using Dyad.Nlp.Conllu;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;
using Dyad.Nlp.Tagging;

namespace Dyad.Training;

/// <summary>
/// Trains the arc-eager parser with a dynamic oracle (Goldberg and Nivre 2012) on EWT
/// train with jackknifed (5-fold) predicted tags so training sees the tagger's mistakes.
/// </summary>
public static class ParserTrainer
{
    public const int Epochs = 12;
    public const int Folds = 5;
    public const int JackknifeEpochs = 6;
    public const int JackknifeMinUpdates = 2;
    public const double ExploreProbability = 0.9;
    public const int ExploreFromEpoch = 1;
    public const int MinUpdates = 2;
    public const float MinWeight = 0.05f;
    /// <summary>Also train on GUM train, leaving out the genres under a non-commercial licence (PARSER_GUM=0 turns it off).</summary>
    public static readonly bool UseGum = (Environment.GetEnvironmentVariable("PARSER_GUM") ?? "1") == "1";

    public sealed record Encoded(ulong[] Words, ulong[] Tags, int[] Gold, int[] GoldLabels, int Length);

    public static string[] JackknifeTags(IReadOnlyList<ConlluSentence> train, int seed)
    {
        var predicted = new string[train.Count][];
        for (int fold = 0; fold < Folds; fold++)
        {
            var rest = train.Where((_, i) => i % Folds != fold).ToList();
            var tagger = TaggerTrainer.Train(rest, seed + fold, null, JackknifeEpochs, JackknifeMinUpdates);
            for (int i = fold; i < train.Count; i += Folds) predicted[i] = TagSentence(tagger, train[i]);
            TrainingContext.Log($"jackknife fold {fold + 1}/{Folds} tagged");
        }
        return predicted.Select(p => string.Join('\t', p)).ToArray();
    }

    private static string[][]? _jackknifed;

    /// <summary>
    /// EWT train XPOS, each fold tagged by a tagger trained on the other folds; computed once per process and
    /// kept in the file named by DYAD_JACKKNIFE_CACHE when set (the tags are deterministic, so the cache
    /// changes nothing but time). The parser and the entity recogniser both train on them.
    /// </summary>
    public static string[][] JackknifedTrainTags(TrainingContext ctx)
    {
        if (_jackknifed != null) return _jackknifed;
        var train = ctx.EwtSentences("train");
        var cache = Environment.GetEnvironmentVariable("DYAD_JACKKNIFE_CACHE");
        string[] lines;
        if (cache != null && File.Exists(cache)) lines = File.ReadAllLines(cache);
        else
        {
            lines = JackknifeTags(train, ctx.Seed);
            if (cache != null) File.WriteAllLines(cache, lines);
        }
        return _jackknifed = lines.Select(t => t.Split('\t')).ToArray();
    }

    public static string[] TagSentence(PosTagger tagger, ConlluSentence s)
    {
        var words = TaggerTrainer.Describe(s, tagger.Lexicon);
        var classes = new int[s.Count];
        tagger.Tag(words, classes);
        return classes.Select(c => tagger.Xpos[c]).ToArray();
    }

    public static Encoded Encode(ConlluSentence s, string[] xpos, Dictionary<string, int>? labelIndex)
    {
        var words = new ulong[s.Count + 1];
        var tags = new ulong[s.Count + 1];
        var gold = new int[s.Count + 1];
        var goldLabels = new int[s.Count + 1];
        words[0] = DependencyParser.RootWord;
        tags[0] = DependencyParser.RootTag;
        for (int i = 0; i < s.Count; i++)
        {
            words[i + 1] = FeatureHash.OfLower(s.Forms[i]);
            tags[i + 1] = FeatureHash.Of(xpos[i]);
            gold[i + 1] = s.Heads[i];
            goldLabels[i + 1] = labelIndex != null && labelIndex.TryGetValue(s.Relations[i], out var l) ? l : 0;
        }
        gold[0] = -1;
        return new Encoded(words, tags, gold, goldLabels, s.Count);
    }

    public static DependencyParser Train(IReadOnlyList<ConlluSentence> train, string[][] trainTags, int seed,
        IReadOnlyList<ConlluSentence>? dev, string[][]? devTags)
    {
        var labels = train.SelectMany(s => s.Relations).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToArray();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var data = train.Select((s, i) => Encode(s, trainTags[i], labelIndex)).ToArray();
        var projective = Enumerable.Range(0, train.Count).Where(i => train[i].IsProjective()).ToArray();
        TrainingContext.Log($"parser: {projective.Length} of {train.Count} training sentences projective; {labels.Length} labels");

        var classes = DependencyParser.ClassNames(labels);
        var shell = new DependencyParser(new LinearModel(classes, [], [0], [], []));
        var relationOfLabel = labels.Select(l => Array.IndexOf(shell.Relations, l)).ToArray();
        var perceptron = new AveragedPerceptron(classes);
        var rng = new Random(seed);
        var state = new ArcEagerState();
        var features = new ulong[ParserFeatures.MaxFeatures];
        var scores = new float[classes.Length];
        var costs = new int[classes.Length];
        var baseCost = new int[4];
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            rng.Shuffle(projective);
            long steps = 0, errors = 0;
            foreach (int si in projective)
            {
                var e = data[si];
                state.Reset(e.Length);
                while (!state.IsTerminal)
                {
                    perceptron.Tick();
                    int n = ParserFeatures.Extract(state, e.Words, e.Tags, features);
                    perceptron.Score(features.AsSpan(0, n), scores);
                    int predicted = shell.BestValid(state, scores);
                    for (int t = 0; t < 4; t++) baseCost[t] = state.IsValid((Transition)t) ? state.Cost((Transition)t, e.Gold) : int.MaxValue;
                    int minCost = int.MaxValue;
                    for (int c = 0; c < classes.Length; c++)
                    {
                        if (!shell.IsValid(state, c)) { costs[c] = int.MaxValue; continue; }
                        var t = shell.ClassTransition[c];
                        int cost = baseCost[(int)t];
                        // a right arc or left arc onto the gold head with the wrong label loses that labelled arc
                        if (t == Transition.LeftArc && e.Gold[state.S0] == state.Front && relationOfLabel[e.GoldLabels[state.S0]] != shell.ClassLabel[c]) cost++;
                        if (t == Transition.RightArc && e.Gold[state.Front] == state.S0 && relationOfLabel[e.GoldLabels[state.Front]] != shell.ClassLabel[c]) cost++;
                        costs[c] = cost;
                        minCost = Math.Min(minCost, cost);
                    }
                    int bestGold = -1;
                    for (int c = 0; c < classes.Length; c++)
                        if (costs[c] == minCost && (bestGold < 0 || scores[c] > scores[bestGold])) bestGold = c;
                    steps++;
                    int next = predicted;
                    if (costs[predicted] != minCost)
                    {
                        errors++;
                        perceptron.Update(features.AsSpan(0, n), bestGold, predicted);
                        next = epoch >= ExploreFromEpoch && rng.NextDouble() < ExploreProbability ? predicted : bestGold;
                    }
                    shell.Apply(state, next);
                }
            }
            TrainingContext.Log($"parser epoch {epoch + 1}: transition error rate {100.0 * errors / steps:F2}% features {perceptron.FeatureCount}");
        }
        var parser = new DependencyParser(perceptron.Export(MinUpdates, MinWeight));
        if (dev != null && devTags != null)
        {
            var (uas, las) = Evaluate(parser, dev, devTags);
            TrainingContext.Log($"parser dev UAS {uas:F2} LAS {las:F2} (predicted tags)");
        }
        return parser;
    }

    public static (double Uas, double Las) Evaluate(DependencyParser parser, IReadOnlyList<ConlluSentence> data, string[][] tags)
    {
        long total = 0, uas = 0, las = 0;
        var state = new ArcEagerState();
        for (int si = 0; si < data.Count; si++)
        {
            var s = data[si];
            var e = Encode(s, tags[si], null);
            var heads = new int[s.Count + 1];
            var labelIds = new int[s.Count + 1];
            parser.Parse(state, e.Words, e.Tags, s.Count, heads, labelIds);
            for (int i = 0; i < s.Count; i++)
            {
                total++;
                if (heads[i + 1] != s.Heads[i]) continue;
                uas++;
                if (parser.Relations[labelIds[i + 1]] == s.Relations[i]) las++;
            }
        }
        return (100.0 * uas / total, 100.0 * las / total);
    }

    public static void Run(TrainingContext ctx)
    {
        var train = ctx.EwtSentences("train");
        var dev = ctx.EwtSentences("dev");
        // an optional cache of the jackknifed tags (they are deterministic) saves re-tagging when only the parser changes
        var trainTags = JackknifedTrainTags(ctx);
        var models = ModelManifest.Load(ctx.ModelsDirectory);
        var tagger = ModelFile.Load(models.PathOf(PosTagger.Kind), PosTagger.Kind, models.Sha256Of(PosTagger.Kind), PosTagger.Read);
        if (UseGum)
        {
            // the tagger never saw GUM, so its tags there are honest predictions, like the jackknifed ones
            var gum = GumEntities.CommercialDocuments(Path.Combine(ctx.DataDirectory, "ud-english-gum", "en_gum-ud-train.conllu.gz"));
            TrainingContext.Log($"parser: adding {gum.Count} GUM train sentences");
            train = [.. train, .. gum];
            trainTags = [.. trainTags, .. gum.Select(s => TagSentence(tagger, s))];
        }
        var devTags = dev.Select(s => TagSentence(tagger, s)).ToArray();
        var parser = Train(train, trainTags, ctx.Seed, dev, devTags);
        var bytes = ModelFile.Serialize(DependencyParser.Kind, parser.Write);
        var manifest = ModelManifest.LoadOrCreate(ctx.ModelsDirectory);
        manifest.Put(DependencyParser.Kind, "parser.bin", bytes, new JsonObject
        {
            ["description"] = "Greedy arc-eager transition parser with labelled transitions and a dynamic oracle, averaged perceptron",
            ["data"] = UseGum
                ? "UD English EWT v2.16 train (5-fold jackknifed XPOS) and GUM 11.1 train without its non-commercial genres (predicted XPOS); projective sentences; EWT dev for monitoring only"
                : "UD English EWT v2.16 train, projective sentences, 5-fold jackknifed XPOS (dev for monitoring only)",
            ["licence"] = UseGum ? "CC BY-SA 4.0 (model derived from UD English EWT, CC BY-SA 4.0, and GUM's CC BY / CC BY-SA genres)" : "CC BY-SA 4.0 (model derived from UD English EWT)",
            ["hyperParameters"] = new JsonObject
            {
                ["epochs"] = Epochs, ["seed"] = ctx.Seed, ["jackknifeFolds"] = Folds, ["jackknifeEpochs"] = JackknifeEpochs, ["jackknifeMinUpdates"] = JackknifeMinUpdates,
                ["exploreProbability"] = ExploreProbability, ["exploreFromEpoch"] = ExploreFromEpoch,
                ["pruneMinUpdates"] = MinUpdates, ["pruneMinWeight"] = MinWeight,
                ["features"] = parser.Model.FeatureCount, ["weights"] = parser.Model.WeightCount,
            },
        });
        manifest.Save();
        TrainingContext.Log($"parser written: {bytes.Length} bytes");
    }
}
