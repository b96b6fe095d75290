using Dyad.Errors;

namespace Dyad.Coding.Events.Dictionary;

public enum PatternTokenKind
{
    /// <summary>A lemma that must be present.</summary>
    Word,
    /// <summary><c>*</c>: one optional word of any kind.</summary>
    Optional,
    /// <summary><c>{obj}</c>: the direct object of a particle verb, zero to <see cref="PredicatePattern.MaxObjectWords"/> words.</summary>
    Object,
}

public readonly record struct PatternToken(PatternTokenKind Kind, string? Lemma)
{
    public override string ToString() => Kind switch
    {
        PatternTokenKind.Word => Lemma!,
        PatternTokenKind.Optional => "*",
        _ => "{obj}",
    };
}

/// <summary>
/// A parsed lemma pattern such as "rule {obj} out", "hold * talk" or "air strike". The head is the word a caller
/// looks up (first word, or for nouns the last word); the words before the head are plain lemmas, so a match can
/// be anchored at the head without search. Immutable; matching allocates only on success.
/// </summary>
public sealed class PredicatePattern
{
    /// <summary>The most words an <c>{obj}</c> slot may take: enough for "the proposal of the EU" style objects,
    /// short enough that a particle far away is not taken for this verb's.</summary>
    public const int MaxObjectWords = 4;

    private readonly PatternToken[] _tokens;

    private PredicatePattern(string text, PatternToken[] tokens, int headOffset)
    {
        Text = text;
        _tokens = tokens;
        HeadOffset = headOffset;
        Head = tokens[headOffset].Lemma!;
        WordCount = tokens.Count(t => t.Kind == PatternTokenKind.Word);
    }

    public string Text { get; }
    public IReadOnlyList<PatternToken> Tokens => _tokens;
    /// <summary>Index of the head within <see cref="Tokens"/>.</summary>
    public int HeadOffset { get; }
    public string Head { get; }
    /// <summary>Number of literal words; a match with more words is more specific.</summary>
    public int WordCount { get; }
    public ArraySegment<PatternToken> BeforeHead => new(_tokens, 0, HeadOffset);
    public ArraySegment<PatternToken> AfterHead => new(_tokens, HeadOffset + 1, _tokens.Length - HeadOffset - 1);

    /// <summary>Parses a pattern; <paramref name="headIsLast"/> puts the head on the last word (noun entries).</summary>
    public static PredicatePattern Parse(string text, bool headIsLast, string where)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw Bad(where, "empty pattern");
        var tokens = new PatternToken[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            tokens[i] = part switch
            {
                "*" => new PatternToken(PatternTokenKind.Optional, null),
                "{obj}" => new PatternToken(PatternTokenKind.Object, null),
                _ when part.Contains('*') || part.Contains('{') || part.Contains('}') =>
                    throw Bad(where, $"'{part}' mixes a wildcard into a word"),
                _ => new PatternToken(PatternTokenKind.Word, string.Intern(part.ToLowerInvariant())),
            };
        }
        if (tokens[0].Kind != PatternTokenKind.Word || tokens[^1].Kind != PatternTokenKind.Word)
            throw Bad(where, $"'{text}' must begin and end with a word");
        if (tokens.Count(t => t.Kind == PatternTokenKind.Object) > 1)
            throw Bad(where, $"'{text}' has more than one {{obj}} slot");
        for (var i = 0; i < tokens.Length - 1; i++)
            if (tokens[i].Kind == PatternTokenKind.Object && tokens[i + 1].Kind != PatternTokenKind.Word)
                throw Bad(where, $"'{text}': {{obj}} must be followed by a word");
        var head = headIsLast ? tokens.Length - 1 : 0;
        for (var i = 0; i < head; i++)
            if (tokens[i].Kind != PatternTokenKind.Word)
                throw Bad(where, $"'{text}': only plain words may come before a noun head");
        return new PredicatePattern(text, tokens, head);
    }

    /// <summary>
    /// Matches the pattern with its head at <paramref name="headIndex"/>. Wildcards take as few words as they can
    /// (so "rule out" binds the particle next to the verb), backtracking when the rest does not fit.
    /// </summary>
    public bool TryMatch(IReadOnlyList<string> lemmas, int headIndex, out PatternSpan span)
    {
        span = default;
        var start = headIndex - HeadOffset;
        if (start < 0 || headIndex >= lemmas.Count) return false;
        for (var i = 0; i <= HeadOffset; i++)
            if (!LemmaMatches(lemmas[start + i], _tokens[i].Lemma!)) return false;

        Span<int> positions = stackalloc int[_tokens.Length];
        for (var i = 0; i <= HeadOffset; i++) positions[i] = start + i;
        var objectStart = -1;
        var objectEnd = -1;
        if (!MatchFrom(lemmas, HeadOffset + 1, headIndex + 1, positions, ref objectStart, ref objectEnd, out var end))
            return false;

        var words = new int[WordCount];
        var w = 0;
        for (var i = 0; i < _tokens.Length; i++)
            if (_tokens[i].Kind == PatternTokenKind.Word) words[w++] = positions[i];
        span = new PatternSpan(start, end, words, objectStart, objectEnd);
        return true;
    }

    /// <summary>The most words a direct object may put between a verb and the noun of its phrase (see <see cref="TryMatchObject"/>).</summary>
    public const int MaxObjectGap = 8;

    /// <summary>
    /// For a verb phrase whose head is followed only by wildcards and then literal words ("fire * * missile",
    /// "impose * * sanction"): matches when those words end at one of <paramref name="objects"/> (the head's direct
    /// objects from the parse), however many modifiers stand between ("fired an unidentified ballistic missile"),
    /// up to <see cref="MaxObjectGap"/>. The wildcards only say that words may intervene; the parse says which noun
    /// the verb acts on.
    /// </summary>
    public bool TryMatchObject(IReadOnlyList<string> lemmas, int headIndex, IReadOnlyList<int> objects, out PatternSpan span)
    {
        span = default;
        if (HeadOffset != 0 || _tokens.Length < 3 || _tokens[1].Kind != PatternTokenKind.Optional) return false;
        if ((uint)headIndex >= (uint)lemmas.Count || !LemmaMatches(lemmas[headIndex], Head)) return false;
        int tailStart = 1;
        while (tailStart < _tokens.Length && _tokens[tailStart].Kind == PatternTokenKind.Optional) tailStart++;
        int tail = _tokens.Length - tailStart;
        for (int j = tailStart; j < _tokens.Length; j++)
            if (_tokens[j].Kind != PatternTokenKind.Word) return false;
        foreach (int noun in objects)
        {
            int first = noun - tail + 1;
            if (first <= headIndex || noun >= lemmas.Count || first - headIndex - 1 > MaxObjectGap) continue;
            bool fits = true;
            for (int j = 0; j < tail && fits; j++) fits = LemmaMatches(lemmas[first + j], _tokens[tailStart + j].Lemma!);
            if (!fits) continue;
            var words = new int[WordCount];
            words[0] = headIndex;
            for (int j = 0; j < tail; j++) words[1 + j] = first + j;
            span = new PatternSpan(headIndex, noun + 1, words, -1, -1);
            return true;
        }
        return false;
    }

    private bool MatchFrom(IReadOnlyList<string> lemmas, int tokenIndex, int position, Span<int> positions,
        ref int objectStart, ref int objectEnd, out int end)
    {
        end = position;
        if (tokenIndex == _tokens.Length) return true;
        var token = _tokens[tokenIndex];
        switch (token.Kind)
        {
            case PatternTokenKind.Word:
                if (position >= lemmas.Count || !LemmaMatches(lemmas[position], token.Lemma!)) return false;
                positions[tokenIndex] = position;
                return MatchFrom(lemmas, tokenIndex + 1, position + 1, positions, ref objectStart, ref objectEnd, out end);
            case PatternTokenKind.Optional:
                positions[tokenIndex] = -1;
                if (MatchFrom(lemmas, tokenIndex + 1, position, positions, ref objectStart, ref objectEnd, out end)) return true;
                if (position >= lemmas.Count || !IsWord(lemmas[position])) return false;
                positions[tokenIndex] = position;
                return MatchFrom(lemmas, tokenIndex + 1, position + 1, positions, ref objectStart, ref objectEnd, out end);
            default:
                for (var length = 0; length <= MaxObjectWords; length++)
                {
                    if (length > 0 && (position + length - 1 >= lemmas.Count || !IsWord(lemmas[position + length - 1])))
                        return false;
                    positions[tokenIndex] = length == 0 ? -1 : position;
                    if (MatchFrom(lemmas, tokenIndex + 1, position + length, positions, ref objectStart, ref objectEnd, out end))
                    {
                        if (length > 0) { objectStart = position; objectEnd = position + length; }
                        return true;
                    }
                }
                return false;
        }
    }

    /// <summary>
    /// Case-insensitive lemma equality that also accepts a plain plural ("talks", "sanctions", "hostilities"),
    /// because lemmatisers differ on nouns that are mostly plural.
    /// </summary>
    public static bool LemmaMatches(string lemma, string word)
    {
        if (string.Equals(lemma, word, StringComparison.OrdinalIgnoreCase)) return true;
        var extra = lemma.Length - word.Length;
        if (extra is < 1 or > 2 || !lemma.EndsWith('s')) return false;
        if (lemma.AsSpan(0, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase))
            return extra == 1 || lemma.EndsWith("es", StringComparison.OrdinalIgnoreCase);
        // -y → -ies: the stem minus its final y is followed by "ies"
        return extra == 2 && word.EndsWith('y') && lemma.EndsWith("ies", StringComparison.OrdinalIgnoreCase)
            && lemma.AsSpan(0, word.Length - 1).Equals(word.AsSpan(0, word.Length - 1), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The singular forms a lemma may stand for under <see cref="LemmaMatches"/>, as slices of it.</summary>
    internal static int SingularLengths(ReadOnlySpan<char> lemma, Span<int> lengths)
    {
        var count = 0;
        if (lemma.Length > 2 && lemma[^1] == 's')
        {
            lengths[count++] = lemma.Length - 1;
            if (lemma.EndsWith("es", StringComparison.OrdinalIgnoreCase)) lengths[count++] = lemma.Length - 2;
        }
        return count;
    }

    private static bool IsWord(string lemma) => lemma.Length > 0 && (char.IsLetterOrDigit(lemma[0]) || lemma[0] == '$' || lemma[0] == '\'');

    private static DyadException Bad(string where, string message) => new(ErrorCode.DataFormat, $"{where}: {message}");

    public override string ToString() => Text;
}

/// <summary>
/// Where a pattern matched: tokens [Start, End), the positions of its literal words in pattern order, and the
/// <c>{obj}</c> words [ObjectStart, ObjectEnd), or -1 for both when the pattern has no object slot or it was empty.
/// </summary>
public readonly record struct PatternSpan(int Start, int End, IReadOnlyList<int> WordPositions, int ObjectStart, int ObjectEnd)
{
    public int Length => End - Start;
    public bool HasObject => ObjectStart >= 0;
}
