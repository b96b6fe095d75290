using Dyad.Storage;
using Dyad.Stories.Merging;

namespace Dyad.Tests.Stories;

/// <summary>A generated bundle: one meeting reported five ways, plus two different events of the same dyad.</summary>
public class EventMergerTests
{
    private static readonly DateOnly Summit = new(2015, 9, 28);
    private static long _ids;

    private static EventMention Mention(string article, string source, string target, string cameo, DateOnly? date,
        string? place = "New York", string? publisher = null, string? canonical = null, double confidence = 0.6, bool negated = false) =>
        new(new StoredEvent
        {
            Id = Interlocked.Increment(ref _ids), ArticleId = article, Sentence = "…",
            Source = new StoredActor(null, null, source, source[..3], null, null, null, null),
            Target = new StoredActor(null, null, target, target[..3], null, null, null, null),
            Cameo = cameo, Quad = cameo.StartsWith("11", StringComparison.Ordinal) ? 3 : 1, Goldstein = cameo.StartsWith("11", StringComparison.Ordinal) ? -2 : 1,
            Date = date, Location = place is null ? null : new StoredPlace(place, "USA", null, null), Negated = negated, Confidence = confidence,
        }, publisher ?? article + ".example", Summit, canonical);

    private static List<EventMention> Bundle() =>
    [
        // the same meeting, five ways: another code under the same root, a more specific actor, a day later, no place, a syndicated copy
        Mention("a1", "RUSGOV", "USAGOV", "040", Summit),
        Mention("a2", "RUSGOV", "USAGOV", "042", Summit),
        Mention("a3", "RUS", "USAGOV", "042", Summit.AddDays(1)),
        Mention("a4", "RUSGOV", "USA", "042", null, place: null),
        Mention("a5", "RUSGOV", "USAGOV", "042", Summit, publisher: "copy.example", canonical: "a2"),
        // two different events of the same dyad: another meeting four days later, and an accusation the same day
        Mention("b1", "RUSGOV", "USAGOV", "042", Summit.AddDays(4)),
        Mention("c1", "RUSGOV", "USAGOV", "112", Summit),
    ];

    [Fact]
    public void The_five_reports_merge_and_the_other_two_events_stay_apart()
    {
        var merged = new EventMerger().Merge(Bundle());
        Assert.Equal(3, merged.Count);
        var meeting = Assert.Single(merged, m => m.Mentions == 5);
        Assert.Equal(["a1", "a2", "a3", "a4", "a5"], meeting.Links.Select(l => l.Event.ArticleId).Order());
        Assert.Equal("042", meeting.Cameo);
        Assert.Equal(Summit, meeting.Date);
        Assert.Equal("RUSGOV", meeting.SourceCode);
        Assert.Equal(5, meeting.Articles);
        Assert.Equal(5, meeting.Sources);
        Assert.Equal(4, meeting.IndependentReports);
        Assert.Contains(merged, m => m.Mentions == 1 && m.Date == Summit.AddDays(4) && m.Cameo == "042");
        Assert.Contains(merged, m => m.Mentions == 1 && m.Cameo == "112");
    }

    [Fact]
    public void Confidence_grows_with_independent_reports_but_not_with_copies()
    {
        var merger = new EventMerger();
        var one = merger.Merge([Mention("x1", "RUSGOV", "USAGOV", "042", Summit)]).Single();
        var two = merger.Merge([Mention("x1", "RUSGOV", "USAGOV", "042", Summit), Mention("x2", "RUSGOV", "USAGOV", "042", Summit)]).Single();
        var copy = merger.Merge([Mention("x1", "RUSGOV", "USAGOV", "042", Summit), Mention("x3", "RUSGOV", "USAGOV", "042", Summit, canonical: "x1")]).Single();
        Assert.True(two.Confidence > one.Confidence, $"{two.Confidence} > {one.Confidence}");
        Assert.Equal(one.Confidence, copy.Confidence);
        Assert.Equal(2, copy.Mentions);
        Assert.Equal(1, copy.IndependentReports);
    }

    [Fact]
    public void Different_places_negation_and_incompatible_codes_stay_apart()
    {
        var merger = new EventMerger();
        Assert.Equal(2, merger.Merge([Mention("p1", "RUSGOV", "USAGOV", "042", Summit), Mention("p2", "RUSGOV", "USAGOV", "042", Summit, place: "Geneva")]).Count);
        Assert.Equal(2, merger.Merge([Mention("n1", "RUSGOV", "USAGOV", "042", Summit), Mention("n2", "RUSGOV", "USAGOV", "042", Summit, negated: true)]).Count);
        Assert.Equal(2, merger.Merge([Mention("k1", "RUSGOV", "USAGOV", "042", Summit), Mention("k2", "RUSGOV", "USAGOV", "043", Summit)]).Count);
        Assert.Equal(2, merger.Merge([Mention("r1", "RUSGOV", "USAGOV", "042", Summit), Mention("r2", "USAGOV", "RUSGOV", "042", Summit)]).Count);
    }

    [Theory]
    [InlineData("042", "042", true)]
    [InlineData("040", "042", true)]
    [InlineData("036", "0361", true)]
    [InlineData("042", "043", false)]
    [InlineData("042", "112", false)]
    public void Cameo_compatibility(string a, string b, bool compatible) => Assert.Equal(compatible, EventMerger.CompatibleCameo(a, b));
}
