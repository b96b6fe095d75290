using Dyad.Nlp.Models;

namespace Dyad.Nlp.Parsing;

/// <summary>
/// Features for labelling one finished arc: the two words and tags, direction and distance, neighbouring
/// tags and the dependent's and head's outer children. Heads use the parser's numbering (0 = root).
/// </summary>
public static class LabelFeatures
{
    public const int MaxFeatures = 32;
    private static readonly ulong NoneHash = FeatureHash.Of("<none>");

    /// <summary>Outermost children of every word (index 0 = root), computed once per finished tree.</summary>
    public static void Children(ReadOnlySpan<int> heads, int length, Span<int> leftMost, Span<int> rightMost, Span<int> childCount)
    {
        for (int i = 0; i <= length; i++) { leftMost[i] = -1; rightMost[i] = -1; childCount[i] = 0; }
        for (int d = 1; d <= length; d++)
        {
            int h = heads[d];
            if (h < 0) continue;
            childCount[h]++;
            if (leftMost[h] == -1 || d < leftMost[h]) leftMost[h] = d;
            if (rightMost[h] == -1 || d > rightMost[h]) rightMost[h] = d;
        }
    }

    private static ulong At(ReadOnlySpan<ulong> values, int length, int i) => i >= 0 && i <= length ? values[i] : NoneHash;

    public static int Extract(int d, ReadOnlySpan<int> heads, int length, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags,
        ReadOnlySpan<int> leftMost, ReadOnlySpan<int> rightMost, ReadOnlySpan<int> childCount, Span<ulong> f)
    {
        int h = heads[d];
        ulong dw = At(words, length, d), dt = At(tags, length, d), hw = At(words, length, h), ht = At(tags, length, h);
        ulong dir = h == 0 ? 2UL : d < h ? 0UL : 1UL;
        ulong dist = h == 0 ? 0UL : (ulong)Math.Min(Math.Abs(d - h), 7);
        int dl = leftMost[d], dr = rightMost[d], hl = h >= 0 ? leftMost[h] : -1, hr = h >= 0 ? rightMost[h] : -1;
        int hh = h > 0 ? heads[h] : -1;
        int n = 0;
        f[n++] = FeatureHash.Feature(1, dw);
        f[n++] = FeatureHash.Feature(2, dt);
        f[n++] = FeatureHash.Feature(3, hw);
        f[n++] = FeatureHash.Feature(4, ht);
        f[n++] = FeatureHash.Feature(5, dt, ht, dir);
        f[n++] = FeatureHash.Feature(6, dw, ht, dir);
        f[n++] = FeatureHash.Feature(7, dt, hw, dir);
        f[n++] = FeatureHash.Feature(8, FeatureHash.Combine(dt, ht), dir, dist);
        f[n++] = FeatureHash.Feature(9, dt, At(tags, length, d - 1), At(tags, length, d + 1));
        f[n++] = FeatureHash.Feature(10, ht, At(tags, length, hh), dir);
        f[n++] = FeatureHash.Feature(11, dt, At(tags, length, dl));
        f[n++] = FeatureHash.Feature(12, dt, At(words, length, dl));
        f[n++] = FeatureHash.Feature(13, dt, At(tags, length, dr));
        f[n++] = FeatureHash.Feature(14, dt, At(words, length, dr));
        f[n++] = FeatureHash.Feature(15, dw, dir);
        f[n++] = FeatureHash.Feature(16, dt, dir, d == 1 ? 1UL : 0UL);
        f[n++] = FeatureHash.Feature(17, hw, dw);
        f[n++] = FeatureHash.Feature(18, FeatureHash.Combine(dt, ht), At(words, length, dl), dir);
        f[n++] = FeatureHash.Feature(19, dt, ht, At(tags, length, d + 1));
        f[n++] = FeatureHash.Feature(20, dt, (ulong)Math.Min(childCount[d], 4));
        f[n++] = FeatureHash.Feature(21, FeatureHash.Combine(dt, ht), At(tags, length, hl), At(tags, length, hr));
        f[n++] = FeatureHash.Feature(22, At(words, length, hh), ht, dt);
        f[n++] = FeatureHash.Feature(23, dw, dt, ht);
        f[n++] = FeatureHash.Feature(24, dt, ht, hl == d ? 1UL : hr == d ? 2UL : 0UL);
        f[n++] = FeatureHash.Feature(25, FeatureHash.Combine(dt, ht), At(words, length, d - 1), dir);
        f[n++] = FeatureHash.Feature(26, FeatureHash.Combine(dt, ht), hw, dir);
        return n;
    }
}
