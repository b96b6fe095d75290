namespace Dyad.Stories.Dedup;

/// <summary>A link from a copy to the article it copies, with the evidence.</summary>
public sealed record DuplicateLink(string ArticleId, string CanonicalId, double Resemblance, double Containment);

/// <summary>
/// Finds near-duplicates (syndicated copies, write-throughs, light rewrites) in a stream of articles. Every
/// article is kept; a copy is linked to one canonical article, the first of its group to arrive.
/// </summary>
public interface IDuplicateFinder
{
    /// <summary>Adds the article and returns its link when it copies one seen before, else null.</summary>
    /// <param name="alsoCompare">Articles the caller already suspects (the members of nearby stories); compared exactly.</param>
    DuplicateLink? Add(string articleId, string text, IEnumerable<string>? alsoCompare = null);

    /// <summary>The canonical article of a group, or the article itself.</summary>
    string CanonicalOf(string articleId);
}
