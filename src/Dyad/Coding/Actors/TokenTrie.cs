using Dyad.Documents;

namespace Dyad.Coding.Actors;

/// <summary>
/// A character trie over knowledge-base keys, walked token by token over a document so the longest entry that
/// ends on a token boundary wins. Tokens joined without a space in the text are joined without one in the key,
/// so "al-Assad" matches whether a tokenizer keeps it whole or splits off the hyphen.
/// </summary>
internal sealed class TokenTrie<T>(bool caseInsensitive)
{
    private sealed class Node
    {
        public Dictionary<char, Node>? Next;
        public List<T>? Values;
    }

    private readonly Node _root = new();
    public bool CaseInsensitive { get; } = caseInsensitive;

    public void Add(string text, T value)
    {
        string key = NameKey.Of(text, CaseInsensitive);
        if (key.Length == 0) return;
        var node = _root;
        foreach (char c in key)
        {
            node.Next ??= [];
            if (!node.Next.TryGetValue(c, out var child)) node.Next[c] = child = new Node();
            node = child;
        }
        node.Values ??= [];
        if (!node.Values.Contains(value)) node.Values.Add(value);
    }

    /// <summary>The longest entry starting at token <paramref name="first"/> and ending before <paramref name="limit"/>.</summary>
    public (int End, IReadOnlyList<T> Values)? Longest(Document document, int first, int limit)
    {
        var node = _root;
        (int, IReadOnlyList<T>)? best = null;
        for (int t = first; t < limit; t++)
        {
            if (t > first)
            {
                int gap = document.TokenStart[t] - document.TokenEnd[t - 1];
                if (gap > 0)
                {
                    if (gap > 3 || document.Text.AsSpan(document.TokenEnd[t - 1], gap).Contains('\n')) break;
                    node = Step(node, ' ');
                    if (node is null) break;
                }
            }
            var span = document.TokenSpan(t);
            for (int k = 0; k < span.Length && node is not null; k++)
            {
                // A tokenizer may keep a possessive on its word ("Assad's"): the name still ends here.
                if (node.Values is not null && k > 0 && IsPossessiveTail(span[k..])) { best = (t + 1, node.Values); node = null; break; }
                node = Step(node, CaseInsensitive ? NameKey.FoldLower(span[k]) : NameKey.FoldChar(span[k]));
            }
            if (node is null) break;
            if (node.Values is not null) best = (t + 1, node.Values);
        }
        return best;
    }

    internal static bool IsPossessiveTail(ReadOnlySpan<char> tail) =>
        tail is "'s" or "\u2019s" or "'S" or "'" or "\u2019";

    private static Node? Step(Node node, char c) =>
        node.Next is not null && node.Next.TryGetValue(c, out var child) ? child : null;
}
