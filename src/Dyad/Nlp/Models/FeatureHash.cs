namespace Dyad.Nlp.Models;

/// <summary>
/// Stable 64-bit hashing of features (FNV-1a folded with a 64-bit finaliser). Stable across processes and
/// platforms, unlike string.GetHashCode, so the same feature hashes the same in training and at run time.
/// </summary>
public static class FeatureHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(ReadOnlySpan<char> text)
    {
        ulong h = Offset;
        foreach (char c in text) { h ^= c; h *= Prime; }
        return Finish(h);
    }

    public static ulong Of(string text) => Of(text.AsSpan());

    /// <summary>Hash of the text lower-cased (invariant), without allocating it.</summary>
    public static ulong OfLower(ReadOnlySpan<char> text)
    {
        ulong h = Offset;
        foreach (char c in text) { h ^= char.ToLowerInvariant(c); h *= Prime; }
        return Finish(h);
    }

    /// <summary>Combine a feature template number with up to three values.</summary>
    public static ulong Feature(int template, ulong a)
        => Finish(Combine((ulong)template * 0x9E3779B97F4A7C15UL, a));

    public static ulong Feature(int template, ulong a, ulong b)
        => Finish(Combine(Combine((ulong)template * 0x9E3779B97F4A7C15UL, a), b));

    public static ulong Feature(int template, ulong a, ulong b, ulong c)
        => Finish(Combine(Combine(Combine((ulong)template * 0x9E3779B97F4A7C15UL, a), b), c));

    public static ulong Combine(ulong h, ulong v) => (h ^ (v + 0x9E3779B97F4A7C15UL + (h << 6) + (h >> 2))) * Prime;

    public static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
