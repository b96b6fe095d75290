using Dyad.Documents;
using Dyad.Time;

namespace Dyad.Tests.Time;

/// <summary>The tokenizer `dyad time` uses on its own: a dot after a month, weekday or title ends no sentence.</summary>
public class PlainTokenizerTests
{
    [Theory]
    [InlineData("Hafter went to Moscow on Jan. 13 for talks.", "Jan. 13", "2020-01-13")]
    [InlineData("Talks resume on Sept. 28 in Geneva.", "Sept. 28", "2019-09-28")]
    public void An_abbreviated_month_keeps_its_day(string text, string expected, string value)
    {
        var document = new Document(new Article { Id = "t", Text = text });
        PlainTokenizer.Apply(document);
        Assert.Equal(1, document.SentenceCount);
        new TemporalTagger().Process(document, new DateOnly(2020, 1, 14));
        var time = Assert.Single(document.Times);
        Assert.Equal(expected, time.Text);
        Assert.Equal(value, time.Value);
    }

    [Fact]
    public void A_full_stop_before_a_capital_still_ends_the_sentence()
    {
        var document = new Document(new Article { Id = "t", Text = "Gen. Haftar left on Jan. 14. He returned." });
        PlainTokenizer.Apply(document);
        Assert.Equal(2, document.SentenceCount);
    }
}
