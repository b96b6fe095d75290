using Dyad.Documents;

namespace Dyad.Tests.Time;

/// <summary>Builds documents for the time tests with a tiny tokenizer of their own: letter/digit runs and single punctuation marks.</summary>
internal static class TimeTestDocuments
{
    public static Document Build(string text, DateOnly? published = null, string? url = null)
    {
        var document = new Document(new Article { Id = "t", Text = text, Published = published, Url = url });
        var starts = new List<int>();
        var ends = new List<int>();
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            int start = i;
            if (char.IsLetterOrDigit(text[i])) while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            else i++;
            starts.Add(start);
            ends.Add(i);
        }
        document.SetTokens([.. starts], [.. ends], starts.Count);
        // sentences end at a line break, or at . ! ? followed by a space and a capital letter
        var first = new List<int>();
        var end = new List<int>();
        int sentenceStart = 0;
        for (int t = 0; t < starts.Count; t++)
        {
            bool last = t + 1 == starts.Count;
            bool lineBreak = !last && text.AsSpan(ends[t], starts[t + 1] - ends[t]).Contains('\n');
            bool stop = !last && text[starts[t]] is '.' or '!' or '?' && starts[t + 1] > ends[t] && char.IsUpper(text[starts[t + 1]]);
            if (last || lineBreak || stop)
            {
                first.Add(sentenceStart);
                end.Add(t + 1);
                sentenceStart = t + 1;
            }
        }
        document.SetSentences([.. first], [.. end], first.Count);
        return document;
    }

    public static int TokenIndex(Document document, string word)
    {
        for (int t = 0; t < document.TokenCount; t++)
            if (document.TokenText(t) == word) return t;
        throw new ArgumentException($"no token '{word}'");
    }
}
