namespace Dyad.Stories.Clustering;

/// <summary>A story told briefly: a title and the sentences closest to its centre.</summary>
public sealed record StoryDigest(string Title, IReadOnlyList<string> Summary);

/// <summary>
/// Picks the title of the most central member and the most central sentences across members, skipping a
/// sentence that repeats one already picked (copies of one wire report say the same thing several times).
/// </summary>
public static class StorySummarizer
{
    public static StoryDigest Digest(Story story, IEnumerable<StoryArticle> members, IncrementalIdf idf, int sentences = 3)
    {
        var centroid = story.Centroid();
        var list = members.ToList();
        string? title = null;
        double bestTitle = double.MinValue;
        var candidates = new List<(string Text, TermVector Vector, double Score)>();
        foreach (var article in list)
        {
            var vector = TermVector.Build(StoryTerms.Extract(article.Text), article.Title is null ? [] : StoryTerms.Extract(article.Title), idf);
            double centrality = vector.Dot(centroid);
            if (article.Title is not null && centrality > bestTitle) { bestTitle = centrality; title = article.Title; }
            foreach (var sentence in article.Sentences)
            {
                if (sentence.Length < 40 || sentence.Length > 400) continue;
                var terms = StoryTerms.Extract(sentence);
                if (terms.Count < 5) continue;
                var sv = TermVector.Build(terms, [], idf);
                candidates.Add((sentence, sv, sv.Dot(centroid)));
            }
        }
        var picked = new List<(string Text, TermVector Vector)>();
        foreach (var c in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Text, StringComparer.Ordinal))
        {
            if (picked.Count >= sentences) break;
            if (picked.Any(p => p.Vector.Cosine(c.Vector) > 0.5)) continue;
            picked.Add((c.Text, c.Vector));
        }
        title ??= picked.Count > 0 ? Shorten(picked[0].Text) : story.Id;
        return new StoryDigest(title, picked.Select(p => p.Text).ToList());
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..97].TrimEnd() + "…";
}
