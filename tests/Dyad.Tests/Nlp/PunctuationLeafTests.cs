using Dyad.Documents;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;

namespace Dyad.Tests.Nlp;

/// <summary>UD makes punctuation a leaf: the parser never gives a stop or a comma a dependent, and a stray one is "punct".</summary>
public class PunctuationLeafTests
{
    private static DependencyParser Parser => TestModels.Models.Parser;

    private static int ClassOf(Transition transition, string relation)
    {
        for (int c = 0; c < Parser.Model.ClassCount; c++)
            if (Parser.ClassTransition[c] == transition && Parser.Relations[Parser.ClassLabel[c]] == relation) return c;
        throw new InvalidOperationException($"no class {transition} {relation}");
    }

    /// <summary>Scores that put one class far ahead of every other.</summary>
    private static float[] Favouring(int favoured)
    {
        var scores = new float[Parser.Model.ClassCount];
        scores[favoured] = 100;
        return scores;
    }

    [Fact]
    public void AStopInTheBufferTakesNoDependentFromTheStack()
    {
        // "official told ." with "told" on the stack and "." in front of the buffer
        var state = new ArcEagerState();
        state.Reset(2);
        state.Apply(Transition.Shift, -1);
        int stopAsHead = ClassOf(Transition.LeftArc, "nsubj");
        var scores = Favouring(stopAsHead);
        bool[] leaves = [false, false, true];

        Assert.Equal(stopAsHead, Parser.BestValid(state, scores));
        Assert.NotEqual(Transition.LeftArc, Parser.ClassTransition[Parser.BestValid(state, scores, leaves)]);
    }

    [Fact]
    public void AStopOnTheStackTakesNoDependentFromTheBuffer()
    {
        var state = new ArcEagerState();
        state.Reset(2);
        state.Apply(Transition.RightArc, Parser.RootLabel); // word 1 ("—") hangs from the root and sits on the stack
        int dashAsHead = ClassOf(Transition.RightArc, "obj");
        var scores = Favouring(dashAsHead);
        bool[] leaves = [false, true, false];

        Assert.Equal(dashAsHead, Parser.BestValid(state, scores));
        Assert.NotEqual(Transition.RightArc, Parser.ClassTransition[Parser.BestValid(state, scores, leaves)]);
    }

    [Fact]
    public void StrayPunctuationHangsFromTheMainWordAsPunct()
    {
        // "Police said Monday ." with nothing after "said" attached: the stop becomes punct, the other word dep
        var state = new ArcEagerState();
        state.Reset(4);
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.LeftArc, ClassLabelOf("nsubj"));
        state.Apply(Transition.RightArc, Parser.RootLabel);
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.Shift, -1);
        Assert.True(state.IsTerminal);

        state.Finish(Parser.FallbackLabel, Parser.RootLabel, [false, false, false, false, true], Parser.PunctuationLabel);

        Assert.Equal(2, state.Heads[3]);
        Assert.Equal("dep", Parser.Relations[state.Labels[3]]);
        Assert.Equal(2, state.Heads[4]);
        Assert.Equal("punct", Parser.Relations[state.Labels[4]]);
    }

    [Fact]
    public void ASentenceOfPunctuationAloneStillGetsARoot()
    {
        var state = new ArcEagerState();
        state.Reset(2);
        state.Apply(Transition.Shift, -1);
        state.Apply(Transition.Shift, -1);

        state.Finish(Parser.FallbackLabel, Parser.RootLabel, [false, true, true], Parser.PunctuationLabel);

        Assert.Equal(0, state.Heads[1]);
        Assert.Equal(Parser.RootLabel, state.Labels[1]);
        Assert.Equal(1, state.Heads[2]);
        Assert.Equal("punct", Parser.Relations[state.Labels[2]]);
    }

    [Fact]
    public void InAParsedNewsSentenceNoWordHangsFromPunctuationAndTheStopIsPunct()
    {
        var document = TestModels.Models.Pipeline().Process(new Article
        {
            Id = "t",
            Text = "The Taliban will be denied access to any Afghan reserves held in US accounts, a US administration official told AFP on Monday.",
        });
        for (int t = 0; t < document.TokenCount; t++)
            if (document.Head[t] >= 0)
                Assert.False(DependencyParser.IsPunctuationTag(FeatureHash.Of(document.Xpos[document.Head[t]]!)),
                    $"'{document.TokenText(t)}' hangs from '{document.TokenText(document.Head[t])}'");
        // the shipped parser leaves this stop unattached: before stray punctuation was "punct", it was "dep"
        Assert.Equal("punct", document.Relation[document.TokenCount - 1]);
    }

    private static int ClassLabelOf(string relation) => Array.IndexOf(Parser.Relations, relation);
}
