using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dyad.Documents;
using Dyad.Errors;

namespace Dyad.Queue;

/// <summary>
/// An article on the queue: the fields the reader found, as JSON. The worker rebuilds the same
/// <see cref="Article"/> the reader gave, so queued and directly ingested articles are processed alike.
/// </summary>
public static class ArticleMessage
{
    private sealed record Body
    {
        public required string Id { get; init; }
        public required string Text { get; init; }
        public string? Title { get; init; }
        public string? Published { get; init; }
        public string? PublishedClueKind { get; init; }
        public string? PublishedClueEvidence { get; init; }
        public string? Source { get; init; }
        public string? SiteName { get; init; }
        public string? Url { get; init; }
        public string? CanonicalUrl { get; init; }
        public IReadOnlyList<string>? Authors { get; init; }
        public string? Language { get; init; }
        public string? Description { get; init; }
        public string? Raw { get; init; }
        public string? Origin { get; init; }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Encode(Article article) => JsonSerializer.SerializeToUtf8Bytes(new Body
    {
        Id = article.Id, Text = article.Text, Title = article.Title,
        Published = article.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PublishedClueKind = article.PublishedClue?.Kind, PublishedClueEvidence = article.PublishedClue?.Evidence,
        Source = article.Source, SiteName = article.SiteName, Url = article.Url, CanonicalUrl = article.CanonicalUrl,
        Authors = article.Authors.Count == 0 ? null : article.Authors, Language = article.Language,
        Description = article.Description, Raw = article.Raw, Origin = article.Origin,
    }, Json);

    /// <summary>The article in a message; a message that is not one is a <see cref="ErrorCode.QueueMessage"/> error.</summary>
    public static Article Decode(ReadOnlySpan<byte> bytes)
    {
        Body? body;
        try
        {
            body = JsonSerializer.Deserialize<Body>(bytes, Json);
        }
        catch (JsonException e)
        {
            throw new DyadException(ErrorCode.QueueMessage, $"the message is not an article: {e.Message}", e);
        }
        if (body is null || string.IsNullOrEmpty(body.Id) || string.IsNullOrWhiteSpace(body.Text))
            throw new DyadException(ErrorCode.QueueMessage, "the message has no article id or text");
        return new Article
        {
            Id = body.Id, Text = body.Text, Title = body.Title,
            Published = Ingest.ArticleReader.ParseDate(body.Published),
            PublishedClue = body.PublishedClueKind is { } kind ? new MetadataClue(kind, body.PublishedClueEvidence ?? "") : null,
            Source = body.Source, SiteName = body.SiteName, Url = body.Url, CanonicalUrl = body.CanonicalUrl,
            Authors = body.Authors ?? [], Language = body.Language, Description = body.Description, Raw = body.Raw, Origin = body.Origin,
        };
    }
}
