using System.Text.Json.Nodes;
using Dyad.Nlp.Conllu;
using Dyad.Nlp.Entities;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;
using Dyad.Nlp.Tagging;

namespace Dyad.Training;

/// <summary>
/// Trains the arc-eager parser with a dynamic oracle (Goldberg and Nivre 2012) on EWT
/// train with jackknifed (5-fold) predicted tags so training sees the tagger's mistakes, on pseudo-projective
/// trees (<see cref="PseudoProjective"/>) so sentences with crossing arcs are used too.
/// </summary>
public static class ParserTrainer
{
    /// <summary>The run `dyad train parser` makes: the PARSER_* variables, or the defaults.</summary>
    public static readonly ParserRun Configured = ParserRun.FromEnvironment();
    public const int Folds = 5;
    public const int JackknifeEpochs = 6;
    public const int JackknifeMinUpdates = 2;
    public const double ExploreProbability = 0.9;
    public const int ExploreFromEpoch = 1;
    public const int MinUpdates = 2;
    /// <summary>
    /// Averaged weights below this are dropped (PARSER_PRUNE_WEIGHT overrides). For the pseudo-projective
    /// candidate 0.5 scored as well on dev as 0.05 (LAS 81.86 against 81.83) in a 9% smaller file.
    /// </summary>
    public static readonly float MinWeight = float.Parse(Environment.GetEnvironmentVariable("PARSER_PRUNE_WEIGHT") ?? "0.05", System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>Lifted labels ("rel^headrel") seen fewer times than this in training lose their decoration (the arc stays lifted).</summary>
    public const int MinLiftedLabelCount = 10;
    /// <summary>
    /// What EWT dev does (PARSER_DEV): "none", monitoring only; "all", also training (monitoring then flatters);
    /// "even" or "odd", the dev documents with even (odd) numbers train and the others are the monitoring set,
    /// which measures on dev whether adding dev to the training data helps; "held-odd" ("held-even") the baseline
    /// for that (see <see cref="TrainingContext.SplitDev"/>).
    /// </summary>
    public static readonly string DevUse = Environment.GetEnvironmentVariable("PARSER_DEV") ?? "none";

    /// <summary>EWT dev split per <see cref="DevUse"/> into sentences to train on and sentences to score on.</summary>
    public static (List<ConlluSentence> Train, List<ConlluSentence> Held) SplitDev(List<ConlluSentence> dev)
        => TrainingContext.SplitDev(dev, DevUse, "PARSER_DEV", s => s.StartsDocument);

    /// <summary>Also train on GUM train, leaving out the genres under a non-commercial licence (PARSER_GUM=0 turns it off).</summary>
    public static readonly bool UseGum = (Environment.GetEnvironmentVariable("PARSER_GUM") ?? "1") == "1";

    /// <summary>
    /// Uptraining (Petrov et al. 2010): CoNLL-U files of news that the shipped pipeline tokenized, tagged and parsed
    /// (`dyad nlp parse`), whose trees are added to the training data with the tags they were parsed with, so that a
    /// cheaper parser learns the news the shipped one reads (PARSER_UPTRAIN=FILE,FILE; default none).
    /// </summary>
    public static readonly string[] UptrainFiles =
        (Environment.GetEnvironmentVariable("PARSER_UPTRAIN") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Word cluster features (PARSER_CLUSTERS=1; off by default, as in the shipped parser): the recogniser's
    /// clusters, copied into the parser file. Without them no cluster template is extracted, in training or at
    /// run time. Averaged over three seeds they added nothing on dev over the same without clusters (models/README.md).
    /// </summary>
    public static readonly bool UseClusters = (Environment.GetEnvironmentVariable("PARSER_CLUSTERS") ?? "0") == "1";

    /// <summary>
    /// Session 12's lean candidate: 28 of the 61 context templates that repeat what others say, chosen on EWT dev
    /// in two rounds of leaving each template out of a trained parser at parse time (`ablate-parser`; models/README.md,
    /// session 12): first word templates (S0-B0 word pairs but the plain one, word with distance, valency or label
    /// set, a word with two tags), then, on the parser trained without those, tag-triple, label and word templates
    /// whose absence cost at most 0.06 dev LAS. Trained without them (four seeds), the parser scores EWT dev and test
    /// LAS as the shipped one and runs 1.5–1.7× faster, but loses on news (GUM news LAS, dev events, two golden event
    /// cases), so it is not shipped.
    /// </summary>
    public static readonly int[] LeanOmittedTemplates =
        [12, 13, 14, 16, 18, 22, 23, 24, 26, 28, 30, 32, 34, 51, 59, 61, 63, 64, 65, 66, 68, 69, 77, 80, 82, 83, 86, 87];

    /// <summary>
    /// Context templates the labelled parser is trained without (PARSER_OMIT: template numbers separated by commas,
    /// "lean" for <see cref="LeanOmittedTemplates"/>, or "none", the default); the file records them, and parsing
    /// leaves them out too.
    /// </summary>
    public static readonly int[] OmittedTemplates = Environment.GetEnvironmentVariable("PARSER_OMIT") switch
    {
        null or "none" => [],
        "lean" => LeanOmittedTemplates,
        { } list => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture))],
    };

    private static readonly bool[] OmittedMask = ParserFeatures.OmissionMask(OmittedTemplates);


    /// <summary>
    /// Weights of the mean of several seeds' models below this are dropped (PARSER_MEAN_PRUNE_WEIGHT): features
    /// that only some seeds kept add to the file's size for little. On dev, the mean of three pruned at
    /// 0.05 / 0.2 / 0.3 / 0.5 scored LAS 82.18 / 82.20 / 82.20 / 82.23 in 42.6 / 39.4 / 33.2 / 25.8 MB.
    /// </summary>
    public static readonly float MeanMinWeight = float.Parse(Environment.GetEnvironmentVariable("PARSER_MEAN_PRUNE_WEIGHT") ?? "0.5", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Dev only: also score the final mean pruned at these weights (PARSER_MEAN_PRUNE_SWEEP, comma-separated).</summary>
    private static readonly float[] MeanPruneSweep = (Environment.GetEnvironmentVariable("PARSER_MEAN_PRUNE_SWEEP") ?? "")
        .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => float.Parse(e, System.Globalization.CultureInfo.InvariantCulture)).ToArray();


    /// <summary>Hierarchical parser: label models over every transition template (PARSER_LABEL_FEATURES=full) instead of the arc's few.</summary>
    public static readonly bool FullLabelFeatures = Environment.GetEnvironmentVariable("PARSER_LABEL_FEATURES") == "full";

    /// <summary>
    /// Hierarchical parser: arc classes per group of relations (PARSER_LABEL_GROUPS=1; <see cref="DependencyParser.GroupedTransitionNames"/>)
    /// instead of one per direction.
    /// </summary>
    public static readonly bool LabelGroups = Environment.GetEnvironmentVariable("PARSER_LABEL_GROUPS") == "1";

    /// <summary>
    /// Hierarchical parser: a wrong label at a gold arc is kept, as a wrong transition is, at the exploration rate
    /// (default); PARSER_LABEL_EXPLORE=0 always applies the gold label there.
    /// </summary>
    public static readonly bool LabelExploration = Environment.GetEnvironmentVariable("PARSER_LABEL_EXPLORE") != "0";

    public sealed record Encoded(ulong[] Words, ulong[] Tags, uint[] Clusters, int[] Gold, int[] GoldLabels, int Length);

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
        => Encode(s, xpos, labelIndex, s.Heads, s.Relations, []);

    public static Encoded Encode(ConlluSentence s, string[] xpos, Dictionary<string, int>? labelIndex, int[] heads, string[] relations, Dictionary<ulong, uint> clusterOf)
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
            gold[i + 1] = heads[i];
            goldLabels[i + 1] = labelIndex != null && labelIndex.TryGetValue(relations[i], out var l) ? l : 0;
        }
        gold[0] = -1;
        // without clusters the span stays empty, so the cluster templates are skipped (as at run time)
        uint[] clusters = clusterOf.Count == 0 ? [] : new uint[s.Count + 1];
        if (clusterOf.Count > 0) DependencyParser.ClustersOf(clusterOf, words, s.Count, clusters);
        return new Encoded(words, tags, clusters, gold, goldLabels, s.Count);
    }

    /// <summary>
    /// Train the run's <see cref="ParserRun.Seeds"/> perceptrons (seeds seed, seed + 1, ...) and average them (the
    /// run defaults to <see cref="Configured"/>); with dev, the dev
    /// scores of each seed's model and of the running means are logged (and the means kept in
    /// PARSER_CHECKPOINT_DIR when set).
    /// </summary>
    public static DependencyParser Train(IReadOnlyList<ConlluSentence> train, string[][] trainTags, int seed,
        IReadOnlyList<ConlluSentence>? dev, string[][]? devTags, Dictionary<ulong, uint> clusters, ParserRun? run = null)
    {
        run ??= Configured;
        if (run.Hierarchical) return TrainHierarchicalSeeds(train, trainTags, seed, dev, devTags, clusters, run);
        if (run.Seeds <= 1) return TrainOne(train, trainTags, seed, dev, devTags, clusters, run);
        var models = new List<LinearModel>();
        DependencyParser? mean = null;
        for (int k = 0; k < run.Seeds; k++)
        {
            var one = TrainOne(train, trainTags, seed + k, dev, devTags, clusters, run);
            models.Add(one.Model);
            if (Environment.GetEnvironmentVariable("PARSER_CHECKPOINT_DIR") is { } seedDir)
                File.WriteAllBytes(Path.Combine(seedDir, $"parser.seed{seed + k}.bin"), ModelFile.Serialize(DependencyParser.Kind, one.Write));
            GC.Collect();
            if (models.Count < 2) continue;
            mean = new DependencyParser(LinearModel.Mean(models, MeanMinWeight), clusters) { OmittedTemplates = OmittedTemplates };
            var meanBytes = ModelFile.Serialize(DependencyParser.Kind, mean.Write);
            if (dev != null && devTags != null)
            {
                var (u, l) = Evaluate(mean, dev, devTags);
                TrainingContext.Log($"parser mean of {models.Count} seeds (prune {MeanMinWeight}): dev UAS {u:F2} LAS {l:F2}, {meanBytes.Length} bytes, {mean.Model.FeatureCount} features, {mean.Model.WeightCount} weights, sha256 {ModelFile.Sha256(meanBytes)}");
                if (k == run.Seeds - 1)
                    foreach (float w in MeanPruneSweep)
                    {
                        var pruned = mean.WithTransitionModel(mean.Model.Pruned(w));
                        var (pu, pl) = Evaluate(pruned, dev, devTags);
                        var prunedBytes = ModelFile.Serialize(DependencyParser.Kind, pruned.Write);
                        TrainingContext.Log($"parser mean of {models.Count} seeds pruned at {w}: dev UAS {pu:F2} LAS {pl:F2}, {prunedBytes.Length} bytes, sha256 {ModelFile.Sha256(prunedBytes)}");
                        if (Environment.GetEnvironmentVariable("PARSER_CHECKPOINT_DIR") is { } sweepDir)
                            File.WriteAllBytes(Path.Combine(sweepDir, $"parser.mean{models.Count}.prune{w.ToString(System.Globalization.CultureInfo.InvariantCulture)}.bin"), prunedBytes);
                    }
            }
            var dir = Environment.GetEnvironmentVariable("PARSER_CHECKPOINT_DIR");
            if (dir != null) File.WriteAllBytes(Path.Combine(dir, $"parser.mean{models.Count}.bin"), meanBytes);
        }
        return mean!;
    }

    /// <summary>The hierarchical parser of one seed, or the mean of the run's seeds' (each of the three models averaged).</summary>
    private static DependencyParser TrainHierarchicalSeeds(IReadOnlyList<ConlluSentence> train, string[][] trainTags, int seed,
        IReadOnlyList<ConlluSentence>? dev, string[][]? devTags, Dictionary<ulong, uint> clusters, ParserRun run)
    {
        var parsers = new List<DependencyParser>();
        for (int k = 0; k < Math.Max(1, run.Seeds); k++)
        {
            parsers.Add(TrainHierarchical(train, trainTags, seed + k, dev, devTags, clusters, run));
            GC.Collect();
        }
        if (parsers.Count == 1) return parsers[0];
        var mean = new DependencyParser(LinearModel.Mean([.. parsers.Select(p => p.Model)], MeanMinWeight),
            LinearModel.Mean([.. parsers.Select(p => p.LeftLabels!)], MeanMinWeight), LinearModel.Mean([.. parsers.Select(p => p.RightLabels!)], MeanMinWeight), clusters, FullLabelFeatures);
        if (dev != null && devTags != null)
        {
            var (u, l) = Evaluate(mean, dev, devTags);
            TrainingContext.Log($"hierarchical parser mean of {parsers.Count} seeds (prune {MeanMinWeight}): dev UAS {u:F2} LAS {l:F2}");
        }
        return mean;
    }

    /// <summary>
    /// One hierarchical parser (<see cref="ParserRun.Hierarchical"/>) trained with one seed. The transition model learns as
    /// the labelled one does, with the dynamic oracle's unlabelled cost. When the transition taken is an arc, its
    /// label is chosen at once (later transitions' features read it): at a gold arc the label model of that
    /// direction is updated towards the gold relation, which is also applied unless exploration keeps the
    /// prediction; a wrong arc takes the label model's prediction. The right-arc label model also learns the
    /// root's arcs (always "root" at parse time), so that its "root" score can rank root candidates for the
    /// parse-time rules.
    /// </summary>
    private static DependencyParser TrainHierarchical(IReadOnlyList<ConlluSentence> train, string[][] trainTags, int seed,
        IReadOnlyList<ConlluSentence>? dev, string[][]? devTags, Dictionary<ulong, uint> clusters, ParserRun run)
    {
        var (trees, projective) = TrainingTrees(train, "hierarchical parser", run.PseudoProjective);
        var labels = DependencyParser.LabelNames(trees.SelectMany(t => t.Relations));
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var data = train.Select((s, i) => Encode(s, trainTags[i], labelIndex, trees[i].Heads, trees[i].Relations, clusters)).ToArray();
        TrainingContext.Log($"hierarchical parser: training on {projective.Length} sentences; {labels.Length} labels");

        var transitionClasses = LabelGroups ? DependencyParser.GroupedTransitionNames : DependencyParser.TransitionClassNames;
        LinearModel Empty(string[] classes) => new(classes, [], [0], [], []);
        var shell = new DependencyParser(Empty(transitionClasses), Empty(labels), Empty(labels), [], FullLabelFeatures);
        var transitions = new AveragedPerceptron(transitionClasses);
        var leftLabels = new AveragedPerceptron(labels);
        var rightLabels = new AveragedPerceptron(labels);
        var rng = new Random(seed);
        var state = new ArcEagerState();
        var features = new ulong[ParserFeatures.MaxFeatures];
        var labelFeatures = new ulong[ParserFeatures.MaxFeatures];
        var scores = new float[transitionClasses.Length];
        var labelScores = new float[labels.Length];
        var costs = new int[transitionClasses.Length];
        var baseCost = new int[4];
        DependencyParser Export() => new(transitions.Export(MinUpdates, MinWeight), leftLabels.Export(MinUpdates, MinWeight), rightLabels.Export(MinUpdates, MinWeight), clusters, FullLabelFeatures);
        for (int epoch = 0; epoch < run.Epochs; epoch++)
        {
            rng.Shuffle(projective);
            long steps = 0, errors = 0, arcs = 0, labelErrors = 0;
            foreach (int si in projective)
            {
                var e = data[si];
                state.Reset(e.Length);
                while (!state.IsTerminal)
                {
                    transitions.Tick();
                    int n = ParserFeatures.Extract(state, e.Words, e.Tags, e.Clusters, features);
                    transitions.Score(features.AsSpan(0, n), scores);
                    int predicted = shell.BestValid(state, scores);
                    for (int t = 0; t < 4; t++) baseCost[t] = state.IsValid((Transition)t) ? state.Cost((Transition)t, e.Gold) : int.MaxValue;
                    int minCost = int.MaxValue;
                    for (int c = 0; c < transitionClasses.Length; c++)
                    {
                        if (!shell.IsValid(state, c)) { costs[c] = int.MaxValue; continue; }
                        var t = shell.ClassTransition[c];
                        int cost = baseCost[(int)t];
                        // an arc onto the gold head in a class without the gold relation loses that labelled arc
                        if (t == Transition.LeftArc && e.Gold[state.S0] == state.Front && shell.LeftClassOf[e.GoldLabels[state.S0]] != c) cost++;
                        if (t == Transition.RightArc && e.Gold[state.Front] == state.S0 && shell.RightClassOf[e.GoldLabels[state.Front]] != c) cost++;
                        costs[c] = cost;
                        minCost = Math.Min(minCost, cost);
                    }
                    int bestGold = -1;
                    for (int c = 0; c < transitionClasses.Length; c++)
                        if (costs[c] == minCost && (bestGold < 0 || scores[c] > scores[bestGold])) bestGold = c;
                    steps++;
                    int next = predicted;
                    if (costs[predicted] != minCost)
                    {
                        errors++;
                        transitions.Update(features.AsSpan(0, n), bestGold, predicted);
                        next = epoch >= ExploreFromEpoch && rng.NextDouble() < ExploreProbability ? predicted : bestGold;
                    }
                    var transition = shell.ClassTransition[next];
                    if (transition is Transition.Shift or Transition.Reduce) { state.Apply(transition, -1); continue; }
                    int head = transition == Transition.LeftArc ? state.Front : state.S0;
                    int dependent = transition == Transition.LeftArc ? state.S0 : state.Front;
                    // a gold arc whose class holds the gold relation: the label model learns from it
                    var classOf = transition == Transition.LeftArc ? shell.LeftClassOf : shell.RightClassOf;
                    bool goldArc = e.Gold[dependent] == head && classOf[e.GoldLabels[dependent]] == next;
                    int label;
                    if (transition == Transition.RightArc && state.S0 == 0 && !goldArc) label = shell.RootLabel;
                    else
                    {
                        var model = transition == Transition.LeftArc ? leftLabels : rightLabels;
                        if (goldArc) model.Tick();
                        int m = shell.LabelFeatures(state, e.Words, e.Tags, labelFeatures);
                        model.Score(labelFeatures.AsSpan(0, m), labelScores);
                        // from the root only "root" is possible; elsewhere anything but "root"
                        int guess = state.S0 == 0 ? shell.RootLabel : shell.BestLabel(labelScores, next, plainOnly: false);
                        label = guess;
                        if (goldArc)
                        {
                            int gold = e.GoldLabels[dependent];
                            arcs++;
                            if (guess != gold)
                            {
                                labelErrors++;
                                if (state.S0 != 0) model.Update(labelFeatures.AsSpan(0, m), gold, guess);
                                label = LabelExploration && epoch >= ExploreFromEpoch && rng.NextDouble() < ExploreProbability ? guess : gold;
                            }
                            if (state.S0 == 0 && !shell.ClassOnlyRoot[next])
                            {
                                // the root's arc: teach "root" against the best other relation, for the root-score rules
                                int other = shell.BestLabel(labelScores, next, plainOnly: false);
                                if (labelScores[other] >= labelScores[shell.RootLabel]) model.Update(labelFeatures.AsSpan(0, m), shell.RootLabel, other);
                            }
                        }
                    }
                    state.Apply(transition, label);
                }
            }
            TrainingContext.Log($"hierarchical parser epoch {epoch + 1}: transition error rate {100.0 * errors / steps:F2}%, label error rate at gold arcs {100.0 * labelErrors / Math.Max(1, arcs):F2}%, features {transitions.FeatureCount} + {leftLabels.FeatureCount} + {rightLabels.FeatureCount}");
            if (dev != null && devTags != null && Checkpoints.Contains(epoch + 1) && epoch + 1 < run.Epochs)
            {
                var snapshot = Export();
                var (cu, cl) = Evaluate(snapshot, dev, devTags);
                TrainingContext.Log($"hierarchical parser after epoch {epoch + 1}: dev UAS {cu:F2} LAS {cl:F2}");
                var dir = Environment.GetEnvironmentVariable("PARSER_CHECKPOINT_DIR");
                if (dir != null) File.WriteAllBytes(Path.Combine(dir, $"parser.seed{seed}.epoch{epoch + 1}.bin"), ModelFile.Serialize(DependencyParser.Kind, snapshot.Write));
            }
        }
        var parser = Export();
        if (dev != null && devTags != null)
        {
            var (uas, las) = Evaluate(parser, dev, devTags);
            TrainingContext.Log($"hierarchical parser seed {seed}: dev UAS {uas:F2} LAS {las:F2} (tags from a tagger trained on train only)");
        }
        return parser;
    }

    /// <summary>One averaged perceptron trained with one seed (training order and exploration).</summary>
    private static DependencyParser TrainOne(IReadOnlyList<ConlluSentence> train, string[][] trainTags, int seed,
        IReadOnlyList<ConlluSentence>? dev, string[][]? devTags, Dictionary<ulong, uint> clusters, ParserRun run)
    {
        var (trees, projective) = TrainingTrees(train, "parser", run.PseudoProjective);
        var labels = trees.SelectMany(t => t.Relations).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToArray();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var data = train.Select((s, i) => Encode(s, trainTags[i], labelIndex, trees[i].Heads, trees[i].Relations, clusters)).ToArray();
        TrainingContext.Log($"parser: training on {projective.Length} sentences; {labels.Length} labels");

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
        for (int epoch = 0; epoch < run.Epochs; epoch++)
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
                    int n = ParserFeatures.Extract(state, e.Words, e.Tags, e.Clusters, features, OmittedMask);
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
            if (dev != null && devTags != null && Checkpoints.Contains(epoch + 1) && epoch + 1 < run.Epochs)
            {
                // the averaged model as it would be after this many epochs (Export leaves the perceptron alone)
                var snapshot = new DependencyParser(perceptron.Export(MinUpdates, MinWeight), clusters) { OmittedTemplates = OmittedTemplates };
                var (cu, cl) = Evaluate(snapshot, dev, devTags);
                var snapshotBytes = ModelFile.Serialize(DependencyParser.Kind, snapshot.Write);
                TrainingContext.Log($"parser after epoch {epoch + 1}: dev UAS {cu:F2} LAS {cl:F2}, sha256 {ModelFile.Sha256(snapshotBytes)}");
                var dir = Environment.GetEnvironmentVariable("PARSER_CHECKPOINT_DIR");
                if (dir != null) File.WriteAllBytes(Path.Combine(dir, $"parser.seed{seed}.epoch{epoch + 1}.bin"), snapshotBytes);
            }
        }
        var parser = new DependencyParser(perceptron.Export(MinUpdates, MinWeight), clusters) { OmittedTemplates = OmittedTemplates };
        if (dev != null && devTags != null)
        {
            var (uas, las) = Evaluate(parser, dev, devTags);
            TrainingContext.Log($"parser seed {seed}: dev UAS {uas:F2} LAS {las:F2} (tags from a tagger trained on train only)");
        }
        return parser;
    }

    /// <summary>Epochs after which training reports dev scores (PARSER_CHECKPOINTS, comma-separated; for choosing the epoch count on dev).</summary>
    private static readonly int[] Checkpoints = (Environment.GetEnvironmentVariable("PARSER_CHECKPOINTS") ?? "")
        .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => int.Parse(e, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// The trees to train on and the sentences to train with: the projective ones as they are, or, with
    /// pseudoProjective, every sentence with its crossing arcs lifted.
    /// </summary>
    private static ((int[] Heads, string[] Relations)[] Trees, int[] Sentences) TrainingTrees(IReadOnlyList<ConlluSentence> train, string parserKind, bool pseudoProjective)
    {
        var trees = train.Select(s => (s.Heads, s.Relations)).ToArray();
        var projective = Enumerable.Range(0, train.Count).Where(i => train[i].IsProjective()).ToArray();
        TrainingContext.Log($"{parserKind}: {projective.Length} of {train.Count} training sentences projective");
        if (!pseudoProjective) return (trees, projective);
        return (LiftedTrees(train), [.. Enumerable.Range(0, train.Count)]);
    }

    /// <summary>
    /// Every training tree made projective (see <see cref="PseudoProjective"/>); lifted labels seen fewer than
    /// <see cref="MinLiftedLabelCount"/> times keep the lift but lose the decoration, so rare pairs add no classes.
    /// </summary>
    public static (int[] Heads, string[] Relations)[] LiftedTrees(IReadOnlyList<ConlluSentence> train)
    {
        var trees = new (int[] Heads, string[] Relations)[train.Count];
        int lifted = 0, lifts = 0;
        for (int i = 0; i < train.Count; i++)
        {
            var s = train[i];
            if (s.IsProjective()) { trees[i] = (s.Heads, s.Relations); continue; }
            var (heads, relations, n) = PseudoProjective.Projectivize(s.Heads, s.Relations);
            trees[i] = (heads, relations);
            lifted++;
            lifts += n;
        }
        var counts = trees.SelectMany(t => t.Relations).Where(r => r.Contains(PseudoProjective.Separator))
            .GroupBy(r => r, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int kept = counts.Count(p => p.Value >= MinLiftedLabelCount);
        for (int i = 0; i < trees.Length; i++)
        {
            var rel = trees[i].Relations;
            if (!rel.Any(r => r.Contains(PseudoProjective.Separator))) continue;
            trees[i] = (trees[i].Heads, rel.Select(r => counts.TryGetValue(r, out int c) && c < MinLiftedLabelCount ? PseudoProjective.BaseRelation(r) : r).ToArray());
        }
        TrainingContext.Log($"parser: {lifted} sentences made projective by {lifts} lifts; {kept} of {counts.Count} lifted labels kept");
        return trees;
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
        var (devTrain, dev) = SplitDev(ctx.EwtSentences("dev"));
        var models = ModelManifest.Load(ctx.ModelsDirectory);
        var tagger = ModelFile.Load(models.PathOf(PosTagger.Kind), PosTagger.Kind, models.Sha256Of(PosTagger.Kind), PosTagger.Read);
        string[][] trainTags;
        var gum = UseGum ? GumEntities.CommercialDocuments(ctx.Gum("train")) : [];
        if (UseGum && TaggerTrainer.UseGum)
        {
            // a tagger that learnt GUM too (TAGGER_GUM=1) would give GUM near-gold tags: then GUM is jackknifed with EWT train
            TrainingContext.Log($"parser: adding {gum.Count} GUM train sentences, jackknifed with EWT train");
            train = [.. train, .. gum];
            trainTags = [.. JackknifeTags(train, ctx.Seed).Select(t => t.Split('\t'))];
        }
        else
        {
            // an optional cache of the jackknifed tags (they are deterministic) saves re-tagging when only the parser changes
            trainTags = JackknifedTrainTags(ctx);
            if (UseGum)
            {
                // the tagger never saw GUM, so its tags there are honest predictions, like the jackknifed ones
                TrainingContext.Log($"parser: adding {gum.Count} GUM train sentences");
                train = [.. train, .. gum];
                trainTags = [.. trainTags, .. gum.Select(s => TagSentence(tagger, s))];
            }
        }
        foreach (var file in UptrainFiles)
        {
            var parsed = ConlluReader.ReadFile(file);
            TrainingContext.Log($"parser: adding {parsed.Count} automatically parsed sentences of {Path.GetFileName(file)}");
            train = [.. train, .. parsed];
            trainTags = [.. trainTags, .. parsed.Select(s => s.Xpos.ToArray())];
        }
        // dev monitoring with tags from a tagger trained on train alone (the shipped tagger saw dev)
        var devTagger = NerTrainer.TrainOnlyTagger(ctx);
        var devTags = dev.Select(s => TagSentence(devTagger, s)).ToArray();
        if (devTrain.Count > 0)
        {
            // the same train-only tagger's tags: honest predictions, like the jackknifed train tags
            TrainingContext.Log($"parser: adding {devTrain.Count} EWT dev sentences (PARSER_DEV={DevUse}); monitoring on {dev.Count}");
            train = [.. train, .. devTrain];
            trainTags = [.. trainTags, .. devTrain.Select(s => TagSentence(devTagger, s))];
        }
        // the recogniser's word clusters (trained before the parser), copied into the parser file
        var clusters = UseClusters
            ? ModelFile.Load(models.PathOf(EntityRecognizer.Kind), EntityRecognizer.Kind, models.Sha256Of(EntityRecognizer.Kind), EntityRecognizer.Read).Clusters
            : [];
        TrainingContext.Log($"parser: {clusters.Count} clustered words");
        var parser = Train(train, trainTags, ctx.Seed, dev, devTags, clusters);
        var bytes = ModelFile.Serialize(DependencyParser.Kind, parser.Write);
        var manifest = ModelManifest.LoadOrCreate(ctx.ModelsDirectory);
        manifest.Put(DependencyParser.Kind, "parser.bin", bytes, new JsonObject
        {
            ["rebuild"] = ctx.RebuildCommand("parser"),
            ["description"] = parser.IsHierarchical
                ? "Greedy arc-eager transition parser with unlabelled transitions and a label model per arc direction, dynamic oracle, averaged perceptrons"
                : "Greedy arc-eager transition parser with labelled transitions and a dynamic oracle, averaged perceptron",
            ["data"] = "UD English EWT v2.16 train (5-fold jackknifed XPOS)"
                + (UseGum ? " and GUM 11.1 train without its non-commercial genres (predicted XPOS)" : "")
                + (UptrainFiles.Length > 0 ? $" and the trees the shipped pipeline gave {string.Join(", ", UptrainFiles.Select(Path.GetFileName))} (uptraining)" : "")
                + DevUse switch
                {
                    "all" => " and EWT v2.16 dev (XPOS from a tagger trained on EWT train)",
                    "none" => "; EWT dev for monitoring only",
                    _ => $"; EWT dev {DevUse}-numbered documents (experiment)",
                }
                + (Configured.PseudoProjective ? "; all sentences, crossing arcs lifted (pseudo-projective)" : "; projective sentences only"),
            ["licence"] = UseGum ? "CC BY-SA 4.0 (model derived from UD English EWT, CC BY-SA 4.0, and GUM's CC BY / CC BY-SA genres)" : "CC BY-SA 4.0 (model derived from UD English EWT)",
            ["hyperParameters"] = new JsonObject
            {
                ["epochs"] = Configured.Epochs, ["seed"] = ctx.Seed, ["seeds"] = Configured.Seeds, ["meanPruneWeight"] = Configured.Seeds > 1 ? MeanMinWeight : null,
                ["wordClusters"] = parser.Clusters.Count, ["jackknifeFolds"] = Folds, ["jackknifeEpochs"] = JackknifeEpochs, ["jackknifeMinUpdates"] = JackknifeMinUpdates,
                ["exploreProbability"] = ExploreProbability, ["exploreFromEpoch"] = ExploreFromEpoch,
                ["pruneMinUpdates"] = MinUpdates, ["pruneMinWeight"] = MinWeight,
                ["pseudoProjective"] = Configured.PseudoProjective ? "head encoding (Nivre and Nilsson 2005)" : "off",
                ["minLiftedLabelCount"] = MinLiftedLabelCount,
                ["liftedLabels"] = parser.Relations.Count(r => r.Contains(PseudoProjective.Separator)),
                ["ewtDev"] = DevUse,
                ["features"] = parser.Model.FeatureCount, ["weights"] = parser.Model.WeightCount,
                ["hierarchical"] = parser.IsHierarchical,
                ["omittedTemplates"] = new JsonArray([.. parser.OmittedTemplates.Select(id => (JsonNode)id)]),
                ["transitionClasses"] = parser.Model.ClassCount,
                ["labelTemplates"] = parser.IsHierarchical ? (parser.FullLabelFeatures ? "all transition templates" : "arc templates (ParserFeatures.ExtractLabel)") : null,
                ["labelFeatures"] = parser.IsHierarchical ? parser.LeftLabels!.FeatureCount + parser.RightLabels!.FeatureCount : null,
                ["labelWeights"] = parser.IsHierarchical ? parser.LeftLabels!.WeightCount + parser.RightLabels!.WeightCount : null,
            },
        });
        manifest.Save();
        TrainingContext.Log($"parser written: {bytes.Length} bytes");
    }
}
