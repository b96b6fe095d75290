namespace Dyad.Stories.Dedup;

/// <summary>
/// MinHash signatures and locality-sensitive bands over shingle sets: articles whose sets resemble each other
/// share a band with high probability, so copies are found without comparing every pair.
/// </summary>
public sealed class MinHash
{
    private readonly ulong[] _seeds;

    public int Bands { get; }
    public int RowsPerBand { get; }
    public int Length => _seeds.Length;

    /// <param name="bands">More bands with fewer rows catch lower resemblance at the cost of more candidates.</param>
    public MinHash(int bands = 32, int rowsPerBand = 2)
    {
        if (bands < 1 || rowsPerBand < 1) throw new ArgumentOutOfRangeException(nameof(bands), "bands and rows must be positive");
        Bands = bands;
        RowsPerBand = rowsPerBand;
        _seeds = new ulong[bands * rowsPerBand];
        ulong s = 0x5DEECE66DUL;
        for (int i = 0; i < _seeds.Length; i++) _seeds[i] = s = Shingles.Mix(s);
    }

    public ulong[] Signature(uint[] shingles)
    {
        var signature = new ulong[_seeds.Length];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var shingle in shingles)
            for (int i = 0; i < _seeds.Length; i++)
            {
                ulong h = Shingles.Mix(shingle ^ _seeds[i]);
                if (h < signature[i]) signature[i] = h;
            }
        return signature;
    }

    /// <summary>The fraction of equal positions: an unbiased estimate of Jaccard resemblance.</summary>
    public static double Estimate(ulong[] a, ulong[] b)
    {
        if (a.Length != b.Length || a.Length == 0) return 0;
        int equal = 0;
        for (int i = 0; i < a.Length; i++) if (a[i] == b[i] && a[i] != ulong.MaxValue) equal++;
        return equal / (double)a.Length;
    }

    /// <summary>One key per band: the hash of that band's rows, tagged with the band number.</summary>
    public IEnumerable<ulong> BandKeys(ulong[] signature)
    {
        for (int band = 0; band < Bands; band++)
        {
            ulong h = (ulong)band;
            for (int r = 0; r < RowsPerBand; r++) h = Shingles.Mix(h ^ signature[band * RowsPerBand + r]);
            yield return h;
        }
    }
}
