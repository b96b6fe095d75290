namespace Dyad.Stories.Clustering;

/// <summary>A unit-length sparse TF-IDF vector.</summary>
public sealed class TermVector
{
    public IReadOnlyDictionary<string, double> Weights { get; }

    private TermVector(Dictionary<string, double> weights) => Weights = weights;

    public static readonly TermVector Empty = new([]);

    /// <summary>Sub-linear term frequency times IDF; title words count <paramref name="titleBoost"/> times more.</summary>
    public static TermVector Build(IReadOnlyList<string> bodyTerms, IReadOnlyList<string> titleTerms, IncrementalIdf idf, double titleBoost = 2)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var t in bodyTerms) counts[t] = counts.GetValueOrDefault(t) + 1;
        foreach (var t in titleTerms) counts[t] = counts.GetValueOrDefault(t) + titleBoost;
        var weights = new Dictionary<string, double>(counts.Count, StringComparer.Ordinal);
        double norm = 0;
        foreach (var (term, count) in counts)
        {
            double w = (1 + Math.Log(count)) * idf.Weight(term);
            if (w <= 0) continue;
            weights[term] = w;
            norm += w * w;
        }
        if (norm == 0) return Empty;
        norm = Math.Sqrt(norm);
        foreach (var term in weights.Keys.ToList()) weights[term] /= norm;
        return new TermVector(weights);
    }

    public double Dot(IReadOnlyDictionary<string, double> other)
    {
        double sum = 0;
        foreach (var (term, w) in Weights)
            if (other.TryGetValue(term, out var o)) sum += w * o;
        return sum;
    }

    public double Cosine(TermVector other) =>
        Weights.Count <= other.Weights.Count ? Dot(other.Weights) : other.Dot(Weights);
}
