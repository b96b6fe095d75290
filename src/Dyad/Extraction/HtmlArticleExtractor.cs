using AngleSharp.Html.Parser;
using Dyad.Documents;
using Dyad.Errors;

namespace Dyad.Extraction;

/// <summary>
/// Turns one HTML page into an <see cref="Article"/>: the main text (paragraphs, in-article headings, lists and
/// quotes, separated by blank lines) and the page's metadata with the clue behind each date. The original HTML is
/// kept in <see cref="Article.Raw"/>. Thread-safe: every call builds its own parser and state.
/// </summary>
public static class HtmlArticleExtractor
{
    /// <summary>Time allowed for one page; a pathological page fails with <see cref="ErrorCode.InputTimeout"/> instead of stalling a batch.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(5);

    /// <summary>A body shorter than this (in letters) is not an article: an index page, an error page, a gallery.</summary>
    public const int MinimumBodyLetters = 80;

    /// <summary>Reads a page from bytes, detecting the charset (BOM, meta, UTF-8 validity, Windows-1252).</summary>
    public static Article Extract(byte[] bytes, string? url, string id, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var (html, _, _) = HtmlDecoding.Decode(bytes);
        return Extract(html, url, id, budget);
    }

    public static Article Extract(string html, string? url, string id, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.Length > HtmlDecoding.DefaultMaxBytes)
            throw new DyadException(ErrorCode.InputTooLarge, $"{id}: the page has {html.Length:N0} characters, more than the limit of {HtmlDecoding.DefaultMaxBytes:N0}");
        if (string.IsNullOrWhiteSpace(html)) throw new DyadException(ErrorCode.InputEmpty, $"{id}: the page is empty");
        if (html.AsSpan(0, Math.Min(html.Length, 4096)).Contains('\0'))
            throw new DyadException(ErrorCode.InputBinary, $"{id}: the page holds NUL characters; it is not HTML text");

        var limit = budget ?? DefaultBudget;
        using var timer = new CancellationTokenSource(limit);
        // the timer counts whole milliseconds: a budget below one is spent before the first check, not after some
        // racing timer tick
        if (limit < TimeSpan.FromMilliseconds(1)) timer.Cancel();
        try
        {
            var parser = new HtmlParser(new HtmlParserOptions { SkipComments = true });
            var page = parser.ParseDocumentAsync(html, timer.Token).GetAwaiter().GetResult();
            timer.Token.ThrowIfCancellationRequested();
            var metadata = HtmlMetadata.Read(page, url);
            var body = MainContentFinder.Extract(page, timer.Token);
            if (CountLetters(body) < MinimumBodyLetters)
                throw new DyadException(ErrorCode.InputNoArticle, $"{id}: no article body found (the page has {CountLetters(body)} letters of main text)");
            return new Article
            {
                Id = id,
                Text = body,
                Title = metadata.Title,
                Published = metadata.Published,
                PublishedClue = metadata.PublishedClue,
                Modified = metadata.Modified,
                ModifiedClue = metadata.ModifiedClue,
                Authors = metadata.Authors,
                SiteName = metadata.SiteName,
                Source = HostOf(url ?? metadata.CanonicalUrl),
                Url = url ?? metadata.CanonicalUrl,
                CanonicalUrl = metadata.CanonicalUrl,
                Language = metadata.Language,
                Description = metadata.Description,
                Raw = html,
            };
        }
        catch (OperationCanceledException e) when (timer.IsCancellationRequested)
        {
            throw new DyadException(ErrorCode.InputTimeout, $"{id}: extraction took longer than {limit.TotalSeconds:0.#} s", e);
        }
    }

    private static string? HostOf(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var host = uri.Host;
        return host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
    }

    private static int CountLetters(string text)
    {
        int n = 0;
        foreach (var c in text) if (char.IsLetterOrDigit(c)) n++;
        return n;
    }
}
