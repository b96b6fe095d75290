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
    public int Limit { get; init; } = 100;
    public int Offset { get; init; }
}

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

    // ---- stories (see Dyad.Stories) ----
    /// <summary>Records (or moves) articles into stories, with the article each one copies.</summary>
    void SaveStoryLinks(IReadOnlyList<StoryLink> links);
    /// <summary>Writes or replaces stories' titles, summaries and spans.</summary>
    void SaveStories(IReadOnlyList<StoryRecord> stories);
    /// <summary>Stories, most recent first.</summary>
    IReadOnlyList<StoryRecord> QueryStories(int limit = 50, int offset = 0);
    StoryRecord? GetStory(string id);
    /// <summary>The links of one story, or of every story when <paramref name="storyId"/> is null, in insertion order.</summary>
    IReadOnlyList<StoryLink> StoryLinks(string? storyId = null);
    /// <summary>Replaces the merged events of one story with these.</summary>
    void ReplaceMergedEvents(string storyId, IReadOnlyList<Stories.Merging.MergedEvent> events);
    IReadOnlyList<StoredMergedEvent> MergedEvents(string storyId);
}

/// <summary>An article's place in a story; <see cref="DuplicateOf"/> names the canonical article it copies.</summary>
public sealed record StoryLink(string ArticleId, string StoryId, double Similarity, string? DuplicateOf);

public sealed record StoryRecord(string Id, string Title, IReadOnlyList<string> Summary, DateOnly? First, DateOnly? Last, int Articles);

/// <summary>A merged event as stored: GDELT-style counts and the ids of the coded events it merges.</summary>
public sealed record StoredMergedEvent(string Id, string StoryId, string? SourceCode, string? TargetCode, string Cameo, int Quad,
    double Goldstein, DateOnly? Date, string? Location, int Mentions, int Sources, int Articles, int IndependentReports,
    double Confidence, IReadOnlyList<long> EventIds);
