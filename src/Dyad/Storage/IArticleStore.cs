using Dyad.Coding.Events;
using Dyad.Documents;

namespace Dyad.Storage;

/// <summary>What happened to one article handed to the store.</summary>
public enum StoreOutcome { Stored, Duplicate }

/// <summary>Filters for event queries; every filter is optional and they combine with AND.</summary>
public sealed record EventQuery
{
    /// <summary>Matches an actor's code prefix (RUS, RUSGOV) or words of its name, on either side.</summary>
    public string? Actor { get; init; }
    public string? Country { get; init; }
    public string? Root { get; init; }
    public int? Quad { get; init; }
    public DateOnly? Since { get; init; }
    public DateOnly? Until { get; init; }
    public string? ArticleId { get; init; }
    /// <summary>Role code (GOV, MIL, REB …) of either side.</summary>
    public string? Role { get; init; }
    /// <summary>Code prefix of the source side only (with <see cref="TargetCode"/>, a directed dyad).</summary>
    public string? SourceCode { get; init; }
    /// <summary>Code prefix of the target side only.</summary>
    public string? TargetCode { get; init; }
    /// <summary>With both codes set, also match events from the target to the source (an undirected dyad).</summary>
    public bool EitherDirection { get; init; }
    /// <summary>Place name (case-insensitive) or ISO3 country of the event's location.</summary>
    public string? Place { get; init; }
    /// <summary>Words that must occur in the event's sentence (case-insensitive substring).</summary>
    public string? Text { get; init; }
    /// <summary>Only these event ids (for example the events of one story).</summary>
    public IReadOnlyList<long>? Ids { get; init; }
    /// <summary>Only events that have a location with coordinates.</summary>
    public bool WithCoordinates { get; init; }
    public EventSort Sort { get; init; } = EventSort.Date;
    public bool Descending { get; init; }
    public int Limit { get; init; } = 100;
    public int Offset { get; init; }
}

public enum EventSort { Date, Goldstein, Cameo, Source, Target, Article, Confidence, Id }

/// <summary>A grouping of events for facet counts.</summary>
public enum EventFacet { Root, Quad, Country, Source, Target, Role, Place, Modality }

public enum SeriesInterval { Day, Week, Month }

public sealed record FacetCount(string Value, long Count);

/// <summary>Events of one period: counts by QuadClass (1 verbal cooperation … 4 material conflict) and mean Goldstein.</summary>
public sealed record SeriesBucket(DateOnly Period, long Total, long Quad1, long Quad2, long Quad3, long Quad4, double MeanGoldstein);

/// <summary>One directed actor pair with how often and how (co-operatively or not) the source acted on the target.</summary>
public sealed record ActorPair(string Source, string Target, long Count, long Cooperation, long Conflict, double MeanGoldstein);

/// <summary>An actor code as used in events and mentions, with its most frequent name.</summary>
public sealed record ActorSummary(string Code, string? Name, string? Country, string? Role, long AsSource, long AsTarget, long Mentions);

public sealed record PlaceCount(string Name, string? Country, double? Lat, double? Lon, long Count, double MeanGoldstein);

public sealed record StoredMention(int Start, int End, string Text, string? Name, string? Code, string? Country, string? Role, string? Kind, string? Why);

public sealed record ArticleSummary(string Id, string? Title, DateOnly? Published, string? Source, string? Url, long Events);

/// <summary>An event as read back from a store: the coded event flattened, with its article.</summary>
public sealed record StoredEvent
{
    public long Id { get; init; }
    public required string ArticleId { get; init; }
    public int SentenceIndex { get; init; }
    public required string Sentence { get; init; }
    public required StoredActor Source { get; init; }
    public StoredActor? Target { get; init; }
    public required string Cameo { get; init; }
    public string Root => Cameo[..2];
    public int Quad { get; init; }
    public double Goldstein { get; init; }
    public string? Plover { get; init; }
    public DateOnly? Date { get; init; }
    public StoredPlace? Location { get; init; }
    public bool Negated { get; init; }
    public string Modality { get; init; } = "asserted";
    public int PredicateStart { get; init; }
    public int PredicateEnd { get; init; }
    public string? Entry { get; init; }
    public double Confidence { get; init; }
}

public sealed record StoredActor(string? Text, string? Name, string? Code, string? Country, string? Role, string? Why, int? Start, int? End);
public sealed record StoredPlace(string Name, string? Country, double? Lat, double? Lon);

public sealed record ArticleHit(string Id, string? Title, DateOnly? Published, string? Source, string Snippet);

public sealed record StoredArticle(string Id, string? Title, DateOnly? Published, string? Source, string? Url, string? Origin,
    string Text, string CleanText, string? Raw, IReadOnlyList<RemovedBlock> Removed);

public sealed record StoreCounts(long Articles, long Events, long ActorMentions);

/// <summary>
/// The storage contract, the same for the embedded SQLite store and the server store. Writing an article
/// with its events is atomic; the same article (same id or same text) is stored once.
/// </summary>
public interface IArticleStore : IDisposable
{
    /// <summary>Writes a batch in one transaction; returns the outcome of each document, in order.</summary>
    IReadOnlyList<StoreOutcome> Store(IReadOnlyList<Document> documents);
    bool Contains(string articleId);
    IReadOnlyList<StoredEvent> QueryEvents(EventQuery query);
    IReadOnlyList<ArticleHit> Search(string query, int limit = 20);
    StoredArticle? GetArticle(string id);
    StoreCounts Counts();
}

/// <summary>
/// What the story step and the HTTP API need beyond the core contract: stories, merged events and the read
/// models of the dashboard. Both the embedded store and the PostgreSQL store have all of it.
/// </summary>
public interface IAnalyticsStore : IArticleStore
{
    // ---- coordination of the story step among writers (see Dyad.Stories.StoryDesk and docs/scaling.md) ----
    /// <summary>
    /// Takes the store-wide story lock when no other writer holds it, else returns null at once. Only the holder
    /// places articles in stories; the lock goes when the handle is disposed or the holder's process dies.
    /// </summary>
    IDisposable? TryLockStories();
    /// <summary>Ids of stored articles that are in no story yet, in the order they were stored (at most <paramref name="limit"/>).</summary>
    IReadOnlyList<string> PendingStoryArticles(int limit);
    /// <summary>Story links recorded after sequence number <paramref name="after"/>, in the order they were recorded.</summary>
    IReadOnlyList<SequencedStoryLink> StoryLinksAfter(long after, int limit);
    /// <summary>Writes one placement step in one transaction: its links, the stories it touched and their merged events.</summary>
    void SaveStoryStep(StoryStep step);

    // ---- stories (see Dyad.Stories; written through SaveStoryStep) ----
    /// <summary>Stories, most recent first.</summary>
    IReadOnlyList<StoryRecord> QueryStories(int limit = 50, int offset = 0);
    StoryRecord? GetStory(string id);
    /// <summary>The links of one story, or of every story when <paramref name="storyId"/> is null, in insertion order.</summary>
    IReadOnlyList<StoryLink> StoryLinks(string? storyId = null);
    IReadOnlyList<StoredMergedEvent> MergedEvents(string storyId);

    // read methods for the HTTP API and dashboard
    long CountEvents(EventQuery query);
    StoredEvent? GetEvent(long id);
    /// <summary>Every actor mention of one article, in text order.</summary>
    IReadOnlyList<StoredMention> ActorMentions(string articleId);
    /// <summary>The most frequent values of one grouping among the events matching the query (its paging ignored).</summary>
    IReadOnlyList<FacetCount> Facet(EventQuery query, EventFacet facet, int limit = 20);
    /// <summary>Dated events matching the query per period, oldest first.</summary>
    IReadOnlyList<SeriesBucket> Series(EventQuery query, SeriesInterval interval);
    /// <summary>Directed source→target code pairs among matching events, most frequent first.</summary>
    IReadOnlyList<ActorPair> ActorPairs(EventQuery query, int limit = 200);
    /// <summary>Actor codes whose code starts with, or whose name contains, <paramref name="match"/> (all when null).</summary>
    IReadOnlyList<ActorSummary> Actors(string? match, int limit = 100, int offset = 0);
    /// <summary>Event locations among matching events, most frequent first.</summary>
    IReadOnlyList<PlaceCount> Places(EventQuery query, int limit = 500);
    /// <summary>Articles newest first, with their event counts.</summary>
    IReadOnlyList<ArticleSummary> ListArticles(int limit = 50, int offset = 0);
}

/// <summary>An article's place in a story; <see cref="DuplicateOf"/> names the canonical article it copies.</summary>
public sealed record StoryLink(string ArticleId, string StoryId, double Similarity, string? DuplicateOf);

/// <summary>A story link with the store's sequence number: links recorded later have larger numbers.</summary>
public sealed record SequencedStoryLink(long Sequence, StoryLink Link);

/// <summary>
/// What one placement of articles changes, written together: the new links, the touched stories' records, and
/// the merged events of each touched story (which replace the story's earlier ones).
/// </summary>
public sealed record StoryStep(IReadOnlyList<StoryLink> Links, IReadOnlyList<StoryRecord> Stories,
    IReadOnlyDictionary<string, IReadOnlyList<Stories.Merging.MergedEvent>> MergedEvents);

public sealed record StoryRecord(string Id, string Title, IReadOnlyList<string> Summary, DateOnly? First, DateOnly? Last, int Articles);

/// <summary>A merged event as stored: GDELT-style counts and the ids of the coded events it merges.</summary>
public sealed record StoredMergedEvent(string Id, string StoryId, string? SourceCode, string? TargetCode, string Cameo, int Quad,
    double Goldstein, DateOnly? Date, string? Location, int Mentions, int Sources, int Articles, int IndependentReports,
    double Confidence, IReadOnlyList<long> EventIds);
