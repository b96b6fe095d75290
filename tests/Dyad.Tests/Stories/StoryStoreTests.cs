using Dyad.Storage;
using Dyad.Stories;
using Dyad.Tests.Storage;

namespace Dyad.Tests.Stories;

public class StoryStoreTests
{
    [Fact]
    public void The_desk_stores_stories_links_and_merged_events_and_a_reopened_store_continues_them()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "s.db");
        var first = StoreFixtures.Meeting("m1", "Putin met Obama in New York on Monday to discuss the war in Syria and the refugee crisis in Europe.");
        var copy = StoreFixtures.Meeting("m2", "Putin met Obama in New York on Monday to discuss the war in Syria and the refugee crisis in Europe, officials said.");
        using (var store = SqliteStore.Open(path))
        {
            Assert.Equal(2, store.SchemaVersion);
            store.Store([first, copy]);
            var assignments = new StoryDesk(store).Add([first, copy]);
            Assert.Equal(assignments[0].StoryId, assignments[1].StoryId);
            Assert.Equal("m1", assignments[1].DuplicateOf);
            var story = Assert.Single(store.QueryStories());
            Assert.Equal(2, story.Articles);
            Assert.Equal(["m1", "m2"], store.StoryLinks(story.Id).Select(l => l.ArticleId));
            var merged = Assert.Single(store.MergedEvents(story.Id));
            Assert.Equal(2, merged.Mentions);
            Assert.Equal(1, merged.IndependentReports);
            Assert.Equal(2, merged.EventIds.Count);
        }
        using (var store = SqliteStore.Open(path))
        {
            var third = StoreFixtures.Meeting("m3", "In New York, Obama and Putin discussed Syria and the refugee crisis during their Monday meeting.");
            store.Store([third]);
            var next = new StoryDesk(store).Add([third]).Single();
            Assert.Equal(store.StoryLinks().First(l => l.ArticleId == "m1").StoryId, next.StoryId);
            Assert.Single(store.QueryStories());
            Assert.Equal(2, store.MergedEvents(next.StoryId).Single().IndependentReports);
        }
    }
}
