using Dyad.Documents;

namespace Dyad.Nlp.Tokenization;

/// <summary>What the tokenizer noticed about a token that matters for sentence splitting.</summary>
public enum TokenKind : byte
{
    Word,
    Number,
    Punctuation,
    /// <summary>Runs of . ! ? and the ellipsis character.</summary>
    Terminal,
    /// <summary>An abbreviation keeping its period (Inc., U.S., Sept.).</summary>
    Abbreviation,
    /// <summary>A title or initial (Mr., Gen., J.): never ends a sentence.</summary>
    Title,
    Url,
    Email,
    Bullet,
}

/// <summary>Tokens and sentence starts for one text; reusable lists so a caller can avoid reallocating.</summary>
public sealed class TokenizedText
{
    public List<int> Starts { get; } = [];
    public List<int> Ends { get; } = [];
    public List<TokenKind> Kinds { get; } = [];
    /// <summary>Newlines in the gap before the token (2 for a blank line or a removed block).</summary>
    public List<int> NewlinesBefore { get; } = [];
    public List<bool> SpaceBefore { get; } = [];
    public List<bool> SentenceStarts { get; } = [];
    public int Count => Starts.Count;

    public void Clear()
    {
        Starts.Clear(); Ends.Clear(); Kinds.Clear(); NewlinesBefore.Clear(); SpaceBefore.Clear(); SentenceStarts.Clear();
    }
}

/// <summary>
/// Rule-based tokenizer and sentence splitter for news as scraped, following UD English conventions: clitics
/// split ("Russia's" → Russia 's, "don't" → do n't), hyphens and slashes split, abbreviations, initials, URLs,
/// e-mail addresses and numbers kept whole, units split from numbers. Offsets are exact character offsets.
/// A line without final punctuation (a headline, a caption, a bullet) ends its sentence; a blank line always does.
/// </summary>
public static class NewsTokenizer
{
    public static TokenizedText Tokenize(string text, IReadOnlyList<CharSpan>? skipped = null)
    {
        var result = new TokenizedText();
        Tokenize(text, skipped ?? [], result);
        return result;
    }

    public static void Tokenize(string text, IReadOnlyList<CharSpan> skipped, TokenizedText output)
    {
        output.Clear();
        var blocks = skipped.Count == 0 ? [] : skipped.OrderBy(s => s.Start).ToArray();
        int blockIndex = 0;
        int pos = 0, newlines = 2;
        bool space = true;
        while (pos < text.Length)
        {
            while (blockIndex < blocks.Length && blocks[blockIndex].End <= pos) blockIndex++;
            if (blockIndex < blocks.Length && blocks[blockIndex].Start <= pos)
            {
                pos = blocks[blockIndex].End;
                newlines = 2;
                space = true;
                continue;
            }
            char c = text[pos];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '\u200b' || c == '\ufeff')
            {
                if (c == '\n' || c == '\u2028' || c == '\u2029') newlines++;
                space = true;
                pos++;
                continue;
            }
            int limit = blockIndex < blocks.Length ? Math.Min(text.Length, blocks[blockIndex].Start) : text.Length;
            bool lineStart = newlines > 0;
            var (end, kind) = ScanToken(text, pos, limit, lineStart);
            output.Starts.Add(pos);
            output.Ends.Add(end);
            output.Kinds.Add(kind);
            output.NewlinesBefore.Add(Math.Min(newlines, 2));
            output.SpaceBefore.Add(space);
            newlines = 0;
            space = false;
            pos = end;
        }
        SplitSentences(text, output);
    }

    // ---- tokens ----

    private static (int End, TokenKind Kind) ScanToken(string text, int pos, int limit, bool lineStart)
    {
        char c = text[pos];
        if (IsUrlStart(text, pos, limit)) return (TrimTrailing(text, pos, ChunkEnd(text, pos, limit)), TokenKind.Url);
        int chunkEnd = ChunkEnd(text, pos, limit);
        if (IsWordChar(c) && LooksLikeEmail(text, pos, chunkEnd)) return (TrimTrailing(text, pos, chunkEnd), TokenKind.Email);
        if (lineStart && IsBulletAt(text, pos, limit)) return (pos + 1, TokenKind.Bullet);

        // clitics glued to the previous word: 's 'm 'd 'll 're 've and n't
        if (pos > 0 && IsWordChar(text[pos - 1]))
        {
            int clitic = CliticLength(text, pos, limit);
            if (clitic > 0) return (pos + clitic, TokenKind.Word);
        }
        if (char.IsDigit(c)) return ScanNumber(text, pos, limit);
        if (IsWordChar(c)) return ScanWord(text, pos, limit);
        return ScanPunctuation(text, pos, limit);
    }

    private static int ChunkEnd(string text, int pos, int limit)
    {
        int p = pos;
        while (p < limit && !char.IsWhiteSpace(text[p])) p++;
        return p;
    }

    private static bool IsUrlStart(string text, int pos, int limit)
    {
        var rest = text.AsSpan(pos, limit - pos);
        return rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || (rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && rest.Length > 5 && char.IsLetterOrDigit(rest[4]));
    }

    private static bool LooksLikeEmail(string text, int start, int end)
    {
        int at = text.IndexOf('@', start, end - start);
        if (at <= start || at + 1 >= end) return false;
        for (int p = start; p < at; p++)
            if (!(IsWordChar(text[p]) || text[p] is '.' or '_' or '-' or '+')) return false;
        int dot = text.IndexOf('.', at + 1, end - at - 1);
        return dot > at + 1 && dot + 1 < end && char.IsLetter(text[dot + 1]);
    }

    /// <summary>Drop sentence punctuation and closing quotes from the end of a URL or address; keep a balanced ')'.</summary>
    private static int TrimTrailing(string text, int start, int end)
    {
        while (end > start + 1)
        {
            char last = text[end - 1];
            if (last == ')')
            {
                int open = 0, close = 0;
                for (int p = start; p < end; p++) { if (text[p] == '(') open++; else if (text[p] == ')') close++; }
                if (open >= close) break;
            }
            else if (!(last is '.' or ',' or ';' or ':' or '!' or '?' or '"' or '\'' or ']' or '}' or '>'
                       or '\u201d' or '\u2019' or '\u00bb')) break;
            end--;
        }
        return end;
    }

    private static bool IsBulletAt(string text, int pos, int limit)
    {
        char c = text[pos];
        bool bulletChar = c is '\u2022' or '\u25cf' or '\u25aa' or '\u25a0' or '\u2023' or '\u2043' or '\u25e6' or '\u00b7' or '*' or '-' or '\u2013' or '\u2014';
        return bulletChar && pos + 1 < limit && char.IsWhiteSpace(text[pos + 1]);
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is
        System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>Length of a clitic (’s, 're, n't …) starting at pos and ending at a non-letter, or 0.</summary>
    private static int CliticLength(string text, int pos, int limit)
    {
        char c = text[pos];
        if ((c == 'n' || c == 'N') && pos + 2 < limit && IsApostrophe(text[pos + 1])
            && (text[pos + 2] == 't' || text[pos + 2] == 'T') && EndsWord(text, pos + 3, limit))
            return 3;
        if (!IsApostrophe(c)) return 0;
        int p = pos + 1;
        while (p < limit && char.IsLetter(text[p])) p++;
        int len = p - pos - 1;
        if (len == 0 || len > 2 || !EndsWord(text, p, limit)) return 0;
        var rest = text.AsSpan(pos + 1, len);
        foreach (var clitic in CliticForms)
            if (rest.Equals(clitic, StringComparison.OrdinalIgnoreCase)) return len + 1;
        return 0;
    }

    private static readonly string[] CliticForms = ["s", "m", "d", "ll", "re", "ve"];

    private static bool EndsWord(string text, int p, int limit) => p >= limit || !IsWordChar(text[p]);

    private static (int, TokenKind) ScanNumber(string text, int pos, int limit)
    {
        int p = pos;
        while (true)
        {
            while (p < limit && char.IsDigit(text[p])) p++;
            // 220,000  1.2  10:30  3/4 — a separator counts only between digits
            if (p + 1 < limit && text[p] is ',' or '.' or ':' or '/' && char.IsDigit(text[p + 1])) { p++; continue; }
            break;
        }
        if (p < limit && char.IsLetter(text[p]))
        {
            int q = p;
            while (q < limit && IsWordChar(text[q])) q++;
            var letters = text.AsSpan(p, q - p);
            bool hasDigitAfter = false;
            foreach (char ch in letters) if (char.IsDigit(ch)) hasDigitAfter = true;
            if (!hasDigitAfter && Abbreviations.NumberUnits.Contains(letters.ToString())
                && !(Abbreviations.Ordinals.Contains(letters.ToString()) && q - p <= 2 && IsOrdinal(text, pos, p, letters)))
                return (p, TokenKind.Number);
            // 1990s, 21st, 3D, G20-style mixtures stay whole
            return (q, TokenKind.Word);
        }
        return (p, TokenKind.Number);
    }

    private static bool IsOrdinal(string text, int start, int digitsEnd, ReadOnlySpan<char> suffix)
        => suffix.Equals("s", StringComparison.OrdinalIgnoreCase) || suffix.Length == 2;

    private static (int, TokenKind) ScanWord(string text, int pos, int limit)
    {
        // acronyms and initials with periods: U.S.  U.N.  e.g.  a.m.  J.
        if (pos + 1 < limit && text[pos + 1] == '.' && char.IsLetter(text[pos]))
        {
            int p = pos;
            int pairs = 0;
            while (p + 1 < limit && char.IsLetter(text[p]) && text[p + 1] == '.') { pairs++; p += 2; }
            if (pairs >= 2) return (p, TokenKind.Abbreviation);
            if (pairs == 1 && char.IsUpper(text[pos]) && (pos == 0 || !IsWordChar(text[pos - 1]))) return (pos + 2, TokenKind.Title);
        }
        int end = pos;
        while (end < limit)
        {
            char c = text[end];
            if (IsWordChar(c)) { end++; continue; }
            if (IsApostrophe(c) && end + 1 < limit && char.IsLetter(text[end + 1]))
            {
                if (CliticLength(text, end, limit) > 0) break;
                if (text[end + 1] is 't' or 'T' && EndsWord(text, end + 2, limit) && text[end - 1] is 'n' or 'N') break;
                end++;
                continue;
            }
            // AT&T, S&P: an ampersand between capitals
            if (c == '&' && end + 1 < limit && char.IsUpper(text[end + 1]) && char.IsUpper(text[end - 1])) { end++; continue; }
            break;
        }
        // n't belongs to the next token: don't → do n't, can't → ca n't
        if (end + 1 < limit && IsApostrophe(text[end]) && (text[end + 1] == 't' || text[end + 1] == 'T')
            && end - 1 > pos && (text[end - 1] == 'n' || text[end - 1] == 'N') && EndsWord(text, end + 2, limit))
            return (end - 1, TokenKind.Word);
        var word = text.AsSpan(pos, end - pos);
        if (word.Equals("cannot", StringComparison.OrdinalIgnoreCase)) return (pos + 3, TokenKind.Word);
        if (end < limit && text[end] == '.')
        {
            string w = word.ToString();
            if (Abbreviations.Titles.Contains(w)) return (end + 1, TokenKind.Title);
            if (Abbreviations.Others.Contains(w) && !(w == "No" && !NextIsDigit(text, end + 1, limit))) return (end + 1, TokenKind.Abbreviation);
        }
        return (end, TokenKind.Word);
    }

    private static bool NextIsDigit(string text, int p, int limit)
    {
        while (p < limit && text[p] == ' ') p++;
        return p < limit && char.IsDigit(text[p]);
    }

    private static (int, TokenKind) ScanPunctuation(string text, int pos, int limit)
    {
        char c = text[pos];
        int p = pos + 1;
        switch (c)
        {
            case '.':
            case '!':
            case '?':
                while (p < limit && text[p] is '.' or '!' or '?') p++;
                return (p, TokenKind.Terminal);
            case '\u2026':
                while (p < limit && text[p] == '\u2026') p++;
                return (p, TokenKind.Terminal);
            case '-':
                while (p < limit && text[p] == '-') p++;
                return (p, TokenKind.Punctuation);
            case '#':
            case '@':
                if (p < limit && char.IsLetter(text[p]))
                {
                    while (p < limit && (IsWordChar(text[p]) || text[p] == '_')) p++;
                    return (p, TokenKind.Word);
                }
                return (p, TokenKind.Punctuation);
            default:
                if (char.IsHighSurrogate(c) && p < limit && char.IsLowSurrogate(text[p])) p++;
                return (p, TokenKind.Punctuation);
        }
    }

    // ---- sentences ----

    private static bool IsClosing(string text, TokenizedText t, int i)
    {
        char c = text[t.Starts[i]];
        if (t.Ends[i] - t.Starts[i] != 1) return false;
        if (c is ')' or ']' or '}' or '\u201d' or '\u2019' or '\u00bb') return true;
        return (c == '"' || c == '\'') && !t.SpaceBefore[i];
    }

    private static bool OpensSentence(string text, TokenizedText t, int i)
    {
        char c = text[t.Starts[i]];
        if (char.IsUpper(c) || char.IsDigit(c)) return true;
        if (char.IsLetter(c)) return false;
        if (c is '"' or '\'' or '\u201c' or '\u2018' or '(' or '[' or '\u00ab' or '\u2014' or '\u2013') return true;
        return t.Kinds[i] == TokenKind.Bullet || char.IsSymbol(c) && c != '%';
    }

    /// <summary>
    /// Whether word i, in lower case, opens a sentence after the stop before it: web text and comments often start
    /// sentences in lower case ("no pet is easy to care for. they all need love", "any lounges? im 15"). Only a
    /// plain stop (after a sentence begun in lower case), or a run of ? and !, written against an ordinary word
    /// counts: not an ellipsis ("beautiful... and"),
    /// not a stop inside quotes ('"Why?" he asked', where the quote stands between), not a spaced-off stop.
    /// Abbreviations keep their period in their own token, so "etc. and" or "U.S. officials" never get here.
    /// </summary>
    private static bool LowerCaseStartAfterStop(string text, TokenizedText t, int i)
    {
        if (i < 2 || !t.SpaceBefore[i] || t.Kinds[i] != TokenKind.Word || !char.IsLower(text[t.Starts[i]])) return false;
        int stop = i - 1;
        if (t.SpaceBefore[stop] || t.NewlinesBefore[stop] > 0 || t.Kinds[stop - 1] is not (TokenKind.Word or TokenKind.Number)) return false;
        var mark = text.AsSpan(t.Starts[stop], t.Ends[stop] - t.Starts[stop]);
        if (mark is ".")
        {
            // a period may also close an abbreviation the table lacks ("3.5 per cent. to 12"), so it ends a sentence
            // before a lower-case word only where the writer does not capitalise: the sentence it closes began in
            // lower case too
            int first = stop;
            while (first > 0 && !t.SentenceStarts[first]) first--;
            return char.IsLower(text[t.Starts[first]]);
        }
        foreach (char c in mark) if (c is not ('?' or '!')) return false;
        return true;
    }

    private static bool EndsLine(string text, TokenizedText t, int i)
    {
        // a newline after these continues the sentence (hard-wrapped text); after anything else it ends it
        char c = text[t.Ends[i] - 1];
        if (t.Kinds[i] == TokenKind.Title) return false;
        return !(c is ',' or ';' or ':' or '-' or '\u2013' or '\u2014' or '(' or '[' or '\u201c' or '\u2018' or '&' or '/');
    }

    /// <summary>
    /// Whether token i is the dash that closes a wire dateline opening its sentence ("KABUL —", "RIMBO, Sweden
    /// (Reuters) –", "WASHINGTON, Sept 17 (AP) -"): the dateline is a fragment of its own, so the parser sees the
    /// story's first sentence as it is rather than with a place name for its subject. A dateline starts with a
    /// word in capitals or holds a bracketed agency, and runs for at most eight words before the dash.
    /// </summary>
    private static bool EndsDateline(string text, TokenizedText t, int i)
    {
        if (i < 1 || t.Ends[i] - t.Starts[i] != 1 || text[t.Starts[i]] is not ('-' or '\u2013' or '\u2014')) return false;
        int first = i - 1;
        while (first > 0 && !t.SentenceStarts[first]) first--;
        if (i - first > 8 || !t.SpaceBefore[i]) return false;
        var opening = text.AsSpan(t.Starts[first], t.Ends[first] - t.Starts[first]);
        bool capitals = opening.Length >= 2;
        foreach (char c in opening) if (!char.IsUpper(c) && c != '.' && c != '-') { capitals = false; break; }
        bool agency = false;
        for (int k = first; k < i; k++)
        {
            char c = text[t.Starts[k]];
            if (c == '(') agency = true;
            else if (char.IsLetter(c) && !char.IsUpper(c)) return false; // "the", "said": a sentence, not a dateline
        }
        return capitals || agency;
    }

    private static void SplitSentences(string text, TokenizedText t)
    {
        for (int i = 0; i < t.Count; i++)
        {
            bool start;
            if (i == 0 || t.NewlinesBefore[i] >= 2) start = true;
            else if (t.NewlinesBefore[i] == 1 && EndsLine(text, t, i - 1)) start = true;
            else if (t.Kinds[i] == TokenKind.Bullet || text[t.Starts[i]] == '\u2022') start = true;
            else if (EndsDateline(text, t, i - 1)) start = true;
            else
            {
                int j = i - 1;
                while (j > 0 && IsClosing(text, t, j) && !t.SentenceStarts[j]) j--;
                start = t.Kinds[j] switch
                {
                    TokenKind.Terminal => OpensSentence(text, t, i) && !(IsClosing(text, t, i) && !t.SpaceBefore[i])
                        || j == i - 1 && LowerCaseStartAfterStop(text, t, i),
                    TokenKind.Abbreviation => t.SpaceBefore[i] && Abbreviations.SentenceStarters.Contains(text[t.Starts[i]..t.Ends[i]]),
                    _ => false,
                };
            }
            t.SentenceStarts.Add(start);
        }
    }
}
