namespace Dyad.Stories.Clustering;

/// <summary>
/// The words that say what an article is about: lower-cased letters-and-digits runs, function words and
/// reporting verbs left out. Scores such as 4-2 stay one term because they tell two matches apart.
/// </summary>
public static class StoryTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "into", "onto",
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "done",
        "it", "its", "this", "that", "these", "those", "there", "here", "he", "she", "they", "we", "you", "i", "me", "my",
        "his", "her", "hers", "their", "theirs", "our", "ours", "your", "yours", "them", "him", "us", "who", "whom", "whose",
        "which", "what", "when", "where", "while", "why", "how", "after", "before", "over", "under", "up", "down", "out", "off",
        "about", "than", "then", "so", "not", "no", "yes", "said", "says", "say", "saying", "told", "tell", "will", "would",
        "could", "should", "can", "may", "might", "must", "shall", "also", "more", "most", "just", "like", "if", "all", "any",
        "some", "such", "only", "own", "same", "other", "very", "too", "again", "further", "once", "both", "each", "few",
        "because", "until", "against", "between", "through", "during", "above", "below", "s", "t", "don", "now", "one",
        "new", "last", "first", "many", "much", "even", "still", "well", "way", "get", "got", "make", "made", "per",
        "mr", "mrs", "ms", "according", "including", "around", "since", "without", "within", "among", "across",
    };

    /// <summary>Appends the terms of <paramref name="text"/> to <paramref name="into"/>.</summary>
    public static void Extract(ReadOnlySpan<char> text, List<string> into)
    {
        Span<char> buffer = stackalloc char[48];
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            int length = 0;
            bool hasLetter = false;
            while (i < text.Length)
            {
                char c = text[i];
                if (char.IsLetterOrDigit(c))
                {
                    hasLetter |= char.IsLetter(c);
                    if (length < buffer.Length) buffer[length++] = char.ToLowerInvariant(c);
                    i++;
                }
                else if ((c is '-' or '\'' or '’') && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && length > 0)
                {
                    // keep hyphenated words and scores whole; drop the possessive 's
                    if (c != '-' && (text[i + 1] is 's' or 'S') && (i + 2 >= text.Length || !char.IsLetterOrDigit(text[i + 2]))) { i += 2; break; }
                    if (length < buffer.Length) buffer[length++] = c == '’' ? '\'' : c;
                    i++;
                }
                else break;
            }
            if (length < 2 && hasLetter) continue;
            if (!hasLetter && length < 2) continue;
            var word = new string(buffer[..length]);
            if (StopWords.Contains(word)) continue;
            into.Add(string.IsInterned(word) ?? word);
        }
    }

    public static List<string> Extract(string text)
    {
        var terms = new List<string>();
        Extract(text.AsSpan(), terms);
        return terms;
    }
}
