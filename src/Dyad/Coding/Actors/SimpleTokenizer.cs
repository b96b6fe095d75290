using System.Globalization;
using Dyad.Documents;

namespace Dyad.Coding.Actors;

/// <summary>
/// A minimal rule-based tokenizer and sentence splitter, here so the actor coder can run and be measured before
/// the trained tokenizer lands; the pipeline is expected to swap in the real one. Words keep inner hyphens,
/// periods (U.S.) and apostrophes (D'Alema); a trailing possessive 's is its own token; a line break always ends
/// a sentence because scraped text has headlines and captions without final punctuation.
/// </summary>
public static class SimpleTokenizer
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Lt.", "Col.", "Capt.", "Brig.", "Maj.", "Sgt.", "Adm.", "Sen.", "Rep.",
        "Gov.", "Prof.", "St.", "Jr.", "Sr.", "No.", "Vol.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.",
        "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Inc.", "Corp.", "Co.", "Ltd.", "vs.", "e.g.", "i.e.", "Mt.", "Ft.",
    };

    public static void Tokenize(Document document)
    {
        string text = document.Text;
        var starts = new List<int>();
        var ends = new List<int>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsLetterOrDigit(c))
            {
                int start = i;
                i++;
                while (i < text.Length)
                {
                    char d = text[i];
                    if (char.IsLetterOrDigit(d) || d is '\u0301' or '\u0300') { i++; continue; }
                    bool nextIsWord = i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);
                    if ((d is '-' or '\u2010' or '\u2011' or '&' or '/') && nextIsWord && !StartsParticiple(text, i + 1)) { i++; continue; }
                    if (d == '.' && nextIsWord && !char.IsWhiteSpace(text[i + 1])) { i++; continue; }
                    if (d is '\'' or '\u2019' && nextIsWord)
                    {
                        // Possessive 's stays apart; other inner apostrophes (D'Alema, Ya'alon) stay inside.
                        bool possessive = (text[i + 1] is 's' or 'S') && (i + 2 >= text.Length || !char.IsLetterOrDigit(text[i + 2]));
                        if (possessive) break;
                        i++;
                        continue;
                    }
                    break;
                }
                // A final period belongs to the word for initialisms (U.S.) and known abbreviations.
                if (i < text.Length && text[i] == '.')
                {
                    string word = text.Substring(start, i - start + 1);
                    if (Abbreviations.Contains(word) || IsInitialism(word) || IsSingleInitial(word)) i++;
                }
                starts.Add(start); ends.Add(i);
                continue;
            }
            if (c is '\'' or '\u2019' && i + 1 < text.Length && text[i + 1] is 's' or 'S'
                && (i + 2 >= text.Length || !char.IsLetterOrDigit(text[i + 2])) && starts.Count > 0 && ends[^1] == i)
            {
                starts.Add(i); ends.Add(i + 2); i += 2;
                continue;
            }
            starts.Add(i); ends.Add(i + 1); i++;
        }

        int count = starts.Count;
        document.SetTokens([.. starts], [.. ends], count);
        SplitSentences(document);
    }

    // "US-led", "Saudi-backed": the name before the hyphen is matched on its own.
    private static readonly string[] Participles = ["led", "backed", "allied", "aligned", "based", "brokered", "sponsored", "funded", "controlled", "held", "run", "owned", "supported", "born"];

    private static bool StartsParticiple(string text, int at)
    {
        foreach (var p in Participles)
            if (string.CompareOrdinal(text, at, p, 0, p.Length) == 0 && (at + p.Length >= text.Length || !char.IsLetter(text[at + p.Length])))
                return true;
        return false;
    }

    private static bool IsInitialism(string word)
    {
        // U.S. / U.N. / D.C. : letters separated by periods.
        if (word.Length < 4) return false;
        for (int k = 0; k < word.Length; k++)
            if ((k % 2 == 0) != char.IsLetter(word[k]) || (k % 2 == 1 && word[k] != '.')) return false;
        return true;
    }

    private static bool IsSingleInitial(string word) => word.Length == 2 && char.IsUpper(word[0]);

    private static void SplitSentences(Document document)
    {
        var firsts = new List<int>();
        var endsList = new List<int>();
        string text = document.Text;
        int first = 0;
        for (int t = 0; t < document.TokenCount; t++)
        {
            bool last = t == document.TokenCount - 1;
            bool boundary = last;
            if (!last)
            {
                int gapStart = document.TokenEnd[t], gapEnd = document.TokenStart[t + 1];
                bool lineBreak = text.AsSpan(gapStart, gapEnd - gapStart).Contains('\n');
                var span = document.TokenSpan(t);
                bool terminal = span is "." or "!" or "?" || (span.Length > 1 && span[^1] == '.' && IsInitialism(span.ToString()));
                if (lineBreak) boundary = true;
                else if (terminal)
                {
                    // Allow closing quotes and brackets to stay with the sentence they end.
                    int next = t + 1;
                    while (next < document.TokenCount && document.TokenSpan(next) is "\"" or "\u201D" or "'" or "\u2019" or ")")
                    {
                        if (text.AsSpan(document.TokenEnd[next - 1], document.TokenStart[next] - document.TokenEnd[next - 1]).Contains('\n')) break;
                        next++;
                    }
                    if (next < document.TokenCount && next > t + 1) { t = next - 1; }
                    if (next >= document.TokenCount) boundary = false;
                    else
                    {
                        var following = document.TokenSpan(next);
                        boundary = following.Length > 0 && (char.IsUpper(following[0]) || char.IsDigit(following[0])
                            || following[0] is '"' or '\u201C' or '\'' or '\u2018' or '(' or '[');
                        if (boundary && span.Length > 1 && IsInitialism(span.ToString()))
                            boundary = char.GetUnicodeCategory(following[0]) == UnicodeCategory.UppercaseLetter && IsSentenceOpener(following);
                    }
                }
            }
            if (boundary)
            {
                firsts.Add(first);
                endsList.Add(t + 1);
                first = t + 1;
            }
        }
        if (first < document.TokenCount) { firsts.Add(first); endsList.Add(document.TokenCount); }
        document.SetSentences([.. firsts], [.. endsList], firsts.Count);
    }

    // After "U.S." a capital usually starts a name ("U.S. President"); only a few words make it a sentence end.
    private static bool IsSentenceOpener(ReadOnlySpan<char> word) =>
        word is "The" or "He" or "She" or "It" or "They" or "We" or "I" or "But" or "And" or "In" or "A" or "This";
}
