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
    /// Relations and head words of every token of a parsed document. The entities stage passes the words it has
    /// already described, whose <see cref="Tagging.WordInfo.Lower"/> is the hash <see cref="HeadOf"/> gives, so head
    /// words are not hashed again; without them each head's form is hashed.
    /// </summary>
    public static void Describe(Document document, Span<ulong> relations, Span<ulong> heads, ReadOnlySpan<Tagging.WordInfo> words = default)
    {
        for (int t = 0; t < document.TokenCount; t++)
        {
            int head = document.Head[t];
            relations[t] = RelationOf(document.Relation[t]);
            heads[t] = head < 0 ? RootHead : words.IsEmpty ? HeadOf(document.TokenSpan(head)) : words[head].Lower;
        }
    }
}
