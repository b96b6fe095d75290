using Dyad.Documents;
using Dyad.Extraction;
using Dyad.Pipeline;

namespace Dyad.Cleaning;

/// <summary>
/// Marks the noise that scrapers leave in article text (captions, credits, bylines, share bars, subscription
/// boxes, comment prompts, repeated headlines) as <see cref="RemovedBlock"/>s. The text itself is never changed,
/// so every offset later stages compute still points into the original. The title line is always kept.
/// </summary>
public sealed class ScrapedTextCleaner(CleaningProfile profile = CleaningProfile.Auto) : IStage
{
    /// <summary>How far apart a fragment and the line that repeats it may be; bounds the quadratic search.</summary>
    private const int FragmentWindow = 400;

    public string Name => "clean";
    public Layers Requires => Layers.Text;
    public Layers Produces => Layers.Cleaning;

    public void Process(Document document)
    {
        var text = document.Text;
        var lines = TextLine.Split(text);
        var reasons = new string?[lines.Count];
        int titleIndex = FindTitle(lines, document.Article.Title);
        bool scraped = ProfileFor(document.Article) == CleaningProfile.ScrapedText;

        ClassifyEachLine(lines, reasons, titleIndex, scraped);
        if (scraped)
        {
            MarkRepeats(lines, reasons, titleIndex);
            MarkFragments(lines, reasons, titleIndex);
            MarkCaptionsBesideCredits(lines, reasons, titleIndex);
        }

        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (reasons[i] is { } reason)
            {
                document.Removed.Add(new RemovedBlock(new CharSpan(line.Start, line.End), reason, line.Number));
                continue;
            }
            if (line.IsBlank) continue;
            AddPartialRemovals(document, text, line);
        }
    }

    /// <summary>
    /// Text extracted from HTML has lost its figures and captions already, and its repeated lines and short
    /// capitalised headings are usually real (interview questions, subheadings), so only the unambiguous rules run.
    /// </summary>
    public CleaningProfile ProfileFor(Article article)
    {
        if (profile != CleaningProfile.Auto) return profile;
        var raw = article.Raw.AsSpan().TrimStart();
        return raw.Length > 0 && raw[0] == '<' && !ReferenceEquals(article.Raw, article.Text)
            ? CleaningProfile.ExtractedHtml
            : CleaningProfile.ScrapedText;
    }

    /// <summary>The removed lines that carry a byline or date, in text order: clues for the publication date.</summary>
    public static IEnumerable<RemovedBlock> DateClues(Document document) =>
        document.Removed.Where(r => r.Reason == RemovalReasons.BylineDate).OrderBy(r => r.Span.Start);

    /// <summary>
    /// The publication date read from the removed byline and date lines: "First Published" beats "Last Updated",
    /// which beats any other dated byline. Null when no such line holds a date.
    /// </summary>
    public static (DateOnly Day, MetadataClue Clue)? PublishedFromBylines(Document document)
    {
        (DateOnly, MetadataClue)? best = null;
        int bestRank = int.MaxValue;
        foreach (var block in DateClues(document))
        {
            var evidence = document.Text.Substring(block.Span.Start, block.Span.Length).Trim();
            if (DateText.Find(evidence) is not { } day) continue;
            int rank = evidence.Contains("published", StringComparison.OrdinalIgnoreCase) ? 0
                : evidence.Contains("updated", StringComparison.OrdinalIgnoreCase) ? 2 : 1;
            if (rank < bestRank)
            {
                bestRank = rank;
                best = (day, new MetadataClue("byline", evidence));
            }
        }
        return best;
    }

    private static int FindTitle(List<TextLine> lines, string? title)
    {
        string? key = title is null ? null : string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        int firstNonBlank = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].IsBlank) continue;
            if (firstNonBlank < 0) firstNonBlank = i;
            if (key is null) return i;
            if (lines[i].Key == key) return i;
        }
        // A title given by metadata that the text does not repeat: the first line is still the likeliest headline
        // only when the text was built as title + body, which a caller shows by passing no title.
        return key is null ? firstNonBlank : -1;
    }

    private static void ClassifyEachLine(List<TextLine> lines, string?[] reasons, int titleIndex, bool scraped)
    {
        bool inSubscriptionBox = false, inRelatedList = false;
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.IsBlank || i == titleIndex) continue;
            string? reason = scraped ? Classify(line) : ClassifyExtracted(line);

            if (reason == RemovalReasons.Subscription) inSubscriptionBox = true;
            else if (scraped && reason is null && inSubscriptionBox && !line.IsProse) reason = RemovalReasons.Subscription;
            else if (line.IsProse && reason is null) inSubscriptionBox = false;

            if (NoiseRules.OpensRelatedList(line)) inRelatedList = true;
            else if (reason is null && inRelatedList && !line.IsProse) reason = RemovalReasons.ShareRelated;
            else if (line.IsProse && reason is null) inRelatedList = false;

            reasons[i] = reason;
        }
    }

    /// <summary>The reason a line is noise on its own, or null when it may be article text.</summary>
    private static string? Classify(in TextLine line)
    {
        if (NoiseRules.HasHtml(line))
        {
            var visible = new TextLine(NoiseRules.WithoutHtml(line.Trimmed), 0, 0, NoiseRules.WithoutHtml(line.Trimmed).Length);
            // A sentence with a stray tag keeps its words; only the tags go (see AddPartialRemovals).
            if (!visible.IsProse) return RemovalReasons.Html;
        }
        if (NoiseRules.IsPunctuationOnly(line)) return RemovalReasons.Leftover;
        if (NoiseRules.IsNavigation(line)) return RemovalReasons.Navigation;
        if (NoiseRules.IsCommentPrompt(line)) return RemovalReasons.CommentPrompt;
        if (NoiseRules.IsMetadata(line)) return RemovalReasons.Metadata;
        if (NoiseRules.IsSubscriptionStrong(line)) return RemovalReasons.Subscription;
        if (NoiseRules.IsReadMore(line)) return RemovalReasons.ReadMore;
        if (NoiseRules.IsShareOrRelated(line)) return RemovalReasons.ShareRelated;
        if (NoiseRules.IsTruncatedTeaser(line)) return RemovalReasons.ReadMore;
        if (NoiseRules.IsBylineOrDate(line)) return RemovalReasons.BylineDate;
        if (NoiseRules.IsCreditOnly(line)) return RemovalReasons.PhotoCredit;
        if (NoiseRules.EndsWithCredit(line) || NoiseRules.StartsLikeCaption(line)) return RemovalReasons.Caption;
        if (NoiseRules.IsSubscriptionWeak(line)) return RemovalReasons.Subscription;
        if (NoiseRules.IsNameOnly(line)) return RemovalReasons.Caption;
        return null;
    }

    /// <summary>The rules that hold for text already extracted from HTML: page furniture with unmistakable wording.</summary>
    private static string? ClassifyExtracted(in TextLine line)
    {
        if (NoiseRules.HasHtml(line) && !new TextLine(NoiseRules.WithoutHtml(line.Trimmed), 0, 0, NoiseRules.WithoutHtml(line.Trimmed).Length).IsProse)
            return RemovalReasons.Html;
        if (NoiseRules.IsNavigation(line)) return RemovalReasons.Navigation;
        if (NoiseRules.IsCommentPrompt(line)) return RemovalReasons.CommentPrompt;
        if (NoiseRules.IsMetadata(line)) return RemovalReasons.Metadata;
        if (NoiseRules.IsSubscriptionStrong(line) && !line.IsProse) return RemovalReasons.Subscription;
        if (NoiseRules.IsShareOrRelated(line)) return RemovalReasons.ShareRelated;
        if (NoiseRules.IsTruncatedTeaser(line)) return RemovalReasons.ReadMore;
        if (NoiseRules.IsBylineOrDate(line) && !line.IsProse) return RemovalReasons.BylineDate;
        return null;
    }

    /// <summary>
    /// A verbatim repeat of an earlier line goes (the headline printed again above the body). A short label printed
    /// twice in a row is a photo caption, so both copies go.
    /// </summary>
    private static void MarkRepeats(List<TextLine> lines, string?[] reasons, int titleIndex)
    {
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].IsBlank) continue;
            if (!firstSeen.TryGetValue(lines[i].Key, out int first))
            {
                firstSeen[lines[i].Key] = i;
                continue;
            }
            reasons[i] ??= RemovalReasons.Repeated;
            if (first != titleIndex && !lines[first].IsProse && reasons[first] is null && NextNonBlank(lines, first) == i)
                reasons[first] = RemovalReasons.Caption;
        }
    }

    /// <summary>
    /// A label-like line whose words reappear inside a longer line: a caption stub just above the full caption,
    /// or a standfirst that the body repeats as the start of a paragraph.
    /// </summary>
    private static void MarkFragments(List<TextLine> lines, string?[] reasons, int titleIndex)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.IsBlank || reasons[i] is not null || i == titleIndex || line.EndsLikeSentence || line.Words < 4) continue;
            int from = Math.Max(0, i - FragmentWindow), to = Math.Min(lines.Count, i + FragmentWindow);
            for (int k = from; k < to; k++)
            {
                if (k == i || lines[k].Key.Length <= line.Key.Length) continue;
                if (!lines[k].Key.Contains(line.Key, StringComparison.Ordinal)) continue;
                reasons[i] = k == NextNonBlank(lines, i) ? RemovalReasons.Caption : RemovalReasons.Repeated;
                break;
            }
        }
    }

    /// <summary>
    /// A line printed right above a credit (no blank line between) is that picture's caption; a headline right
    /// above a truncated teaser belongs to the same related-story box.
    /// </summary>
    private static void MarkCaptionsBesideCredits(List<TextLine> lines, string?[] reasons, int titleIndex)
    {
        for (int i = lines.Count - 2; i >= 0; i--)
        {
            if (lines[i].IsBlank || reasons[i] is not null || i == titleIndex) continue;
            var below = reasons[i + 1];
            if (lines[i + 1].IsBlank) continue;
            if (below == RemovalReasons.PhotoCredit || (below == RemovalReasons.Caption && !lines[i].IsProse))
                reasons[i] = RemovalReasons.Caption;
            else if (below == RemovalReasons.ReadMore && !lines[i].IsProse)
                reasons[i] = RemovalReasons.ShareRelated;
        }
    }

    /// <summary>Noise inside a kept line: stray HTML tags, or a machine date marker in front of the first paragraph.</summary>
    private static void AddPartialRemovals(Document document, string text, in TextLine line)
    {
        var content = text.Substring(line.Start, line.End - line.Start);
        var marker = NoiseRules.LeadingDateMarker(content);
        if (marker.Success)
            document.Removed.Add(new RemovedBlock(
                new CharSpan(line.Start + marker.Index, line.Start + marker.Index + marker.Length), RemovalReasons.BylineDate, line.Number));
        if (!content.Contains('<')) return;
        foreach (var (start, length) in NoiseRules.HtmlTags(content))
            document.Removed.Add(new RemovedBlock(new CharSpan(line.Start + start, line.Start + start + length), RemovalReasons.Html, line.Number));
    }

    private static int NextNonBlank(List<TextLine> lines, int i)
    {
        for (int k = i + 1; k < lines.Count; k++)
            if (!lines[k].IsBlank) return k;
        return -1;
    }
}
