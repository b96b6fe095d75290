using Dyad.Documents;
using Dyad.Processing;
using Dyad.Stories;
using Dyad.Stories.Clustering;

namespace Dyad.Tests.Stories;

/// <summary>Stories past the decay horizon leave the index; nothing that could still join them is kept from them.</summary>
public class StoryRetirementTests
{
    // retiring normally waits for a thousand open stories; these streams are small
    private static readonly ClusteringOptions RetiringAtOnce = new() { RetireWhenOpenAbove = 0 };

    private static readonly DateOnly Day0 = new(2018, 7, 2);

    private static StoryArticle Article(string id, string text, DateOnly? day) =>
        new() { Id = id, Text = text, Published = day, Sentences = StoryArticle.SplitSentences(text) };

    private static readonly StoryArticle[] Cave =
    [
        Article("c1", "Twelve boys and their football coach missing in a flooded cave in northern Thailand were found alive by British divers.", Day0),
        Article("c2", "British divers found the twelve boys and their coach alive deep inside the flooded Thailand cave after nine days.", Day0.AddDays(1)),
    ];

    private static StoryArticle Election(string id, DateOnly? day) =>
        Article(id, "Voters in Brazil elected a new president in a runoff election, the electoral court announced after counting ballots.", day);

    [Fact]
    public void A_story_weeks_behind_the_latest_article_is_retired_from_the_index()
    {
        var clusterer = new OnlineStoryClusterer(RetiringAtOnce);
        foreach (var a in Cave) clusterer.Add(a);
        Assert.Equal(1, clusterer.OpenStories);
        clusterer.Add(Election("e1", Day0.AddDays(3)));
        Assert.Equal(2, clusterer.OpenStories);
        clusterer.Add(Election("e2", Day0.AddDays(40)));
        Assert.Equal(1, clusterer.OpenStories);
        Assert.Equal(3, clusterer.Stories.Count);
        Assert.Null(clusterer.VectorOf("c1"));
        Assert.NotNull(clusterer.VectorOf("e2"));
    }

    [Fact]
    public void A_late_or_undated_article_still_joins_a_retired_story()
    {
        var clusterer = new OnlineStoryClusterer(RetiringAtOnce);
        foreach (var a in Cave) clusterer.Add(a);
        clusterer.Add(Election("e1", Day0.AddDays(40)));
        Assert.Equal(1, clusterer.OpenStories);
        var late = clusterer.Add(Article("c3", "Rescuers say the twelve boys found alive in the flooded Thailand cave must wait for the divers.", Day0.AddDays(2)));
        Assert.Equal("st-c1", late.StoryId);
        Assert.Equal(2, clusterer.OpenStories);
        clusterer.Add(Election("e2", Day0.AddDays(41)));
        var undated = clusterer.Add(Article("c4", "The boys and their coach found alive in the flooded cave in Thailand were visited by British divers.", null));
        Assert.Equal("st-c1", undated.StoryId);
    }

    [Fact]
    public void Retiring_changes_no_story_of_a_dated_stream()
    {
        var samples = new[]
        {
            new Article { Id = "s1", Title = "Leaders meet", Text = "Leaders meet\n\nThe presidents of two countries met in the capital on Monday to sign a peace agreement after months of talks between their ministers.\n\nOfficials said the ceremony was brief and that troops would leave the border region within a month." },
            new Article { Id = "s2", Title = "Floods", Text = "Floods\n\nHeavy rain flooded villages across the northern provinces, and the army sent boats to rescue families stranded on roofs.\n\nThe government promised money for repairs, while aid agencies asked for clean water and medicine." },
        };
        var stream = BenchmarkCorpus.StoryStream(samples, 1500, perDay: 60).ToList();
        var retiring = new OnlineStoryClusterer(RetiringAtOnce);
        var keeping = new OnlineStoryClusterer(new ClusteringOptions { RetireOldStories = false });
        var a = stream.Select(retiring.Add).ToList();
        var b = stream.Select(keeping.Add).ToList();
        Assert.True(retiring.OpenStories < retiring.Stories.Count / 2, $"{retiring.OpenStories} of {retiring.Stories.Count} stories open");
        Assert.Equal(b.Select(x => (x.StoryId, x.Opened)), a.Select(x => (x.StoryId, x.Opened)));
        Assert.Equal(b.Count(x => x.DuplicateOf is not null), a.Count(x => x.DuplicateOf is not null));
    }
}
