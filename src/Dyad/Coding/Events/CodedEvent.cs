using Dyad.Coding.Actors;
using Dyad.Documents;

namespace Dyad.Coding.Events;

public enum Modality { Asserted, Intent, Expectation, Possibility }

/// <summary>One coded event with its provenance. Field names map one to one onto the JSONL contract.</summary>
public sealed record CodedEvent
{
    public required string DocId { get; init; }
    public required int SentenceIndex { get; init; }
    public required string Sentence { get; init; }
    public required ActorMention Source { get; init; }
    public ActorMention? Target { get; init; }
    /// <summary>Full CAMEO code, e.g. 036.</summary>
    public required string Cameo { get; init; }
    public string Root => Cameo[..2];
    public required int Quad { get; init; }
    public required double Goldstein { get; init; }
    public string? Plover { get; init; }
    public DateOnly? Date { get; init; }
    public PlaceMention? Location { get; init; }
    public bool Negated { get; init; }
    public Modality Modality { get; init; }
    /// <summary>Character range of the predicate words in the article text.</summary>
    public required CharSpan Predicate { get; init; }
    /// <summary>The dictionary entry or rule that produced the event.</summary>
    public required string Entry { get; init; }
    public double Confidence { get; init; } = 0.5;
}
