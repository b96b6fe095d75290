namespace Dyad.Documents;

/// <summary>Where a piece of metadata came from, so a user can see why Dyad believes it.</summary>
public sealed record MetadataClue(string Kind, string Evidence);

/// <summary>An article as read from input, before any analysis.</summary>
public sealed record Article
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public string? Title { get; init; }
    public DateOnly? Published { get; init; }
    public MetadataClue? PublishedClue { get; init; }
    /// <summary>The last modification the page reports, when it gives one.</summary>
    public DateOnly? Modified { get; init; }
    public MetadataClue? ModifiedClue { get; init; }
    public string? Source { get; init; }
    /// <summary>The publication's own name (og:site_name, JSON-LD publisher), where <see cref="Source"/> is the host.</summary>
    public string? SiteName { get; init; }
    public string? Url { get; init; }
    /// <summary>The URL the page names as its canonical address.</summary>
    public string? CanonicalUrl { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Language { get; init; }
    /// <summary>The summary the page gives of itself (og:description or meta description).</summary>
    public string? Description { get; init; }
    /// <summary>The input as read (HTML or text) so extraction can be re-run later.</summary>
    public string? Raw { get; init; }
    /// <summary>Where the article came from: file path, and line for JSONL.</summary>
    public string? Origin { get; init; }
}
