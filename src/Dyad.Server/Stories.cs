using Dyad.Storage;

namespace Dyad.Server;

/// <summary>A story: events across articles grouped as one developing situation.</summary>
public sealed record StorySummary(string Id, string Title, DateOnly? First, DateOnly? Last, int Events, int Articles, IReadOnlyList<string> Actors);

public sealed record StoryDetail(StorySummary Story, IReadOnlyList<long> EventIds);

/// <summary>
/// Where the server reads stories from. Story grouping lives outside the server; a store that has stories
/// passes a reader in <see cref="ServerOptions.Stories"/>, and without one the API lists none.
/// </summary>
public interface IStoryReader
{
    IReadOnlyList<StorySummary> ListStories(IArticleStore store, int limit, int offset);
    StoryDetail? GetStory(IArticleStore store, string id);
}

internal sealed class NoStories : IStoryReader
{
    public IReadOnlyList<StorySummary> ListStories(IArticleStore store, int limit, int offset) => [];
    public StoryDetail? GetStory(IArticleStore store, string id) => null;
}
