using Dyad.Nlp.Models;

namespace Dyad.Nlp.Parsing;

/// <summary>
/// Feature templates over the stack, buffer and partial tree with its labels (after Zhang and Nivre 2011),
/// shared by training and parsing. Words and tags are given as hashes, index 0 being the root.
/// </summary>
public static class ParserFeatures
{
    public const int MaxFeatures = 96;
    private static readonly ulong NoneHash = FeatureHash.Of("<none>");

    private static ulong At(ReadOnlySpan<ulong> values, int i) => i >= 0 ? values[i] : NoneHash;

    public static int Extract(ArcEagerState st, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, Span<ulong> f)
    {
        int s0 = st.S0, s1 = st.S1, s2 = st.S2, b0 = st.B(0), b1 = st.B(1), b2 = st.B(2), b3 = st.B(3);
        int s0h = s0 > 0 ? st.Heads[s0] : -1;
        int s0h2 = s0h > 0 ? st.Heads[s0h] : -1;
        int s0l = s0 >= 0 ? st.LeftMost[s0] : -1, s0r = s0 >= 0 ? st.RightMost[s0] : -1;
        int s0l2 = s0 >= 0 ? st.LeftSecond[s0] : -1, s0r2 = s0 >= 0 ? st.RightSecond[s0] : -1;
        int b0l = b0 >= 0 ? st.LeftMost[b0] : -1, b0l2 = b0 >= 0 ? st.LeftSecond[b0] : -1;
        int s1r = s1 >= 0 ? st.RightMost[s1] : -1;


        ulong s0w = At(words, s0), s0t = At(tags, s0), b0w = At(words, b0), b0t = At(tags, b0), b1w = At(words, b1), b1t = At(tags, b1), b2t = At(tags, b2);
        ulong s0wt = FeatureHash.Combine(s0w, s0t), b0wt = FeatureHash.Combine(b0w, b0t), b1wt = FeatureHash.Combine(b1w, b1t);
        ulong dist = s0 > 0 && b0 > 0 ? (ulong)Math.Min(b0 - s0, 6) : 0;
        ulong s0vl = s0 >= 0 ? (ulong)Math.Min(st.LeftCount[s0], 4) : 9, s0vr = s0 >= 0 ? (ulong)Math.Min(st.RightCount[s0], 4) : 9;
        ulong b0vl = b0 >= 0 ? (ulong)Math.Min(st.LeftCount[b0], 4) : 9;
        ulong s0hasHead = s0 > 0 && st.Heads[s0] >= 0 ? 1UL : 0UL;

        int n = 0;
        f[n++] = FeatureHash.Feature(1, s0w);
        f[n++] = FeatureHash.Feature(2, s0t);
        f[n++] = FeatureHash.Feature(3, s0wt);
        f[n++] = FeatureHash.Feature(4, b0w);
        f[n++] = FeatureHash.Feature(5, b0t);
        f[n++] = FeatureHash.Feature(6, b0wt);
        f[n++] = FeatureHash.Feature(7, b1w);
        f[n++] = FeatureHash.Feature(8, b1t);
        f[n++] = FeatureHash.Feature(9, b1wt);
        f[n++] = FeatureHash.Feature(10, At(words, b2));
        f[n++] = FeatureHash.Feature(11, b2t);
        f[n++] = FeatureHash.Feature(12, s0wt, b0wt);
        f[n++] = FeatureHash.Feature(13, s0wt, b0w);
        f[n++] = FeatureHash.Feature(14, s0w, b0wt);
        f[n++] = FeatureHash.Feature(15, s0wt, b0t);
        f[n++] = FeatureHash.Feature(16, s0t, b0wt);
        f[n++] = FeatureHash.Feature(17, s0w, b0w);
        f[n++] = FeatureHash.Feature(18, s0t, b0t);
        f[n++] = FeatureHash.Feature(19, b0t, b1t);
        f[n++] = FeatureHash.Feature(20, b0t, b1t, b2t);
        f[n++] = FeatureHash.Feature(21, s0t, b0t, b1t);
        f[n++] = FeatureHash.Feature(22, At(tags, s0h), s0t, b0t);
        f[n++] = FeatureHash.Feature(23, s0t, At(tags, s0l), b0t);
        f[n++] = FeatureHash.Feature(24, s0t, At(tags, s0r), b0t);
        f[n++] = FeatureHash.Feature(25, s0t, b0t, At(tags, b0l));
        f[n++] = FeatureHash.Feature(26, s0w, dist);
        f[n++] = FeatureHash.Feature(27, s0t, dist);
        f[n++] = FeatureHash.Feature(28, b0w, dist);
        f[n++] = FeatureHash.Feature(29, b0t, dist);
        f[n++] = FeatureHash.Feature(30, s0w, b0w, dist);
        f[n++] = FeatureHash.Feature(31, s0t, b0t, dist);
        f[n++] = FeatureHash.Feature(32, s0w, s0vr);
        f[n++] = FeatureHash.Feature(33, s0t, s0vr);
        f[n++] = FeatureHash.Feature(34, s0w, s0vl);
        f[n++] = FeatureHash.Feature(35, s0t, s0vl);
        f[n++] = FeatureHash.Feature(36, b0w, b0vl);
        f[n++] = FeatureHash.Feature(37, b0t, b0vl);
        f[n++] = FeatureHash.Feature(38, At(words, s0h));
        f[n++] = FeatureHash.Feature(39, At(tags, s0h));
        f[n++] = FeatureHash.Feature(40, At(words, s0l));
        f[n++] = FeatureHash.Feature(41, At(tags, s0l));
        f[n++] = FeatureHash.Feature(42, At(words, s0r));
        f[n++] = FeatureHash.Feature(43, At(tags, s0r));
        f[n++] = FeatureHash.Feature(44, At(words, b0l));
        f[n++] = FeatureHash.Feature(45, At(tags, b0l));
        f[n++] = FeatureHash.Feature(46, At(words, s0h2));
        f[n++] = FeatureHash.Feature(47, At(tags, s0h2));
        f[n++] = FeatureHash.Feature(48, At(tags, s0l2));
        f[n++] = FeatureHash.Feature(49, At(tags, s0r2));
        f[n++] = FeatureHash.Feature(50, At(tags, b0l2));
        f[n++] = FeatureHash.Feature(51, s0t, At(tags, s0l), At(tags, s0l2));
        f[n++] = FeatureHash.Feature(52, s0t, At(tags, s0r), At(tags, s0r2));
        f[n++] = FeatureHash.Feature(53, s0t, At(tags, s0h), At(tags, s0h2));
        f[n++] = FeatureHash.Feature(54, b0t, At(tags, b0l), At(tags, b0l2));
        f[n++] = FeatureHash.Feature(55, At(words, s1));
        f[n++] = FeatureHash.Feature(56, At(tags, s1));
        f[n++] = FeatureHash.Feature(57, At(tags, s1), s0t, b0t);
        f[n++] = FeatureHash.Feature(58, At(tags, s2), At(tags, s1), s0t);
        f[n++] = FeatureHash.Feature(59, At(tags, s1), At(tags, s1r), s0t);
        f[n++] = FeatureHash.Feature(60, s0hasHead, s0t, b0t);
        f[n++] = FeatureHash.Feature(61, s0hasHead, s0w);
        f[n++] = FeatureHash.Feature(62, At(tags, b3), b1t, b2t);
        f[n++] = FeatureHash.Feature(63, s0wt, b0t, b1t);
        f[n++] = FeatureHash.Feature(64, s0t, b0wt, b1t);
        f[n++] = FeatureHash.Feature(65, s0t, b0t, b1wt);
        f[n++] = FeatureHash.Feature(66, At(words, s0l), s0t, b0t);
        f[n++] = FeatureHash.Feature(67, At(tags, s0 > 0 ? s0 - 1 : -1), s0t, b0t);
        f[n++] = FeatureHash.Feature(68, s0t, b0t, At(tags, b0 > 1 ? b0 - 1 : -1));
        f[n++] = FeatureHash.Feature(69, s0hasHead, (ulong)Math.Min(st.StackSize, 5), b0t);
        ulong L(int i) => i >= 0 ? (ulong)(st.Labels[i] + 2) : 0;
        f[n++] = FeatureHash.Feature(70, L(s0));
        f[n++] = FeatureHash.Feature(71, L(s0l));
        f[n++] = FeatureHash.Feature(72, L(s0r));
        f[n++] = FeatureHash.Feature(73, L(b0l));
        f[n++] = FeatureHash.Feature(74, L(s0l2));
        f[n++] = FeatureHash.Feature(75, L(s0r2));
        f[n++] = FeatureHash.Feature(76, L(b0l2));
        f[n++] = FeatureHash.Feature(77, s0t, L(s0l), L(s0l2));
        f[n++] = FeatureHash.Feature(78, s0t, L(s0r), L(s0r2));
        f[n++] = FeatureHash.Feature(79, b0t, L(b0l), L(b0l2));
        ulong s0Right = s0 >= 0 ? st.RightLabelSet[s0] : 0, s0Left = s0 >= 0 ? st.LeftLabelSet[s0] : 0, b0Left = b0 >= 0 ? st.LeftLabelSet[b0] : 0;
        f[n++] = FeatureHash.Feature(80, s0w, s0Right);
        f[n++] = FeatureHash.Feature(81, s0t, s0Right);
        f[n++] = FeatureHash.Feature(82, s0w, s0Left);
        f[n++] = FeatureHash.Feature(83, s0t, s0Left);
        f[n++] = FeatureHash.Feature(84, b0w, b0Left);
        f[n++] = FeatureHash.Feature(85, b0t, b0Left);
        f[n++] = FeatureHash.Feature(86, s0t, L(s0), b0t);
        f[n++] = FeatureHash.Feature(87, s0t, s0Right, b0t);
        return n;
    }
}
