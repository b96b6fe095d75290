namespace Dyad.Nlp.Parsing;

/// <summary>
/// Pseudo-projective parsing (Nivre and Nilsson 2005, "head" encoding). The arc-eager parser can only build
/// projective trees, so training lifts each crossing arc to the head's head until the tree is projective and
/// records the lift in the dependent's label as "rel^headrel" (the relation of the word it really depends on).
/// After parsing, a word with such a label is moved back under the first word with relation headrel found
/// breadth-first below its parsed head. This lets the 2% of training sentences with crossing arcs be used and
/// lets the parser output crossing arcs (EWT: mostly extraposed relative clauses and reparandum/orphan arcs).
/// </summary>
public static class PseudoProjective
{
    /// <summary>Joins a relation and its original head's relation; UD relation names never contain it.</summary>
    public const char Separator = '^';

    /// <summary>The relation without any lift decoration.</summary>
    public static string BaseRelation(string relation)
    {
        int cut = relation.IndexOf(Separator);
        return cut < 0 ? relation : relation[..cut];
    }

    /// <summary>
    /// A projective version of a tree: heads[i] is the head of word i+1 (0 = root), as in CoNLL-U. Returns new
    /// arrays (the input is left alone) and the number of lifts made; shortest crossing arcs are lifted first.
    /// </summary>
    public static (int[] Heads, string[] Relations, int Lifts) Projectivize(IReadOnlyList<int> heads, IReadOnlyList<string> relations)
    {
        int n = heads.Count;
        // 1-based copies so word numbers index directly; entry 0 is the root
        var h = new int[n + 1];
        var rel = new string[n + 1];
        h[0] = -1;
        rel[0] = "";
        for (int i = 0; i < n; i++) { h[i + 1] = heads[i]; rel[i + 1] = relations[i]; }
        int lifts = 0;
        while (true)
        {
            int best = -1, bestSpan = int.MaxValue;
            for (int d = 1; d <= n; d++)
            {
                int span = Math.Abs(h[d] - d);
                if (span < bestSpan && !IsProjectiveArc(h, d)) { best = d; bestSpan = span; }
            }
            if (best < 0) break;
            int head = h[best];
            // the decoration names the relation of the syntactic head, so it is set at the first lift only
            if (rel[best].IndexOf(Separator) < 0) rel[best] = rel[best] + Separator + BaseRelation(rel[head]);
            h[best] = h[head];
            lifts++;
        }
        var outHeads = new int[n];
        var outRelations = new string[n];
        for (int i = 0; i < n; i++) { outHeads[i] = h[i + 1]; outRelations[i] = rel[i + 1]; }
        return (outHeads, outRelations, lifts);
    }

    /// <summary>An arc is projective when its head dominates every word between head and dependent.</summary>
    private static bool IsProjectiveArc(int[] h, int d)
    {
        int head = h[d];
        if (head == 0) return true;
        for (int k = Math.Min(head, d) + 1; k < Math.Max(head, d); k++)
        {
            int a = k;
            while (a > 0 && a != head) a = h[a];
            if (a != head) return false;
        }
        return true;
    }

    /// <summary>
    /// Undo the lifts in a parse: heads and labelIds are indexed 1..length (0 the root). baseLabel maps a label to
    /// its undecorated label; headLabel gives the decorated label's head relation, or -1 for a plain label.
    /// Words are handled left to right; a word whose head relation is not found stays where it is. The search
    /// never enters the word's own subtree, so the result stays a tree.
    /// </summary>
    public static void Deprojectivize(Span<int> heads, Span<int> labelIds, int length, ReadOnlySpan<int> baseLabel, ReadOnlySpan<int> headLabel)
    {
        for (int d = 1; d <= length; d++)
        {
            int wanted = headLabel[labelIds[d]];
            if (wanted < 0) continue;
            labelIds[d] = baseLabel[labelIds[d]];
            int found = FindBelow(heads, labelIds, length, heads[d], d, wanted, baseLabel);
            if (found > 0) heads[d] = found;
        }
    }

    /// <summary>Breadth-first (nearer levels first, left to right) below start, skipping word skip and its subtree.</summary>
    private static int FindBelow(ReadOnlySpan<int> heads, ReadOnlySpan<int> labelIds, int length, int start, int skip, int wanted, ReadOnlySpan<int> baseLabel)
    {
        // rare (only decorated words come here), so a plain array is fine for long sentences
        Span<int> queue = length < 256 ? stackalloc int[length + 1] : new int[length + 1];
        int read = 0, write = 0;
        queue[write++] = start;
        while (read < write)
        {
            int node = queue[read++];
            for (int c = 1; c <= length; c++)
            {
                if (heads[c] != node || c == skip) continue;
                if (baseLabel[labelIds[c]] == wanted) return c;
                queue[write++] = c;
            }
        }
        return -1;
    }
}
