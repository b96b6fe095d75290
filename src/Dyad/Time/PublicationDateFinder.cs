using System.Globalization;
using System.Text.RegularExpressions;
using Dyad.Documents;

namespace Dyad.Time;

/// <summary>
/// Finds an article's publication date from clues in its text and URL: bylines ("Last Updated : Jul 14 2016",
/// "Published: 0419 GMT July 14, 2019"), a leading date line, wire datelines ("WASHINGTON, Sep 17 (Reuters) -")
/// and dated URL paths (/2015/09/29/). Returns null rather than guessing.
/// </summary>
public static partial class PublicationDateFinder
{
    private const int HeadLength = 3000;
    private const int LeadingDateLength = 300;

    // Order matters: the first publication is the date the article was written against.
    private static readonly (string Cue, string Kind)[] BylineCues =
    [
        ("first published", "byline-published"),
        ("published on", "byline-published"),
        ("published", "byline-published"),
        ("posted on", "byline-posted"),
        ("posted", "byline-posted"),
        ("last updated", "byline-updated"),
        ("updated", "byline-updated"),
    ];

    public static (DateOnly? Date, MetadataClue? Clue) Find(string text, string? url)
    {
        ArgumentNullException.ThrowIfNull(text);
        string head = text.Length > HeadLength ? text[..HeadLength] : text;
        var fromUrl = FromUrl(url);

        foreach (var (cue, kind) in BylineCues)
        {
            int at = 0;
            while ((at = head.IndexOf(cue, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                int after = at + cue.Length;
                bool wordStart = at == 0 || !char.IsLetter(head[at - 1]);
                bool wordEnd = after >= head.Length || !char.IsLetter(head[after]);
                if (wordStart && wordEnd)
                {
                    int windowEnd = Math.Min(head.Length, after + 90);
                    if (FirstDate(head, after, windowEnd, maxTokens: 14) is { } found)
                        return (found.Date, new MetadataClue(kind, head[at..found.EndChar].Trim()));
                }
                at = after;
            }
        }

        if (fromUrl is { } u) return (u.Date, new MetadataClue("url", u.Evidence));

        if (DateOnLineOfItsOwn(head) is { } line) return (line.Date, new MetadataClue("date-line", head[line.StartChar..line.EndChar].Trim()));

        if (FromDateline(head, text, url) is { } d) return (d.Date, new MetadataClue("dateline", d.Evidence));

        int leadEnd = Math.Min(head.Length, LeadingDateLength);
        if (FirstDate(head, 0, leadEnd, maxTokens: 80) is { } lead)
            return (lead.Date, new MetadataClue("leading-date", head[lead.StartChar..lead.EndChar].Trim()));

        return (null, null);
    }

    private readonly record struct DateClue(DateOnly Date, int StartChar, int EndChar);

    /// <summary>The first full date (with a year) among the first tokens of text[start, end).</summary>
    private static DateClue? FirstDate(string text, int start, int end, int maxTokens)
    {
        string window = text[start..end];
        var (starts, ends, count) = PlainTokenizer.Tokenize(window);
        int limit = Math.Min(count, maxTokens);
        var parser = new TimeExpressionParser(window, starts, ends, 0, count, null, NumericDateOrder.DayFirst, null);
        for (int i = 0; i < limit; i++)
        {
            if (parser.TryAbsoluteDate(i, out var match) && match.Day is { } day && day.Year is >= 1990 and <= 2100)
                return new DateClue(day, start + starts[match.First], start + ends[match.End - 1]);
        }
        return null;
    }

    /// <summary>A line that holds nothing but a full date (with perhaps a weekday and a clock time): "December 13, 2018".</summary>
    private static DateClue? DateOnLineOfItsOwn(string head)
    {
        int lineStart = 0;
        while (lineStart < head.Length)
        {
            int lineEnd = head.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = head.Length;
            int length = lineEnd - lineStart;
            if (length is > 5 and < 60 && char.IsLetterOrDigit(head[lineStart..lineEnd].TrimStart()[0]))
            {
                string line = head[lineStart..lineEnd];
                var (starts, ends, count) = PlainTokenizer.Tokenize(line);
                var parser = new TimeExpressionParser(line, starts, ends, 0, count, null, NumericDateOrder.DayFirst, null);
                int i = 0;
                if (count > 0 && parser.TryAbsoluteDate(0, out var match) && match.Day is { } day && day.Year is >= 1990 and <= 2100)
                {
                    // what follows the date may only be a clock time, a zone, or punctuation
                    i = match.End;
                    bool rest = true;
                    for (; i < count; i++)
                    {
                        var token = line.AsSpan(starts[i], ends[i] - starts[i]);
                        if (char.IsLetter(token[0]) && TimeWords.Find(token) is not { Zone: not null } and not { Meridiem: not null }) { rest = false; break; }
                    }
                    if (rest) return new DateClue(day, lineStart + starts[match.First], lineStart + ends[match.End - 1]);
                }
            }
            lineStart = lineEnd + 1;
        }
        return null;
    }

    [GeneratedRegex(@"/((?:19|20)\d{2})/(?:[a-z][a-z0-9-]*/){1,3}(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)")]
    private static partial Regex UrlSplitDatePattern();

    [GeneratedRegex(@"(?<![0-9])((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?![0-9])")]
    private static partial Regex UrlDatePattern();

    [GeneratedRegex(@"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|-|_|\.|$)")]
    private static partial Regex UrlCompactDatePattern();

    private static (DateOnly Date, string Evidence)? FromUrl(string? url)
    {
        if (string.IsNullOrEmpty(url)) return null;
        foreach (var pattern in new[] { UrlDatePattern(), UrlCompactDatePattern(), UrlSplitDatePattern() })
        {
            var m = pattern.Match(url);
            if (!m.Success) continue;
            int y = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            int mo = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            int d = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            if (d <= DateTime.DaysInMonth(y, mo)) return (new DateOnly(y, mo, d), m.Value);
        }
        return null;
    }

    [GeneratedRegex(@"(?m)^[ \t]*(?<place>[A-Z][A-Za-z.'\- ]{1,40}?)(?:\s*\([^)\n]{1,30}\))?,\s+(?<month>[A-Z][a-z]{2,8})\.?\s+(?<day>\d{1,2})(?:\s*,\s*(?<year>\d{4}))?\s*(?:\((?<agency>[^)\n]{2,30})\))?\s*[-–—:]")]
    private static partial Regex DatelinePattern();

    [GeneratedRegex(@"/((?:19|20)\d{2})/")]
    private static partial Regex UrlYearPattern();

    private static (DateOnly Date, string Evidence)? FromDateline(string head, string text, string? url)
    {
        foreach (Match m in DatelinePattern().Matches(head))
        {
            var month = TimeWords.Find(m.Groups["month"].Value);
            if (month is not { Month: > 0 }) continue;
            int day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
            int? year = m.Groups["year"].Success ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
            year ??= url is not null && UrlYearPattern().Match(url) is { Success: true } uy ? int.Parse(uy.Groups[1].Value, CultureInfo.InvariantCulture) : null;
            year ??= MostMentionedYear(text);
            if (year is null || day > DateTime.DaysInMonth(year.Value, month.Month)) continue;
            return (new DateOnly(year.Value, month.Month, day), m.Value.Trim());
        }
        return null;
    }

    /// <summary>The year named most often in the text (ties to the later one): a weak anchor for a dateline without a year.</summary>
    private static int? MostMentionedYear(string text)
    {
        var counts = new Dictionary<int, int>();
        for (int i = 0; i + 4 <= text.Length; i++)
        {
            if ((i > 0 && char.IsAsciiDigit(text[i - 1])) || (i + 4 < text.Length && char.IsAsciiDigit(text[i + 4]))) continue;
            if (text[i] is not ('1' or '2') || !int.TryParse(text.AsSpan(i, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int y)) continue;
            if (y is < 1990 or > 2100) continue;
            counts[y] = counts.GetValueOrDefault(y) + 1;
        }
        if (counts.Count == 0) return null;
        return counts.OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key).First().Key;
    }
}
