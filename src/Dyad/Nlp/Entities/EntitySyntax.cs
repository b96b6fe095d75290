using Dyad.Documents;
using Dyad.Nlp.Models;

namespace Dyad.Nlp.Entities;

/// <summary>
/// The dependency context the recogniser reads for each word: its relation to its head (subtype dropped, so
/// "obl:tmod" reads as "obl") and its head's lower-cased form. Training describes the trees a parser gave the
/// training sentences the same way, so both sides hash alike.
/// </summary>
public static class EntitySyntax
{
    public static readonly ulong RootHead = FeatureHash.Of("<root>");
    private static readonly ulong NoRelation = FeatureHash.Of("<no relation>");

    // relations come from the parser's small fixed label set: hash each once
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ulong> Relations = new(StringComparer.Ordinal);

    public static ulong RelationOf(string? relation)
    {
        if (string.IsNullOrEmpty(relation)) return NoRelation;
        if (Relations.TryGetValue(relation, out var known)) return known;
        int colon = relation.IndexOf(':');
        return Relations.GetOrAdd(relation, FeatureHash.Of(colon < 0 ? relation.AsSpan() : relation.AsSpan(0, colon)));
    }

    public static ulong HeadOf(ReadOnlySpan<char> headForm) => FeatureHash.OfLower(headForm);

    /// <summary>
    /// As below, reading the head words' hashes from the document's words (<see cref="Tagging.WordInfo.Lower"/>, the same
    /// hash as <see cref="HeadOf"/>) instead of hashing them again.
    /// </summary>
    public static void Describe(Document document, ReadOnlySpan<Tagging.WordInfo> words, Span<ulong> relations, Span<ulong> heads)
    {
        for (int t = 0; t < document.TokenCount; t++)
        {
            int head = document.Head[t];
            relations[t] = RelationOf(document.Relation[t]);
            heads[t] = head < 0 ? RootHead : words[head].Lower;
        }
    }

    /// <summary>Relations and head words of one sentence of a parsed document (tokens first … first + length).</summary>
    public static void Describe(Document document, int first, int length, Span<ulong> relations, Span<ulong> heads)
    {
        for (int i = 0; i < length; i++)
        {
            int t = first + i, head = document.Head[t];
            relations[i] = RelationOf(document.Relation[t]);
            heads[i] = head < 0 ? RootHead : HeadOf(document.TokenSpan(head));
        }
    }
}
