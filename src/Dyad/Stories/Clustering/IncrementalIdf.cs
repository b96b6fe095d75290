namespace Dyad.Stories.Clustering;

/// <summary>
/// Document frequencies that grow as articles arrive, so weights need no second pass over the corpus.
/// An article is counted once; counting it again is ignored.
/// </summary>
public sealed class IncrementalIdf
{
    private readonly Dictionary<string, int> _frequency = new(StringComparer.Ordinal);
    private readonly HashSet<string> _counted = new(StringComparer.Ordinal);

    public int Documents { get; private set; }

    public void Observe(string articleId, IEnumerable<string> terms)
    {
        if (!_counted.Add(articleId)) return;
        Documents++;
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
            _frequency[term] = _frequency.GetValueOrDefault(term) + 1;
    }

    public int Frequency(string term) => _frequency.GetValueOrDefault(term);

    /// <summary>Smoothed inverse document frequency; a term never seen gets the weight of a term seen once.</summary>
    public double Weight(string term) => Math.Log((Documents + 1.0) / (Math.Max(1, Frequency(term)) + 0.5));
}
