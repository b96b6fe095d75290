using Dyad.Nlp.Conllu;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;
using Xunit;

namespace Dyad.Tests.Nlp;

public class PseudoProjectiveTests
{
    // "A hearing is scheduled on the issue today", with "on the issue" modifying "hearing" (extraposed). Words: 1 A, 2 hearing, 3 is, 4 scheduled, 5 on, 6 the, 7 issue, 8 today; issue(7) depends on hearing(2)
    // while scheduled(4) (the root) lies between them and is not below hearing: a crossing arc.
    private static readonly int[] Heads = [2, 4, 4, 0, 7, 7, 2, 4];
    private static readonly string[] Relations = ["det", "nsubj:pass", "aux:pass", "root", "case", "det", "nmod", "obl:tmod"];

    private static bool IsProjective(int[] heads, string[] relations)
    {
        var s = new ConlluSentence(heads.Length);
        for (int i = 0; i < heads.Length; i++) { s.Heads[i] = heads[i]; s.Relations[i] = relations[i]; s.Forms[i] = "w"; }
        return s.IsProjective();
    }

    [Fact]
    public void LiftingMakesTheTreeProjectiveAndRecordsTheHeadRelation()
    {
        Assert.False(IsProjective(Heads, Relations));
        var (heads, relations, lifts) = PseudoProjective.Projectivize(Heads, Relations);
        Assert.True(IsProjective(heads, relations));
        Assert.Equal(1, lifts);
        Assert.Equal(4, heads[6]);                    // "issue" now hangs from the head of "hearing"
        Assert.Equal("nmod^nsubj:pass", relations[6]);
        Assert.Equal(new[] { 2, 4, 4, 0, 7, 7, 2, 4 }, Heads); // the input is left alone
        Assert.Equal("nmod", PseudoProjective.BaseRelation(relations[6]));
    }

    [Fact]
    public void AProjectiveTreeIsUnchanged()
    {
        int[] heads = [2, 0, 2];
        string[] relations = ["nsubj", "root", "obj"];
        var (h, r, lifts) = PseudoProjective.Projectivize(heads, relations);
        Assert.Equal(0, lifts);
        Assert.Equal(heads, h);
        Assert.Equal(relations, r);
    }

    [Fact]
    public void ParserPutsALiftedArcBackUnderItsSyntacticHead()
    {
        // a model whose only classes come from the lifted tree: the constructor must map "nmod^nsubj:pass"
        string[] labels = ["det", "nsubj:pass", "aux:pass", "root", "case", "nmod", "obl:tmod", "nmod^nsubj:pass"];
        var parser = new DependencyParser(new LinearModel(DependencyParser.ClassNames(labels), [], [0], [], []));
        Assert.True(parser.HasLiftedLabels);
        int Id(string r) => Array.IndexOf(parser.Relations, r);
        // plain relations come first so their numbers do not depend on the lifted ones
        Assert.True(Id("nmod^nsubj:pass") > Id("obl:tmod"));

        var (lifted, liftedRelations, _) = PseudoProjective.Projectivize(Heads, Relations);
        var heads = new int[Heads.Length + 1];
        var labelIds = new int[Heads.Length + 1];
        for (int i = 0; i < Heads.Length; i++) { heads[i + 1] = lifted[i]; labelIds[i + 1] = Id(liftedRelations[i]); }
        PseudoProjective.Deprojectivize(heads, labelIds, Heads.Length, parser.BaseLabel, parser.HeadLabel);
        for (int i = 0; i < Heads.Length; i++)
        {
            Assert.Equal(Heads[i], heads[i + 1]);
            Assert.Equal(Relations[i], parser.Relations[labelIds[i + 1]]);
        }
    }

    [Fact]
    public void ALiftedWordWhoseHeadRelationIsMissingStaysAndLosesTheDecoration()
    {
        string[] labels = ["root", "nmod", "obj", "nmod^nsubj"];
        var parser = new DependencyParser(new LinearModel(DependencyParser.ClassNames(labels), [], [0], [], []));
        int Id(string r) => Array.IndexOf(parser.Relations, r);
        // 1 root, 2 obj of 1, 3 "nmod^nsubj" under 1: no nsubj below 1, so word 3 stays
        int[] heads = [-1, 0, 1, 1];
        int[] labelIds = [-1, Id("root"), Id("obj"), Id("nmod^nsubj")];
        PseudoProjective.Deprojectivize(heads, labelIds, 3, parser.BaseLabel, parser.HeadLabel);
        Assert.Equal(1, heads[3]);
        Assert.Equal("nmod", parser.Relations[labelIds[3]]);
    }

    [Fact]
    public void TheSearchNeverEntersTheLiftedWordsOwnSubtree()
    {
        string[] labels = ["root", "nsubj", "nmod^nsubj"];
        var parser = new DependencyParser(new LinearModel(DependencyParser.ClassNames(labels), [], [0], [], []));
        int Id(string r) => Array.IndexOf(parser.Relations, r);
        // 1 root; 2 "nmod^nsubj" under 1; 3 nsubj under 2 (inside 2's subtree): reattaching 2 to 3 would make a cycle
        int[] heads = [-1, 0, 1, 2];
        int[] labelIds = [-1, Id("root"), Id("nmod^nsubj"), Id("nsubj")];
        PseudoProjective.Deprojectivize(heads, labelIds, 3, parser.BaseLabel, parser.HeadLabel);
        Assert.Equal(1, heads[2]);
    }
}
