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
/// <remarks>
/// Many writers (queue workers) may share one store. Each holds its own desk, but only the writer holding the
/// store's story lock places articles: it first reads the links the others wrote since it last looked, so its
/// clusterer is the same as theirs, then places every article still pending (its own and anyone else's) and
/// writes the step in one transaction. A writer that finds the lock taken goes on with its next batch; the
/// holder, on releasing, looks for articles that arrived meanwhile. See docs/scaling.md.
/// </remarks>
public sealed class StoryDesk
{
    public const int RestoreLimit = 20_000;
    private const int DigestMembers = 30;
    /// <summary>Articles placed in one step (one transaction) at most.</summary>
    private const int StepSize = 2_000;

    private readonly IAnalyticsStore _store;
    private readonly OnlineStoryClusterer _clusterer;
    private readonly IEventMerger _merger;
    /// <summary>Articles (and their stored events) read recently: a story's members are read again at every step that touches it.</summary>
    private const int CacheLimit = 10_000;

    /// <summary>The sequence number of the last story link this desk has seen in the store.</summary>
    private long _seen;
    private readonly Dictionary<string, StoryArticle> _articles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<StoredEvent>> _events = new(StringComparer.Ordinal);

    public StoryDesk(IAnalyticsStore store, ClusteringOptions? options = null, IEventMerger? merger = null)
    {
        _store = store;
        _clusterer = new OnlineStoryClusterer(options);
        _merger = merger ?? new EventMerger();
        var links = store.StoryLinksAfter(0, int.MaxValue);
        if (links.Count > 0) _seen = links[^1].Sequence;
        foreach (var link in links.Skip(Math.Max(0, links.Count - RestoreLimit)))
            Restore(link.Link);
    }

    public OnlineStoryClusterer Clusterer => _clusterer;

    private void Restore(StoryLink link)
    {
        if (_clusterer.StoryOf(link.ArticleId) is not null) return;
        if (ArticleOf(link.ArticleId) is { } article)
            _clusterer.Restore(article, link.StoryId, link.DuplicateOf);
    }

    /// <summary>A stored article as the story step sees it, from the cache or the store.</summary>
    private StoryArticle? ArticleOf(string id)
    {
        if (_articles.TryGetValue(id, out var known)) return known;
        if (_store.GetArticle(id) is not { } stored) return null;
        return Remember(StoryArticle.From(stored));
    }

    private StoryArticle Remember(StoryArticle article)
    {
        if (_articles.Count >= CacheLimit) _articles.Clear();
        return _articles[article.Id] = article;
    }

    /// <summary>An article's stored events (with their store ids); they never change once stored.</summary>
    private IReadOnlyList<StoredEvent> EventsOf(string id)
    {
        if (_events.TryGetValue(id, out var known)) return known;
        if (_events.Count >= CacheLimit) _events.Clear();
        return _events[id] = _store.QueryEvents(new EventQuery { ArticleId = id, Limit = 10_000 });
    }

    /// <summary>Takes in the links other writers recorded since this desk last looked.</summary>
    private void CatchUp()
    {
        while (true)
        {
            var links = _store.StoryLinksAfter(_seen, 5_000);
            if (links.Count == 0) return;
            foreach (var link in links)
            {
                Restore(link.Link);
                _seen = link.Sequence;
            }
        }
    }

    /// <summary>Assigns the documents (already stored) to stories and saves links, stories and merged events.</summary>
    /// <remarks>For a single writer; with several, use <see cref="AddPending"/>.</remarks>
    public IReadOnlyList<StoryAssignment> Add(IReadOnlyList<Document> documents)
    {
        if (documents.Count == 0) return [];
        CatchUp();
        return Place(documents.Select(StoryArticle.From).ToList());
    }

    /// <summary>
    /// Places every stored article that is in no story yet (these documents, and any other writer's), when this
    /// writer can take the store's story lock; when another holds it, returns at once and the holder places them.
    /// Returns the assignments this call made.
    /// </summary>
    /// <param name="known">Documents this writer has just stored: their actors, places and entities help placing them.</param>
    public IReadOnlyList<StoryAssignment> AddPending(IReadOnlyList<Document>? known = null)
    {
        var local = (known ?? []).GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var assignments = new List<StoryAssignment>();
        while (true)
        {
            bool unreadable = false;
            using (var storyLock = _store.TryLockStories())
            {
                if (storyLock is null) return assignments;
                while (true)
                {
                    CatchUp();
                    var pending = _store.PendingStoryArticles(StepSize);
                    var articles = new List<StoryArticle>(pending.Count);
                    foreach (var id in pending)
                    {
                        if (local.TryGetValue(id, out var document)) articles.Add(StoryArticle.From(document));
                        else if (ArticleOf(id) is { } stored) articles.Add(stored);
                    }
                    unreadable = articles.Count == 0 && pending.Count > 0;
                    if (articles.Count == 0) break;
                    assignments.AddRange(Place(articles));
                    if (pending.Count < StepSize) break;
                }
            }
            // a writer that found the lock taken while this one held it left its articles here: look once more
            if (unreadable || _store.PendingStoryArticles(1).Count == 0) return assignments;
        }
    }

    private List<StoryAssignment> Place(List<StoryArticle> articles)
    {
        var fresh = new Dictionary<string, StoryArticle>(StringComparer.Ordinal);
        foreach (var article in articles)
            if (fresh.TryAdd(article.Id, article)) Remember(article);
        // the whole batch counts in the document frequencies before any of it is placed, so a new store does not start cold
        foreach (var article in fresh.Values) _clusterer.Observe(article);
        // a batch arrives together: let it stream in publication order, as in StoryBatch
        var assignments = articles.Select((a, i) => (a, i))
            .OrderBy(x => x.a.Published is null).ThenBy(x => x.a.Published ?? DateOnly.MinValue).ThenBy(x => x.i)
            .Select(x => _clusterer.Add(x.a)).ToList();
        var links = assignments.Select(a => new StoryLink(a.ArticleId, a.StoryId, Math.Round(a.Similarity, 4), a.DuplicateOf)).ToList();
        var touched = assignments.Select(a => a.StoryId).Distinct(StringComparer.Ordinal).ToList();
        var records = new List<StoryRecord>();
        var merged = new Dictionary<string, IReadOnlyList<MergedEvent>>(StringComparer.Ordinal);
        foreach (var storyId in touched)
        {
            var story = _clusterer.Find(storyId)!;
            var members = new List<StoryArticle>();
            foreach (var id in story.Members.TakeLast(DigestMembers))
            {
                if (fresh.TryGetValue(id, out var article)) members.Add(article);
                else if (ArticleOf(id) is { } stored) members.Add(stored);
            }
            var digest = StorySummarizer.Digest(story, members, _clusterer.Idf);
            records.Add(new StoryRecord(storyId, digest.Title, digest.Summary, story.First, story.Last, story.Members.Count));
            merged[storyId] = _merger.Merge(Mentions(story, members));
        }
        _store.SaveStoryStep(new StoryStep(links, records, merged));
        return assignments;
    }

    private IEnumerable<EventMention> Mentions(Story story, List<StoryArticle> members)
    {
        var byId = members.ToDictionary(m => m.Id, StringComparer.Ordinal);
        foreach (var id in story.Members)
        {
            byId.TryGetValue(id, out var article);
            foreach (var e in EventsOf(id))
                yield return new EventMention(e, article?.Source, article?.Published, _clusterer.CanonicalOf(id));
        }
    }
}
