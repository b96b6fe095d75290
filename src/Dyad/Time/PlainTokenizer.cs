using Dyad.Documents;

namespace Dyad.Time;

/// <summary>
/// A plain word/number/punctuation splitter with a newline- and full-stop-based sentence splitter. The
/// publication-date finder reads clues with it, and the time and places commands use it when no real
/// tokenizer stage is in the pipeline; it is not meant to replace the NLP tokenizer.
/// </summary>
public static class PlainTokenizer
{
    /// <summary>Split <paramref name="text"/> into token boundaries: letter/digit runs (with inner apostrophes and abbreviation dots), and single punctuation marks.</summary>
    public static (int[] Starts, int[] Ends, int Count) Tokenize(string text)
    {
        var starts = new List<int>(text.Length / 4 + 4);
        var ends = new List<int>(text.Length / 4 + 4);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int start = i;
            if (char.IsLetterOrDigit(c))
            {
                i++;
                while (i < text.Length)
                {
                    char d = text[i];
                    if (char.IsLetterOrDigit(d)) { i++; continue; }
                    // "U.S." and "a.m." keep their dots: a dot between letters, or after a single letter followed by a letter.
                    if (d == '.' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && char.IsLetter(text[i - 1]) && IsShortRun(text, start, i)) { i++; continue; }
                    if ((d == '\'' || d == '’') && i + 1 < text.Length && char.IsLetter(text[i + 1]) && char.IsLetter(text[i - 1]) && !IsPossessive(text, i)) { i++; continue; }
                    break;
                }
                // the closing dot of an abbreviation such as "U.S." or "a.m."
                if (i < text.Length && text[i] == '.' && text.AsSpan(start, i - start).Contains('.')) i++;
            }
            else i++;
            starts.Add(start);
            ends.Add(i);
        }
        return (starts.ToArray(), ends.ToArray(), starts.Count);
    }

    private static bool IsShortRun(string text, int start, int dot)
    {
        int runStart = dot - 1;
        while (runStart > start && text[runStart - 1] != '.') runStart--;
        return dot - runStart <= 2;
    }

    private static bool IsPossessive(string text, int apostrophe) =>
        apostrophe + 2 >= text.Length || !char.IsLetter(text[apostrophe + 2]) ? text[apostrophe + 1] is 's' or 'S' : false;

    /// <summary>Sentences end at . ! ? followed by a capital, a quote or a digit, and at every line break.</summary>
    public static (int[] First, int[] End, int Count) SplitSentences(string text, int[] starts, int[] ends, int count)
    {
        var first = new List<int>();
        var last = new List<int>();
        int sentenceStart = 0;
        for (int t = 0; t < count; t++)
        {
            bool boundary = false;
            if (t + 1 < count)
            {
                if (text.AsSpan(ends[t], starts[t + 1] - ends[t]).Contains('\n')) boundary = true;
                else
                {
                    char c = text[starts[t]];
                    if ((c == '.' || c == '!' || c == '?') && ends[t] - starts[t] == 1 && starts[t + 1] > ends[t]
                        && !(c == '.' && t > 0 && ends[t - 1] == starts[t] && IsAbbreviation(text.AsSpan(starts[t - 1], ends[t - 1] - starts[t - 1]))))
                    {
                        char n = text[starts[t + 1]];
                        boundary = char.IsUpper(n) || char.IsDigit(n) || n is '"' or '“' or '\'' or '(';
                    }
                }
            }
            else boundary = true;
            if (boundary)
            {
                first.Add(sentenceStart);
                last.Add(t + 1);
                sentenceStart = t + 1;
            }
        }
        return (first.ToArray(), last.ToArray(), first.Count);
    }

    /// <summary>"Jan. 13", "Sept. 28", "Gen. Haftar": a dot after these ends no sentence.</summary>
    private static bool IsAbbreviation(ReadOnlySpan<char> word)
    {
        if (TimeWords.Find(word) is { } w && (w.MonthAbbreviated || w.WeekdayAbbreviated)) return true;
        foreach (var title in Titles) if (word.Equals(title, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static readonly string[] Titles = ["Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Sen", "Rep", "Gov", "Pres", "St", "No", "Prof", "Adm"];

    /// <summary>Tokenize and sentence-split a document in place.</summary>
    public static void Apply(Document document)
    {
        var (starts, ends, count) = Tokenize(document.Text);
        document.SetTokens(starts, ends, count);
        var (first, end, sentences) = SplitSentences(document.Text, starts, ends, count);
        document.SetSentences(first, end, sentences);
    }
}
