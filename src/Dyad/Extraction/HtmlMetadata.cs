using System.Text.Json;
using AngleSharp.Dom;
using Dyad.Documents;

namespace Dyad.Extraction;

/// <summary>What a page says about itself: title, dates, authors, site, canonical URL, language, description.</summary>
public sealed record PageMetadata
{
    public string? Title { get; init; }
    public DateOnly? Published { get; init; }
    public MetadataClue? PublishedClue { get; init; }
    public DateOnly? Modified { get; init; }
    public MetadataClue? ModifiedClue { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? SiteName { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? Language { get; init; }
    public string? Description { get; init; }
}

/// <summary>
/// Reads <see cref="PageMetadata"/> from JSON-LD, Open Graph and other meta tags, microdata, &lt;time&gt; elements,
/// the URL and the visible byline, in that order of trust. Every date keeps the clue it came from.
/// </summary>
internal static class HtmlMetadata
{
    private static readonly string[] PublishedMetaNames =
    [
        "article:published_time", "og:article:published_time", "article:published", "datepublished", "publishdate",
        "publish-date", "pubdate", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
        "sailthru.date", "parsely-pub-date", "article.published", "citation_publication_date", "originalpublicationdate",
        "og:published_time", "published_time", "release_date", "live_date",
    ];

    private static readonly string[] ModifiedMetaNames =
    [
        "article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified", "last-modified",
        "dcterms.modified", "article.updated", "lastmod",
    ];

    private static readonly string[] ArticleTypes =
        ["Article", "NewsArticle", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle", "OpinionNewsArticle",
         "BackgroundNewsArticle", "WebPage", "LiveBlogPosting", "Report", "ScholarlyArticle", "TechArticle", "SocialMediaPosting"];

    public static PageMetadata Read(IDocument page, string? url)
    {
        var meta = ReadMetaTags(page);
        var ld = ReadJsonLd(page);

        var siteName = Get(meta, "og:site_name") ?? ld.Publisher ?? Get(meta, "application-name") ?? Get(meta, "twitter:site")?.TrimStart('@');
        var title = Clean(Get(meta, "og:title")) ?? Clean(ld.Headline) ?? Clean(page.QuerySelector("h1")?.TextContent)
                    ?? Clean(Get(meta, "twitter:title")) ?? TitleWithoutSite(page.Title, siteName);

        var (published, publishedClue) = FindPublished(page, meta, ld, url);
        var (modified, modifiedClue) = FindModified(meta, ld);

        var authors = ld.Authors.Count > 0 ? ld.Authors : AuthorsFromMeta(page, meta);
        var canonical = page.QuerySelector("link[rel~='canonical']")?.GetAttribute("href") ?? Get(meta, "og:url") ?? ld.Url ?? url;
        var language = Clean(page.DocumentElement.GetAttribute("lang")) ?? LocaleToLanguage(Get(meta, "og:locale"))
                       ?? ld.Language ?? Get(meta, "content-language") ?? Get(meta, "language");
        var description = Clean(Get(meta, "og:description")) ?? Clean(Get(meta, "description")) ?? Clean(ld.Description);

        return new PageMetadata
        {
            Title = title, Published = published, PublishedClue = publishedClue, Modified = modified, ModifiedClue = modifiedClue,
            Authors = authors, SiteName = Clean(siteName), CanonicalUrl = Clean(canonical), Language = Clean(language), Description = description,
        };
    }

    private static (DateOnly?, MetadataClue?) FindPublished(IDocument page, Dictionary<string, string> meta, JsonLdFacts ld, string? url)
    {
        var urlDay = DateText.FromUrl(url) ?? DateText.FromUrl(page.QuerySelector("link[rel~='canonical']")?.GetAttribute("href") ?? Get(meta, "og:url"));
        var (day, clue) = FromStructuredData(meta, ld);
        if (day is { } stamped && clue is not null)
        {
            // A UTC timestamp of an evening story falls on the next day; the URL keeps the newsroom's own date.
            if (urlDay is { } local && local.AddDays(1) == stamped && IsUtc(clue.Evidence))
                return (local, new MetadataClue("url", $"{url ?? "canonical url"} (the {clue.Kind} {clue.Evidence} is UTC)"));
            return (day, clue);
        }
        return FromPageText(page, meta, url);
    }

    private static bool IsUtc(string evidence) =>
        evidence.EndsWith('Z') || evidence.EndsWith("+00:00", StringComparison.Ordinal) || evidence.EndsWith("+0000", StringComparison.Ordinal);

    private static (DateOnly?, MetadataClue?) FromStructuredData(Dictionary<string, string> meta, JsonLdFacts ld)
    {
        if (DateText.Find(ld.DatePublished) is { } fromLd) return (fromLd, new MetadataClue("json-ld", "datePublished " + ld.DatePublished));
        foreach (var name in PublishedMetaNames)
            if (Get(meta, name) is { } value && DateText.Find(value) is { } day)
                return (day, new MetadataClue("meta", $"{name} {value}"));
        if (DateText.Find(ld.AnyDatePublished) is { } anyLd) return (anyLd, new MetadataClue("json-ld", "datePublished " + ld.AnyDatePublished));
        return (null, null);
    }

    private static (DateOnly?, MetadataClue?) FromPageText(IDocument page, Dictionary<string, string> meta, string? url)
    {
        foreach (var element in page.QuerySelectorAll("[itemprop='datePublished']"))
        {
            var value = element.GetAttribute("content") ?? element.GetAttribute("datetime") ?? element.TextContent;
            if (DateText.Find(value) is { } day) return (day, new MetadataClue("itemprop", "datePublished " + value.Trim()));
        }
        foreach (var element in page.QuerySelectorAll("time[datetime]"))
        {
            var value = element.GetAttribute("datetime")!;
            if (DateText.Find(value) is { } day) return (day, new MetadataClue("time", value));
        }
        if (DateText.FromUrl(url) is { } fromUrl) return (fromUrl, new MetadataClue("url", url!));
        var canonical = page.QuerySelector("link[rel~='canonical']")?.GetAttribute("href") ?? Get(meta, "og:url");
        if (DateText.FromUrl(canonical) is { } fromCanonical) return (fromCanonical, new MetadataClue("url", canonical!));
        foreach (var element in page.QuerySelectorAll("[class*='date'], [class*='time'], [class*='byline'], [class*='published'], [class*='meta']").Take(40))
        {
            var text = element.TextContent.Trim();
            if (text.Length is 0 or > 200) continue;
            if (DateText.Find(text) is { } day) return (day, new MetadataClue("byline", string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        }
        return (null, null);
    }

    private static (DateOnly?, MetadataClue?) FindModified(Dictionary<string, string> meta, JsonLdFacts ld)
    {
        if (DateText.Find(ld.DateModified) is { } fromLd) return (fromLd, new MetadataClue("json-ld", "dateModified " + ld.DateModified));
        foreach (var name in ModifiedMetaNames)
            if (Get(meta, name) is { } value && DateText.Find(value) is { } day)
                return (day, new MetadataClue("meta", $"{name} {value}"));
        return (null, null);
    }

    private static IReadOnlyList<string> AuthorsFromMeta(IDocument page, Dictionary<string, string> meta)
    {
        var names = new List<string>();
        foreach (var key in new[] { "author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author" })
            if (Get(meta, key) is { } value && !value.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                names.AddRange(SplitNames(value));
        if (names.Count == 0)
            foreach (var element in page.QuerySelectorAll("[rel='author'], [itemprop='author'] [itemprop='name'], [itemprop='author']").Take(5))
                if (Clean(element.TextContent) is { Length: < 80 } name) names.AddRange(SplitNames(name));
        return names.Select(StripBy).Where(n => n.Length > 1).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static IEnumerable<string> SplitNames(string value) =>
        value.Split([",", " and ", "|", ";"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string StripBy(string name) =>
        name.StartsWith("By ", StringComparison.OrdinalIgnoreCase) ? name[3..].Trim() : name.Trim();

    private static Dictionary<string, string> ReadMetaTags(IDocument page)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in page.QuerySelectorAll("meta"))
        {
            var key = element.GetAttribute("property") ?? element.GetAttribute("name") ?? element.GetAttribute("itemprop")
                      ?? element.GetAttribute("http-equiv");
            var content = element.GetAttribute("content");
            if (key is null || string.IsNullOrWhiteSpace(content)) continue;
            meta.TryAdd(key.Trim(), content.Trim());
        }
        return meta;
    }

    private static string? Get(Dictionary<string, string> meta, string key) => meta.TryGetValue(key, out var v) ? v : null;

    private sealed class JsonLdFacts
    {
        public string? Headline, DatePublished, DateModified, Publisher, Url, Language, Description;
        /// <summary>A datePublished on an object of another type (MedicalWebPage, Recipe…), used when no article type says one.</summary>
        public string? AnyDatePublished;
        public List<string> Authors { get; } = [];
        public bool FoundArticle;
    }

    private static JsonLdFacts ReadJsonLd(IDocument page)
    {
        var facts = new JsonLdFacts();
        var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };
        foreach (var script in page.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent.Trim(), options);
                Visit(json.RootElement, facts, 0);
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common (unescaped quotes, concatenated objects); the meta tags remain.
            }
        }
        return facts;
    }

    private static void Visit(JsonElement element, JsonLdFacts facts, int depth)
    {
        if (depth > 8) return;
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Visit(item, facts, depth + 1);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        if (element.TryGetProperty("@graph", out var graph)) Visit(graph, facts, depth + 1);

        if (facts.AnyDatePublished is null && String(element, "datePublished") is { } anyDate) facts.AnyDatePublished = anyDate;
        bool isArticle = element.TryGetProperty("@type", out var type) && TypeNames(type).Any(t => ArticleTypes.Contains(t));
        bool isStrongArticle = isArticle && TypeNames(type).Any(t => t != "WebPage");
        if (!isArticle) return;
        // A NewsArticle beats the WebPage that wraps it: let the stronger type overwrite what a WebPage set.
        if (facts.FoundArticle && !isStrongArticle) return;
        bool overwrite = isStrongArticle && !facts.FoundArticle;
        if (isStrongArticle) facts.FoundArticle = true;

        Set(ref facts.Headline, String(element, "headline") ?? String(element, "name"), overwrite);
        Set(ref facts.DatePublished, String(element, "datePublished") ?? String(element, "dateCreated"), overwrite);
        Set(ref facts.DateModified, String(element, "dateModified"), overwrite);
        Set(ref facts.Url, String(element, "url"), overwrite);
        Set(ref facts.Language, String(element, "inLanguage"), overwrite);
        Set(ref facts.Description, String(element, "description"), overwrite);
        if (element.TryGetProperty("publisher", out var publisher))
            Set(ref facts.Publisher, publisher.ValueKind == JsonValueKind.String ? publisher.GetString() : String(publisher, "name"), overwrite);
        if (element.TryGetProperty("author", out var author) && (overwrite || facts.Authors.Count == 0))
        {
            facts.Authors.Clear();
            foreach (var name in AuthorNames(author))
                if (!facts.Authors.Contains(name)) facts.Authors.Add(name);
        }
    }

    private static void Set(ref string? field, string? value, bool overwrite)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (field is null || overwrite) field = value.Trim();
    }

    private static IEnumerable<string> TypeNames(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)
            : type.ValueKind == JsonValueKind.String ? [type.GetString()!] : [];

    private static IEnumerable<string> AuthorNames(JsonElement author)
    {
        switch (author.ValueKind)
        {
            case JsonValueKind.String:
                foreach (var n in SplitNames(author.GetString()!)) yield return StripBy(n);
                break;
            case JsonValueKind.Array:
                foreach (var item in author.EnumerateArray())
                    foreach (var n in AuthorNames(item)) yield return n;
                break;
            case JsonValueKind.Object:
                if (String(author, "name") is { } name && name.Trim().Length > 0) yield return StripBy(name);
                break;
        }
    }

    private static string? String(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(s => s is not null),
            JsonValueKind.Object => String(value, "@id") ?? String(value, "name"),
            _ => null,
        };
    }

    private static string? LocaleToLanguage(string? locale) => locale is null ? null : locale.Split('_', '-')[0];

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>"Talks resume in Geneva | Example News" → "Talks resume in Geneva": drops the site part of a &lt;title&gt;.</summary>
    internal static string? TitleWithoutSite(string? title, string? siteName)
    {
        var clean = Clean(title);
        if (clean is null) return null;
        foreach (var separator in new[] { " | ", " - ", " – ", " — ", " :: ", " » ", " · " })
        {
            int at = clean.LastIndexOf(separator, StringComparison.Ordinal);
            if (at <= 0) continue;
            var head = clean[..at].Trim();
            var tail = clean[(at + separator.Length)..].Trim();
            bool tailIsSite = siteName is not null && tail.Contains(siteName, StringComparison.OrdinalIgnoreCase)
                              || tail.Split(' ').Length <= 4 && head.Split(' ').Length >= 3;
            if (tailIsSite) return head;
        }
        return clean;
    }
}
