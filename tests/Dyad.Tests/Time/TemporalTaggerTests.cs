using Dyad.Documents;
using Dyad.Pipeline;
using Dyad.Time;

namespace Dyad.Tests.Time;

public class TemporalTaggerTests
{
    private static List<TimeExpression> Tag(string text, string dct, NumericDateOrder order = NumericDateOrder.DayFirst)
    {
        var document = TimeTestDocuments.Build(text, DateOnly.Parse(dct));
        new TemporalTagger(order).Process(document);
        return document.Times;
    }

    private static TimeExpression Single(string text, string dct, NumericDateOrder order = NumericDateOrder.DayFirst)
    {
        var times = Tag(text, dct, order);
        Assert.True(times.Count == 1, $"expected one expression in «{text}», got: {string.Join(" | ", times.Select(t => $"{t.Text}={t.Value}"))}");
        return times[0];
    }

    [Theory]
    // absolute dates in news forms
    [InlineData("The report came out on Jul 14 2016 in Delhi.", "2020-01-01", "Jul 14 2016", "DATE", "2016-07-14")]
    [InlineData("It was signed on 14 July 2016 in Vienna.", "2020-01-01", "14 July 2016", "DATE", "2016-07-14")]
    [InlineData("It was signed on July 14, 2016 in Vienna.", "2020-01-01", "July 14, 2016", "DATE", "2016-07-14")]
    [InlineData("Posted 2016-07-14 by staff.", "2020-01-01", "2016-07-14", "DATE", "2016-07-14")]
    [InlineData("Filed on 14/07/2016 by staff.", "2020-01-01", "14/07/2016", "DATE", "2016-07-14")]
    [InlineData("Filed on 07/14/2016 by staff.", "2020-01-01", "07/14/2016", "DATE", "2016-07-14")]
    [InlineData("Kerry will meet Lavrov on Sept. 28 in New York.", "2015-09-17", "Sept. 28", "DATE", "2015-09-28")]
    [InlineData("Monday 16 Aug 2021 Kabul fell to the Taliban.", "2021-08-16", "Monday 16 Aug 2021", "DATE", "2021-08-16")]
    [InlineData("Talks resumed in March 2011 after a pause.", "2015-01-01", "March 2011", "DATE", "2011-03")]
    [InlineData("The war has gone on since March 2011.", "2015-01-01", "March 2011", "DATE", "2011-03")]
    [InlineData("Sanctions have been in place from 2011 onwards.", "2015-01-01", "2011", "DATE", "2011")]
    [InlineData("Prices rose sharply in the 1990s across Europe.", "2015-01-01", "the 1990s", "DATE", "199")]
    [InlineData("The crash of '82 still haunts them.", "2008-10-24", "'82", "DATE", "1982")]
    [InlineData("The next round of talks opens on Monday in Vienna.", "2015-09-17", "Monday", "DATE", "2015-09-21")]
    // relative days
    [InlineData("Putin will meet Obama later today.", "2015-09-28", "later today", "DATE", "2015-09-28")]
    [InlineData("Putin arrived in New York yesterday.", "2015-09-28", "yesterday", "DATE", "2015-09-27")]
    [InlineData("The vote is expected tomorrow.", "2015-09-28", "tomorrow", "DATE", "2015-09-29")]
    [InlineData("Obama will speak tonight.", "2015-09-28", "tonight", "TIME", "2015-09-28TNI")]
    [InlineData("The two leaders will hold talks later on Monday.", "2015-09-28", "later on Monday", "DATE", "2015-09-28")]
    [InlineData("The two leaders held talks on Monday.", "2015-09-29", "Monday", "DATE", "2015-09-28")]
    [InlineData("Kerry will travel to Moscow on Monday.", "2015-09-17", "Monday", "DATE", "2015-09-21")]
    [InlineData("The ministry said late Thursday that Assad had left.", "2018-05-18", "late Thursday", "DATE", "2018-05-17")]
    [InlineData("The strike took place last Tuesday.", "2015-09-28", "last Tuesday", "DATE", "2015-09-22")]
    [InlineData("The strike happened last Monday.", "2015-09-28", "last Monday", "DATE", "2015-09-21")]
    [InlineData("Ministers meet next week in Brussels.", "2015-09-28", "next week", "DATE", "2015-W41")]
    [InlineData("Ministers met this week in Brussels.", "2015-09-30", "this week", "DATE", "2015-W40")]
    [InlineData("Troops crossed the border two days ago.", "2015-09-28", "two days ago", "DATE", "2015-09-26")]
    [InlineData("The base was hit about three months ago.", "2017-08-07", "three months ago", "DATE", "2017-05")]
    [InlineData("Prices fell earlier this month.", "2015-09-28", "earlier this month", "DATE", "2015-09")]
    [InlineData("Exports fell last year.", "2015-09-28", "last year", "DATE", "2014")]
    [InlineData("Rebels shelled the town overnight.", "2015-09-28", "overnight", "TIME", "2015-09-27TNI")]
    [InlineData("Rebels shelled the town on Friday morning.", "2015-09-28", "Friday morning", "TIME", "2015-09-25TMO")]
    // clock times with zones
    [InlineData("Updated 3:08 PM IST.", "2016-07-14", "3:08 PM IST", "TIME", "2016-07-14T15:08")]
    [InlineData("The plane took off at 18:00 UTC.", "2009-12-16", "18:00 UTC", "TIME", "2009-12-16T18:00Z")]
    [InlineData("Published: 0419 GMT", "2019-07-14", "0419 GMT", "TIME", "2019-07-14T04:19Z")]
    // durations and fuzzy references
    [InlineData("He ruled for seven years.", "2015-01-01", "seven years", "DURATION", "P7Y")]
    [InlineData("Markets fell over the past nine days.", "2015-01-01", "the past nine days", "DURATION", "P9D")]
    [InlineData("It signed a 27-year lease.", "2015-01-01", "27-year", "DURATION", "P27Y")]
    [InlineData("The envoy recently visited Kabul.", "2015-01-01", "recently", "DATE", "PAST_REF")]
    [InlineData("The envoy will soon visit Kabul.", "2015-01-01", "soon", "DATE", "FUTURE_REF")]
    [InlineData("Russia is currently bombing Idlib.", "2015-01-01", "currently", "DATE", "PRESENT_REF")]
    [InlineData("The annual summit opened.", "2015-01-01", "annual", "SET", "P1Y")]
    [InlineData("Sales rose in the first quarter of 2009.", "2010-01-01", "the first quarter of 2009", "DATE", "2009-Q1")]
    [InlineData("The plant closes at the end of last year.", "2010-05-01", "the end of last year", "DATE", "2009")]
    public void Resolves(string text, string dct, string expectedText, string type, string value)
    {
        var t = Single(text, dct);
        Assert.Equal(expectedText, t.Text);
        Assert.Equal(type, t.Type);
        Assert.Equal(value, t.Value);
    }

    [Theory]
    [InlineData("04/07/2016", NumericDateOrder.DayFirst, "2016-07-04")]
    [InlineData("04/07/2016", NumericDateOrder.MonthFirst, "2016-04-07")]
    [InlineData("13/07/2016", NumericDateOrder.MonthFirst, "2016-07-13")]
    [InlineData("7/8/07", NumericDateOrder.MonthFirst, "2007-07-08")]
    public void NumericDatesFollowTheSourceConvention(string date, NumericDateOrder order, string value) =>
        Assert.Equal(value, Single($"Filed on {date} by staff.", "2020-01-01", order).Value);

    [Theory]
    [InlineData("this week", "2015-09-30", "2015-09-28")]
    [InlineData("last week", "2017-08-07", "2017-07-31")]
    [InlineData("last month", "2017-08-07", "2017-07-01")]
    [InlineData("last year", "2017-08-07", "2016-01-01")]
    public void DayIsTheFirstDayCovered(string phrase, string dct, string day)
    {
        var t = Single($"Officials met {phrase} in Geneva.", dct);
        Assert.Equal(DateOnly.Parse(day), t.Day);
    }

    [Theory]
    [InlineData("May said the plan was good.")]
    [InlineData("Protesters march on the capital.")]
    [InlineData("Some 2000 jobs were cut.")]
    [InlineData("Stocks rose for a second consecutive session.")]
    [InlineData("The 27-year-old was arrested.")]
    public void IgnoresLookalikes(string text) => Assert.Empty(Tag(text, "2015-09-28"));

    [Fact]
    public void BylineClockTimeFallsOnTheBylineDate()
    {
        var times = Tag("Last Updated : Jul 14 2016 | 3:08 PM IST", "2016-07-20");
        Assert.Equal(["2016-07-14", "2016-07-14T15:08"], times.Select(t => t.Value));
    }

    [Fact]
    public void ClockTimeFallsOnTheDayTheSentenceNames()
    {
        var t = Tag("The jet made its first flight Tuesday in Everett at 18:00 UTC.", "2009-12-16");
        Assert.Equal("2009-12-15T18:00Z", t.Single(x => x.Type == "TIME").Value);
    }

    [Fact]
    public void OffsetsAndTokensPointAtTheExpression()
    {
        const string text = "Talks began on July 14, 2016 in Vienna.";
        var t = Single(text, "2020-01-01");
        var document = TimeTestDocuments.Build(text);
        Assert.Equal(text.IndexOf("July", StringComparison.Ordinal), t.Span.Start);
        Assert.Equal(text.IndexOf(" in", StringComparison.Ordinal), t.Span.End);
        Assert.Equal(TimeTestDocuments.TokenIndex(document, "July"), t.FirstToken);
        Assert.Equal(TimeTestDocuments.TokenIndex(document, "in"), t.EndToken);
    }

    [Fact]
    public void UsesThePublicationDateFoundInTheTextWhenTheArticleHasNone()
    {
        var document = TimeTestDocuments.Build("WASHINGTON, Sep 17 (Reuters) - Kerry met Lavrov yesterday. The 2015 talks went on.");
        new TemporalTagger().Process(document);
        Assert.Contains(document.Times, t => t.Text == "yesterday" && t.Value == "2015-09-16");
    }

    [Fact]
    public void RunsAsAPipelineStage()
    {
        var stage = new TemporalTagger();
        Assert.Equal("time", stage.Name);
        Assert.Equal(Layers.Tokens | Layers.Sentences, stage.Requires);
        Assert.Equal(Layers.TimeExpressions, stage.Produces);
        var pipeline = new PipelineBuilder().Add(new TestTokenizerStage()).Add(stage).Build();
        var document = pipeline.Process(new Article { Id = "a", Text = "Exports fell last year.", Published = new DateOnly(2015, 9, 28) });
        Assert.True(document.Has(Layers.TimeExpressions));
        Assert.Equal("2014", Assert.Single(document.Times).Value);
    }

    private sealed class TestTokenizerStage : IStage
    {
        public string Name => "test-tokens";
        public Layers Requires => Layers.Text;
        public Layers Produces => Layers.Tokens | Layers.Sentences;
        public void Process(Document document)
        {
            var built = TimeTestDocuments.Build(document.Text);
            document.SetTokens(built.TokenStart, built.TokenEnd, built.TokenCount);
            document.SetSentences(built.SentenceFirstToken, built.SentenceEndToken, built.SentenceCount);
        }
    }
}
