using Dyad.Nlp.Models;

namespace Dyad.Nlp.Tagging;

/// <summary>
/// Hashes of one word's surface properties, computed once per token and shared by the tagger, parser and
/// entity recogniser so each feature is a cheap combination of ready numbers.
/// </summary>
public struct WordInfo
{
    public ulong Form;
    public ulong Lower;
    public ulong Shape;
    public ulong Prefix1;
    public ulong Prefix3;
    public ulong Suffix1;
    public ulong Suffix2;
    public ulong Suffix3;
    public ulong Suffix4;
    /// <summary>The set of tags the word had in training (0 when unknown or rare).</summary>
    public ulong Ambiguity;
    public WordFlags Flags;

    public static WordInfo Of(ReadOnlySpan<char> word)
    {
        var info = new WordInfo
        {
            Form = FeatureHash.Of(word),
            Lower = FeatureHash.OfLower(word),
            Shape = ShapeHash(word),
            Prefix1 = FeatureHash.OfLower(word[..Math.Min(1, word.Length)]),
            Prefix3 = FeatureHash.OfLower(word[..Math.Min(3, word.Length)]),
            Suffix1 = FeatureHash.OfLower(word[Math.Max(0, word.Length - 1)..]),
            Suffix2 = FeatureHash.OfLower(word[Math.Max(0, word.Length - 2)..]),
            Suffix3 = FeatureHash.OfLower(word[Math.Max(0, word.Length - 3)..]),
            Suffix4 = FeatureHash.OfLower(word[Math.Max(0, word.Length - 4)..]),
        };
        WordFlags flags = WordFlags.None;
        bool allUpper = true, anyLetter = false;
        foreach (char c in word)
        {
            if (char.IsDigit(c)) flags |= WordFlags.HasDigit;
            else if (c == '-') flags |= WordFlags.HasHyphen;
            if (char.IsLetter(c)) { anyLetter = true; if (!char.IsUpper(c)) allUpper = false; }
        }
        if (word.Length > 0 && char.IsUpper(word[0])) flags |= WordFlags.Capitalised;
        if (anyLetter && allUpper) flags |= WordFlags.AllCaps;
        info.Flags = flags;
        return info;
    }

    /// <summary>Hash of the word's shape: X for upper, x for lower, d for digit, other characters as they are; runs cut at two.</summary>
    public static ulong ShapeHash(ReadOnlySpan<char> word)
    {
        ulong h = 14695981039346656037UL;
        char last = '\0';
        int run = 0;
        foreach (char c in word)
        {
            char k = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            if (k == last) { run++; if (run >= 2) continue; }
            else { last = k; run = 0; }
            h ^= k; h *= 1099511628211UL;
        }
        return FeatureHash.Finish(h);
    }
}

[Flags]
public enum WordFlags : byte
{
    None = 0,
    Capitalised = 1,
    AllCaps = 2,
    HasDigit = 4,
    HasHyphen = 8,
}
