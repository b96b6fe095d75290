namespace Dyad.Cleaning;

/// <summary>
/// The reasons the cleaner gives for a removed line. They are stable strings: <c>dyad clean</c> prints them and
/// later stages (the date finder) look for <see cref="BylineDate"/> to recover publication-date clues.
/// </summary>
public static class RemovalReasons
{
    public const string Repeated = "repeated";
    public const string Caption = "caption";
    public const string PhotoCredit = "photo credit";
    public const string Html = "html";
    public const string BylineDate = "byline/date";
    public const string CommentPrompt = "comment prompt";
    public const string Subscription = "subscription";
    public const string ShareRelated = "share/related";
    public const string ReadMore = "read more";
    public const string Navigation = "navigation";
    public const string Metadata = "metadata";
    public const string Leftover = "leftover";
}

/// <summary>Which rule set the cleaner applies to a document.</summary>
public enum CleaningProfile
{
    /// <summary>Decide per document: text extracted from HTML (Article.Raw is the page) gets <see cref="ExtractedHtml"/>.</summary>
    Auto,
    /// <summary>Scraped plain text with captions, credits, repeats and subscription boxes left in.</summary>
    ScrapedText,
    /// <summary>Text from <see cref="Dyad.Extraction.HtmlArticleExtractor"/>: only unmistakable furniture lines go.</summary>
    ExtractedHtml,
}
