namespace Dyad.Coding.Events.Dictionary;

/// <summary>What kind of predicate an entry describes; callers with part-of-speech tags filter on it.</summary>
[Flags]
public enum PredicateKind
{
    None = 0,
    /// <summary>A verb, possibly with particles or a fixed preposition ("meet with", "rule out").</summary>
    Verb = 1,
    /// <summary>An event noun or noun compound ("talks", "air strike"); the head is its last word.</summary>
    Noun = 2,
    /// <summary>A verb with a fixed noun or complement ("hold talks", "impose sanctions", "refuse to meet").</summary>
    Phrase = 4,
    /// <summary>A reporting verb ("say", "tell", "announce"); its content may hold a further event.</summary>
    Speech = 8,
    VerbLike = Verb | Phrase | Speech,
    All = Verb | Noun | Phrase | Speech,
}

/// <summary>One line of the event dictionary (Coding/Events/Dictionary/predicates.tsv).</summary>
public sealed class PredicateEntry
{
    internal PredicateEntry(PredicatePattern pattern, PredicateKind kind, string cameo, IReadOnlyList<string> targetPrepositions,
        bool symmetric, string? notes, int line, int order)
    {
        Pattern = pattern;
        Kind = kind;
        Cameo = cameo;
        TargetPrepositions = targetPrepositions;
        Symmetric = symmetric;
        Notes = notes;
        Line = line;
        Order = order;
    }

    public PredicatePattern Pattern { get; }
    public PredicateKind Kind { get; }
    /// <summary>Full CAMEO code, present in <see cref="Cameo.CameoTable"/>.</summary>
    public string Cameo { get; }
    public string Root => Cameo[..2];
    /// <summary>Prepositions that introduce the target when it is not the direct object ("meet with" → with); empty
    /// when the target is the direct object.</summary>
    public IReadOnlyList<string> TargetPrepositions { get; }
    /// <summary>The act is mutual: "A and B met" gives one event in each direction.</summary>
    public bool Symmetric { get; }
    public string? Notes { get; }
    /// <summary>Line in predicates.tsv, for provenance ("predicates.tsv:123").</summary>
    public int Line { get; }
    /// <summary>Position among all entries; breaks ties between equally specific matches.</summary>
    internal int Order { get; }

    public string Head => Pattern.Head;

    /// <summary>A stable id for <c>CodedEvent.Entry</c>.</summary>
    public string Id => $"predicates.tsv:{Line}";

    public override string ToString() => $"{Pattern.Text} ({Kind.ToString().ToLowerInvariant()}) → {Cameo}";
}

/// <summary>A dictionary entry matched in a sentence, with the tokens it covers.</summary>
public sealed record PredicateMatch(PredicateEntry Entry, int HeadIndex, PatternSpan Span)
{
    public int Start => Span.Start;
    public int End => Span.End;
    public IReadOnlyList<int> WordPositions => Span.WordPositions;
}
