namespace Dyad.Nlp.Tagging;

/// <summary>
/// The tagger's feature templates, shared by training and tagging so both see exactly the same features.
/// Previous tags are class numbers; -1 and -2 stand for the positions before the sentence.
/// </summary>
public static class TaggerFeatures
{
    public const int MaxFeatures = 40;
    private static readonly ulong Start = Models.FeatureHash.Of("<s>");
    private static readonly ulong End = Models.FeatureHash.Of("</s>");

    public static int Extract(ReadOnlySpan<WordInfo> words, int i, int prev1, int prev2, Span<ulong> f)
    {
        ref readonly var w0 = ref words[i];
        ulong wm1 = i > 0 ? words[i - 1].Lower : Start, wm2 = i > 1 ? words[i - 2].Lower : Start;
        ulong wp1 = i + 1 < words.Length ? words[i + 1].Lower : End, wp2 = i + 2 < words.Length ? words[i + 2].Lower : End;
        ulong ap1 = i + 1 < words.Length ? words[i + 1].Ambiguity : End, ap2 = i + 2 < words.Length ? words[i + 2].Ambiguity : End;
        ulong am1 = i > 0 ? words[i - 1].Ambiguity : Start;
        ulong t1 = (ulong)(prev1 + 3), t2 = (ulong)(prev2 + 3);
        int n = 0;
        f[n++] = Models.FeatureHash.Feature(0, 1);
        f[n++] = Models.FeatureHash.Feature(1, w0.Lower);
        f[n++] = Models.FeatureHash.Feature(2, wm1);
        f[n++] = Models.FeatureHash.Feature(3, wp1);
        f[n++] = Models.FeatureHash.Feature(4, wm2);
        f[n++] = Models.FeatureHash.Feature(5, wp2);
        f[n++] = Models.FeatureHash.Feature(6, w0.Suffix1);
        f[n++] = Models.FeatureHash.Feature(7, w0.Suffix2);
        f[n++] = Models.FeatureHash.Feature(8, w0.Suffix3);
        f[n++] = Models.FeatureHash.Feature(9, w0.Suffix4);
        f[n++] = Models.FeatureHash.Feature(10, w0.Prefix1);
        f[n++] = Models.FeatureHash.Feature(11, w0.Prefix3);
        f[n++] = Models.FeatureHash.Feature(12, w0.Shape);
        f[n++] = Models.FeatureHash.Feature(13, t1);
        f[n++] = Models.FeatureHash.Feature(14, t1, t2);
        f[n++] = Models.FeatureHash.Feature(15, t1, w0.Lower);
        f[n++] = Models.FeatureHash.Feature(16, w0.Ambiguity);
        f[n++] = Models.FeatureHash.Feature(17, ap1);
        f[n++] = Models.FeatureHash.Feature(18, am1);
        f[n++] = Models.FeatureHash.Feature(19, ap2);
        f[n++] = Models.FeatureHash.Feature(20, w0.Ambiguity, ap1);
        f[n++] = Models.FeatureHash.Feature(21, t1, w0.Ambiguity);
        f[n++] = Models.FeatureHash.Feature(22, wm1, w0.Lower);
        f[n++] = Models.FeatureHash.Feature(23, w0.Lower, wp1);
        f[n++] = Models.FeatureHash.Feature(24, w0.Form);
        f[n++] = Models.FeatureHash.Feature(25, (ulong)w0.Flags, i == 0 ? 1UL : 0UL);
        f[n++] = Models.FeatureHash.Feature(26, t2);
        f[n++] = Models.FeatureHash.Feature(27, i + 1 < words.Length ? words[i + 1].Suffix3 : End);
        f[n++] = Models.FeatureHash.Feature(28, i > 0 ? words[i - 1].Suffix3 : Start);
        f[n++] = Models.FeatureHash.Feature(29, i + 1 < words.Length ? words[i + 1].Shape : End);
        f[n++] = Models.FeatureHash.Feature(30, t1, w0.Suffix3);
        f[n++] = Models.FeatureHash.Feature(31, w0.Shape, i == 0 ? 1UL : 0UL);
        f[n++] = Models.FeatureHash.Feature(32, t1, ap1);
        f[n++] = Models.FeatureHash.Feature(33, w0.Ambiguity, wp1);
        return n;
    }
}
