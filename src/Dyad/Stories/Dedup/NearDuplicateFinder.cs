namespace Dyad.Stories.Dedup;

/// <summary>Thresholds for calling two articles copies of one another.</summary>
public sealed record DuplicateThresholds
{
    /// <summary>Jaccard resemblance of 8-word shingle sets above which two texts are one text edited.</summary>
    public double Resemblance { get; init; } = 0.16;
    /// <summary>Containment above which the shorter text is a cut or an excerpt of the longer one.</summary>
    public double Containment { get; init; } = 0.5;
    /// <summary>Fewer shared shingles than this is chance or a shared quotation, whatever the ratios say.</summary>
    public int MinShared { get; init; } = 12;
}

/// <summary>
/// MinHash bands propose candidates; exact shingle overlap decides. The caller may add candidates of its own
/// (members of the stories an article is closest to), which catches rewrites with too little resemblance for
/// the bands to be reliable.
/// </summary>
public sealed class NearDuplicateFinder(DuplicateThresholds? thresholds = null, MinHash? minHash = null) : IDuplicateFinder
{
    private readonly DuplicateThresholds _thresholds = thresholds ?? new DuplicateThresholds();
    private readonly MinHash _minHash = minHash ?? new MinHash();
    private readonly Dictionary<string, uint[]> _shingles = new(StringComparer.Ordinal);
    // band key -> chain of articles sharing it, in arrays: most keys name one article, and a list per key
    // cost about a hundred bytes where a chain link costs eight
    private readonly Dictionary<ulong, int> _bandHead = [];
    private readonly List<string> _ids = [];
    private readonly List<(int Article, int Next)> _bandLinks = [];
    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);

    public int Count => _shingles.Count;

    public DuplicateLink? Add(string articleId, string text, IEnumerable<string>? alsoCompare = null)
    {
        if (_shingles.ContainsKey(articleId)) return _canonical.TryGetValue(articleId, out var c) && c != articleId ? new DuplicateLink(articleId, c, 1, 1) : null;
        var shingles = Shingles.Of(text);
        var signature = _minHash.Signature(shingles);
        var keys = _minHash.BandKeys(signature).ToList();
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
            if (_bandHead.TryGetValue(key, out var link))
                for (; link >= 0; link = _bandLinks[link].Next) candidates.Add(_ids[_bandLinks[link].Article]);
        if (alsoCompare is not null)
            foreach (var id in alsoCompare) if (_shingles.ContainsKey(id)) candidates.Add(id);

        DuplicateLink? best = null;
        double bestScore = 0;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            var overlap = ShingleOverlap.Of(shingles, _shingles[candidate]);
            if (overlap.Shared < _thresholds.MinShared) continue;
            if (overlap.Resemblance < _thresholds.Resemblance && overlap.Containment < _thresholds.Containment) continue;
            double score = overlap.Resemblance + overlap.Containment;
            if (score > bestScore)
            {
                bestScore = score;
                best = new DuplicateLink(articleId, CanonicalOf(candidate), overlap.Resemblance, overlap.Containment);
            }
        }

        _shingles[articleId] = shingles;
        if (shingles.Length > 0) Index(articleId, keys);
        if (best is not null) _canonical[articleId] = best.CanonicalId;
        return best;
    }

    public string CanonicalOf(string articleId) => _canonical.GetValueOrDefault(articleId, articleId);

    /// <summary>Records a link found earlier (for instance read back from a store) without recomputing it.</summary>
    public void Remember(string articleId, string text, string? canonicalId)
    {
        if (canonicalId is not null && canonicalId != articleId) _canonical[articleId] = CanonicalOf(canonicalId);
        if (_shingles.ContainsKey(articleId)) return;
        var shingles = Shingles.Of(text);
        _shingles[articleId] = shingles;
        if (shingles.Length == 0) return;
        Index(articleId, _minHash.BandKeys(_minHash.Signature(shingles)));
    }

    private void Index(string articleId, IEnumerable<ulong> keys)
    {
        int article = _ids.Count;
        _ids.Add(articleId);
        foreach (var key in keys)
        {
            _bandLinks.Add((article, _bandHead.TryGetValue(key, out var head) ? head : -1));
            _bandHead[key] = _bandLinks.Count - 1;
        }
    }
}
