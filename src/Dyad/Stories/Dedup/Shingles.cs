namespace Dyad.Stories.Dedup;

/// <summary>
/// Word shingles of an article as a sorted set of 32-bit hashes (the top half of a 64-bit mix): a long stream keeps
/// every article's set, and at 32 bits a chance collision between two 600-shingle articles is about 1 in 10,000.
/// Words are lower-cased letter and digit runs, so punctuation, quotes and casing changes between copies do not matter.
/// </summary>
public static class Shingles
{
    /// <summary>Eight words: long enough that independent reports rarely share one, short enough to survive light edits.</summary>
    public const int DefaultWords = 8;

    public static uint[] Of(ReadOnlySpan<char> text, int words = DefaultWords)
    {
        var wordHashes = new List<ulong>(text.Length / 5);
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            ulong h = 14695981039346656037UL;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] is '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                char c = text[i] == '’' ? '\'' : char.ToLowerInvariant(text[i]);
                h = (h ^ c) * 1099511628211UL;
                i++;
            }
            wordHashes.Add(h);
        }
        if (wordHashes.Count == 0) return [];
        int n = Math.Min(words, wordHashes.Count);
        var set = new HashSet<uint>();
        for (int start = 0; start + n <= wordHashes.Count; start++)
        {
            ulong h = 0;
            for (int k = 0; k < n; k++) h = Mix(h * 31 + wordHashes[start + k]);
            set.Add((uint)(h >> 32));
        }
        var sorted = set.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>A 64-bit finaliser (SplitMix64) so nearby inputs spread over the whole range.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>The number of shingles two sorted sets share.</summary>
    public static int Overlap(uint[] a, uint[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { shared++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return shared;
    }
}

/// <summary>How much two articles' shingle sets overlap: Jaccard resemblance, and containment of the smaller in the larger.</summary>
public readonly record struct ShingleOverlap(double Resemblance, double Containment, int Shared)
{
    public static ShingleOverlap Of(uint[] a, uint[] b)
    {
        if (a.Length == 0 || b.Length == 0) return default;
        int shared = Shingles.Overlap(a, b);
        return new ShingleOverlap(shared / (double)(a.Length + b.Length - shared), shared / (double)Math.Min(a.Length, b.Length), shared);
    }
}
