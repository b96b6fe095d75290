using System.Runtime.CompilerServices;
using Dyad.Errors;
using Dyad.Nlp.Models;

namespace Dyad.Nlp.Parsing;

/// <summary>The tokens a parser configuration points at, for templates over one token's own word and tag.</summary>
public enum TokenRole : byte
{
    S0, B0, B1, B2, S0Head, S0Left, S0Right, B0Left, S0Head2, S0Left2, S0Right2, B0Left2, S1,
}

/// <summary>
/// What a single-token template reads of its token: the lower-cased word, the tag, both, the word's fine or
/// coarse distributional cluster (<see cref="DependencyParser.Clusters"/>), or the fine cluster with the tag.
/// </summary>
public enum TokenProperty : byte { Word, Tag, WordTag, Cluster, Coarse, ClusterTag }

/// <summary>A template over one token's static properties: its feature is fixed by (role, token) for a sentence.</summary>
public readonly record struct TokenTemplate(int Id, TokenRole Role, TokenProperty Property);

/// <summary>
/// Feature templates over the stack, buffer and partial tree with its labels (after Zhang and Nivre 2011),
/// shared by training and parsing. Words and tags are given as hashes, index 0 being the root.
/// </summary>
/// <remarks>
/// Templates come in two groups. <see cref="TokenTemplates"/> read one token's word and tag only, so within a
/// sentence their scores depend on (role, token) alone: the parser sums each role's rows once per sentence and
/// token (<see cref="TokenScoreCache"/>) instead of looking them up at every transition. The rest read pairs and
/// triples of tokens, distances, valencies and labels, and are extracted at every transition.
/// <see cref="Extract"/> gives both groups in the order the models were trained with (by template number): a
/// new single-token template is one row in <see cref="TokenTemplates"/> (a new role also needs a case in
/// <see cref="Roles"/>), and one with a number past the last context template is emitted at the end.
/// </remarks>
public static class ParserFeatures
{
    public const int MaxFeatures = 128;
    private static readonly ulong NoneHash = FeatureHash.Of("<none>");

    /// <summary>The cluster key of the root (its own fine and coarse cluster) and of a missing token.</summary>
    public const uint RootCluster = 0xFFFF_FFFF, NoneCluster = 0xFFFF_FFFE;

    public const int RoleCount = (int)TokenRole.S1 + 1;

    /// <summary>The single-token templates, by template number.</summary>
    public static readonly TokenTemplate[] TokenTemplates =
    [
        new(1, TokenRole.S0, TokenProperty.Word), new(2, TokenRole.S0, TokenProperty.Tag), new(3, TokenRole.S0, TokenProperty.WordTag),
        new(4, TokenRole.B0, TokenProperty.Word), new(5, TokenRole.B0, TokenProperty.Tag), new(6, TokenRole.B0, TokenProperty.WordTag),
        new(7, TokenRole.B1, TokenProperty.Word), new(8, TokenRole.B1, TokenProperty.Tag), new(9, TokenRole.B1, TokenProperty.WordTag),
        new(10, TokenRole.B2, TokenProperty.Word), new(11, TokenRole.B2, TokenProperty.Tag),
        new(38, TokenRole.S0Head, TokenProperty.Word), new(39, TokenRole.S0Head, TokenProperty.Tag),
        new(40, TokenRole.S0Left, TokenProperty.Word), new(41, TokenRole.S0Left, TokenProperty.Tag),
        new(42, TokenRole.S0Right, TokenProperty.Word), new(43, TokenRole.S0Right, TokenProperty.Tag),
        new(44, TokenRole.B0Left, TokenProperty.Word), new(45, TokenRole.B0Left, TokenProperty.Tag),
        new(46, TokenRole.S0Head2, TokenProperty.Word), new(47, TokenRole.S0Head2, TokenProperty.Tag),
        new(48, TokenRole.S0Left2, TokenProperty.Tag), new(49, TokenRole.S0Right2, TokenProperty.Tag), new(50, TokenRole.B0Left2, TokenProperty.Tag),
        new(55, TokenRole.S1, TokenProperty.Word), new(56, TokenRole.S1, TokenProperty.Tag),
        // word clusters (after Koo, Carreras and Collins 2008): classes of words the treebank has few or no
        // examples of, learned from unlabelled text; the cluster-only ones cost nothing per sentence at run time
        // (summed once per cluster, like the tag templates), the cluster+tag ones one lookup per token
        new(91, TokenRole.S0, TokenProperty.Cluster), new(92, TokenRole.S0, TokenProperty.Coarse), new(93, TokenRole.S0, TokenProperty.ClusterTag),
        new(94, TokenRole.B0, TokenProperty.Cluster), new(95, TokenRole.B0, TokenProperty.Coarse), new(96, TokenRole.B0, TokenProperty.ClusterTag),
        new(97, TokenRole.B1, TokenProperty.Cluster), new(98, TokenRole.B1, TokenProperty.Coarse),
        new(99, TokenRole.B2, TokenProperty.Coarse),
        new(100, TokenRole.S1, TokenProperty.Cluster), new(101, TokenRole.S1, TokenProperty.Coarse),
        new(102, TokenRole.S0Head, TokenProperty.Cluster), new(103, TokenRole.S0Head, TokenProperty.Coarse),
        new(104, TokenRole.S0Left, TokenProperty.Coarse), new(105, TokenRole.S0Right, TokenProperty.Coarse), new(106, TokenRole.B0Left, TokenProperty.Coarse),
    ];

    private static ulong At(ReadOnlySpan<ulong> values, int i) => i >= 0 ? values[i] : NoneHash;

    /// <summary>The token each role points at in this configuration (-1 for none).</summary>
    public static void Roles(ArcEagerState st, Span<int> at)
    {
        int s0 = st.S0, b0 = st.B(0);
        int s0h = s0 > 0 ? st.Heads[s0] : -1;
        at[(int)TokenRole.S0] = s0;
        at[(int)TokenRole.B0] = b0;
        at[(int)TokenRole.B1] = st.B(1);
        at[(int)TokenRole.B2] = st.B(2);
        at[(int)TokenRole.S0Head] = s0h;
        at[(int)TokenRole.S0Left] = s0 >= 0 ? st.LeftMost[s0] : -1;
        at[(int)TokenRole.S0Right] = s0 >= 0 ? st.RightMost[s0] : -1;
        at[(int)TokenRole.B0Left] = b0 >= 0 ? st.LeftMost[b0] : -1;
        at[(int)TokenRole.S0Head2] = s0h > 0 ? st.Heads[s0h] : -1;
        at[(int)TokenRole.S0Left2] = s0 >= 0 ? st.LeftSecond[s0] : -1;
        at[(int)TokenRole.S0Right2] = s0 >= 0 ? st.RightSecond[s0] : -1;
        at[(int)TokenRole.B0Left2] = b0 >= 0 ? st.LeftSecond[b0] : -1;
        at[(int)TokenRole.S1] = st.S1;
    }

    /// <summary>
    /// The cluster key of token (-1 for none): fine | coarse &lt;&lt; 16 as <see cref="DependencyParser.ClustersOf"/>
    /// gives it (0 for a word without a cluster, every word's when clusters is empty).
    /// </summary>
    public static uint ClusterKey(int token, ReadOnlySpan<uint> clusters) => token < 0 ? NoneCluster : clusters.IsEmpty ? 0 : clusters[token];

    /// <summary>What a cluster-only template (<see cref="TokenProperty.Cluster"/> or <see cref="TokenProperty.Coarse"/>) reads of a cluster key.</summary>
    public static ulong ClusterValue(TokenProperty property, uint key)
        => key == NoneCluster ? NoneHash : property == TokenProperty.Coarse ? key >> 16 : key & 0xFFFF;

    /// <summary>Whether a single-token template reads the word's cluster (left out for a parser without clusters).</summary>
    public static bool ReadsClusters(TokenProperty property) => property is TokenProperty.Cluster or TokenProperty.Coarse or TokenProperty.ClusterTag;

    /// <summary>Template numbers from here on read word clusters; a parser without clusters (empty clusters span) skips them.</summary>
    public const int FirstClusterTemplate = 88;

    /// <summary>What a single-token template reads of token (-1 for none).</summary>
    public static ulong TokenValue(TokenProperty property, int token, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<uint> clusters) => property switch
    {
        TokenProperty.Word => At(words, token),
        TokenProperty.Tag => At(tags, token),
        TokenProperty.WordTag => FeatureHash.Combine(At(words, token), At(tags, token)),
        TokenProperty.ClusterTag => FeatureHash.Combine(ClusterValue(TokenProperty.Cluster, ClusterKey(token, clusters)), At(tags, token)),
        _ => ClusterValue(property, ClusterKey(token, clusters)),
    };

    /// <summary>The feature of a single-token template for a token whose property has the given value.</summary>
    public static ulong TokenFeature(in TokenTemplate t, ulong value) => FeatureHash.Feature(t.Id, value);

    /// <summary>The feature of a single-token template for token (-1 for none).</summary>
    public static ulong TokenFeature(in TokenTemplate t, int token, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<uint> clusters)
        => TokenFeature(t, TokenValue(t.Property, token, words, tags, clusters));

    /// <summary>
    /// Every feature of the configuration: single-token and context templates, by template number, but for the
    /// context templates marked in <paramref name="omitted"/> (indexed by template number; see <see cref="OmissionMask"/>).
    /// </summary>
    public static int Extract(ArcEagerState st, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<uint> clusters, Span<ulong> f,
        ReadOnlySpan<bool> omitted = default)
        => Extract(st, words, tags, clusters, f, withTokenTemplates: true, omitted);

    /// <summary>The context templates only (those over several tokens or the parser's state), in template order, but for the omitted ones.</summary>
    public static int ExtractContext(ArcEagerState st, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<uint> clusters, Span<ulong> f,
        ReadOnlySpan<bool> omitted = default)
        => Extract(st, words, tags, clusters, f, withTokenTemplates: false, omitted);

    /// <summary>The numbers of the context templates (pairs and triples of tokens, distances, valencies, labels; word-cluster pairs last).</summary>
    public static readonly int[] ContextTemplateIds = [.. Enumerable.Range(12, 26), .. Enumerable.Range(51, 4), .. Enumerable.Range(57, 34)];

    /// <summary>
    /// The mask <see cref="Extract"/> reads for a parser trained without some context templates. Only context
    /// templates can be left out: the single-token ones are summed per sentence by <see cref="TokenScoreCache"/>,
    /// which reads every one the model has.
    /// </summary>
    public static bool[] OmissionMask(IReadOnlyCollection<int> ids)
    {
        if (ids.Count == 0) return [];
        var mask = new bool[ContextTemplateIds[^1] + 1];
        foreach (int id in ids)
        {
            if (Array.IndexOf(ContextTemplateIds, id) < 0)
                throw new DyadException(ErrorCode.ModelFormat, $"template {id} is no context template, so it cannot be left out");
            mask[id] = true;
        }
        return mask;
    }

    private static bool Keeps(ReadOnlySpan<bool> omitted, int id) => (uint)id >= (uint)omitted.Length || !omitted[id];

    // a context template's feature, unless the parser was trained without that template
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(Span<ulong> f, ref int n, ReadOnlySpan<bool> omitted, int id, ulong a)
    {
        if (Keeps(omitted, id)) f[n++] = FeatureHash.Feature(id, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(Span<ulong> f, ref int n, ReadOnlySpan<bool> omitted, int id, ulong a, ulong b)
    {
        if (Keeps(omitted, id)) f[n++] = FeatureHash.Feature(id, a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(Span<ulong> f, ref int n, ReadOnlySpan<bool> omitted, int id, ulong a, ulong b, ulong c)
    {
        if (Keeps(omitted, id)) f[n++] = FeatureHash.Feature(id, a, b, c);
    }

    /// <summary>Appends the single-token templates numbered below <paramref name="below"/> from <paramref name="next"/> on.</summary>
    private static int AddTokenTemplates(ReadOnlySpan<int> at, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<uint> clusters, Span<ulong> f, int n, ref int next, int below)
    {
        var templates = TokenTemplates;
        for (; next < templates.Length && templates[next].Id < below; next++)
            f[n++] = TokenFeature(templates[next], at[(int)templates[next].Role], words, tags, clusters);
        return n;
    }

    private static int Extract(ArcEagerState st, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<uint> clusters, Span<ulong> f, bool withTokenTemplates, ReadOnlySpan<bool> omitted)
    {
        int s0 = st.S0, s1 = st.S1, s2 = st.S2, b0 = st.B(0), b1 = st.B(1), b2 = st.B(2), b3 = st.B(3);
        int s0h = s0 > 0 ? st.Heads[s0] : -1;
        int s0h2 = s0h > 0 ? st.Heads[s0h] : -1;
        int s0l = s0 >= 0 ? st.LeftMost[s0] : -1, s0r = s0 >= 0 ? st.RightMost[s0] : -1;
        int s0l2 = s0 >= 0 ? st.LeftSecond[s0] : -1, s0r2 = s0 >= 0 ? st.RightSecond[s0] : -1;
        int b0l = b0 >= 0 ? st.LeftMost[b0] : -1, b0l2 = b0 >= 0 ? st.LeftSecond[b0] : -1;
        int s1r = s1 >= 0 ? st.RightMost[s1] : -1;
        Span<int> at = stackalloc int[RoleCount];
        if (withTokenTemplates) Roles(st, at);
        int next = 0;

        ulong s0w = At(words, s0), s0t = At(tags, s0), b0w = At(words, b0), b0t = At(tags, b0), b1w = At(words, b1), b1t = At(tags, b1), b2t = At(tags, b2);
        ulong s0wt = FeatureHash.Combine(s0w, s0t), b0wt = FeatureHash.Combine(b0w, b0t), b1wt = FeatureHash.Combine(b1w, b1t);
        ulong dist = s0 > 0 && b0 > 0 ? (ulong)Math.Min(b0 - s0, 6) : 0;
        ulong s0vl = s0 >= 0 ? (ulong)Math.Min(st.LeftCount[s0], 4) : 9, s0vr = s0 >= 0 ? (ulong)Math.Min(st.RightCount[s0], 4) : 9;
        ulong b0vl = b0 >= 0 ? (ulong)Math.Min(st.LeftCount[b0], 4) : 9;
        ulong s0hasHead = s0 > 0 && st.Heads[s0] >= 0 ? 1UL : 0UL;

        int n = 0;
        if (withTokenTemplates) n = AddTokenTemplates(at, words, tags, clusters, f, n, ref next, below: 12);
        Add(f, ref n, omitted, 12, s0wt, b0wt);
        Add(f, ref n, omitted, 13, s0wt, b0w);
        Add(f, ref n, omitted, 14, s0w, b0wt);
        Add(f, ref n, omitted, 15, s0wt, b0t);
        Add(f, ref n, omitted, 16, s0t, b0wt);
        Add(f, ref n, omitted, 17, s0w, b0w);
        Add(f, ref n, omitted, 18, s0t, b0t);
        Add(f, ref n, omitted, 19, b0t, b1t);
        Add(f, ref n, omitted, 20, b0t, b1t, b2t);
        Add(f, ref n, omitted, 21, s0t, b0t, b1t);
        Add(f, ref n, omitted, 22, At(tags, s0h), s0t, b0t);
        Add(f, ref n, omitted, 23, s0t, At(tags, s0l), b0t);
        Add(f, ref n, omitted, 24, s0t, At(tags, s0r), b0t);
        Add(f, ref n, omitted, 25, s0t, b0t, At(tags, b0l));
        Add(f, ref n, omitted, 26, s0w, dist);
        Add(f, ref n, omitted, 27, s0t, dist);
        Add(f, ref n, omitted, 28, b0w, dist);
        Add(f, ref n, omitted, 29, b0t, dist);
        Add(f, ref n, omitted, 30, s0w, b0w, dist);
        Add(f, ref n, omitted, 31, s0t, b0t, dist);
        Add(f, ref n, omitted, 32, s0w, s0vr);
        Add(f, ref n, omitted, 33, s0t, s0vr);
        Add(f, ref n, omitted, 34, s0w, s0vl);
        Add(f, ref n, omitted, 35, s0t, s0vl);
        Add(f, ref n, omitted, 36, b0w, b0vl);
        Add(f, ref n, omitted, 37, b0t, b0vl);
        if (withTokenTemplates) n = AddTokenTemplates(at, words, tags, clusters, f, n, ref next, below: 51);
        Add(f, ref n, omitted, 51, s0t, At(tags, s0l), At(tags, s0l2));
        Add(f, ref n, omitted, 52, s0t, At(tags, s0r), At(tags, s0r2));
        Add(f, ref n, omitted, 53, s0t, At(tags, s0h), At(tags, s0h2));
        Add(f, ref n, omitted, 54, b0t, At(tags, b0l), At(tags, b0l2));
        if (withTokenTemplates) n = AddTokenTemplates(at, words, tags, clusters, f, n, ref next, below: 57);
        Add(f, ref n, omitted, 57, At(tags, s1), s0t, b0t);
        Add(f, ref n, omitted, 58, At(tags, s2), At(tags, s1), s0t);
        Add(f, ref n, omitted, 59, At(tags, s1), At(tags, s1r), s0t);
        Add(f, ref n, omitted, 60, s0hasHead, s0t, b0t);
        Add(f, ref n, omitted, 61, s0hasHead, s0w);
        Add(f, ref n, omitted, 62, At(tags, b3), b1t, b2t);
        Add(f, ref n, omitted, 63, s0wt, b0t, b1t);
        Add(f, ref n, omitted, 64, s0t, b0wt, b1t);
        Add(f, ref n, omitted, 65, s0t, b0t, b1wt);
        Add(f, ref n, omitted, 66, At(words, s0l), s0t, b0t);
        Add(f, ref n, omitted, 67, At(tags, s0 > 0 ? s0 - 1 : -1), s0t, b0t);
        Add(f, ref n, omitted, 68, s0t, b0t, At(tags, b0 > 1 ? b0 - 1 : -1));
        Add(f, ref n, omitted, 69, s0hasHead, (ulong)Math.Min(st.StackSize, 5), b0t);
        ulong L(int i) => i >= 0 ? (ulong)(st.Labels[i] + 2) : 0;
        Add(f, ref n, omitted, 70, L(s0));
        Add(f, ref n, omitted, 71, L(s0l));
        Add(f, ref n, omitted, 72, L(s0r));
        Add(f, ref n, omitted, 73, L(b0l));
        Add(f, ref n, omitted, 74, L(s0l2));
        Add(f, ref n, omitted, 75, L(s0r2));
        Add(f, ref n, omitted, 76, L(b0l2));
        Add(f, ref n, omitted, 77, s0t, L(s0l), L(s0l2));
        Add(f, ref n, omitted, 78, s0t, L(s0r), L(s0r2));
        Add(f, ref n, omitted, 79, b0t, L(b0l), L(b0l2));
        ulong s0Right = s0 >= 0 ? st.RightLabelSet[s0] : 0, s0Left = s0 >= 0 ? st.LeftLabelSet[s0] : 0, b0Left = b0 >= 0 ? st.LeftLabelSet[b0] : 0;
        Add(f, ref n, omitted, 80, s0w, s0Right);
        Add(f, ref n, omitted, 81, s0t, s0Right);
        Add(f, ref n, omitted, 82, s0w, s0Left);
        Add(f, ref n, omitted, 83, s0t, s0Left);
        Add(f, ref n, omitted, 84, b0w, b0Left);
        Add(f, ref n, omitted, 85, b0t, b0Left);
        Add(f, ref n, omitted, 86, s0t, L(s0), b0t);
        Add(f, ref n, omitted, 87, s0t, s0Right, b0t);
        // a parser without clusters (trained before them, or without them) has no features of these templates:
        // skipping them keeps its scores and its speed as they were
        if (clusters.IsEmpty)
            return withTokenTemplates ? AddTokenTemplates(at, words, tags, clusters, f, n, ref next, below: FirstClusterTemplate) : n;
        // the word pair through clusters: an arc between two words the treebank never paired
        ulong s0c = ClusterValue(TokenProperty.Cluster, ClusterKey(s0, clusters)), b0c = ClusterValue(TokenProperty.Cluster, ClusterKey(b0, clusters));
        Add(f, ref n, omitted, 88, s0c, b0c);
        Add(f, ref n, omitted, 89, s0c, b0t);
        Add(f, ref n, omitted, 90, s0t, b0c);
        if (withTokenTemplates) n = AddTokenTemplates(at, words, tags, clusters, f, n, ref next, below: int.MaxValue);
        return n;
    }

    /// <summary>
    /// The features of the hierarchical parser's label models (<see cref="DependencyParser.IsHierarchical"/>),
    /// read when the transition model has chosen an arc between S0 and B0 (left: B0 is the head; right: S0 is).
    /// A subset of the transition templates, those about the two words, their tags, neighbours, children's
    /// labels and distance, so that a label decision reads few rows; numbered from 120 so that they never share
    /// a hash with a transition template.
    /// </summary>
    public static int ExtractLabel(ArcEagerState st, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, Span<ulong> f)
    {
        int s0 = st.S0, b0 = st.B(0), b1 = st.B(1), s1 = st.S1;
        int s0h = s0 > 0 ? st.Heads[s0] : -1;
        int s0l = s0 >= 0 ? st.LeftMost[s0] : -1, s0r = s0 >= 0 ? st.RightMost[s0] : -1, b0l = b0 >= 0 ? st.LeftMost[b0] : -1;
        ulong s0w = At(words, s0), s0t = At(tags, s0), b0w = At(words, b0), b0t = At(tags, b0), b1t = At(tags, b1);
        ulong s0wt = FeatureHash.Combine(s0w, s0t), b0wt = FeatureHash.Combine(b0w, b0t);
        ulong dist = s0 > 0 && b0 > 0 ? (ulong)Math.Min(b0 - s0, 6) : 0;
        ulong s0vl = s0 >= 0 ? (ulong)Math.Min(st.LeftCount[s0], 4) : 9, s0vr = s0 >= 0 ? (ulong)Math.Min(st.RightCount[s0], 4) : 9;
        ulong b0vl = b0 >= 0 ? (ulong)Math.Min(st.LeftCount[b0], 4) : 9;
        ulong L(int i) => i >= 0 ? (ulong)(st.Labels[i] + 2) : 0;
        ulong s0Right = s0 >= 0 ? st.RightLabelSet[s0] : 0, s0Left = s0 >= 0 ? st.LeftLabelSet[s0] : 0, b0Left = b0 >= 0 ? st.LeftLabelSet[b0] : 0;
        int n = 0;
        f[n++] = FeatureHash.Feature(120, s0w);
        f[n++] = FeatureHash.Feature(121, s0t);
        f[n++] = FeatureHash.Feature(122, s0wt);
        f[n++] = FeatureHash.Feature(123, b0w);
        f[n++] = FeatureHash.Feature(124, b0t);
        f[n++] = FeatureHash.Feature(125, b0wt);
        f[n++] = FeatureHash.Feature(126, s0w, b0w);
        f[n++] = FeatureHash.Feature(127, s0t, b0t);
        f[n++] = FeatureHash.Feature(128, s0wt, b0t);
        f[n++] = FeatureHash.Feature(129, s0t, b0wt);
        f[n++] = FeatureHash.Feature(130, s0t, b0t, dist);
        f[n++] = FeatureHash.Feature(131, s0w, dist);
        f[n++] = FeatureHash.Feature(132, b0w, dist);
        f[n++] = FeatureHash.Feature(133, At(tags, s0h), s0t, b0t);
        f[n++] = FeatureHash.Feature(134, s0t, b0t, b1t);
        f[n++] = FeatureHash.Feature(135, At(tags, s0 > 0 ? s0 - 1 : -1), s0t, b0t);
        f[n++] = FeatureHash.Feature(136, s0t, b0t, At(tags, b0 > 1 ? b0 - 1 : -1));
        f[n++] = FeatureHash.Feature(137, s0t, At(tags, s0 >= 0 && s0 < st.Length ? s0 + 1 : -1), b0t);
        f[n++] = FeatureHash.Feature(138, At(tags, s1), s0t, b0t);
        f[n++] = FeatureHash.Feature(139, s0t, L(s0), b0t);
        f[n++] = FeatureHash.Feature(140, s0t, L(s0l), b0t);
        f[n++] = FeatureHash.Feature(141, s0t, L(s0r), b0t);
        f[n++] = FeatureHash.Feature(142, s0t, b0t, L(b0l));
        f[n++] = FeatureHash.Feature(143, s0t, s0Right, b0t);
        f[n++] = FeatureHash.Feature(144, s0t, s0Left);
        f[n++] = FeatureHash.Feature(145, b0t, b0Left);
        f[n++] = FeatureHash.Feature(146, s0w, s0Right);
        f[n++] = FeatureHash.Feature(147, b0w, b0Left);
        f[n++] = FeatureHash.Feature(148, s0t, s0vl * 16 + s0vr, b0t);
        f[n++] = FeatureHash.Feature(149, b0t, b0vl, s0t);
        f[n++] = FeatureHash.Feature(150, s0w, b0t, b1t);
        f[n++] = FeatureHash.Feature(151, s0t, b0w, b1t);
        f[n++] = FeatureHash.Feature(152, At(words, s0h), s0t, b0t);
        f[n++] = FeatureHash.Feature(153, At(words, b0l), b0t, s0t);
        // the words around the arc that tell relations apart: B0's second left child and the word after B0 (a
        // preposition or particle), S0's rightmost child, S1 under S0
        int b0l2 = b0 >= 0 ? st.LeftSecond[b0] : -1;
        f[n++] = FeatureHash.Feature(154, At(words, b1), b0t, s0t);
        f[n++] = FeatureHash.Feature(155, At(words, b0l2), b0t);
        f[n++] = FeatureHash.Feature(156, At(words, s0r), s0t, b0t);
        f[n++] = FeatureHash.Feature(157, At(words, s0l), s0t, b0t);
        f[n++] = FeatureHash.Feature(158, At(words, s1), s0t);
        f[n++] = FeatureHash.Feature(159, s0w, b0w, b0t);
        return n;
    }
}
