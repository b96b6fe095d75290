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

    private static void PlainScores(DependencyParser parser, ArcEagerState state, ulong[] words, ulong[] tags, float[] scores)
    {
        var features = new ulong[ParserFeatures.MaxFeatures];
        int n = ParserFeatures.Extract(state, words, tags, features);
        Array.Clear(scores);
        parser.Model.AddScores(features.AsSpan(0, n), scores);
    }

    [Fact]
    public void CachedScoresEqualThePlainLookupAtEveryTransition()
    {
        var parser = TestModels.Models.Parser;
        var cache = new TokenScoreCache(parser.Model);
        var state = new ArcEagerState();
        var features = new ulong[ParserFeatures.MaxFeatures];
        var cached = new float[parser.Model.ClassCount];
        var plain = new float[parser.Model.ClassCount];
        int transitions = 0;
        foreach (var (words, tags, length) in Sentences())
        {
            state.Reset(length);
            cache.Begin(words, tags, length);
            while (!state.IsTerminal)
            {
                parser.Score(state, words, tags, cache, features, cached);
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
        var state = new ArcEagerState();
        state.Reset(length);
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.Shift, -1);
        var all = new ulong[ParserFeatures.MaxFeatures];
        var context = new ulong[ParserFeatures.MaxFeatures];
        int n = ParserFeatures.Extract(state, words, tags, all);
        int m = ParserFeatures.ExtractContext(state, words, tags, context);
        Assert.Equal(ParserFeatures.TokenTemplates.Length, n - m);
        var roles = new int[ParserFeatures.RoleCount];
        ParserFeatures.Roles(state, roles);
        var single = ParserFeatures.TokenTemplates.Select(t => ParserFeatures.TokenFeature(t, roles[(int)t.Role], words, tags)).ToArray();
        Assert.Equal(single[..11], all[..11]);
        Assert.Equal(context[..m].Concat(single).Order(), all[..n].Order());
        // the same template over the same token and role is the same feature whatever the configuration
        Assert.Equal(FeatureHash.Feature(5, tags[state.Front]), single[4]);
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
            ulong W(int i) => i >= 0 ? words[i] : none;
            ulong T(int i) => i >= 0 ? tags[i] : none;
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
                };
                var roles = new int[ParserFeatures.RoleCount];
                ParserFeatures.Roles(state, roles);
                Assert.Equal(expected.Count, ParserFeatures.TokenTemplates.Length);
                int n = ParserFeatures.Extract(state, words, tags, features);
                foreach (var t in ParserFeatures.TokenTemplates)
                {
                    ulong feature = FeatureHash.Feature(t.Id, expected[t.Id]);
                    Assert.Equal(feature, ParserFeatures.TokenFeature(t, roles[(int)t.Role], words, tags));
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
