namespace Dyad.Documents;

/// <summary>A half-open character range [Start, End) in <see cref="Document.Text"/>.</summary>
public readonly record struct CharSpan(int Start, int End)
{
    public int Length => End - Start;
    public bool Contains(int offset) => offset >= Start && offset < End;
    public bool Overlaps(CharSpan other) => Start < other.End && other.Start < End;
}

/// <summary>A range of text dropped as noise, with the reason; shown by <c>dyad show</c> and <c>dyad clean</c>.</summary>
public sealed record RemovedBlock(CharSpan Span, string Reason, int Line);

/// <summary>A named-entity span over tokens [FirstToken, EndToken).</summary>
public sealed record EntitySpan(int FirstToken, int EndToken, string Label);

/// <summary>A normalised time expression (TIMEX3 style value such as 2015-09-28, 2015-W39, 2015-09, P3D).</summary>
public sealed record TimeExpression(CharSpan Span, int FirstToken, int EndToken, string Type, string Value, string Text)
{
    /// <summary>The first day the value covers, when it denotes a day, week, month or year.</summary>
    public DateOnly? Day { get; init; }
}

/// <summary>A resolved place name.</summary>
public sealed record PlaceMention(CharSpan Span, int FirstToken, int EndToken, string Name, string? Country, double? Lat, double? Lon)
{
    public string? Admin1 { get; init; }
    public long? GeonameId { get; init; }
}
