using Dyad.Nlp.Models;
using Dyad.Nlp.Tagging;

namespace Dyad.Nlp.Entities;

/// <summary>
/// Entity recogniser features: the word, its shape and affixes, a window of words, shapes and tags, the
/// entity types the word had in training, gazetteer matches, distributional word clusters, and the previous two
/// labels. Shared by training and recognition.
/// </summary>
public static class EntityFeatures
{
    public const int MaxFeatures = 64;

    /// <summary>One sentence's words, XPOS hashes, gazetteer values (see <see cref="EntityGazetteer.Describe"/>) and word clusters.</summary>
    public readonly ref struct Context(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<ulong> names, ReadOnlySpan<ulong> nameParts,
        ReadOnlySpan<uint> clusters, ReadOnlySpan<ulong> relations = default, ReadOnlySpan<ulong> headWords = default)
    {
        public readonly ReadOnlySpan<ulong> Relations = relations;
        public readonly ReadOnlySpan<ulong> HeadWords = headWords;
        /// <summary>Word clusters (<see cref="EntityRecognizer.Clusters"/>); empty when the model has none.</summary>
        public readonly ReadOnlySpan<uint> Clusters = clusters;
        public readonly ReadOnlySpan<WordInfo> Words = words;
        public readonly ReadOnlySpan<ulong> Tags = tags;
        public readonly ReadOnlySpan<ulong> Names = names;
        public readonly ReadOnlySpan<ulong> NameParts = nameParts;
    }

    /// <summary>The always-on feature: its weights are the class biases.</summary>
    public static readonly ulong Bias = FeatureHash.Feature(0, 1);
    private static readonly ulong Start = FeatureHash.Of("<s>");
    private static readonly ulong End = FeatureHash.Of("</s>");

    private static ulong Lower(ReadOnlySpan<WordInfo> w, int i) => i < 0 ? Start : i >= w.Length ? End : w[i].Lower;
    private static ulong Shape(ReadOnlySpan<WordInfo> w, int i) => i < 0 ? Start : i >= w.Length ? End : w[i].Shape;
    private static ulong Types(ReadOnlySpan<WordInfo> w, int i) => i < 0 ? Start : i >= w.Length ? End : w[i].Ambiguity;
    private static ulong Tag(ReadOnlySpan<ulong> t, int i) => i < 0 ? Start : i >= t.Length ? End : t[i];

    /// <summary>Every feature of word i given the two labels before it (-1 = none, -2 = before the start).</summary>
    /// <remarks>words[i].Ambiguity must hold the entity-type lexicon entry, tags the XPOS hashes.</remarks>
    public static int Extract(in Context context, int i, int prev1, int prev2, Span<ulong> f)
    {
        int n = ExtractStatic(context, i, f);
        return n + ExtractHistory(context, i, prev1, prev2, f[n..]);
    }

    /// <summary>
    /// The features that do not read earlier labels: the same for every label history, so a beam scores them once
    /// per word.
    /// </summary>
    public static int ExtractStatic(in Context context, int i, Span<ulong> f)
    {
        var words = context.Words;
        var tags = context.Tags;
        ref readonly var w = ref words[i];
        int n = 0;
        f[n++] = Bias;
        f[n++] = FeatureHash.Feature(1, w.Lower);
        f[n++] = FeatureHash.Feature(2, w.Form);
        f[n++] = FeatureHash.Feature(3, w.Shape);
        f[n++] = FeatureHash.Feature(4, w.Prefix3);
        f[n++] = FeatureHash.Feature(5, w.Suffix3);
        f[n++] = FeatureHash.Feature(6, w.Suffix4);
        f[n++] = FeatureHash.Feature(7, (ulong)w.Flags, i == 0 ? 1UL : 0UL);
        f[n++] = FeatureHash.Feature(8, Lower(words, i - 1));
        f[n++] = FeatureHash.Feature(9, Lower(words, i + 1));
        f[n++] = FeatureHash.Feature(10, Lower(words, i - 2));
        f[n++] = FeatureHash.Feature(11, Lower(words, i + 2));
        f[n++] = FeatureHash.Feature(12, Shape(words, i - 1), w.Shape);
        f[n++] = FeatureHash.Feature(13, w.Shape, Shape(words, i + 1));
        f[n++] = FeatureHash.Feature(14, Tag(tags, i));
        f[n++] = FeatureHash.Feature(15, Tag(tags, i - 1), Tag(tags, i));
        f[n++] = FeatureHash.Feature(16, Tag(tags, i), Tag(tags, i + 1));
        f[n++] = FeatureHash.Feature(17, w.Lower, Tag(tags, i));
        f[n++] = FeatureHash.Feature(22, w.Ambiguity);
        f[n++] = FeatureHash.Feature(23, Types(words, i - 1));
        f[n++] = FeatureHash.Feature(24, Types(words, i + 1));
        f[n++] = FeatureHash.Feature(26, Lower(words, i - 1), w.Lower);
        f[n++] = FeatureHash.Feature(27, w.Lower, Lower(words, i + 1));
        f[n++] = FeatureHash.Feature(29, Shape(words, i - 1), w.Shape, Shape(words, i + 1));
        f[n++] = FeatureHash.Feature(30, Tag(tags, i - 2));
        f[n++] = FeatureHash.Feature(31, Tag(tags, i + 2));
        f[n++] = FeatureHash.Feature(32, w.Suffix2);
        f[n++] = FeatureHash.Feature(33, w.Prefix1, (ulong)w.Flags);
        f[n++] = FeatureHash.Feature(34, Lower(words, i - 1), Tag(tags, i));
        f[n++] = FeatureHash.Feature(35, Tag(tags, i), Lower(words, i + 1));
        f[n++] = FeatureHash.Feature(36, Types(words, i - 1), w.Ambiguity, Types(words, i + 1));
        f[n++] = FeatureHash.Feature(37, i + 1 < words.Length ? words[i + 1].Suffix3 : End);
        f[n++] = FeatureHash.Feature(38, i > 0 ? words[i - 1].Suffix3 : Start);
        f[n++] = FeatureHash.Feature(39, i > 0 ? words[i - 1].Form : Start, w.Shape);
        f[n++] = FeatureHash.Feature(40, w.Shape, i + 1 < words.Length ? words[i + 1].Form : End);
        var names = context.Names;
        var parts = context.NameParts;
        ulong g = names[i], gPrev = i > 0 ? names[i - 1] : Start, gNext = i + 1 < words.Length ? names[i + 1] : End;
        ulong q = parts[i], qPrev = i > 0 ? parts[i - 1] : Start, qNext = i + 1 < words.Length ? parts[i + 1] : End;
        f[n++] = FeatureHash.Feature(42, g);
        f[n++] = FeatureHash.Feature(43, gPrev, g);
        f[n++] = FeatureHash.Feature(44, g, gNext);
        f[n++] = FeatureHash.Feature(45, g, w.Shape);
        f[n++] = FeatureHash.Feature(47, q, (ulong)w.Flags);
        f[n++] = FeatureHash.Feature(48, qPrev, q, qNext);
        f[n++] = FeatureHash.Feature(49, q, Tag(tags, i));
        var clusters = context.Clusters;
        if (clusters.Length > 0)
        {
            ulong c = clusters[i], cPrev = i > 0 ? clusters[i - 1] : Start, cNext = i + 1 < words.Length ? clusters[i + 1] : End;
            ulong coarse = c >> 16;
            f[n++] = FeatureHash.Feature(50, c);
            f[n++] = FeatureHash.Feature(51, coarse, w.Shape);
            f[n++] = FeatureHash.Feature(52, c, w.Shape);
            f[n++] = FeatureHash.Feature(53, cPrev);
            f[n++] = FeatureHash.Feature(54, cNext);
            f[n++] = FeatureHash.Feature(56, cPrev, c);
        }
        if (context.Relations.Length > 0)
        {
            ulong rel = context.Relations[i], head = context.HeadWords[i];
            f[n++] = FeatureHash.Feature(60, rel);
            f[n++] = FeatureHash.Feature(61, rel, head);
            f[n++] = FeatureHash.Feature(62, rel, w.Shape);
            f[n++] = FeatureHash.Feature(63, head);
        }
        return n;
    }

    /// <summary>The features that read the previous two labels (prev1 and prev2 as in <see cref="Extract"/>).</summary>
    public static int ExtractHistory(in Context context, int i, int prev1, int prev2, Span<ulong> f)
    {
        var words = context.Words;
        var tags = context.Tags;
        ref readonly var w = ref words[i];
        ulong p1 = (ulong)(prev1 + 3), p2 = (ulong)(prev2 + 3);
        int n = 0;
        f[n++] = FeatureHash.Feature(18, p1);
        f[n++] = FeatureHash.Feature(19, p1, p2);
        f[n++] = FeatureHash.Feature(20, p1, w.Lower);
        f[n++] = FeatureHash.Feature(21, p1, w.Shape);
        f[n++] = FeatureHash.Feature(25, p1, w.Ambiguity);
        f[n++] = FeatureHash.Feature(28, p1, Tag(tags, i));
        f[n++] = FeatureHash.Feature(41, p1, Lower(words, i - 1), w.Shape);
        f[n++] = FeatureHash.Feature(46, p1, context.Names[i]);
        if (context.Clusters.Length > 0) f[n++] = FeatureHash.Feature(55, p1, (ulong)(context.Clusters[i] >> 16));
        return n;
    }
}
