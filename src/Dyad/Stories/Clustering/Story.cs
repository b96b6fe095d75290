namespace Dyad.Stories.Clustering;

/// <summary>One story as the clusterer sees it: its members, the days they cover and the sum of their vectors.</summary>
public sealed class Story
{
    internal Story(string id, int number)
    {
        Id = id;
        Number = number;
    }

    public string Id { get; }
    /// <summary>Order of opening in its clusterer: an index for per-story scratch arrays.</summary>
    internal int Number { get; }
    /// <summary>Too old for any article of the current days to join; left out of the inverted index.</summary>
    internal bool Retired { get; set; }
    public List<string> Members { get; } = [];
    public DateOnly? First { get; private set; }
    public DateOnly? Last { get; private set; }

    /// <summary>Sum of member vectors, one posting per term: dot(v, Sum) / Members.Count is the average cosine of v to the members.</summary>
    internal Dictionary<string, StoryPosting> Sum { get; } = new(StringComparer.Ordinal);
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

    /// <summary>Keeps the <paramref name="terms"/> heaviest terms of the sum (ties by term, so the result does not depend on insertion order).</summary>
    internal void Trim(int terms)
    {
        if (Sum.Count <= terms) return;
        var drop = Sum.OrderByDescending(p => p.Value.Weight).ThenBy(p => p.Key, StringComparer.Ordinal).Skip(Math.Max(0, terms)).Select(p => p.Key).ToList();
        foreach (var term in drop) Sum.Remove(term);
        Sum.TrimExcess();
    }

    /// <summary>The story's centre as a unit vector, for ranking sentences and titles.</summary>
    public IReadOnlyDictionary<string, double> Centroid()
    {
        double norm = Math.Sqrt(Sum.Values.Sum(p => p.Weight * p.Weight));
        return Sum.ToDictionary(p => p.Key, p => norm == 0 ? p.Value.Weight : p.Value.Weight / norm, StringComparer.Ordinal);
    }
}

/// <summary>One story's summed weight for one term; the inverted index lists these, so ranking reads weights without a lookup.</summary>
internal sealed class StoryPosting(Story story)
{
    public Story Story { get; } = story;
    public double Weight { get; set; }
}
