using Dyad.Stories.Clustering;

namespace Dyad.Stories;

/// <summary>The outcome of clustering a batch: each article's assignment and the clusterer holding the stories.</summary>
public sealed record StoryBatchResult(IReadOnlyDictionary<string, StoryAssignment> Assignments, OnlineStoryClusterer Clusterer);

/// <summary>
/// Clusters a batch known in full: the document frequencies are warmed up on the whole batch, then the articles
/// stream through in publication order (undated ones last, in input order), as they would have arrived.
/// </summary>
public static class StoryBatch
{
    public static StoryBatchResult Cluster(IReadOnlyList<StoryArticle> articles, ClusteringOptions? options = null)
    {
        var clusterer = new OnlineStoryClusterer(options);
        foreach (var article in articles) clusterer.Observe(article);
        var ordered = articles.Select((a, i) => (a, i))
            .OrderBy(x => x.a.Published is null)
            .ThenBy(x => x.a.Published ?? DateOnly.MinValue)
            .ThenBy(x => x.i)
            .Select(x => x.a);
        var assignments = new Dictionary<string, StoryAssignment>(StringComparer.Ordinal);
        foreach (var article in ordered)
            assignments[article.Id] = clusterer.Add(article);
        return new StoryBatchResult(assignments, clusterer);
    }
}
