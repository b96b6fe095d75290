using Dyad.Storage;
using Dyad.Stories.Timelines;

namespace Dyad.Tests.Stories;

public class TimelineTests
{
    private static StoredEvent Event(string cameo, int quad, double goldstein, DateOnly? date) => new()
    {
        ArticleId = "a", Sentence = "…", Source = new StoredActor(null, null, "RUS", "RUS", null, null, null, null),
        Cameo = cameo, Quad = quad, Goldstein = goldstein, Date = date,
    };

    [Fact]
    public void Months_count_roots_and_quads_and_average_goldstein()
    {
        var timeline = TimelineBuilder.Build(
        [
            Event("042", 1, 1.9, new DateOnly(2015, 9, 28)),
            Event("112", 3, -2.0, new DateOnly(2015, 9, 30)),
            Event("190", 4, -10.0, new DateOnly(2015, 10, 1)),
            Event("042", 1, 1.9, null),
        ], TimelineBucket.Month);
        Assert.Equal(2, timeline.Periods.Count);
        Assert.Equal(1, timeline.Undated);
        var september = timeline.Periods[0];
        Assert.Equal("2015-09", september.Label);
        Assert.Equal(2, september.Events);
        Assert.Equal(1, september.ByRoot["04"]);
        Assert.Equal([1, 0, 1, 0], september.ByQuad);
        Assert.Equal(-0.05, september.MeanGoldstein, 3);
        Assert.Equal(3, timeline.Events.Count);
    }

    [Fact]
    public void Weeks_start_on_monday()
    {
        Assert.Equal(new DateOnly(2015, 9, 28), TimelineBuilder.PeriodStart(new DateOnly(2015, 10, 4), TimelineBucket.Week));
        Assert.Equal("2015-W40", TimelineBuilder.Label(new DateOnly(2015, 9, 28), TimelineBucket.Week));
    }
}
