namespace Dyad.Cleaning;

/// <summary>One line of a scraped text with the shape features the noise rules look at.</summary>
internal readonly struct TextLine
{
    public TextLine(string text, int number, int start, int end)
    {
        Number = number;
        Start = start;
        End = end;
        var raw = text.AsSpan(start, end - start);
        var trimmed = raw.Trim();
        TrimmedStart = start + (trimmed.IsEmpty ? 0 : raw.IndexOf(trimmed[0]));
        Trimmed = trimmed.ToString();
        Key = NormaliseSpaces(trimmed);
        Words = CountWords(trimmed);
        LowercaseWords = CountLowercaseWords(trimmed);
        EndsLikeSentence = EndsWithTerminal(trimmed);
        IsBullet = trimmed.Length > 1 && IsBulletMark(trimmed[0]) && (char.IsWhiteSpace(trimmed[1]) || trimmed[0] == '*');
    }

    /// <summary>1-based line number in the document text.</summary>
    public int Number { get; }
    /// <summary>Offsets of the line content, without its line break.</summary>
    public int Start { get; }
    public int End { get; }
    public int TrimmedStart { get; }
    public string Trimmed { get; }
    /// <summary>The line with runs of white space made single, used to spot repeats.</summary>
    public string Key { get; }
    public int Words { get; }
    public int LowercaseWords { get; }
    public bool EndsLikeSentence { get; }
    public bool IsBullet { get; }
    public bool IsBlank => Trimmed.Length == 0;

    /// <summary>
    /// Running text rather than a label: ends like a sentence and is long enough, or is long with many ordinary
    /// lowercase words (a truncated last paragraph). Bullets and starred footnotes are list items, not prose.
    /// </summary>
    public bool IsProse =>
        !IsBullet && ((EndsLikeSentence && Words >= 6 && LowercaseWords >= 2) || (Words >= 12 && LowercaseWords >= 6));

    private static bool IsBulletMark(char c) => c is '•' or '·' or '▪' or '◦' or '*' or '-' or '–' or '►' or '»';

    private static bool EndsWithTerminal(ReadOnlySpan<char> s)
    {
        int i = s.Length - 1;
        while (i >= 0 && s[i] is '"' or '\'' or '”' or '’' or ')' or ']' or '»' or '*') i--;
        return i >= 0 && s[i] is '.' or '!' or '?' or '…' or ':';
    }

    private static int CountWords(ReadOnlySpan<char> s)
    {
        int count = 0;
        bool inWord = false;
        foreach (var c in s)
        {
            bool letter = !char.IsWhiteSpace(c);
            if (letter && !inWord) count++;
            inWord = letter;
        }
        return count;
    }

    private static int CountLowercaseWords(ReadOnlySpan<char> s)
    {
        int count = 0;
        bool atWordStart = true;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) { atWordStart = true; continue; }
            if (atWordStart && char.IsLower(c)) count++;
            atWordStart = false;
        }
        return count;
    }

    private static string NormaliseSpaces(ReadOnlySpan<char> s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        bool space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Splits text into lines with offsets; "\r\n" and "\n" both end a line.</summary>
    public static List<TextLine> Split(string text)
    {
        var lines = new List<TextLine>(text.Length / 64 + 4);
        int start = 0, number = 1;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n') continue;
            int end = i > start && text[i - 1] == '\r' ? i - 1 : i;
            lines.Add(new TextLine(text, number++, start, end));
            start = i + 1;
        }
        return lines;
    }
}
