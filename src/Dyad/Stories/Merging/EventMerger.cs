using Dyad.Storage;

namespace Dyad.Stories.Merging;

/// <summary>One coded event as reported by one article, with what independence of sources depends on.</summary>
public sealed record EventMention(StoredEvent Event, string? Publisher = null, DateOnly? Published = null, string? CanonicalArticleId = null)
{
    /// <summary>The event's own date, else the day the article appeared.</summary>
    public DateOnly? Day => Event.Date ?? Published;
    /// <summary>Copies of one report are one report, however many outlets carry it.</summary>
    public string Report => CanonicalArticleId ?? Event.ArticleId;
    public string Outlet => Publisher ?? Report;
}

/// <summary>
/// One real-world event reported by several articles, with GDELT's counts: mentions (every coded event),
/// sources (distinct publishers) and articles; <see cref="Confidence"/> grows with independent reports.
/// </summary>
public sealed record MergedEvent
{
    public required string Id { get; init; }
    public required string? SourceCode { get; init; }
    public required string? TargetCode { get; init; }
    public required string Cameo { get; init; }
    public string Root => Cameo[..2];
    public required int Quad { get; init; }
    public required double Goldstein { get; init; }
    public DateOnly? Date { get; init; }
    public string? Location { get; init; }
    public required int Mentions { get; init; }
    public required int Sources { get; init; }
    public required int Articles { get; init; }
    /// <summary>Reports that are not copies of one another.</summary>
    public required int IndependentReports { get; init; }
    public required double Confidence { get; init; }
    public required IReadOnlyList<EventMention> Links { get; init; }
}

/// <summary>Merges the mentions of one event across articles.</summary>
public interface IEventMerger
{
    IReadOnlyList<MergedEvent> Merge(IEnumerable<EventMention> mentions);
}

/// <summary>
/// Conservative merging: two mentions are one event only when the dyad agrees (codes equal or one refines the
/// other: USA and USAGOV), the CAMEO codes agree (equal, or one refines the other under the same root), the
/// days are at most <see cref="MaxDayGap"/> apart (an unknown day agrees with any), the places agree or one is
/// missing, and polarity and modality are the same. Two meetings of the same leaders on different days stay two.
/// </summary>
public sealed class EventMerger(int maxDayGap = 1) : IEventMerger
{
    public int MaxDayGap { get; } = maxDayGap;

    private sealed class Group(EventMention first)
    {
        public List<EventMention> Members { get; } = [first];
        public DateOnly? Min { get; set; } = first.Day;
        public DateOnly? Max { get; set; } = first.Day;
        public string? Place { get; set; } = first.Event.Location?.Name;
    }

    public IReadOnlyList<MergedEvent> Merge(IEnumerable<EventMention> mentions)
    {
        var groups = new List<Group>();
        var ordered = mentions
            .OrderBy(m => m.Day is null)
            .ThenBy(m => m.Day ?? DateOnly.MinValue)
            .ThenBy(m => m.Event.ArticleId, StringComparer.Ordinal)
            .ThenBy(m => m.Event.SentenceIndex)
            .ThenBy(m => m.Event.Id);
        foreach (var mention in ordered)
        {
            Group? home = null;
            foreach (var group in groups)
                if (Fits(group, mention)) { home = group; break; }
            if (home is null) { groups.Add(new Group(mention)); continue; }
            home.Members.Add(mention);
            if (mention.Day is DateOnly d)
            {
                if (home.Min is null || d < home.Min) home.Min = d;
                if (home.Max is null || d > home.Max) home.Max = d;
            }
            home.Place ??= mention.Event.Location?.Name;
        }
        return groups.Select(Summarise).ToList();
    }

    private bool Fits(Group group, EventMention mention)
    {
        var e = mention.Event;
        if (mention.Day is DateOnly d && group.Min is DateOnly min && group.Max is DateOnly max
            && (Math.Abs(d.DayNumber - min.DayNumber) > MaxDayGap || Math.Abs(d.DayNumber - max.DayNumber) > MaxDayGap)) return false;
        if (e.Location?.Name is { } place && group.Place is { } groupPlace && !string.Equals(place, groupPlace, StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var member in group.Members)
        {
            var o = member.Event;
            if (o.Negated != e.Negated || o.Modality != e.Modality) return false;
            if (!SameActor(ActorKey(o.Source), ActorKey(e.Source)) || !SameActor(ActorKey(o.Target), ActorKey(e.Target))) return false;
            if (!CompatibleCameo(o.Cameo, e.Cameo)) return false;
        }
        return true;
    }

    private static string? ActorKey(StoredActor? actor) => actor?.Code ?? actor?.Country;

    /// <summary>Equal codes, or one code refining the other (USA and USAGOV); an uncoded side matches only another.</summary>
    public static bool SameActor(string? a, string? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a == b) return true;
        return a.Length >= 3 && b.Length >= 3 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal));
    }

    /// <summary>Same root, and either equal codes, one a refinement of the other (036, 0361), or one the root's generic code (040).</summary>
    public static bool CompatibleCameo(string a, string b)
    {
        if (a == b) return true;
        if (a.Length < 2 || b.Length < 2 || a[..2] != b[..2]) return false;
        if (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal)) return true;
        static bool Generic(string c) => c.Length == 2 || (c.Length == 3 && c[2] == '0');
        return Generic(a) || Generic(b);
    }

    private static MergedEvent Summarise(Group group)
    {
        var members = group.Members;
        // the most specific code among the most reported: refinements carry more information than the generic code
        var cameo = members.GroupBy(m => m.Event.Cameo)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        var representative = cameo.First().Event;
        string? Longest(Func<EventMention, string?> code) =>
            members.Select(code).Where(c => c is not null).OrderByDescending(c => c!.Length).ThenBy(c => c, StringComparer.Ordinal).FirstOrDefault();
        var reports = members.GroupBy(m => m.Report, StringComparer.Ordinal).ToList();
        // each independent report is evidence; copies of one report are not
        double doubt = 1;
        foreach (var report in reports)
            doubt *= 1 - Math.Clamp(report.Max(m => m.Event.Confidence), 0.05, 0.95);
        var day = members.Where(m => m.Day is not null).GroupBy(m => m.Day).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).FirstOrDefault()?.Key;
        var first = members[0].Event;
        return new MergedEvent
        {
            Id = $"ev-{first.ArticleId}-{first.SentenceIndex}-{first.Cameo}",
            SourceCode = Longest(m => ActorKey(m.Event.Source)),
            TargetCode = Longest(m => ActorKey(m.Event.Target)),
            Cameo = cameo.Key,
            Quad = representative.Quad,
            Goldstein = representative.Goldstein,
            Date = day,
            Location = group.Place,
            Mentions = members.Count,
            Sources = members.Select(m => m.Outlet).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            Articles = members.Select(m => m.Event.ArticleId).Distinct(StringComparer.Ordinal).Count(),
            IndependentReports = reports.Count,
            Confidence = Math.Round(1 - doubt, 4),
            Links = members,
        };
    }
}
