using System.Text.Json;
using Dyad.Nlp.Models;

namespace Dyad.Training;

/// <summary>
/// Distributional word clusters learned from unlabelled text, so the entity recogniser can generalise from
/// words it saw labelled to words that occur in the same contexts. Each frequent word (lower-cased) is a vector of
/// positive PMI with its neighbours one and two words away (the most frequent words as context, plus the
/// neighbour's capitalisation), and spherical k-means groups the vectors into fine clusters, whose centroids
/// are grouped again into coarse ones. Deterministic: fixed vocabulary order, spread initial centroids, ordinal ties.
/// </summary>
public static class WordClusterBuilder
{
    // chosen on UNER dev (mean F1 of three seeds, O penalty 25–30): 256 fine / 32 coarse from words seen 3
    // times 62.4; 512 / 64 62.9; 512 / 64 from words seen twice 63.5, and 64.4 with document propagation, where
    // 1,024 fine clusters gave 64.2 and 1,000 context words 64.2
    public const int MinCount = 2;
    public const int ContextWords = 600;
    public const int Fine = 512;
    public const int Coarse = 64;
    public const int Iterations = 12;

    /// <summary>Unlabelled sentences: UNER EWT train words, GUM train (commercial genres), ECB+ news (ESC v1.5).</summary>
    public static List<string[]> Corpus(TrainingContext ctx, IEnumerable<string[]> unerTrain)
    {
        var corpus = new List<string[]>(unerTrain);
        var gum = ctx.Gum("train");
        if (File.Exists(gum)) corpus.AddRange(GumEntities.CommercialDocuments(gum).Select(s => s.Forms));
        var ecb = Path.Combine(ctx.DataDirectory, "news-event-clusters", "ecbplus_esc_docs.jsonl");
        if (File.Exists(ecb))
            foreach (var line in File.ReadLines(ecb))
            {
                using var doc = JsonDocument.Parse(line);
                foreach (var s in doc.RootElement.GetProperty("sentences").EnumerateArray())
                    corpus.Add([.. s.EnumerateArray().Select(t => t.GetString() ?? "")]);
            }
        return corpus;
    }

    /// <summary>Lower-case word hash → fine cluster (low 16 bits) and coarse cluster (next 16 bits), both from 1.</summary>
    public static Dictionary<ulong, uint> Build(List<string[]> corpus)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in corpus)
            foreach (var w in s)
            {
                var k = w.ToLowerInvariant();
                counts[k] = counts.GetValueOrDefault(k) + 1;
            }
        var vocab = counts.Where(p => p.Value >= MinCount).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key).ToArray();
        var index = vocab.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);
        int contextSize = Math.Min(ContextWords, vocab.Length);
        // context dimensions: 4 positions × (frequent word or "other word", capitalised or not)
        int per = 2 * (contextSize + 1);
        int dims = 4 * per;
        var pair = new Dictionary<long, double>[vocab.Length];
        for (int i = 0; i < vocab.Length; i++) pair[i] = [];
        var contextTotals = new double[dims];
        double total = 0;
        foreach (var s in corpus)
        {
            var ids = new int[s.Length];
            for (int i = 0; i < s.Length; i++) ids[i] = index.TryGetValue(s[i].ToLowerInvariant(), out var id) ? id : -1;
            for (int i = 0; i < s.Length; i++)
            {
                if (ids[i] < 0) continue;
                int slot = 0;
                foreach (int d in (ReadOnlySpan<int>)[-2, -1, 1, 2])
                {
                    int j = i + d;
                    int word = j < 0 || j >= s.Length ? contextSize : ids[j] >= 0 && ids[j] < contextSize ? ids[j] : contextSize;
                    int cap = j >= 0 && j < s.Length && s[j].Length > 0 && char.IsUpper(s[j][0]) ? 1 : 0;
                    int dim = slot * per + 2 * word + cap;
                    var row = pair[ids[i]];
                    row[dim] = row.GetValueOrDefault(dim) + 1;
                    contextTotals[dim]++;
                    total++;
                    slot++;
                }
            }
        }
        // positive PMI, L2-normalised sparse rows
        var rows = new (int[] Dims, float[] Values)[vocab.Length];
        for (int i = 0; i < vocab.Length; i++)
        {
            double wordTotal = pair[i].Values.Sum();
            var kept = new List<(int Dim, double Value)>();
            foreach (var (dim, c) in pair[i].OrderBy(p => p.Key))
            {
                double pmi = Math.Log(c * total / (wordTotal * contextTotals[dim]));
                if (pmi > 0) kept.Add(((int)dim, pmi));
            }
            double norm = Math.Sqrt(kept.Sum(p => p.Value * p.Value));
            rows[i] = ([.. kept.Select(p => p.Dim)], [.. kept.Select(p => (float)(norm > 0 ? p.Value / norm : 0))]);
        }
        var fine = KMeans(rows, dims, Math.Min(Fine, vocab.Length), out var centroids);
        // coarse clusters: k-means over the fine centroids, as sparse rows
        var centroidRows = centroids.Select(c =>
        {
            var d = new List<int>();
            var v = new List<float>();
            for (int k = 0; k < c.Length; k++) if (c[k] != 0) { d.Add(k); v.Add(c[k]); }
            return (d.ToArray(), v.ToArray());
        }).ToArray();
        var coarse = KMeans(centroidRows, dims, Math.Min(Coarse, centroidRows.Length), out _);
        var result = new Dictionary<ulong, uint>(vocab.Length);
        for (int i = 0; i < vocab.Length; i++)
            result[FeatureHash.OfLower(vocab[i])] = (uint)(fine[i] + 1) | ((uint)(coarse[fine[i]] + 1) << 16);
        TrainingContext.Log($"word clusters: {vocab.Length} words from {corpus.Count} sentences, {Fine} fine and {Coarse} coarse clusters");
        return result;
    }

    /// <summary>Spherical k-means (cosine); initial centroids are rows spread evenly over the frequency order.</summary>
    private static int[] KMeans((int[] Dims, float[] Values)[] rows, int dims, int k, out float[][] centroids)
    {
        centroids = new float[k][];
        for (int c = 0; c < k; c++)
        {
            centroids[c] = new float[dims];
            var r = rows[(int)((long)c * rows.Length / k)];
            for (int j = 0; j < r.Dims.Length; j++) centroids[c][r.Dims[j]] = r.Values[j];
        }
        var assign = new int[rows.Length];
        for (int it = 0; it < Iterations; it++)
        {
            var current = centroids;
            for (int i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                int best = 0;
                double bestScore = double.NegativeInfinity;
                for (int c = 0; c < k; c++)
                {
                    var cen = current[c];
                    double dot = 0;
                    for (int j = 0; j < r.Dims.Length; j++) dot += cen[r.Dims[j]] * r.Values[j];
                    if (dot > bestScore) { bestScore = dot; best = c; }
                }
                assign[i] = best;
            }
            var next = new float[k][];
            for (int c = 0; c < k; c++) next[c] = new float[dims];
            var sizes = new int[k];
            for (int i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                var cen = next[assign[i]];
                sizes[assign[i]]++;
                for (int j = 0; j < r.Dims.Length; j++) cen[r.Dims[j]] += r.Values[j];
            }
            for (int c = 0; c < k; c++)
            {
                if (sizes[c] == 0) { next[c] = current[c]; continue; }
                double norm = Math.Sqrt(next[c].Sum(x => (double)x * x));
                if (norm > 0) for (int d = 0; d < dims; d++) next[c][d] = (float)(next[c][d] / norm);
            }
            centroids = next;
        }
        return assign;
    }
}
