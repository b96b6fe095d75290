using Dyad.Documents;

namespace Dyad.Coding.Actors;

public enum ActorKind { State, Person, Organisation, Group, Pronoun, Unknown }

/// <summary>
/// A mention of a political actor with its CAMEO coding. <see cref="Code"/> is the composed CAMEO actor code
/// (RUSGOV, USAMIL, IGOUNO, SYROPP); <see cref="Country"/> and <see cref="Role"/> are its parts as the
/// guidelines define them. <see cref="Why"/> names the entry or rule that gave the code.
/// </summary>
public sealed record ActorMention
{
    public required CharSpan Span { get; init; }
    public required int FirstToken { get; init; }
    public required int EndToken { get; init; }
    public required string Text { get; init; }
    public required string Name { get; init; }
    public string? Code { get; init; }
    public string? Country { get; init; }
    public string? Role { get; init; }
    public ActorKind Kind { get; init; }
    public required string Why { get; init; }
    /// <summary>The international body a person acts for (United Nations, European Union), when they act for one.</summary>
    public string? Body { get; init; }
    /// <summary>
    /// True when a state or capital follows "in", "at" and the like ("talks in Moscow"): most likely a place, kept so
    /// a later stage can still take it as an actor when the verb says so ("gangsters in the United States").
    /// </summary>
    public bool InPlacePhrase { get; init; }
    /// <summary>For pronouns and short references: the mention they were resolved to.</summary>
    public ActorMention? Antecedent { get; init; }
}
