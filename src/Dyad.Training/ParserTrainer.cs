using System.Text.Json.Nodes;
using Dyad.Nlp.Conllu;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;
using Dyad.Nlp.Tagging;

namespace Dyad.Training;

/// <summary>
/// Trains the arc-eager parser with a dynamic oracle (Goldberg and Nivre 2012) and the arc labeller, on EWT
/// train with jackknifed (5-fold) predicted tags so training sees the tagger's mistakes.
/// </summary>
public static class ParserTrainer
{
    public static readonly int Epochs = int.Parse(Environment.GetEnvironmentVariable("PARSER_EPOCHS") ?? "12");
    public const int LabelEpochs = 8;
    public const int Folds = 5;
    public const int JackknifeEpochs = 6;
    public const double ExploreProbability = 0.9;
    public const int ExploreFromEpoch = 1;
    public static readonly int MinUpdates = int.Parse(Environment.GetEnvironmentVariable("PARSER_MINUPD") ?? "2");
    public const float MinWeight = 0.05f;

    public sealed record Encoded(ulong[] Words, ulong[] Tags, int[] Gold, int[] GoldLabels, int Length);

    public static string[] JackknifeTags(IReadOnlyList<ConlluSentence> train, int seed)
    {
        var predicted = new string[train.Count][];
        for (int fold = 0; fold < Folds; fold++)
        {
            var rest = train.Where((_, i) => i % Folds != fold).ToList();
            var tagger = TaggerTrainer.Train(rest, seed + fold, null, JackknifeEpochs);
            for (int i = fold; i < train.Count; i += Folds) predicted[i] = TagSentence(tagger, train[i]);
            TrainingContext.Log($"jackknife fold {fold + 1}/{Folds} tagged");
        }
        return predicted.Select(p => string.Join('\t', p)).ToArray();
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

        var transitions = new AveragedPerceptron(["shift", "reduce", "left", "right"]);
        var rng = new Random(seed);
        var state = new ArcEagerState();
        var features = new ulong[ParserFeatures.MaxFeatures];
        var scores = new float[4];
        var costs = new int[4];
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
                    transitions.Tick();
                    int n = ParserFeatures.Extract(state, e.Words, e.Tags, features);
                    transitions.Score(features.AsSpan(0, n), scores);
                    var predicted = DependencyParser.BestValid(state, scores);
                    int minCost = int.MaxValue;
                    for (int t = 0; t < 4; t++)
                    {
                        costs[t] = state.IsValid((Transition)t) ? state.Cost((Transition)t, e.Gold) : int.MaxValue;
                        minCost = Math.Min(minCost, costs[t]);
                    }
                    int bestGold = -1;
                    for (int t = 0; t < 4; t++)
                        if (costs[t] == minCost && (bestGold < 0 || scores[t] > scores[bestGold])) bestGold = t;
                    steps++;
                    var next = (Transition)bestGold;
                    if (costs[(int)predicted] != minCost)
                    {
                        errors++;
                        transitions.Update(features.AsSpan(0, n), bestGold, (int)predicted);
                        if (epoch >= ExploreFromEpoch && rng.NextDouble() < ExploreProbability) next = predicted;
                    }
                    else next = predicted;
                    state.Apply(next);
                }
            }
            TrainingContext.Log($"parser epoch {epoch + 1}: transition error rate {100.0 * errors / steps:F2}% features {transitions.FeatureCount}");
        }

        var labeller = new AveragedPerceptron(labels);
        var order = Enumerable.Range(0, data.Length).ToArray();
        var labelFeatures = new ulong[LabelFeatures.MaxFeatures];
        var labelScores = new float[labels.Length];
        int rootLabel = labelIndex["root"];
        for (int epoch = 0; epoch < LabelEpochs; epoch++)
        {
            rng.Shuffle(order);
            long total = 0, correct = 0;
            foreach (int si in order)
            {
                var e = data[si];
                var left = new int[e.Length + 1];
                var right = new int[e.Length + 1];
                var count = new int[e.Length + 1];
                LabelFeatures.Children(e.Gold, e.Length, left, right, count);
                for (int d = 1; d <= e.Length; d++)
                {
                    if (e.Gold[d] == 0) continue;
                    labeller.Tick();
                    int n = LabelFeatures.Extract(d, e.Gold, e.Length, e.Words, e.Tags, left, right, count, labelFeatures);
                    labeller.Score(labelFeatures.AsSpan(0, n), labelScores);
                    labelScores[rootLabel] = float.NegativeInfinity;
                    int guess = LinearModel.ArgMax(labelScores);
                    labeller.Update(labelFeatures.AsSpan(0, n), e.GoldLabels[d], guess);
                    total++;
                    if (guess == e.GoldLabels[d]) correct++;
                }
            }
            TrainingContext.Log($"labeller epoch {epoch + 1}: accuracy on gold arcs {100.0 * correct / total:F2}% features {labeller.FeatureCount}");
        }
        var parser = new DependencyParser(transitions.Export(MinUpdates, MinWeight), labeller.Export(MinUpdates, MinWeight));
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
                if (parser.Labels.Classes[labelIds[i + 1]] == s.Relations[i]) las++;
            }
        }
        return (100.0 * uas / total, 100.0 * las / total);
    }

    public static void Run(TrainingContext ctx)
    {
        var train = ctx.EwtSentences("train");
        var dev = ctx.EwtSentences("dev");
        var trainTags = JackknifeTags(train, ctx.Seed).Select(t => t.Split('\t')).ToArray();
        var models = ModelManifest.Load(ctx.ModelsDirectory);
        var tagger = ModelFile.Load(models.PathOf(PosTagger.Kind), PosTagger.Kind, models.Sha256Of(PosTagger.Kind), PosTagger.Read);
        var devTags = dev.Select(s => TagSentence(tagger, s)).ToArray();
        var parser = Train(train, trainTags, ctx.Seed, dev, devTags);
        var bytes = ModelFile.Serialize(DependencyParser.Kind, parser.Write);
        var manifest = ModelManifest.LoadOrCreate(ctx.ModelsDirectory);
        manifest.Put(DependencyParser.Kind, "parser.bin", bytes, new JsonObject
        {
            ["description"] = "Greedy arc-eager transition parser with a dynamic oracle, averaged perceptron; separate arc labeller",
            ["data"] = "UD English EWT v2.16 train, projective sentences, 5-fold jackknifed XPOS (dev for monitoring only)",
            ["licence"] = "CC BY-SA 4.0 (model derived from UD English EWT)",
            ["hyperParameters"] = new JsonObject
            {
                ["epochs"] = Epochs, ["labelEpochs"] = LabelEpochs, ["seed"] = ctx.Seed, ["jackknifeFolds"] = Folds,
                ["exploreProbability"] = ExploreProbability, ["exploreFromEpoch"] = ExploreFromEpoch,
                ["pruneMinUpdates"] = MinUpdates, ["pruneMinWeight"] = MinWeight,
                ["transitionFeatures"] = parser.Transitions.FeatureCount, ["labelFeatures"] = parser.Labels.FeatureCount,
            },
        });
        manifest.Save();
        TrainingContext.Log($"parser written: {bytes.Length} bytes");
    }
}
