using System.Globalization;
using Dyad.Storage;

namespace Dyad.Stories.Timelines;

public enum TimelineBucket { Day, Week, Month }

/// <summary>One period of a timeline: how many events, of which CAMEO roots and QuadClasses, and their mean Goldstein score.</summary>
public sealed record TimelinePeriod(string Label, DateOnly Start, int Events, IReadOnlyDictionary<string, int> ByRoot, IReadOnlyList<int> ByQuad, double MeanGoldstein);

/// <summary>A timeline for a story, an actor or a dyad: the dated events in order and their counts by period.</summary>
public sealed record Timeline(IReadOnlyList<StoredEvent> Events, IReadOnlyList<TimelinePeriod> Periods, int Undated);

public static class TimelineBuilder
{
    /// <summary>Events without a date are counted in <see cref="Timeline.Undated"/> and left out of the periods.</summary>
    public static Timeline Build(IEnumerable<StoredEvent> events, TimelineBucket bucket = TimelineBucket.Month)
    {
        var all = events.ToList();
        var dated = all.Where(e => e.Date is not null).OrderBy(e => e.Date).ThenBy(e => e.ArticleId, StringComparer.Ordinal).ThenBy(e => e.SentenceIndex).ToList();
        var periods = dated
            .GroupBy(e => PeriodStart(e.Date!.Value, bucket))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var byQuad = new int[4];
                foreach (var e in g) if (e.Quad is >= 1 and <= 4) byQuad[e.Quad - 1]++;
                var byRoot = g.GroupBy(e => e.Root).OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Count(), StringComparer.Ordinal);
                return new TimelinePeriod(Label(g.Key, bucket), g.Key, g.Count(), byRoot, byQuad, Math.Round(g.Average(e => e.Goldstein), 2));
            })
            .ToList();
        return new Timeline(dated, periods, all.Count - dated.Count);
    }

    /// <summary>Weeks start on Monday (ISO 8601).</summary>
    public static DateOnly PeriodStart(DateOnly day, TimelineBucket bucket) => bucket switch
    {
        TimelineBucket.Day => day,
        TimelineBucket.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => new DateOnly(day.Year, day.Month, 1),
    };

    public static string Label(DateOnly start, TimelineBucket bucket) => bucket switch
    {
        TimelineBucket.Day => start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimelineBucket.Week => $"{ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)):D2}",
        _ => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };
}
