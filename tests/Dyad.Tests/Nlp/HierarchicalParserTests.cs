using Dyad.Errors;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;

namespace Dyad.Tests.Nlp;

/// <summary>
/// The hierarchical parser (unlabelled transitions, a label model per arc direction): its file layout, the
/// compact four-class table its transition model is scored from, and how labels are chosen.
/// </summary>
public class HierarchicalParserTests
{
    private static readonly string[] Relations = DependencyParser.LabelNames(["root", "nsubj", "obj", "punct", "dep"]);

    private static LinearModel Empty(string[] classes) => new(classes, [], [0], [], []);

    /// <summary>A model with one row per (key, class, weight), rows sorted by key as exported models have them.</summary>
    private static LinearModel WithWeights(string[] classes, params (ulong Key, int Class, float Weight)[] weights)
    {
        var sorted = weights.OrderBy(w => w.Key).ThenBy(w => w.Class).ToArray();
        var keys = new List<ulong>();
        var rowStart = new List<int> { 0 };
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && sorted[i].Key == sorted[i - 1].Key) { rowStart[^1] = i + 1; continue; }
            keys.Add(sorted[i].Key);
            rowStart.Add(i + 1);
        }
        return new LinearModel(classes, [.. keys], [.. rowStart], [.. sorted.Select(w => (ushort)w.Class)], [.. sorted.Select(w => w.Weight)]);
    }

    private static int Relation(string name) => Array.IndexOf(Relations, name);

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    public void CompactTableScoresAsTheSparseRowsWouldIncludingProbedCollisions(int classCount)
    {
        var classes = Enumerable.Range(0, classCount).Select(c => $"c{c}").ToArray();
        // keys 16 apart share their home slot in a small table, so lookups must follow the probe chain and compare whole keys
        var rng = new Random(7);
        var rows = new List<(ulong Key, int Class, float Weight)>();
        var expected = new Dictionary<ulong, float[]>();
        for (int i = 0; i < 40; i++)
        {
            ulong key = 3 + 16UL * (ulong)i + (i % 5 == 0 ? 1UL << 40 : 0);
            var row = new float[classCount];
            for (int c = 0; c < classCount; c++)
            {
                if (rng.Next(3) == 0) continue;
                float w = (float)(Half)(float)(rng.NextDouble() * 4 - 2);
                if (w == 0) continue;
                rows.Add((key, c, w));
                row[c] = w;
            }
            if (row.Any(w => w != 0)) expected[key] = row;
        }
        var model = WithWeights(classes, [.. rows]);
        Assert.True(model.IsCompact);
        var features = expected.Keys.Concat([99UL, 3UL + 16 * 1000]).ToArray();
        var scores = new float[classCount];
        model.AddScores(features, scores);
        var sums = new float[classCount];
        foreach (var key in features)
            if (expected.TryGetValue(key, out var row)) for (int c = 0; c < classCount; c++) sums[c] += row[c];
        Assert.Equal(sums, scores);

        // one target vector per feature (as the token score cache asks)
        var offsets = Enumerable.Range(0, features.Length).Select(i => classCount * i).ToArray();
        var targets = new float[classCount * features.Length];
        model.AddScores(features, offsets, targets);
        for (int i = 0; i < features.Length; i++)
            Assert.Equal(expected.TryGetValue(features[i], out var row) ? row : new float[classCount], targets.AsSpan(classCount * i, classCount).ToArray());
    }

    [Fact]
    public void BranchFreeHalfConversionEqualsTheScalarOneForEveryFiniteHalf()
    {
        for (int bits = 0; bits < 1 << 16; bits += 4)
        {
            ulong four = (ulong)(uint)bits | (ulong)(uint)(bits + 1) << 16 | (ulong)(uint)(bits + 2) << 32 | (ulong)(uint)(bits + 3) << 48;
            var converted = LinearModel.FourHalves(four);
            for (int k = 0; k < 4; k++)
            {
                ushort half = (ushort)(bits + k);
                if (((half >> 10) & 0x1F) == 0x1F) continue;   // infinities and NaNs: never weights
                Assert.Equal(BitConverter.SingleToInt32Bits(LinearModel.HalfToSingle(half)), BitConverter.SingleToInt32Bits(converted[k]));
            }
        }
    }

    [Fact]
    public void ModelsOfMoreThanTwelveClassesKeepTheSparseLayout()
    {
        Assert.False(Empty([.. Enumerable.Range(0, 13).Select(c => $"c{c}")]).IsCompact);
        Assert.True(Empty(DependencyParser.GroupedTransitionNames).IsCompact);
        Assert.True(Empty(DependencyParser.TransitionClassNames).IsCompact);
    }

    [Fact]
    public void HierarchicalFileRoundTripsAndIsToldApartFromTheLabelledLayout()
    {
        var transitions = WithWeights(DependencyParser.TransitionClassNames, (11UL, 2, 0.5f), (12UL, 3, -1f));
        var left = WithWeights(Relations, (21UL, Relation("nsubj"), 1.25f));
        var right = WithWeights(Relations, (31UL, Relation("obj"), 2f), (31UL, Relation("root"), 0.75f));
        var parser = new DependencyParser(transitions, left, right, []);
        var bytes = ModelFile.Serialize(DependencyParser.Kind, parser.Write);

        var read = DependencyParser.Read(Reader(bytes));

        Assert.True(read.IsHierarchical);
        Assert.Equal(Relations, read.Relations);
        Assert.Equal(Relation("root"), read.RootLabel);
        Assert.Equal(bytes, ModelFile.Serialize(DependencyParser.Kind, read.Write));
        var scores = new float[Relations.Length];
        read.RightLabels!.AddScores([31UL], scores);
        Assert.Equal(2f, scores[Relation("obj")]);

        // a labelled parser's file still reads as one
        var labelled = new DependencyParser(Empty(DependencyParser.ClassNames(Relations)));
        var old = DependencyParser.Read(Reader(ModelFile.Serialize(DependencyParser.Kind, labelled.Write)));
        Assert.False(old.IsHierarchical);
        Assert.Equal(2 + 2 * Relations.Length, old.Model.ClassCount);
    }

    private static BinaryReader Reader(byte[] bytes)
    {
        var r = new BinaryReader(new MemoryStream(bytes));
        r.ReadBytes(7);   // "DYADNLP"
        r.ReadInt32();    // format
        r.ReadString();   // kind
        return r;
    }

    [Fact]
    public void AHierarchicalParserReadsEveryTemplate()
    {
        // its label models read the transition templates too, and its file layout has no place for omissions
        Assert.Throws<DyadException>(() => new DependencyParser(Empty(DependencyParser.TransitionClassNames), Empty(Relations), Empty(Relations), []) { OmittedTemplates = [12] });
    }

    [Fact]
    public void OnlyTheArcFromTheRootIsLabelledRoot()
    {
        var parser = new DependencyParser(Empty(DependencyParser.TransitionClassNames), Empty(Relations), Empty(Relations), []);
        var scores = new float[Relations.Length];
        scores[Relation("root")] = 5;
        scores[Relation("obj")] = 1;
        int right = (int)Transition.RightArc;
        Assert.Equal(Relation("obj"), parser.BestLabel(scores, right, plainOnly: false));

        var state = new ArcEagerState();
        state.Reset(2);
        var (words, tags) = (new ulong[3], new ulong[3]);
        Assert.Equal(parser.RootLabel, parser.BestLabel(state, right, words, tags, new ulong[ParserFeatures.MaxFeatures], scores, plainOnly: false));
    }

    [Fact]
    public void GroupedArcClassesRestrictTheLabelToTheirGroupAndKeepRootToTheRoot()
    {
        var parser = new DependencyParser(Empty(DependencyParser.GroupedTransitionNames), Empty(Relations), Empty(Relations), []);
        int leftCore = Array.IndexOf(DependencyParser.GroupedTransitionNames, "L:core");
        int rightPunct = Array.IndexOf(DependencyParser.GroupedTransitionNames, "R:punct");
        int rightRoot = Array.IndexOf(DependencyParser.GroupedTransitionNames, "R:root");
        Assert.Equal(leftCore, parser.LeftClassOf[Relation("nsubj")]);
        Assert.Equal(-1, parser.LeftClassOf[Relation("root")]);
        Assert.True(parser.ClassOnlyRoot[rightRoot]);
        var scores = new float[Relations.Length];
        scores[Relation("obj")] = 1;
        scores[Relation("nsubj")] = 0.5f;
        scores[Relation("punct")] = -3;
        Assert.Equal(Relation("obj"), parser.BestLabel(scores, leftCore, plainOnly: false));
        Assert.Equal(Relation("punct"), parser.BestLabel(scores, rightPunct, plainOnly: false));

        // from the root only "R:root" may be taken, and nowhere else
        var state = new ArcEagerState();
        state.Reset(2);
        var transitionScores = new float[DependencyParser.GroupedTransitionNames.Length];
        transitionScores[rightPunct] = 5;
        transitionScores[rightRoot] = 1;
        Assert.Equal(rightRoot, parser.BestValid(state, transitionScores));
        state.Apply(Transition.Shift, -1);
        transitionScores[rightRoot] = 9;
        Assert.Equal(rightPunct, parser.BestValid(state, transitionScores));
    }

    /// <summary>Heads and relations the parser gives "police said" (NNS, VBD), indexed from 1.</summary>
    private static (int[] Heads, int[] Labels) ParsePoliceSaid(DependencyParser parser)
    {
        ulong[] words = [DependencyParser.RootWord, FeatureHash.OfLower("police"), FeatureHash.OfLower("said")];
        ulong[] tags = [DependencyParser.RootTag, FeatureHash.Of("NNS"), FeatureHash.Of("VBD")];
        var heads = new int[3];
        var labels = new int[3];
        parser.Parse(new ArcEagerState(), words, tags, 2, heads, labels);
        return (heads, labels);
    }

    [Fact]
    public void ParseLabelsArcsWithTheLabelModelsAndChoosesTheRootByArcPlusRootLabelScore()
    {
        // "police said": an empty transition model shifts both words, leaving no root arc; the root is the word
        // whose right arc from the root scores best with the root label (here "said", through its word), and
        // "police", stray before it, takes the left-arc label model's relation (nsubj, through its tag)
        ulong police = FeatureHash.OfLower("police"), said = FeatureHash.OfLower("said");
        ulong nns = FeatureHash.Of("NNS"), vbd = FeatureHash.Of("VBD");
        var right = WithWeights(Relations, (FeatureHash.Feature(123, said), Relation("root"), 3f), (FeatureHash.Feature(123, police), Relation("root"), 1f));
        var left = WithWeights(Relations, (FeatureHash.Feature(121, nns), Relation("nsubj"), 2f), (FeatureHash.Feature(121, nns), Relation("root"), 9f));
        var parser = new DependencyParser(Empty(DependencyParser.TransitionClassNames), left, right, []);
        var (heads, labels) = ParsePoliceSaid(parser);

        Assert.Equal([2, 0], heads[1..]);
        Assert.Equal(Relation("nsubj"), labels[1]);   // not "root", though the left model scores it higher
        Assert.Equal(parser.RootLabel, labels[2]);
    }

    [Fact]
    public void ArcsChosenByTheTransitionModelTakeTheirLabelRightAway()
    {
        // the transition model prefers a right arc whenever B0 is "said" (template 4: B0's word) and a left arc when
        // S0 is "police" (template 1); the left arc's label (nsubj) is then visible to the next decision's label features
        ulong police = FeatureHash.OfLower("police"), said = FeatureHash.OfLower("said");
        ulong nns = FeatureHash.Of("NNS"), vbd = FeatureHash.Of("VBD");
        var transitions = WithWeights(DependencyParser.TransitionClassNames,
            (FeatureHash.Feature(1, police), (int)Transition.LeftArc, 5f), (FeatureHash.Feature(4, said), (int)Transition.RightArc, 2f));
        var left = WithWeights(Relations, (FeatureHash.Feature(121, nns), Relation("nsubj"), 2f));
        var parser = new DependencyParser(transitions, left, Empty(Relations), []);
        var (heads, labels) = ParsePoliceSaid(parser);

        // shift "police"; left arc police <- said (nsubj); right arc root -> said (root)
        Assert.Equal([2, 0], heads[1..]);
        Assert.Equal([Relation("nsubj"), parser.RootLabel], labels[1..]);
    }
}
