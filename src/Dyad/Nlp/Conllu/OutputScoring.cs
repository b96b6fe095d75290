using Dyad.Errors;

namespace Dyad.Nlp.Conllu;

/// <summary>
/// Scores of a system's CoNLL-U against gold, as percentages. Every figure is an F1 over words: precision is
/// right / system words, recall right / gold words; when both files have the same words it equals accuracy.
/// </summary>
public sealed record ConlluComparison
{
    public int GoldWords { get; init; }
    public int SystemWords { get; init; }
    public int GoldSentences { get; init; }
    public int SystemSentences { get; init; }
    /// <summary>Words whose character span (whitespace left out) is the same in both files.</summary>
    public double WordF1 { get; init; }
    /// <summary>Sentences whose first and last characters are the same in both files.</summary>
    public double SentenceF1 { get; init; }
    public double UposF1 { get; init; }
    public double XposF1 { get; init; }
    public double LemmaF1 { get; init; }
    public double UasF1 { get; init; }
    /// <summary>LAS with the relations' subtypes (nmod:poss must be nmod:poss).</summary>
    public double LasF1 { get; init; }
    /// <summary>LAS on the universal part of each relation, as the CoNLL 2018 shared task's script scores it.</summary>
    public double LasUniversalF1 { get; init; }
}

/// <summary>Span scores of a system's IOB2 against gold: all types and each type (exact words and type).</summary>
public sealed record Iob2Comparison(EntityScores All, IReadOnlyDictionary<string, EntityScores> ByType)
{
    /// <summary>How far All's F1 could move over other documents like these (<see cref="F1Bootstrap"/>).</summary>
    public F1Interval? Interval { get; init; }
}

/// <summary>
/// Compares what `dyad nlp parse` and `dyad nlp ner` (or any other system) wrote with gold files, so anyone can score
/// the outputs: CoNLL-U aligned by characters, the CoNLL 2018 shared task's way, and IOB2 by exact spans.
/// </summary>
public static class OutputScoring
{
    /// <summary>
    /// Aligns the two files' words by their character spans in the text with all whitespace removed (the two texts
    /// must be the same), then counts a word's tag, lemma, head and relation right where they match gold. A head is
    /// right when both are the root or the system's head word is aligned to the gold head word. Multiword-token
    /// lines are not read; their words are.
    /// </summary>
    /// <exception cref="DyadException">InputMismatch when the two files do not spell the same text.</exception>
    public static ConlluComparison Compare(IReadOnlyList<ConlluSentence> gold, IReadOnlyList<ConlluSentence> system)
    {
        var goldWords = Spans(gold, out var goldText);
        var systemWords = Spans(system, out var systemText);
        int differ = FirstDifference(goldText, systemText);
        if (differ >= 0)
            throw new DyadException(ErrorCode.InputMismatch, $"gold and system do not spell the same text: they differ at non-space character {differ} ({Where(gold, goldWords, differ)} in gold, {Where(system, systemWords, differ)} in the system's file)");

        // gold word (sentence, index) by character span, and system word → aligned gold word
        var goldAt = new Dictionary<(int Start, int End), (int Sentence, int Word)>(goldWords.Count);
        foreach (var w in goldWords) goldAt[(w.Start, w.End)] = (w.Sentence, w.Word);
        var aligned = new Dictionary<(int Sentence, int Word), (int Sentence, int Word)>();
        foreach (var w in systemWords)
            if (goldAt.TryGetValue((w.Start, w.End), out var g)) aligned[(w.Sentence, w.Word)] = g;

        int words = 0, upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0, lasUniversal = 0;
        foreach (var ((ss, sw), (gs, gw)) in aligned)
        {
            words++;
            var s = system[ss];
            var g = gold[gs];
            if (s.Upos[sw] == g.Upos[gw]) upos++;
            if (s.Xpos[sw] == g.Xpos[gw]) xpos++;
            if (s.Lemmas[sw] == g.Lemmas[gw]) lemma++;
            int systemHead = s.Heads[sw], goldHead = g.Heads[gw];
            bool headRight = systemHead == 0
                ? goldHead == 0
                : goldHead != 0 && aligned.TryGetValue((ss, systemHead - 1), out var h) && h == (gs, goldHead - 1);
            if (!headRight) continue;
            uas++;
            if (s.Relations[sw] == g.Relations[gw]) las++;
            if (Universal(s.Relations[sw]) == Universal(g.Relations[gw])) lasUniversal++;
        }

        var goldSentences = SentenceSpans(gold, goldWords);
        var systemSentences = SentenceSpans(system, systemWords);
        int sentencesRight = systemSentences.Count(goldSentences.Contains);
        int goldCount = goldWords.Count, systemCount = systemWords.Count;
        return new ConlluComparison
        {
            GoldWords = goldCount, SystemWords = systemCount,
            GoldSentences = goldSentences.Count, SystemSentences = systemSentences.Count,
            WordF1 = F1(words, systemCount, goldCount),
            SentenceF1 = F1(sentencesRight, systemSentences.Count, goldSentences.Count),
            UposF1 = F1(upos, systemCount, goldCount),
            XposF1 = F1(xpos, systemCount, goldCount),
            LemmaF1 = F1(lemma, systemCount, goldCount),
            UasF1 = F1(uas, systemCount, goldCount),
            LasF1 = F1(las, systemCount, goldCount),
            LasUniversalF1 = F1(lasUniversal, systemCount, goldCount),
        };
    }

    /// <summary>
    /// Exact-span scores: a system span is right when gold has the same words and type. The files must hold the same
    /// sentences with the same words, in the same order.
    /// </summary>
    /// <exception cref="DyadException">InputMismatch naming the first sentence where the words differ.</exception>
    public static Iob2Comparison Compare(IReadOnlyList<Iob2Sentence> gold, IReadOnlyList<Iob2Sentence> system)
    {
        if (gold.Count != system.Count)
            throw new DyadException(ErrorCode.InputMismatch, $"gold has {gold.Count} sentences and the system's file {system.Count}");
        var tally = new EntityTally();
        var bootstrap = new F1Bootstrap();
        for (int i = 0; i < gold.Count; i++)
        {
            if (!gold[i].Words.AsSpan().SequenceEqual(system[i].Words))
                throw new DyadException(ErrorCode.InputMismatch, $"sentence {i + 1}{(gold[i].SentenceId is { } id ? $" ({id.Trim()})" : "")}: the system's words differ from gold's");
            var (goldSpans, systemSpans) = (Iob2Reader.Spans(gold[i].Tags).ToHashSet(), Iob2Reader.Spans(system[i].Tags).ToHashSet());
            bootstrap.Add(gold[i], tally.Add(goldSpans, systemSpans), systemSpans.Count, goldSpans.Count);
        }
        return new Iob2Comparison(tally.All, tally.ByType) { Interval = bootstrap.Interval() };
    }

    /// <summary>A relation without its subtype (nmod:poss → nmod), as the CoNLL 2018 script compares them.</summary>
    private static string Universal(string relation)
    {
        int colon = relation.IndexOf(':');
        return colon < 0 ? relation : relation[..colon];
    }

    private static double F1(int right, int system, int gold) => system + gold == 0 ? 0 : 200.0 * right / (system + gold);

    /// <summary>Each word's span in the concatenated text with whitespace removed.</summary>
    private static List<(int Start, int End, int Sentence, int Word)> Spans(IReadOnlyList<ConlluSentence> sentences, out string text)
    {
        var sb = new System.Text.StringBuilder();
        var spans = new List<(int, int, int, int)>();
        for (int s = 0; s < sentences.Count; s++)
            for (int w = 0; w < sentences[s].Count; w++)
            {
                int start = sb.Length;
                foreach (char c in sentences[s].Forms[w])
                    if (!char.IsWhiteSpace(c)) sb.Append(c);
                spans.Add((start, sb.Length, s, w));
            }
        text = sb.ToString();
        return spans;
    }

    private static HashSet<(int Start, int End)> SentenceSpans(IReadOnlyList<ConlluSentence> sentences, List<(int Start, int End, int Sentence, int Word)> words)
    {
        var first = new Dictionary<int, int>();
        var last = new Dictionary<int, int>();
        foreach (var (start, end, s, _) in words)
        {
            first.TryAdd(s, start);
            last[s] = end;
        }
        return [.. first.Keys.Select(s => (first[s], last[s]))];
    }

    private static int FirstDifference(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
            if (a[i] != b[i]) return i;
        return a.Length == b.Length ? -1 : n;
    }

    private static string Where(IReadOnlyList<ConlluSentence> sentences, List<(int Start, int End, int Sentence, int Word)> words, int at)
    {
        foreach (var (start, end, s, w) in words)
            if (end > at || start >= at)
            {
                var id = sentences[s].SentenceId is { } sentenceId ? $"sentence {sentenceId.Trim()}" : $"sentence {s + 1}";
                return $"{id}, word {w + 1} '{sentences[s].Forms[w]}'";
            }
        return "the end of the file";
    }
}
