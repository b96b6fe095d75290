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
    IReadOnlyList<StorySummary> ListStories(IAnalyticsStore store, int limit, int offset);
    StoryDetail? GetStory(IAnalyticsStore store, string id);
}

internal sealed class NoStories : IStoryReader
{
    public IReadOnlyList<StorySummary> ListStories(IAnalyticsStore store, int limit, int offset) => [];
    public StoryDetail? GetStory(IAnalyticsStore store, string id) => null;
}

/// <summary>Stories as the store keeps them (written by ingest's story step): their articles' events and actors.</summary>
public sealed class StoreStoryReader : IStoryReader
{
    public IReadOnlyList<StorySummary> ListStories(IAnalyticsStore store, int limit, int offset) =>
        store.QueryStories(limit, offset).Select(s => Summarise(store, s, out _)).ToList();

    public StoryDetail? GetStory(IAnalyticsStore store, string id)
    {
        var story = store.GetStory(id);
        if (story is null) return null;
        var summary = Summarise(store, story, out var eventIds);
        return new StoryDetail(summary, eventIds);
    }

    private static StorySummary Summarise(IAnalyticsStore store, StoryRecord story, out List<long> eventIds)
    {
        eventIds = [];
        var actors = new Dictionary<string, int>();
        foreach (var link in store.StoryLinks(story.Id))
        {
            foreach (var e in store.QueryEvents(new EventQuery { ArticleId = link.ArticleId, Limit = 10_000 }))
            {
                eventIds.Add(e.Id);
                foreach (var code in new[] { e.Source.Code, e.Target?.Code })
                    if (code is not null) actors[code] = actors.GetValueOrDefault(code) + 1;
            }
        }
        var top = actors.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal).Take(8).Select(a => a.Key).ToList();
        return new StorySummary(story.Id, story.Title, story.First, story.Last, eventIds.Count, story.Articles, top);
    }
}
