using Dyad.Documents;
using Dyad.Storage;
using Dyad.Stories.Clustering;
using Dyad.Stories.Merging;

namespace Dyad.Stories;

/// <summary>
/// Keeps a store's stories up to date as articles arrive: restores the clusterer from the links already
/// stored (the most recent <see cref="RestoreLimit"/> articles), assigns each new article a story and a
/// duplicate link, and rewrites the title, summary and merged events of every story it touched.
/// </summary>
public sealed class StoryDesk
{
    public const int RestoreLimit = 20_000;
    private const int DigestMembers = 30;

    private readonly IAnalyticsStore _store;
    private readonly OnlineStoryClusterer _clusterer;
    private readonly IEventMerger _merger;

    public StoryDesk(IAnalyticsStore store, ClusteringOptions? options = null, IEventMerger? merger = null)
    {
        _store = store;
        _clusterer = new OnlineStoryClusterer(options);
        _merger = merger ?? new EventMerger();
        var links = store.StoryLinks();
        foreach (var link in links.Skip(Math.Max(0, links.Count - RestoreLimit)))
            if (store.GetArticle(link.ArticleId) is { } stored)
                _clusterer.Restore(StoryArticle.From(stored), link.StoryId, link.DuplicateOf);
    }

    public OnlineStoryClusterer Clusterer => _clusterer;

    /// <summary>Assigns the documents (already stored) to stories and saves links, stories and merged events.</summary>
    public IReadOnlyList<StoryAssignment> Add(IReadOnlyList<Document> documents)
    {
        if (documents.Count == 0) return [];
        var fresh = documents.ToDictionary(d => d.Id, StoryArticle.From, StringComparer.Ordinal);
        // the whole batch counts in the document frequencies before any of it is placed, so a new store does not start cold
        foreach (var article in fresh.Values) _clusterer.Observe(article);
        // a batch arrives together: let it stream in publication order, as in StoryBatch
        var assignments = documents.Select((d, i) => (d, i))
            .OrderBy(x => x.d.Published is null).ThenBy(x => x.d.Published ?? DateOnly.MinValue).ThenBy(x => x.i)
            .Select(x => _clusterer.Add(fresh[x.d.Id])).ToList();
        _store.SaveStoryLinks(assignments.Select(a => new StoryLink(a.ArticleId, a.StoryId, Math.Round(a.Similarity, 4), a.DuplicateOf)).ToList());
        var touched = assignments.Select(a => a.StoryId).Distinct(StringComparer.Ordinal).ToList();
        var records = new List<StoryRecord>();
        foreach (var storyId in touched)
        {
            var story = _clusterer.Find(storyId)!;
            var members = new List<StoryArticle>();
            foreach (var id in story.Members.TakeLast(DigestMembers))
            {
                if (fresh.TryGetValue(id, out var article)) members.Add(article);
                else if (_store.GetArticle(id) is { } stored) members.Add(StoryArticle.From(stored));
            }
            var digest = StorySummarizer.Digest(story, members, _clusterer.Idf);
            records.Add(new StoryRecord(storyId, digest.Title, digest.Summary, story.First, story.Last, story.Members.Count));
            _store.ReplaceMergedEvents(storyId, _merger.Merge(Mentions(story, members)));
        }
        _store.SaveStories(records);
        return assignments;
    }

    private IEnumerable<EventMention> Mentions(Story story, List<StoryArticle> members)
    {
        var byId = members.ToDictionary(m => m.Id, StringComparer.Ordinal);
        foreach (var id in story.Members)
        {
            byId.TryGetValue(id, out var article);
            foreach (var e in _store.QueryEvents(new EventQuery { ArticleId = id, Limit = 10_000 }))
                yield return new EventMention(e, article?.Source, article?.Published, _clusterer.CanonicalOf(id));
        }
    }
}
