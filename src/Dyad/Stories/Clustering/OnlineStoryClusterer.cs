using Dyad.Stories.Dedup;

namespace Dyad.Stories.Clustering;

/// <summary>Settings of the streaming clusterer; the defaults were set on the development set (docs/stories.md).</summary>
public sealed record ClusteringOptions
{
    /// <summary>An article joins the best story when its decayed similarity reaches this, else it opens a new story.</summary>
    public double JoinThreshold { get; init; } = 0.15;
    /// <summary>Days a story stays fully open after its last article; beyond, similarity decays with <see cref="DecayDays"/>.</summary>
    public int GraceDays { get; init; } = 1;
    /// <summary>Time constant of the exponential decay: a story a week older than the grace weighs e^(-7/τ).</summary>
    public double DecayDays { get; init; } = 3;
    /// <summary>How much shared actors, places and entities add to the text similarity.</summary>
    public double AnchorWeight { get; init; } = 0.05;
    public double TitleBoost { get; init; } = 2;
    /// <summary>Stories searched for copies of a new article, besides the MinHash candidates.</summary>
    public int DuplicateCandidateStories { get; init; } = 3;
    /// <summary>
    /// Take stories too old to be joined out of the inverted index (see <see cref="OnlineStoryClusterer.Rank"/>);
    /// off only to check that retiring changes no decision.
    /// </summary>
    public bool RetireOldStories { get; init; } = true;
    /// <summary>
    /// Terms a retired story keeps (its heaviest): a story's sum holds every word any member used, most of them
    /// once, and over a long stream those tails are most of the memory. Only a late or undated article, or a
    /// digest of a story such an article reopens, sees the trimmed sum.
    /// </summary>
    public int RetiredStoryTerms { get; init; } = 256;
    /// <summary>
    /// Retiring starts only once this many stories are open: it is a cost bound for long streams, and below it the
    /// clusterer keeps every story in the index, exactly as without retiring (on the stories dev set retiring early
    /// lost a copy link).
    /// </summary>
    public int RetireWhenOpenAbove { get; init; } = 1000;
}

/// <summary>
/// Single-pass clustering with an incremental IDF: similarity of an article to a story is its average TF-IDF
/// cosine to the members (computed in one pass over the article's terms through an inverted index of story
/// sums), plus a small bonus for shared actors and places, times a decay with the gap in days. Copies found
/// by the duplicate finder join the story of the article they copy.
/// </summary>
public sealed class OnlineStoryClusterer : IStoryClusterer
{
    private readonly ClusteringOptions _options;
    private readonly IncrementalIdf _idf = new();
    private readonly NearDuplicateFinder _duplicates;
    private readonly List<Story> _stories = [];
    private readonly Dictionary<string, Story> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Story> _storyOf = new(StringComparer.Ordinal);
    // the inverted index covers open stories only; retired ones are searched by the slow path when an article can still reach them
    private readonly Dictionary<string, List<StoryPosting>> _postings = new(StringComparer.Ordinal);
    private readonly List<Story> _open = [];
    private readonly HashSet<Story> _retired = [];
    private readonly Dictionary<string, TermVector> _vectors = new(StringComparer.Ordinal);
    private readonly double _horizonDays;
    private int _latestDay = int.MinValue;
    private int _sweptDay = int.MinValue;
    private int _retiredLastDay = int.MinValue;
    private double[] _scores = new double[64];
    private readonly List<Story> _touched = [];

    public OnlineStoryClusterer(ClusteringOptions? options = null, NearDuplicateFinder? duplicates = null)
    {
        _options = options ?? new ClusteringOptions();
        _duplicates = duplicates ?? new NearDuplicateFinder();
        // the best a story can score is (1 + AnchorWeight) × decay; past this gap the decay alone keeps it under the join threshold
        _horizonDays = _options.JoinThreshold > 0 && _options.RetireOldStories
            ? _options.GraceDays + _options.DecayDays * Math.Log((1 + _options.AnchorWeight) / _options.JoinThreshold)
            : double.PositiveInfinity;
    }

    /// <summary>Stories an article of the latest day could still join; the rest are retired from the index until one is joined again.</summary>
    public int OpenStories => _open.Count;

    public IReadOnlyList<Story> Stories => _stories;
    public IncrementalIdf Idf => _idf;
    public Story? Find(string storyId) => _byId.GetValueOrDefault(storyId);
    public Story? StoryOf(string articleId) => _storyOf.GetValueOrDefault(articleId);
    /// <summary>The article's vector while its story is open (retired stories keep only their sums).</summary>
    public TermVector? VectorOf(string articleId) => _vectors.GetValueOrDefault(articleId);
    public string CanonicalOf(string articleId) => _duplicates.CanonicalOf(articleId);

    private (List<string> Body, List<string> Title) Terms(StoryArticle article) =>
        (StoryTerms.Extract(article.Text), article.Title is null ? [] : StoryTerms.Extract(article.Title));

    public void Observe(StoryArticle article)
    {
        var (body, title) = Terms(article);
        _idf.Observe(article.Id, body.Concat(title));
    }

    public StoryAssignment Add(StoryArticle article)
    {
        if (_storyOf.TryGetValue(article.Id, out var known))
        {
            var canonical = _duplicates.CanonicalOf(article.Id);
            return new StoryAssignment(article.Id, known.Id, 1, false, canonical == article.Id ? null : canonical);
        }
        var (body, title) = Terms(article);
        _idf.Observe(article.Id, body.Concat(title));
        var vector = TermVector.Build(body, title, _idf, _options.TitleBoost);
        Advance(article.Published);
        var ranked = Rank(article, vector);

        var nearby = ranked.Take(_options.DuplicateCandidateStories).SelectMany(r => r.Story.Members);
        var duplicate = _duplicates.Add(article.Id, article.Text, nearby);
        Story story;
        double similarity;
        bool opened = false;
        // A copy belongs with the article it copies, unless the text places it better elsewhere: copies carry
        // the same date, so a copy far in time from its canonical's story means one of the dates is wrong.
        if (duplicate is not null && _storyOf.TryGetValue(duplicate.CanonicalId, out var ofCanonical)
            && !(ranked.Count > 0 && ranked[0].Story != ofCanonical && ranked[0].Score >= _options.JoinThreshold
                 && ranked[0].Score > ranked.FirstOrDefault(r => r.Story == ofCanonical).Score))
        {
            story = ofCanonical;
            similarity = ranked.FirstOrDefault(r => r.Story == story).Score;
        }
        else if (ranked.Count > 0 && ranked[0].Score >= _options.JoinThreshold)
        {
            (story, similarity) = ranked[0];
        }
        else
        {
            story = Open("st-" + article.Id);
            similarity = 0;
            opened = true;
        }
        Join(story, article, vector);
        return new StoryAssignment(article.Id, story.Id, similarity, opened, duplicate?.CanonicalId);
    }

    public void Restore(StoryArticle article, string storyId, string? duplicateOf)
    {
        if (_storyOf.ContainsKey(article.Id)) return;
        var (body, title) = Terms(article);
        _idf.Observe(article.Id, body.Concat(title));
        var vector = TermVector.Build(body, title, _idf, _options.TitleBoost);
        _duplicates.Remember(article.Id, article.Text, duplicateOf);
        Join(_byId.GetValueOrDefault(storyId) ?? Open(storyId), article, vector);
        Advance(article.Published);
    }

    /// <summary>Stories sharing at least one term with the article, best first, with their decayed similarity.</summary>
    /// <remarks>
    /// Open stories are scored through the inverted index into a scratch array (no hashing per posting). Retired
    /// stories are scored too, term by term, only when the article could still reach one: it has no date, or its
    /// date falls within the horizon of the latest retired story. An article of the latest days skips them, which
    /// changes no join: their decayed score is below the threshold.
    /// </remarks>
    public List<(Story Story, double Score)> Rank(StoryArticle article, TermVector vector)
    {
        if (_scores.Length < _stories.Count) Array.Resize(ref _scores, Math.Max(_stories.Count, _scores.Length * 2));
        _touched.Clear();
        foreach (var (term, weight) in vector.Weights)
        {
            if (!_postings.TryGetValue(term, out var postings)) continue;
            foreach (var posting in postings)
            {
                int n = posting.Story.Number;
                if (_scores[n] == 0) _touched.Add(posting.Story);
                _scores[n] += weight * posting.Weight;
            }
        }
        if (_retired.Count > 0 && (article.Published is not DateOnly day || day.DayNumber - _retiredLastDay <= _horizonDays))
        {
            foreach (var story in _retired)
            {
                double sum = 0;
                foreach (var (term, weight) in vector.Weights)
                    if (story.Sum.TryGetValue(term, out var posting)) sum += weight * posting.Weight;
                if (sum > 0) { _scores[story.Number] = sum; _touched.Add(story); }
            }
        }
        var ranked = new List<(Story, double)>(_touched.Count);
        foreach (var story in _touched)
        {
            double text = _scores[story.Number] / story.Members.Count;
            _scores[story.Number] = 0;
            double anchors = AnchorOverlap(article.Anchors, story);
            double score = (text + _options.AnchorWeight * anchors) * Decay(story.GapDays(article.Published));
            ranked.Add((story, score));
        }
        ranked.Sort((a, b) => b.Item2.CompareTo(a.Item2) is int c && c != 0 ? c : string.CompareOrdinal(a.Item1.Id, b.Item1.Id));
        return ranked;
    }

    /// <summary>
    /// Moves the latest day forward and, once a day, retires the stories whose last article is further back than
    /// the horizon: they leave the inverted index (and their members' vectors are dropped), so the cost of an
    /// article depends on the stories of the last days, not on the whole history.
    /// </summary>
    private void Advance(DateOnly? published)
    {
        if (published is not DateOnly day || day.DayNumber <= _latestDay) return;
        _latestDay = day.DayNumber;
        if (_latestDay == _sweptDay || double.IsPositiveInfinity(_horizonDays) || _open.Count <= _options.RetireWhenOpenAbove) return;
        _sweptDay = _latestDay;
        int retiredBefore = _retired.Count;
        _open.RemoveAll(story =>
        {
            if (story.Last is not DateOnly last || _latestDay - last.DayNumber <= _horizonDays) return false;
            story.Retired = true;
            _retired.Add(story);
            _retiredLastDay = Math.Max(_retiredLastDay, last.DayNumber);
            foreach (var member in story.Members) _vectors.Remove(member);
            story.Trim(_options.RetiredStoryTerms);
            return true;
        });
        if (_retired.Count == retiredBefore) return;
        List<string>? empty = null;
        foreach (var (term, postings) in _postings)
        {
            postings.RemoveAll(p => p.Story.Retired);
            if (postings.Count == 0) (empty ??= []).Add(term);
        }
        if (empty is not null) foreach (var term in empty) _postings.Remove(term);
    }

    private double Decay(int? gapDays) =>
        gapDays is int gap && gap > _options.GraceDays ? Math.Exp(-(gap - _options.GraceDays) / _options.DecayDays) : 1;

    /// <summary>The share of the article's anchors that the story's members mention too.</summary>
    private static double AnchorOverlap(IReadOnlyList<string> anchors, Story story)
    {
        if (anchors.Count == 0 || story.Anchors.Count == 0) return 0;
        int shared = 0;
        foreach (var a in anchors) if (story.Anchors.ContainsKey(a)) shared++;
        return shared / (double)anchors.Count;
    }

    private Story Open(string id)
    {
        var unique = id;
        for (int n = 2; _byId.ContainsKey(unique); n++) unique = $"{id}-{n}";
        var story = new Story(unique, _stories.Count);
        _stories.Add(story);
        _open.Add(story);
        _byId[unique] = story;
        return story;
    }

    private void Join(Story story, StoryArticle article, TermVector vector)
    {
        if (story.Retired)
        {
            // a late article or a copy brings an old story back: it is searchable again until the next sweep
            story.Retired = false;
            _retired.Remove(story);
            _open.Add(story);
            foreach (var (term, posting) in story.Sum) Index(term, posting);
        }
        story.Members.Add(article.Id);
        story.Cover(article.Published);
        foreach (var (term, weight) in vector.Weights)
        {
            if (!story.Sum.TryGetValue(term, out var posting))
            {
                story.Sum[term] = posting = new StoryPosting(story);
                Index(term, posting);
            }
            posting.Weight += weight;
        }
        foreach (var anchor in article.Anchors) story.Anchors[anchor] = story.Anchors.GetValueOrDefault(anchor) + 1;
        _storyOf[article.Id] = story;
        _vectors[article.Id] = vector;
    }

    private void Index(string term, StoryPosting posting)
    {
        if (!_postings.TryGetValue(term, out var list)) _postings[term] = list = [];
        list.Add(posting);
    }
}
