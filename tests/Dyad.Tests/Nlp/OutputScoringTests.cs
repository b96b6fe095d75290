using Dyad.Errors;
using Dyad.Nlp.Conllu;

namespace Dyad.Tests.Nlp;

public class OutputScoringTests
{
    /// <summary>CoNLL-U sentences from rows "form lemma upos xpos head relation", sentences apart by a blank line.</summary>
    private static List<ConlluSentence> Conllu(string text, string idPrefix = "s")
    {
        var blocks = text.Trim().Split("\n\n");
        var conllu = string.Join("\n", blocks.Select((block, b) =>
            $"# sent_id = {idPrefix}{b + 1}\n" + string.Join("\n", block.Split('\n').Select((row, i) =>
            {
                var c = row.Trim().Split(' ');
                return $"{i + 1}\t{c[0]}\t{c[1]}\t{c[2]}\t{c[3]}\t_\t{c[4]}\t{c[5]}\t_\t_";
            })) + "\n"));
        return [.. ConlluReader.Read(new StringReader(conllu))];
    }

    private const string Gold = """
        Troops troop NOUN NNS 2 nsubj
        left leave VERB VBD 0 root
        Aleppo Aleppo PROPN NNP 2 obj
        . . PUNCT . 2 punct
        """;

    [Fact]
    public void TheSameFileScoresOneHundred()
    {
        var c = OutputScoring.Compare(Conllu(Gold), Conllu(Gold));
        Assert.Equal(4, c.GoldWords);
        Assert.Equal(100, c.WordF1);
        Assert.Equal(100, c.SentenceF1);
        Assert.Equal(100, c.LasF1);
    }

    [Fact]
    public void OnTheSameWordsEachFigureIsAnAccuracy()
    {
        // UPOS wrong on one word of four; one head wrong (its relation right); one relation with another subtype
        var system = Conllu("""
            Troops troop NOUN NNS 2 nsubj
            left leave VERB VBD 0 root
            Aleppo Aleppo NOUN NNP 2 obj:x
            . . PUNCT . 3 punct
            """);
        var c = OutputScoring.Compare(Conllu(Gold), system);
        Assert.Equal(75, c.UposF1);
        Assert.Equal(100, c.XposF1);
        Assert.Equal(75, c.UasF1);
        Assert.Equal(50, c.LasF1);           // "obj:x" is not "obj"
        Assert.Equal(75, c.LasUniversalF1);  // but its universal part is
    }

    /// <summary>"They don't agree" with the clitic split the UD way.</summary>
    private const string SplitNegation = """
        They they PRON PRP 4 nsubj
        do do AUX VBP 4 aux
        n't not PART RB 4 advmod
        agree agree VERB VB 0 root
        """;

    /// <summary>The same sentence with "don't" kept whole, "They" hanging on word theyHead (2 "don't", 3 "agree").</summary>
    private static List<ConlluSentence> WholeNegation(int theyHead) => Conllu($"""
        They they PRON PRP {theyHead} nsubj
        don't do AUX VBP 3 aux
        agree agree VERB VB 0 root
        """);

    [Fact]
    public void OtherTokenizationsAreAlignedByCharacters()
    {
        var gold = Conllu(SplitNegation);
        // the system keeps "don't" whole: "They" and "agree" align, "don't" matches neither gold word
        var c = OutputScoring.Compare(gold, WholeNegation(theyHead: 3));
        Assert.Equal((4, 3), (c.GoldWords, c.SystemWords));
        Assert.Equal(200.0 * 2 / 7, c.WordF1, 6);
        // "They" heads to "agree", aligned to gold's "agree": right; "agree" is the root in both
        Assert.Equal(200.0 * 2 / 7, c.UasF1, 6);
        Assert.Equal(100, c.SentenceF1);
    }

    [Fact]
    public void AHeadIsRightOnlyWhenItIsTheAlignedGoldHead()
    {
        var gold = Conllu(SplitNegation);
        // "They" points at "don't", which aligns to no gold word, so its head cannot be right
        Assert.Equal(200.0 * 1 / 7, OutputScoring.Compare(gold, WholeNegation(theyHead: 2)).UasF1, 6);
    }

    [Fact]
    public void SentencesMatchByTheirFirstAndLastCharacters()
    {
        var gold = Conllu("""
            Troops troop NOUN NNS 2 nsubj
            left leave VERB VBD 0 root

            Talks talk NOUN NNS 2 nsubj
            ended end VERB VBD 0 root
            """);
        var system = Conllu("""
            Troops troop NOUN NNS 2 nsubj
            left leave VERB VBD 0 root
            Talks talk NOUN NNS 2 nsubj
            ended end VERB VBD 0 root
            """);
        var c = OutputScoring.Compare(gold, system);
        Assert.Equal((2, 1), (c.GoldSentences, c.SystemSentences));
        Assert.Equal(0, c.SentenceF1);
        Assert.Equal(100, c.WordF1);
    }

    [Fact]
    public void FilesSpellingOtherTextsAreRefusedWithWhereTheyDiffer()
    {
        var system = Conllu(Gold.Replace("Aleppo Aleppo", "Alepo Alepo"), "sys");
        var e = Assert.Throws<DyadException>(() => OutputScoring.Compare(Conllu(Gold), system));
        Assert.Equal(ErrorCode.InputMismatch, e.Code);
        Assert.Contains("sentence s1, word 3 'Aleppo'", e.Message);
        Assert.Contains("sentence sys1, word 3 'Alepo'", e.Message);
    }

    private static List<Iob2Sentence> Iob2(params string[] sentences)
        => [.. Iob2Reader.Read(new StringReader(string.Join("", sentences.Select((s, k) => $"# sent_id = n{k + 1}\n"
            + string.Join("", s.Split(' ').Select((wordTag, i) => $"{i + 1}\t{wordTag.Split('/')[0]}\t{wordTag.Split('/')[1]}\t-\t-\n")) + "\n"))))];

    [Fact]
    public void EntitySpansCountOnlyWithTheSameWordsAndType()
    {
        var gold = Iob2("Barack/B-PER Obama/I-PER visited/O New/B-LOC York/I-LOC", "The/O UN/B-ORG met/O");
        // right: Barack Obama; wrong boundary: York alone; wrong type: UN as a place
        var system = Iob2("Barack/B-PER Obama/I-PER visited/O New/O York/B-LOC", "The/O UN/B-LOC met/O");
        var c = OutputScoring.Compare(gold, system);
        Assert.Equal((3, 3), (c.All.Gold, c.All.Predicted));
        Assert.Equal(100.0 / 3, c.All.F1, 6);
        Assert.Equal(100, c.ByType["PER"].F1);
        Assert.Equal((1, 2), (c.ByType["LOC"].Gold, c.ByType["LOC"].Predicted));
        Assert.Equal(0, c.ByType["LOC"].F1);
        Assert.Equal((1, 0), (c.ByType["ORG"].Gold, c.ByType["ORG"].Predicted));
    }

    [Fact]
    public void EntityFilesWithOtherWordsAreRefused()
    {
        var gold = Iob2("Barack/B-PER Obama/I-PER spoke/O", "Talks/O ended/O");
        var e = Assert.Throws<DyadException>(() => OutputScoring.Compare(gold, Iob2("Barack/B-PER Obama/I-PER spoke/O", "Talks/O end/O")));
        Assert.Equal(ErrorCode.InputMismatch, e.Code);
        Assert.Contains("sentence 2 (n2)", e.Message);
        e = Assert.Throws<DyadException>(() => OutputScoring.Compare(gold, Iob2("Barack/B-PER Obama/I-PER spoke/O")));
        Assert.Contains("2 sentences", e.Message);
    }

    /// <summary>Two documents of two sentences: the first names Ann and Rome, the second Bob and Oslo.</summary>
    private static List<Iob2Sentence> TwoDocuments(bool markDocuments, bool secondRight)
    {
        string secondBob = secondRight ? "B-PER" : "B-ORG", secondOslo = secondRight ? "B-LOC" : "O";
        string doc(int d) => markDocuments ? $"# newdoc id = d{d}\n" : "";
        var text = doc(1) + "# sent_id = 1\n1\tAnn\tB-PER\t-\t-\n2\tleft\tO\t-\t-\n\n"
            + "# sent_id = 2\n1\tRome\tB-LOC\t-\t-\n\n"
            + doc(2) + $"# sent_id = 3\n1\tBob\t{secondBob}\t-\t-\n2\tstayed\tO\t-\t-\n\n"
            + $"# sent_id = 4\n1\tOslo\t{secondOslo}\t-\t-\n\n";
        return [.. Iob2Reader.Read(new StringReader(text))];
    }

    [Fact]
    public void TheIntervalResamplesWholeDocuments()
    {
        // the first document all right, the second all wrong: F1 50 over both, 100 or 0 when a draw takes one twice
        var c = OutputScoring.Compare(TwoDocuments(true, true), TwoDocuments(true, false));
        Assert.Equal(2 * 100.0 / 3.5, c.All.F1, 6);   // right 2, predicted 3, gold 4
        var interval = c.Interval!;
        Assert.Equal(("documents", 2, 1000), (interval.Units, interval.Count, interval.Samples));
        Assert.Equal(0, interval.Low);
        Assert.Equal(100, interval.High);
        Assert.InRange(interval.StandardDeviation, 25, 45);
        // the same file scores the same interval every time (a fixed seed)
        Assert.Equal(interval, OutputScoring.Compare(TwoDocuments(true, true), TwoDocuments(true, false)).Interval);
    }

    [Fact]
    public void WithoutDocumentsTheIntervalResamplesSentences()
    {
        var c = OutputScoring.Compare(TwoDocuments(false, true), TwoDocuments(false, false));
        Assert.Equal(("sentences", 4), (c.Interval!.Units, c.Interval.Count));
        // the same spans cut into four units move less together than in two documents: the spread is smaller
        var byDocument = OutputScoring.Compare(TwoDocuments(true, true), TwoDocuments(true, false)).Interval!;
        Assert.InRange(c.Interval.StandardDeviation, 10, byDocument.StandardDeviation - 5);
        var same = OutputScoring.Compare(TwoDocuments(false, true), TwoDocuments(false, true)).Interval!;
        Assert.Equal((100.0, 100.0, 0.0), (same.Low, same.High, same.StandardDeviation));
    }
}
