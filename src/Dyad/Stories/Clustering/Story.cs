namespace Dyad.Stories.Clustering;

/// <summary>One story as the clusterer sees it: its members, the days they cover and the sum of their vectors.</summary>
public sealed class Story
{
    internal Story(string id) => Id = id;

    public string Id { get; }
    public List<string> Members { get; } = [];
    public DateOnly? First { get; private set; }
    public DateOnly? Last { get; private set; }

    /// <summary>Sum of member vectors: dot(v, Sum) / Members.Count is the average cosine of v to the members.</summary>
    internal Dictionary<string, double> Sum { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, int> Anchors { get; } = new(StringComparer.Ordinal);

    internal void Cover(DateOnly? day)
    {
        if (day is not DateOnly d) return;
        if (First is null || d < First) First = d;
        if (Last is null || d > Last) Last = d;
    }

    /// <summary>Days between <paramref name="day"/> and the span the story covers; 0 inside it, null when either side has no date.</summary>
    public int? GapDays(DateOnly? day)
    {
        if (day is not DateOnly d || First is not DateOnly first || Last is not DateOnly last) return null;
        if (d < first) return first.DayNumber - d.DayNumber;
        if (d > last) return d.DayNumber - last.DayNumber;
        return 0;
    }

    /// <summary>The story's centre as a unit vector, for ranking sentences and titles.</summary>
    public IReadOnlyDictionary<string, double> Centroid()
    {
        double norm = Math.Sqrt(Sum.Values.Sum(v => v * v));
        return norm == 0 ? Sum : Sum.ToDictionary(p => p.Key, p => p.Value / norm, StringComparer.Ordinal);
    }
}
