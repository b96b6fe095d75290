namespace Dyad.Stories.Clustering;

/// <summary>Where one article went: the story it joined or opened, and the copy it is, if any.</summary>
public sealed record StoryAssignment(string ArticleId, string StoryId, double Similarity, bool Opened, string? DuplicateOf);

/// <summary>
/// Streaming story clustering: each article joins the story it fits best or opens a new one, and earlier
/// decisions are never revisited, so adding articles costs the same however large the corpus grows.
/// </summary>
public interface IStoryClusterer
{
    /// <summary>Counts the article's words in the document frequencies without clustering it (a warm-up over a known batch).</summary>
    void Observe(StoryArticle article);

    StoryAssignment Add(StoryArticle article);

    /// <summary>Puts back an article whose story was decided earlier (read from a store), so new articles can join it.</summary>
    void Restore(StoryArticle article, string storyId, string? duplicateOf);

    IReadOnlyList<Story> Stories { get; }

    Story? Find(string storyId);
}
