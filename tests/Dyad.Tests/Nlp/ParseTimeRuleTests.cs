using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;

namespace Dyad.Tests.Nlp;

/// <summary>Parse-time rules after the transitions: the root of a sentence left without one, the closing stop's head.</summary>
public class ParseTimeRuleTests
{
    private static DependencyParser Parser => TestModels.Models.Parser;

    private static (ulong[] Words, ulong[] Tags) Input(params (string Word, string Tag)[] tokens)
    {
        var words = new ulong[tokens.Length + 1];
        var tags = new ulong[tokens.Length + 1];
        words[0] = DependencyParser.RootWord;
        tags[0] = DependencyParser.RootTag;
        for (int i = 0; i < tokens.Length; i++)
        {
            words[i + 1] = FeatureHash.OfLower(tokens[i].Word);
            tags[i + 1] = FeatureHash.Of(tokens[i].Tag);
        }
        return (words, tags);
    }

    private static int Label(string relation) => Array.IndexOf(Parser.Relations, relation);

    [Fact]
    public void WithoutARootArcTheModelsBestRootIsChosenNotTheFirstWord()
    {
        // "Monday police said ." with "police" under "said" and no word under the root: "said" is the root,
        // not "Monday", the first word left without a head
        var (words, tags) = Input(("Monday", "NNP"), ("police", "NNS"), ("said", "VBD"), (".", "."));
        var state = new ArcEagerState();
        state.Reset(4);
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.LeftArc, Label("nsubj"));
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.Shift, -1);
        Assert.True(state.IsTerminal);

        int root = Parser.AttachStrayRoot(state, words, tags, [false, false, false, false, true]);

        Assert.Equal(3, root);
        Assert.Equal(0, state.Heads[3]);
        Assert.Equal(Parser.RootLabel, state.Labels[3]);
        Assert.Equal(ArcEagerState.None, state.Heads[1]); // the other words are left to the stray-word attachment
    }

    [Fact]
    public void AStrayWordTheModelPrefersAsRootTakesTheRootsPlace()
    {
        // "Monday police said ." with "Monday" hung from the root first and "said" (over "police") left stray: "said"
        // becomes the root and "Monday" its dependent, with the relation the model scores best for a left arc
        var (words, tags) = Input(("Monday", "NNP"), ("police", "NNS"), ("said", "VBD"), (".", "."));
        var state = new ArcEagerState();
        state.Reset(4);
        state.Apply(Transition.RightArc, Parser.RootLabel);
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.LeftArc, Label("nsubj"));
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.Shift, -1);
        Assert.True(state.IsTerminal);
        Assert.Equal(0, state.Heads[1]);

        Parser.AttachStrayWords(state, words, tags, [false, false, false, false, true]);

        Assert.Equal(0, state.Heads[3]);
        Assert.Equal(Parser.RootLabel, state.Labels[3]);
        Assert.Equal(1, state.RootChildren);
        Assert.Equal(3, state.Heads[1]);
        Assert.DoesNotContain(Parser.Relations[state.Labels[1]], new[] { "root", "dep" });
        Assert.Equal(ArcEagerState.None, state.Heads[4]); // punctuation is left to Finish
    }

    [Fact]
    public void DetachRecountsTheHeadsChildren()
    {
        var state = new ArcEagerState();
        state.Reset(3);
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.LeftArc, Label("amod"));   // word 2 under word 3
        state.Apply(Transition.LeftArc, Label("det"));    // word 1 under word 3
        Assert.Equal(1, state.LeftMost[3]);
        Assert.Equal(2, state.LeftCount[3]);

        state.Detach(1);

        Assert.Equal(ArcEagerState.None, state.Heads[1]);
        Assert.Equal(2, state.LeftMost[3]);
        Assert.Equal(ArcEagerState.None, state.LeftSecond[3]);
        Assert.Equal(1, state.LeftCount[3]);
        Assert.Equal(1UL << Label("amod"), state.LeftLabelSet[3]);
    }

    [Fact]
    public void OnlyPunctuationLeftGivesNoRootHere()
    {
        var (words, tags) = Input(("-", ":"), (".", "."));
        var state = new ArcEagerState();
        state.Reset(2);
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.Shift, -1);

        Assert.Equal(-1, Parser.AttachStrayRoot(state, words, tags, [false, true, true]));
        Assert.Equal(ArcEagerState.None, state.Heads[1]);
    }

    /// <summary>A finished tree for "He said he would come . ''" with the stop under "come" (word 5).</summary>
    private static ArcEagerState SaidCome(params string[] tagsAfterCome)
    {
        var state = new ArcEagerState();
        state.Reset(5 + tagsAfterCome.Length);
        int[] heads = [0, 2, 0, 5, 5, 2];
        string[] labels = ["", "nsubj", "root", "nsubj", "aux", "ccomp"];
        for (int i = 1; i <= 5; i++) { state.Heads[i] = heads[i]; state.Labels[i] = Label(labels[i]); }
        for (int i = 6; i <= state.Length; i++) { state.Heads[i] = 5; state.Labels[i] = Label("punct"); }
        return state;
    }

    private static ulong[] Tags(params string[] tags) => [DependencyParser.RootTag, .. tags.Select(FeatureHash.Of)];

    [Fact]
    public void TheClosingStopHangsFromTheRootsChild()
    {
        var state = SaidCome(".");
        Parser.AttachFinalStopToRoot(state, Tags("PRP", "VBD", "PRP", "MD", "VB", "."));
        Assert.Equal(2, state.Heads[6]);
        Assert.Equal("punct", Parser.Relations[state.Labels[6]]);
    }

    [Fact]
    public void AClosingQuoteAfterTheStopIsSkippedAndLeftAlone()
    {
        var state = SaidCome(".", "''");
        Parser.AttachFinalStopToRoot(state, Tags("PRP", "VBD", "PRP", "MD", "VB", ".", "''"));
        Assert.Equal(2, state.Heads[6]);
        Assert.Equal(5, state.Heads[7]);
    }

    [Fact]
    public void AStopFollowedByAWordOrACommaIsLeftToTheModel()
    {
        var state = SaidCome(",");
        Parser.AttachFinalStopToRoot(state, Tags("PRP", "VBD", "PRP", "MD", "VB", ","));
        Assert.Equal(5, state.Heads[6]);

        state = SaidCome(".", "-RRB-");
        state.Heads[7] = 5;
        Parser.AttachFinalStopToRoot(state, Tags("PRP", "VBD", "PRP", "MD", "VB", ".", "NN"));
        Assert.Equal(5, state.Heads[6]);
    }
}
