using System.Globalization;
using System.Text.RegularExpressions;

namespace Dyad.Extraction;

/// <summary>
/// Reads calendar dates as news pages print them: ISO timestamps, "Jul 14 2016", "14 July 2016",
/// "Monday 16 Aug 2021", "December 13, 2018", "0419 GMT July 14, 2019", and dates inside URLs (/2015/09/29/).
/// Only the day is kept: publication times in bylines carry time zones that rarely matter for event dating.
/// </summary>
public static partial class DateText
{
    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Earliest and latest years accepted, so that numbers such as prices are not taken for years.</summary>
    private const int MinYear = 1990, MaxYear = 2100;

    /// <summary>Finds the first date written anywhere in <paramref name="text"/>.</summary>
    public static DateOnly? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var iso = IsoDate().Match(text);
        if (iso.Success && Make(iso.Groups["y"].Value, iso.Groups["m"].Value, iso.Groups["d"].Value) is { } isoDay)
            return isoDay;
        var mdy = MonthDayYear().Match(text);
        var dmy = DayMonthYear().Match(text);
        // Whichever pattern starts first is the one the writer meant; the other may borrow a number from a time.
        if (mdy.Success && (!dmy.Success || mdy.Index <= dmy.Index))
        {
            var day = FromMonthName(mdy.Groups["y"].Value, mdy.Groups["mon"].Value, mdy.Groups["d"].Value);
            if (day is not null) return day;
        }
        if (dmy.Success)
        {
            var day = FromMonthName(dmy.Groups["y"].Value, dmy.Groups["mon"].Value, dmy.Groups["d"].Value);
            if (day is not null) return day;
        }
        return null;
    }

    /// <summary>True when the whole text is a date and nothing else (a standalone dateline such as "Aug. 2, 2022").</summary>
    public static bool IsOnlyDate(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is < 6 or > 60) return false;
        if (Find(trimmed) is null) return false;
        // Strip what a date line may contain; if words remain, it is prose that happens to hold a date.
        var rest = DateLineFiller().Replace(trimmed, " ");
        return rest.Trim().Length == 0;
    }

    /// <summary>A date written in a URL path: /2015/09/29/, /2018/may/08/, /2022-08-03/.</summary>
    public static DateOnly? FromUrl(string? url)
    {
        if (string.IsNullOrEmpty(url)) return null;
        var m = UrlDate().Match(url);
        if (m.Success)
        {
            var month = m.Groups["m"].Value;
            var day = char.IsDigit(month[0])
                ? Make(m.Groups["y"].Value, month, m.Groups["d"].Value)
                : FromMonthName(m.Groups["y"].Value, month, m.Groups["d"].Value);
            if (day is not null) return day;
        }
        var compact = CompactUrlDate().Match(url);
        return compact.Success ? Make(compact.Groups["y"].Value, compact.Groups["m"].Value, compact.Groups["d"].Value) : null;
    }

    [GeneratedRegex(@"[-_/](?<y>20\d\d)(?<m>[01]\d)(?<d>[0-3]\d)(?=[/\-_.?#]|$)")]
    private static partial Regex CompactUrlDate();

    private static DateOnly? FromMonthName(string year, string monthName, string day)
    {
        if (monthName.Length < 3) return null;
        var key = monthName[..3].ToLowerInvariant();
        int month = Array.IndexOf(MonthNames, key) + 1;
        return month == 0 ? null : Make(year, month.ToString(CultureInfo.InvariantCulture), day);
    }

    private static DateOnly? Make(string year, string month, string day)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out int y)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out int m)
            || !int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out int d)) return null;
        if (y < MinYear || y > MaxYear || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return null;
        return new DateOnly(y, m, d);
    }

    [GeneratedRegex(@"(?<!\d)(?<y>(19|20)\d\d)-(?<m>[01]\d)-(?<d>[0-3]\d)(?!\d)")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?<d>[0-3]?\d)(st|nd|rd|th)?,?\s+(?<y>(19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"\b(?<d>[0-3]?\d)(st|nd|rd|th)?\s+(of\s+)?(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?<y>(19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"/(?<y>(19|20)\d\d)[/-](?<m>[01]?\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[/-](?<d>[0-3]?\d)(?=[/\-_.]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlDate();

    [GeneratedRegex(@"(?ix)
        \b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?
      | \b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\b\.?
      | \b(updated|published|posted|on|at|of|am|pm|ist|gmt|utc|edt|est|bst|cet|et)\b
      | \d+(st|nd|rd|th)?
      | [,.:|\-/()]")]
    private static partial Regex DateLineFiller();
}
