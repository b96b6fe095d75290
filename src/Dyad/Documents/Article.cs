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
    public string? Source { get; init; }
    public string? Url { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Language { get; init; }
    /// <summary>The input as read (HTML or text) so extraction can be re-run later.</summary>
    public string? Raw { get; init; }
    /// <summary>Where the article came from: file path, and line for JSONL.</summary>
    public string? Origin { get; init; }
}
