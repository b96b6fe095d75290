using Dyad.Errors;
using Dyad.Documents;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;

namespace Dyad.Tests.Nlp;

/// <summary>
/// The parser's run-time scoring (single-token templates from <see cref="TokenScoreCache"/>, the rest looked up)
/// against the plain path training uses (every feature of <see cref="ParserFeatures.Extract"/> looked up).
/// </summary>
public class ParserScoringTests
{
    private static readonly string[] Texts =
    [
        "Russian soldiers attacked the town on Monday, and the mayor said that 12 people had been killed.",
        "The U.N. Security Council, which met in New York, called on both sides to stop the fighting immediately.",
        "Protesters who gathered outside the parliament in Kyiv demanded the resignation of the prime minister.",
        "Israel and Hamas agreed to a ceasefire brokered by Egypt and Qatar after eleven days of fighting.",
        "Police said",
    ];

    /// <summary>Sentences tagged by the shipped tagger, as the parser stage hashes them (index 0 the root).</summary>
    private static List<(ulong[] Words, ulong[] Tags, int Length)> Sentences()
    {
        var list = new List<(ulong[], ulong[], int)>();
        foreach (var text in Texts)
        {
            var d = TestModels.Models.Pipeline().Process(new Article { Id = "t", Text = text });
            for (int s = 0; s < d.SentenceCount; s++)
            {
                int n = d.SentenceEndToken[s] - d.SentenceFirstToken[s];
                var words = new ulong[n + 1];
                var tags = new ulong[n + 1];
                ParserStage.SentenceInput(d, s, words, tags);
                list.Add((words, tags, n));
            }
        }
        return list;
    }

    private static uint[] ClustersOf(DependencyParser parser, ulong[] words, int length)
    {
        if (!parser.HasClusters) return [];
        var clusters = new uint[length + 1];
        parser.ClustersOf(words, length, clusters);
        return clusters;
    }

    private static void PlainScores(DependencyParser parser, ArcEagerState state, ulong[] words, ulong[] tags, float[] scores)
    {
        var features = new ulong[ParserFeatures.MaxFeatures];
        int n = ParserFeatures.Extract(state, words, tags, ClustersOf(parser, words, words.Length - 1), features);
        Array.Clear(scores);
        parser.Model.AddScores(features.AsSpan(0, n), scores);
    }

    [Fact]
    public void CachedScoresEqualThePlainLookupAtEveryTransition()
    {
        var parser = TestModels.Models.Parser;
        var cache = new TokenScoreCache(parser.Model, parser.HasClusters);
        var state = new ArcEagerState();
        var features = new ulong[ParserFeatures.MaxFeatures];
        var cached = new float[parser.Model.ClassCount];
        var plain = new float[parser.Model.ClassCount];
        int transitions = 0;
        foreach (var (words, tags, length) in Sentences())
        {
            state.Reset(length);
            var clusters = ClustersOf(parser, words, length);
            cache.Begin(words, tags, clusters, length);
            while (!state.IsTerminal)
            {
                parser.Score(state, words, tags, clusters, cache, features, cached);
                PlainScores(parser, state, words, tags, plain);
                for (int c = 0; c < plain.Length; c++)
                    Assert.True(Math.Abs(cached[c] - plain[c]) <= 1e-4f * (1 + Math.Abs(plain[c])), $"class {c}: {cached[c]} against {plain[c]}");
                parser.Apply(state, parser.BestValid(state, plain));
                transitions++;
            }
        }
        Assert.True(transitions > 100);
    }

    [Fact]
    public void ParsesEqualThoseOfThePlainLookup()
    {
        var parser = TestModels.Models.Parser;
        var state = new ArcEagerState();
        var scores = new float[parser.Model.ClassCount];
        foreach (var (words, tags, length) in Sentences())
        {
            var heads = new int[length + 1];
            var labels = new int[length + 1];
            parser.Parse(state, words, tags, length, heads, labels);
            state.Reset(length);
            while (!state.IsTerminal)
            {
                PlainScores(parser, state, words, tags, scores);
                parser.Apply(state, parser.BestValid(state, scores));
            }
            state.Finish(parser.FallbackLabel, parser.RootLabel);
            var plainHeads = state.Heads[..(length + 1)];
            var plainLabels = state.Labels[..(length + 1)];
            if (parser.HasLiftedLabels) PseudoProjective.Deprojectivize(plainHeads, plainLabels, length, parser.BaseLabel, parser.HeadLabel);
            Assert.Equal(plainHeads[1..], heads[1..]);
            Assert.Equal(plainLabels[1..], labels[1..]);
        }
    }

    [Fact]
    public void ExtractGivesTheSingleTokenTemplatesInTheirTrainingPlaces()
    {
        // training scores features in Extract's order: the single-token ones must stay where they were, so
        // templates 1-11 first, and together with the context templates exactly the full set
        var (words, tags, length) = Sentences()[0];
        var clusters = new uint[length + 1]; // every word without a cluster, but the cluster templates read
        var state = new ArcEagerState();
        state.Reset(length);
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.Shift, -1);
        var all = new ulong[ParserFeatures.MaxFeatures];
        var context = new ulong[ParserFeatures.MaxFeatures];
        int n = ParserFeatures.Extract(state, words, tags, clusters, all);
        int m = ParserFeatures.ExtractContext(state, words, tags, clusters, context);
        Assert.Equal(ParserFeatures.TokenTemplates.Length, n - m);
        var roles = new int[ParserFeatures.RoleCount];
        ParserFeatures.Roles(state, roles);
        var single = ParserFeatures.TokenTemplates.Select(t => ParserFeatures.TokenFeature(t, roles[(int)t.Role], words, tags, clusters)).ToArray();
        Assert.Equal(single[..11], all[..11]);
        Assert.Equal(context[..m].Concat(single).Order(), all[..n].Order());
        // the same template over the same token and role is the same feature whatever the configuration
        Assert.Equal(FeatureHash.Feature(5, tags[state.Front]), single[4]);
    }

    [Fact]
    public void OmittedTemplatesAreLeftOutOfExtractionAndNothingElse()
    {
        // without clusters, Extract gives one feature per template numbered below the cluster templates, in
        // template order: leaving out templates must drop exactly their places, in training and at parse time alike
        int[] ordered = [.. ParserFeatures.TokenTemplates.Select(t => t.Id).Concat(ParserFeatures.ContextTemplateIds)
            .Where(id => id < ParserFeatures.FirstClusterTemplate).Order()];
        int[] omit = [12, 30, 63, 87];
        var mask = ParserFeatures.OmissionMask(omit);
        var parser = TestModels.Models.Parser;
        var state = new ArcEagerState();
        var all = new ulong[ParserFeatures.MaxFeatures];
        var kept = new ulong[ParserFeatures.MaxFeatures];
        var context = new ulong[ParserFeatures.MaxFeatures];
        var keptContext = new ulong[ParserFeatures.MaxFeatures];
        var scores = new float[parser.Model.ClassCount];
        int transitions = 0;
        foreach (var (words, tags, length) in Sentences())
        {
            state.Reset(length);
            while (!state.IsTerminal)
            {
                int n = ParserFeatures.Extract(state, words, tags, [], all);
                int m = ParserFeatures.Extract(state, words, tags, [], kept, mask);
                Assert.Equal(ordered.Length, n);
                Assert.Equal(all[..n].Where((_, i) => !omit.Contains(ordered[i])), kept[..m]);
                int c = ParserFeatures.ExtractContext(state, words, tags, [], context);
                int k = ParserFeatures.ExtractContext(state, words, tags, [], keptContext, mask);
                Assert.Equal(c - omit.Length, k);
                Assert.All(keptContext[..k], f => Assert.Contains(f, context[..c]));
                transitions++;
                Array.Clear(scores);
                parser.Model.AddScores(all.AsSpan(0, n), scores);
                parser.Apply(state, parser.BestValid(state, scores));
            }
        }
        Assert.True(transitions > 50);
    }

    [Fact]
    public void OnlyContextTemplatesCanBeOmitted()
    {
        // the single-token templates are summed from the per-sentence cache, which reads whatever the model has
        Assert.Throws<DyadException>(() => ParserFeatures.OmissionMask([5]));
        Assert.Throws<DyadException>(() => ParserFeatures.OmissionMask([12, 120]));
        Assert.True(ParserFeatures.OmissionMask([12, 90])[90]);
        Assert.Empty(ParserFeatures.OmissionMask([]));
    }

    [Fact]
    public void WithoutClustersNoClusterTemplateIsExtracted()
    {
        // a parser without word clusters (the shipped one) is scored with exactly the templates it was trained on
        var (words, tags, length) = Sentences()[0];
        var state = new ArcEagerState();
        state.Reset(length);
        state.Apply(Transition.Shift, -1);
        var with = new ulong[ParserFeatures.MaxFeatures];
        var without = new ulong[ParserFeatures.MaxFeatures];
        int n = ParserFeatures.Extract(state, words, tags, new uint[length + 1], with);
        int m = ParserFeatures.Extract(state, words, tags, [], without);
        var clusterTemplates = ParserFeatures.TokenTemplates.Count(t => ParserFeatures.ReadsClusters(t.Property));
        Assert.True(clusterTemplates > 0);
        Assert.Equal(n - clusterTemplates - 3, m); // and the three cluster pair templates
        Assert.All(without[..m], f => Assert.Contains(f, with[..n]));
        Assert.False(TestModels.Models.Parser.HasClusters);
    }

    [Fact]
    public void SingleTokenTemplatesReadTheTokensTheyWereTrainedOn()
    {
        // the definitions the shipped model was trained with, written out from the configuration's own fields
        var parser = TestModels.Models.Parser;
        var state = new ArcEagerState();
        var scores = new float[parser.Model.ClassCount];
        var features = new ulong[ParserFeatures.MaxFeatures];
        ulong none = FeatureHash.Of("<none>");
        int checkedWithChildren = 0;
        foreach (var (words, tags, length) in Sentences())
        {
            var clusters = parser.HasClusters ? ClustersOf(parser, words, length) : new uint[length + 1];
            ulong W(int i) => i >= 0 ? words[i] : none;
            ulong T(int i) => i >= 0 ? tags[i] : none;
            ulong C(int i) => i >= 0 ? clusters[i] & 0xFFFF : none;
            ulong K(int i) => i >= 0 ? clusters[i] >> 16 : none;
            state.Reset(length);
            while (!state.IsTerminal)
            {
                int s0 = state.S0, b0 = state.B(0), s0h = s0 > 0 ? state.Heads[s0] : -1;
                int s0l = s0 >= 0 ? state.LeftMost[s0] : -1, s0r = s0 >= 0 ? state.RightMost[s0] : -1, b0l = b0 >= 0 ? state.LeftMost[b0] : -1;
                var expected = new Dictionary<int, ulong>
                {
                    [1] = W(s0), [2] = T(s0), [3] = FeatureHash.Combine(W(s0), T(s0)),
                    [4] = W(b0), [5] = T(b0), [6] = FeatureHash.Combine(W(b0), T(b0)),
                    [7] = W(state.B(1)), [8] = T(state.B(1)), [9] = FeatureHash.Combine(W(state.B(1)), T(state.B(1))),
                    [10] = W(state.B(2)), [11] = T(state.B(2)),
                    [38] = W(s0h), [39] = T(s0h), [40] = W(s0l), [41] = T(s0l), [42] = W(s0r), [43] = T(s0r),
                    [44] = W(b0l), [45] = T(b0l), [46] = W(s0h > 0 ? state.Heads[s0h] : -1), [47] = T(s0h > 0 ? state.Heads[s0h] : -1),
                    [48] = T(s0 >= 0 ? state.LeftSecond[s0] : -1), [49] = T(s0 >= 0 ? state.RightSecond[s0] : -1),
                    [50] = T(b0 >= 0 ? state.LeftSecond[b0] : -1), [55] = W(state.S1), [56] = T(state.S1),
                    [91] = C(s0), [92] = K(s0), [93] = FeatureHash.Combine(C(s0), T(s0)),
                    [94] = C(b0), [95] = K(b0), [96] = FeatureHash.Combine(C(b0), T(b0)),
                    [97] = C(state.B(1)), [98] = K(state.B(1)), [99] = K(state.B(2)), [100] = C(state.S1), [101] = K(state.S1),
                    [102] = C(s0h), [103] = K(s0h), [104] = K(s0l), [105] = K(s0r), [106] = K(b0l),
                };
                var roles = new int[ParserFeatures.RoleCount];
                ParserFeatures.Roles(state, roles);
                Assert.Equal(expected.Count, ParserFeatures.TokenTemplates.Length);
                int n = ParserFeatures.Extract(state, words, tags, clusters, features);
                foreach (var t in ParserFeatures.TokenTemplates)
                {
                    ulong feature = FeatureHash.Feature(t.Id, expected[t.Id]);
                    Assert.Equal(feature, ParserFeatures.TokenFeature(t, roles[(int)t.Role], words, tags, clusters));
                    Assert.Contains(feature, features[..n]);
                }
                if (s0 >= 0 && state.RightSecond[s0] >= 0 && b0 >= 0 && state.LeftSecond[b0] >= 0) checkedWithChildren++;
                Array.Clear(scores);
                parser.Model.AddScores(features.AsSpan(0, n), scores);
                parser.Apply(state, parser.BestValid(state, scores));
            }
        }
        Assert.True(checkedWithChildren > 0);
    }
}
