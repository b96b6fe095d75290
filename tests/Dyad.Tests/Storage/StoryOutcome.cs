using Dyad.Storage;

namespace Dyad.Tests.Storage;

/// <summary>A store's stories reduced to what must not depend on the order articles arrived in, to compare two stores.</summary>
public static class StoryOutcome
{
    /// <summary>What must not depend on arrival order: which articles share a story, which are copies of one another, and the merged counts.</summary>
    public static (string[] Stories, string[] Copies, string[] Merged) Of(IAnalyticsStore store)
    {
        var links = store.StoryLinks();
        Assert.Equal(links.Count, links.Select(l => l.ArticleId).Distinct().Count()); // no article in two stories
        Assert.Empty(store.PendingStoryArticles(10));
        string Group(IEnumerable<string> ids) => string.Join(" ", ids.Order(StringComparer.Ordinal));
        var stories = links.GroupBy(l => l.StoryId).Select(g => Group(g.Select(l => l.ArticleId))).Order(StringComparer.Ordinal).ToArray();
        var canonical = links.ToDictionary(l => l.ArticleId, l => l.DuplicateOf ?? l.ArticleId);
        string Root(string id) { while (canonical.TryGetValue(id, out var c) && c != id) id = c; return id; }
        var copies = links.GroupBy(l => Root(l.ArticleId)).Where(g => g.Count() > 1).Select(g => Group(g.Select(l => l.ArticleId))).Order(StringComparer.Ordinal).ToArray();
        var merged = links.Select(l => l.StoryId).Distinct()
            .SelectMany(s => store.MergedEvents(s).Select(m => $"{Group(links.Where(l => l.StoryId == s).Select(l => l.ArticleId))}: {m.Cameo} {m.Mentions}/{m.Articles}/{m.IndependentReports}"))
            .Order(StringComparer.Ordinal).ToArray();
        return (stories, copies, merged);
    }

    public static void Same((string[] Stories, string[] Copies, string[] Merged) expected, (string[] Stories, string[] Copies, string[] Merged) actual)
    {
        Assert.Equal(expected.Stories, actual.Stories);
        Assert.Equal(expected.Copies, actual.Copies);
        Assert.Equal(expected.Merged, actual.Merged);
    }
}
