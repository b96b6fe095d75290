using Dyad.Documents;

namespace Dyad.Stories;

/// <summary>
/// What the corpus-wide story steps need from one processed article: its clean text, sentences, date and the
/// actors and places the per-article pipeline found. Built from a <see cref="Document"/> or from a stored article.
/// </summary>
public sealed record StoryArticle
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public DateOnly? Published { get; init; }
    /// <summary>The publisher (host or site name); copies from one publisher are not independent sources.</summary>
    public string? Source { get; init; }
    /// <summary>The article text with noise left out.</summary>
    public required string Text { get; init; }
    /// <summary>Sentences of the clean text, in order; used for summaries.</summary>
    public IReadOnlyList<string> Sentences { get; init; } = [];
    /// <summary>Actor codes, place names and named entities: evidence that two articles speak of the same people and places.</summary>
    public IReadOnlyList<string> Anchors { get; init; } = [];

    /// <summary>From a stored article: sentences are re-split from the clean text, anchors from its stored actor codes.</summary>
    public static StoryArticle From(Storage.StoredArticle article, IEnumerable<string>? anchors = null) => new()
    {
        Id = article.Id,
        Title = string.IsNullOrWhiteSpace(article.Title) ? null : article.Title.Trim(),
        Published = article.Published,
        Source = article.Source,
        Text = article.CleanText,
        Sentences = SplitSentences(article.CleanText),
        Anchors = anchors?.ToList() ?? [],
    };

    /// <summary>A plain split at . ! ? followed by a space and a capital or quote, good enough to pick summary sentences.</summary>
    public static List<string> SplitSentences(string text)
    {
        var sentences = new List<string>();
        foreach (var paragraph in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int start = 0;
            for (int i = 0; i + 2 < paragraph.Length; i++)
            {
                if (paragraph[i] is '.' or '!' or '?' && paragraph[i + 1] == ' ' && (char.IsUpper(paragraph[i + 2]) || paragraph[i + 2] is '"' or '“'))
                {
                    // "Mr. Smith", "U.S. forces": a one- or two-letter word before the stop is an abbreviation
                    int wordStart = paragraph.LastIndexOf(' ', i) + 1;
                    if (i - wordStart <= 2 && i > wordStart && char.IsUpper(paragraph[wordStart])) continue;
                    sentences.Add(paragraph[start..(i + 1)].Trim());
                    start = i + 2;
                }
            }
            if (start < paragraph.Length) sentences.Add(paragraph[start..].Trim());
        }
        return sentences.Where(s => s.Length > 0).ToList();
    }

    public static StoryArticle From(Document document)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var actor in document.Actors)
            if (!string.IsNullOrEmpty(actor.Code)) anchors.Add("actor:" + actor.Code);
        foreach (var place in document.Places)
            anchors.Add("place:" + (place.GeonameId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? place.Name.ToLowerInvariant()));
        foreach (var entity in document.Entities)
        {
            if (entity.EndToken <= entity.FirstToken || entity.EndToken > document.TokenCount) continue;
            int start = document.TokenStart[entity.FirstToken], end = document.TokenEnd[entity.EndToken - 1];
            anchors.Add("entity:" + document.Text[start..end].ToLowerInvariant());
        }
        var sentences = new List<string>();
        if (document.Has(Layers.Sentences))
        {
            foreach (var sentence in document.Sentences())
            {
                if (document.IsRemoved(sentence.Start)) continue;
                sentences.Add(sentence.Text.ReplaceLineEndings(" ").Trim());
            }
        }
        var article = document.Article;
        return new StoryArticle
        {
            Id = document.Id,
            Title = string.IsNullOrWhiteSpace(article.Title) ? null : article.Title.Trim(),
            Published = document.Published,
            Source = article.SiteName ?? article.Source,
            Text = document.CleanText(),
            Sentences = sentences,
            Anchors = anchors.Order(StringComparer.Ordinal).ToList(),
        };
    }
}
