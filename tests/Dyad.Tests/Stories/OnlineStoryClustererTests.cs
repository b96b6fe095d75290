using Dyad.Stories;
using Dyad.Stories.Clustering;

namespace Dyad.Tests.Stories;

public class OnlineStoryClustererTests
{
    private static StoryArticle Article(string id, string text, DateOnly? day = null, string? title = null) =>
        new() { Id = id, Text = text, Published = day, Title = title, Sentences = StoryArticle.SplitSentences(text) };

    private static readonly DateOnly Day0 = new(2018, 7, 2);

    /// <summary>A clusterer whose document frequencies already know a small corpus, as after a warm-up over a batch.</summary>
    private static OnlineStoryClusterer Warm(params StoryArticle[] extra)
    {
        var clusterer = new OnlineStoryClusterer();
        foreach (var a in Cave.Concat(Election).Concat(extra)) clusterer.Observe(a);
        return clusterer;
    }

    private static readonly StoryArticle[] Cave =
    [
        Article("c1", "Twelve boys and their football coach missing in a flooded cave in northern Thailand were found alive by British divers. The boys were trapped for nine days.", Day0),
        Article("c2", "British divers found the twelve boys and their coach alive deep inside the flooded Thailand cave after nine days, officials said.", Day0.AddDays(1)),
        Article("c3", "Rescuers say the boys found alive in the flooded cave in Thailand may have to wait before divers can bring them out.", Day0.AddDays(1)),
    ];

    private static readonly StoryArticle[] Election =
    [
        Article("e1", "Voters in Brazil elected a new president in a runoff election on Sunday, the electoral court announced after counting ballots.", Day0),
        Article("e2", "The runoff election in Brazil ended with a narrow win for the new president, according to the electoral court count of ballots.", Day0),
    ];

    [Fact]
    public void Articles_on_two_topics_form_two_stories()
    {
        var clusterer = Warm();
        var stories = Cave.Concat(Election).Select(clusterer.Add).ToDictionary(a => a.ArticleId, a => a.StoryId);
        Assert.Equal(stories["c1"], stories["c2"]);
        Assert.Equal(stories["c1"], stories["c3"]);
        Assert.Equal(stories["e1"], stories["e2"]);
        Assert.NotEqual(stories["c1"], stories["e1"]);
        Assert.Equal(2, clusterer.Stories.Count);
    }

    [Fact]
    public void The_same_words_weeks_later_open_a_new_story()
    {
        var clusterer = Warm();
        foreach (var a in Cave) clusterer.Add(a);
        var later = clusterer.Add(Article("c9", "British divers went back into the flooded cave in Thailand where the boys and their coach were found.", Day0.AddDays(40)));
        Assert.True(later.Opened);
        var sameWeek = clusterer.Add(Article("c4", "Divers in the flooded Thailand cave brought food to the boys and their coach found alive.", Day0.AddDays(2)));
        Assert.Equal("st-c1", sameWeek.StoryId);
    }

    [Fact]
    public void A_copy_joins_its_canonical_story_and_is_linked()
    {
        var clusterer = new OnlineStoryClusterer();
        foreach (var a in Cave) clusterer.Add(a);
        var copy = clusterer.Add(Article("c1-copy", Cave[0].Text + " More to follow.", Day0));
        Assert.Equal("c1", copy.DuplicateOf);
        Assert.Equal("st-c1", copy.StoryId);
    }

    [Fact]
    public void Restored_stories_take_new_articles_without_reclustering()
    {
        var first = Warm();
        var assigned = Cave.Select(first.Add).ToList();
        var second = Warm();
        foreach (var (article, a) in Cave.Zip(assigned)) second.Restore(article, a.StoryId, a.DuplicateOf);
        var next = second.Add(Article("c5", "Thai officials said the boys found alive in the flooded cave are being checked by doctors while divers plan the rescue.", Day0.AddDays(2)));
        Assert.Equal(assigned[0].StoryId, next.StoryId);
        Assert.Single(second.Stories);
    }

    [Fact]
    public void The_digest_titles_the_story_with_its_most_central_article()
    {
        var clusterer = new OnlineStoryClusterer();
        var withTitles = Cave.Select((a, i) => a with { Title = i == 1 ? "Boys found alive in Thailand cave" : null }).ToList();
        foreach (var a in withTitles) clusterer.Add(a);
        var digest = StorySummarizer.Digest(clusterer.Stories[0], withTitles, clusterer.Idf, sentences: 2);
        Assert.Equal("Boys found alive in Thailand cave", digest.Title);
        Assert.InRange(digest.Summary.Count, 1, 2);
        Assert.Contains(digest.Summary, s => s.Contains("cave", StringComparison.Ordinal));
    }

    [Fact]
    public void Terms_keep_scores_whole_and_drop_function_words()
    {
        var terms = StoryTerms.Extract("France beat Croatia 4-2 in the final, and Mbappé's goal was the best.");
        Assert.Contains("4-2", terms);
        Assert.Contains("mbappé", terms);
        Assert.DoesNotContain("the", terms);
        Assert.DoesNotContain("and", terms);
    }
}
