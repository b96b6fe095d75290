using Dyad.Documents;
using Dyad.Storage;
using Dyad.Stories;
using Xunit.Abstractions;
using static Dyad.Tests.Storage.AnalyticsFixtures;

namespace Dyad.Tests.Storage;

/// <summary>
/// The analytics part of the store contract (dashboard reads, stories, the story step among several writers),
/// run once per store like <see cref="ArticleStoreContract"/>, whose fixtures it reuses.
/// </summary>
public abstract class AnalyticsStoreContract(ITestOutputHelper output) : ArticleStoreContract(output)
{
    private IAnalyticsStore? StartAnalytics(string name) => (IAnalyticsStore?)Start(name);
    private IAnalyticsStore ReopenAnalytics(string name) => (IAnalyticsStore)Reopen(name);

    private static readonly DateOnly Monday = new(2024, 3, 4);

    /// <summary>Four events: a meeting in Geneva, shelling in Aleppo, sanctions from Washington, undated aid with no place.</summary>
    private static List<Document> FourEvents() =>
    [
        Article("e1", "Putin met Obama in Geneva to discuss arms control.", Putin, Obama, "040", 1, 1.0, Monday, "Geneva", "CHE", 46.2, 6.15),
        Article("e2", "The army shelled rebels in Aleppo overnight.", Army, Rebels, "190", 4, -10.0, Monday.AddDays(2), "Aleppo", "SYR", 36.2, 37.15),
        Article("e3", "Obama imposed sanctions on Putin from Washington.", Obama, Putin, "163", 4, -8.0, new DateOnly(2024, 4, 10), "Washington", "USA"),
        Article("e4", "Obama promised aid to the army.", Obama, Army, "070", 2, 7.0, null),
    ];

    [Fact]
    public void Every_filter_of_the_dashboard_selects_the_same_events()
    {
        using var store = StartAnalytics("q1");
        if (store is null) return;
        store.Store(FourEvents());
        string[] Ids(EventQuery q) => store.QueryEvents(q).Select(e => e.ArticleId).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(4, store.CountEvents(new EventQuery()));
        Assert.Equal(["e2", "e4"], Ids(new EventQuery { Role = "mil" }));
        Assert.Equal(["e3", "e4"], Ids(new EventQuery { SourceCode = "usa" }));
        Assert.Equal(["e3"], Ids(new EventQuery { SourceCode = "USA", TargetCode = "RUS" }));
        Assert.Equal(["e1", "e3"], Ids(new EventQuery { SourceCode = "USA", TargetCode = "RUS", EitherDirection = true }));
        Assert.Equal(["e2"], Ids(new EventQuery { Place = "aleppo" }));
        Assert.Equal(["e3"], Ids(new EventQuery { Place = "usa" }));
        Assert.Equal(["e1"], Ids(new EventQuery { Text = "ARMS control" }));
        Assert.Empty(Ids(new EventQuery { Text = "50%_off" }));
        Assert.Equal(["e1", "e2"], Ids(new EventQuery { WithCoordinates = true }));
        Assert.Equal(["e2", "e4"], Ids(new EventQuery { Actor = "syr" }));
        Assert.Equal(["e1", "e3", "e4"], Ids(new EventQuery { Actor = "obama" }));
        var ids = store.QueryEvents(new EventQuery()).Where(e => e.ArticleId is "e2" or "e3").Select(e => e.Id).ToList();
        Assert.Equal(["e2", "e3"], Ids(new EventQuery { Ids = ids }));
        Assert.Equal(2, store.CountEvents(new EventQuery { Ids = ids, Quad = 4 }));
        Assert.Equal(1, store.CountEvents(new EventQuery { Role = "REB", Since = Monday }));
        Assert.Equal(0, store.CountEvents(new EventQuery { Role = "REB", Until = Monday }));
    }

    [Fact]
    public void Events_sort_by_every_key_in_both_directions()
    {
        using var store = StartAnalytics("q2");
        if (store is null) return;
        store.Store(FourEvents());
        string[] Order(EventSort sort, bool descending = false) =>
            store.QueryEvents(new EventQuery { Sort = sort, Descending = descending }).Select(e => e.ArticleId).ToArray();
        Assert.Equal(["e1", "e2", "e3", "e4"], Order(EventSort.Date)); // undated last
        Assert.Equal(["e3", "e2", "e1", "e4"], Order(EventSort.Date, descending: true));
        Assert.Equal(["e4", "e1", "e3", "e2"], Order(EventSort.Goldstein, descending: true));
        Assert.Equal(["e1", "e2", "e3", "e4"], Order(EventSort.Source)); // RUSGOV, SYRMIL, USAGOV (by id)
        Assert.Equal(["e1", "e4", "e3", "e2"], Order(EventSort.Cameo));
        Assert.Equal(["e4", "e3", "e2", "e1"], Order(EventSort.Article, descending: true));
        var byId = store.QueryEvents(new EventQuery { Sort = EventSort.Id }).Select(e => e.Id).ToList();
        Assert.Equal(byId.Order(), byId);
        Assert.Equal(["e3", "e4"], store.QueryEvents(new EventQuery { Sort = EventSort.Date, Offset = 2, Limit = 5 }).Select(e => e.ArticleId));
    }

    [Fact]
    public void Facets_series_pairs_actors_places_and_articles_count_the_events()
    {
        using var store = StartAnalytics("q3");
        if (store is null) return;
        store.Store(FourEvents());
        var all = new EventQuery();
        Assert.Equal([("04", 1L), ("07", 1L), ("16", 1L), ("19", 1L)], store.Facet(all, EventFacet.Root).Select(f => (f.Value, f.Count)));
        // an event with SYR on both sides counts once for SYR
        Assert.Equal([("USA", 3L), ("RUS", 2L), ("SYR", 2L)], store.Facet(all, EventFacet.Country).Select(f => (f.Value, f.Count)));
        Assert.Equal([("4", 2L), ("1", 1L)], store.Facet(all, EventFacet.Quad, limit: 2).Select(f => (f.Value, f.Count)));
        Assert.Equal([("GOV", 3L), ("MIL", 2L), ("REB", 1L)], store.Facet(all, EventFacet.Role).Select(f => (f.Value, f.Count)));
        Assert.Equal([("asserted", 4L)], store.Facet(all, EventFacet.Modality).Select(f => (f.Value, f.Count)));
        Assert.Equal(3, store.Facet(all, EventFacet.Place).Count);

        var months = store.Series(all, SeriesInterval.Month);
        Assert.Equal([new DateOnly(2024, 3, 1), new DateOnly(2024, 4, 1)], months.Select(b => b.Period));
        Assert.Equal(new SeriesBucket(new DateOnly(2024, 3, 1), 2, 1, 0, 0, 1, -4.5), months[0]);
        // weeks start on the Monday on or before the date
        Assert.Equal([Monday, new DateOnly(2024, 4, 8)], store.Series(all, SeriesInterval.Week).Select(b => b.Period));
        Assert.Equal(3, store.Series(all, SeriesInterval.Day).Count);
        Assert.Equal(1, Assert.Single(store.Series(new EventQuery { Role = "REB" }, SeriesInterval.Day)).Quad4);

        var pairs = store.ActorPairs(all);
        Assert.Equal(["RUSGOV>USAGOV", "SYRMIL>SYRREB", "USAGOV>RUSGOV", "USAGOV>SYRMIL"], pairs.Select(p => $"{p.Source}>{p.Target}"));
        Assert.Equal(new ActorPair("RUSGOV", "USAGOV", 1, 1, 0, 1.0), pairs[0]);
        Assert.Single(store.ActorPairs(all, limit: 1));

        var actors = store.Actors(null);
        var usa = actors.Single(a => a.Code == "USAGOV");
        Assert.Equal(new ActorSummary("USAGOV", "Barack Obama", "USA", "GOV", 2, 1, 3), usa);
        Assert.Equal("USAGOV", actors[0].Code); // most events first
        Assert.Equal(["SYRMIL", "SYRREB"], store.Actors("syr").Select(a => a.Code).Order(StringComparer.Ordinal));
        Assert.Equal("USAGOV", Assert.Single(store.Actors("Barack")).Code);
        Assert.Single(store.Actors(null, limit: 1, offset: 1));

        var places = store.Places(all);
        Assert.Equal(["Aleppo", "Geneva", "Washington"], places.Select(p => p.Name));
        Assert.Equal(new PlaceCount("Geneva", "CHE", 46.2, 6.15, 1, 1.0), places[1]);
        Assert.Equal("Aleppo", Assert.Single(store.Places(new EventQuery { Quad = 4, WithCoordinates = true })).Name);

        var articles = store.ListArticles();
        Assert.Equal(["e3", "e2", "e1", "e4"], articles.Select(a => a.Id)); // newest first, undated last
        Assert.All(articles, a => Assert.Equal(1, a.Events));
        Assert.Equal(["e1"], store.ListArticles(limit: 1, offset: 2).Select(a => a.Id));
    }

    [Fact]
    public void One_event_and_an_articles_mentions_read_back()
    {
        using var store = StartAnalytics("q4");
        if (store is null) return;
        store.Store(FourEvents());
        var stored = store.QueryEvents(new EventQuery { ArticleId = "e2" }).Single();
        var again = store.GetEvent(stored.Id)!;
        Assert.Equal(stored, again);
        Assert.Equal("SYRREB", again.Target!.Code);
        Assert.Null(store.GetEvent(-5));
        var mentions = store.ActorMentions("e2");
        Assert.Equal(["army", "rebels"], mentions.Select(m => m.Text));
        Assert.Equal(new StoredMention(4, 8, "army", "Syrian army", "SYRMIL", "SYR", "MIL", "Person", "test"), mentions[0]);
        Assert.Empty(store.ActorMentions("missing"));
    }

    [Fact]
    public void Stories_links_and_merged_events_round_trip_and_a_reopened_store_continues_them()
    {
        using (var store = StartAnalytics("s1"))
        {
            if (store is null) return;
            var bundle = Bundle();
            var first = bundle.Take(6).ToList();
            store.Store(first);
            new StoryDesk(store).Add(first);
            var stories = store.QueryStories();
            Assert.Equal(2, stories.Count);
            foreach (var story in stories)
            {
                var read = store.GetStory(story.Id)!;
                Assert.Equal((story.Title, story.First, story.Last, story.Articles), (read.Title, read.First, read.Last, read.Articles));
                Assert.Equal(story.Summary, read.Summary);
                Assert.Equal(3, story.Articles);
                Assert.NotEmpty(story.Title);
                var links = store.StoryLinks(story.Id);
                Assert.Single(links.Select(l => StoryKey(l.ArticleId)).Distinct());
                Assert.Equal(2, links.Count(l => l.DuplicateOf is not null));
                var merged = Assert.Single(store.MergedEvents(story.Id));
                Assert.Equal((3, 3, 3, 1), (merged.Mentions, merged.Articles, merged.Sources, merged.IndependentReports));
                Assert.Equal(3, merged.EventIds.Count);
            }
            Assert.Null(store.GetStory("missing"));
            Assert.Empty(store.MergedEvents("missing"));
        }
        using (var store = ReopenAnalytics("s1"))
        {
            var rest = Bundle().Skip(6).ToList();
            store.Store(rest);
            new StoryDesk(store).Add(rest);
            var links = store.StoryLinks();
            Assert.Equal(Bundle().Count, links.Count);
            var sequenced = store.StoryLinksAfter(0, 1000);
            Assert.Equal(links, sequenced.Select(s => s.Link));
            Assert.Equal(sequenced.Select(s => s.Sequence).Order(), sequenced.Select(s => s.Sequence));
            Assert.Equal(sequenced.Skip(6).Select(s => s.Link), store.StoryLinksAfter(sequenced[5].Sequence, 1000).Select(s => s.Link));
            Assert.Empty(store.StoryLinksAfter(sequenced[^1].Sequence, 10));
            Assert.Equal(2, store.StoryLinksAfter(0, 2).Count);
        }
    }

    [Fact]
    public void Stored_articles_wait_for_a_story_until_a_desk_places_them()
    {
        using var store = StartAnalytics("s2");
        if (store is null) return;
        var bundle = Bundle();
        store.Store(bundle.Take(2).ToList());
        store.Store(bundle.Skip(2).Take(2).ToList());
        Assert.Equal(bundle.Take(4).Select(d => d.Id), store.PendingStoryArticles(10));
        Assert.Equal([bundle[0].Id], store.PendingStoryArticles(1));
        // a desk places what any writer left, even without the documents in hand
        var placed = new StoryDesk(store).AddPending();
        Assert.Equal(4, placed.Count);
        Assert.Empty(store.PendingStoryArticles(10));
        Assert.Equal(bundle.Take(4).Select(d => d.Id).Order(StringComparer.Ordinal), store.StoryLinks().Select(l => l.ArticleId).Order(StringComparer.Ordinal));
        store.Store([bundle[4]]);
        Assert.Equal([bundle[4].Id], store.PendingStoryArticles(10));
    }

    [Fact]
    public void Only_one_writer_at_a_time_holds_the_story_lock()
    {
        using var store = StartAnalytics("s3");
        if (store is null) return;
        using var other = ReopenAnalytics("s3");
        var held = store.TryLockStories();
        Assert.NotNull(held);
        Assert.Null(other.TryLockStories());
        // a desk that cannot take the lock leaves the articles pending for the holder
        other.Store([Bundle()[0]]);
        Assert.Empty(new StoryDesk(other).AddPending());
        Assert.Single(other.PendingStoryArticles(10));
        held.Dispose();
        using (var next = other.TryLockStories()) Assert.NotNull(next);
        Assert.Single(new StoryDesk(other).AddPending());
    }

    [Fact]
    public void Articles_arriving_in_any_order_from_concurrent_writers_make_the_same_stories()
    {
        var bundle = Bundle();
        // one writer, in publication order
        using var inOrder = StartAnalytics("o1");
        if (inOrder is null) return;
        inOrder.Store(bundle);
        new StoryDesk(inOrder).AddPending(bundle);
        var expected = StoryOutcome.Of(inOrder);
        Output.WriteLine(string.Join("\n", expected.Stories.Concat(expected.Copies).Concat(expected.Merged)));
        // the four wire stories are one story each, their copies linked, their events merged into one
        foreach (var key in new[] { "talks", "shelling", "aid", "sanctions" })
        {
            var group = $"{key}-copy1 {key}-copy2 {key}-wire";
            Assert.Contains(group, expected.Stories);
            Assert.Contains(group, expected.Copies);
            Assert.Contains($"{group}: {bundle.First(d => d.Id == key + "-wire").Events[0].Cameo} 3/3/1", expected.Merged);
        }

        // one writer, newest first, two at a time
        using var reversed = StartAnalytics("o2")!;
        var desk = new StoryDesk(reversed);
        foreach (var pair in Enumerable.Reverse(bundle).Chunk(2))
        {
            reversed.Store(pair);
            desk.AddPending(pair);
        }
        StoryOutcome.Same(expected, StoryOutcome.Of(reversed));

        // three writers at once, each with its own connection and desk, interleaved one article at a time
        using var shared = StartAnalytics("o3")!;
        Parallel.For(0, 3, new ParallelOptions { MaxDegreeOfParallelism = 3 }, writer =>
        {
            using var own = ReopenAnalytics("o3");
            var mine = bundle.Where((_, i) => i % 3 == writer).Reverse().ToList();
            var ownDesk = new StoryDesk(own);
            foreach (var document in mine)
            {
                own.Store([document]);
                ownDesk.AddPending([document]);
            }
        });
        // a writer that found the lock taken left its articles to the holder, which placed them on release
        StoryOutcome.Same(expected, StoryOutcome.Of(shared));
    }
}
