using Dyad.Documents;
using Dyad.Time;

namespace Dyad.Tests.Time;

/// <summary>The tagger must not depend on how finely the tokenizer splits "2016-07-14", "3:08pm" or "mid-2011".</summary>
public class CoarseTokensTests
{
    /// <summary>Whitespace split, then trailing , ; : ) ? ! and a sentence-final full stop peeled off; inner punctuation stays.</summary>
    private static Document Build(string text, DateOnly dct)
    {
        var document = new Document(new Article { Id = "c", Text = text, Published = dct });
        var starts = new List<int>();
        var ends = new List<int>();
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            int end = i;
            var peeled = new List<int>();
            while (end - start > 1 && (text[end - 1] is ',' or ';' or ':' or ')' or '?' or '!' || (text[end - 1] == '.' && end == text.TrimEnd().Length)))
            {
                peeled.Add(end - 1);
                end--;
            }
            starts.Add(start);
            ends.Add(end);
            for (int k = peeled.Count - 1; k >= 0; k--) { starts.Add(peeled[k]); ends.Add(peeled[k] + 1); }
        }
        document.SetTokens([.. starts], [.. ends], starts.Count);
        document.SetSentences([0], [starts.Count], 1);
        return document;
    }

    [Theory]
    [InlineData("Filed 2016-07-14 in Delhi.", "2016-07-14", "2016-07-14")]
    [InlineData("Filed on 14/07/2016 in Delhi.", "14/07/2016", "2016-07-14")]
    [InlineData("Talks resume on Sept. 28 in Geneva.", "Sept. 28", "2015-09-28")]
    [InlineData("Updated at 3:08pm IST today.", "3:08pm IST today", "2015-09-17T15:08")]
    [InlineData("The vote is set for mid-2011 in Cairo.", "mid-2011", "2011")]
    [InlineData("It signed a 27-year lease.", "27-year", "P27Y")]
    [InlineData("Sales rose in the 2016-2017 season.", "2016-2017", "2016")]
    public void ReadsExpressionsKeptInOneToken(string text, string expected, string value)
    {
        var document = Build(text, new DateOnly(2015, 9, 17));
        new TemporalTagger().Process(document);
        var first = document.Times.FirstOrDefault() ?? throw new Xunit.Sdk.XunitException($"nothing found in «{text}»");
        Assert.Equal(expected, first.Text);
        Assert.Equal(value, first.Value);
    }
}
