using Dyad.Errors;
using Dyad.Storage;

namespace Dyad.Tests.Storage;

public class SqliteStoreTests
{
    [Fact]
    public void Storing_the_same_article_twice_keeps_one_copy()
    {
        using var tmp = new TempFolder();
        var path = Path.Combine(tmp.Path, "a.db");
        using (var store = SqliteStore.Open(path))
        {
            Assert.Equal([StoreOutcome.Stored], store.Store([StoreFixtures.Meeting("a1")]));
            Assert.Equal([StoreOutcome.Duplicate], store.Store([StoreFixtures.Meeting("a1")]));
            // same text under another id is the same article
            Assert.Equal([StoreOutcome.Duplicate], store.Store([StoreFixtures.Meeting("other-id")]));
        }
        using (var reopened = SqliteStore.Open(path))
        {
            Assert.Equal(new StoreCounts(1, 1, 2), reopened.Counts());
            Assert.Equal(SqliteSchema.Latest, reopened.SchemaVersion);
        }
    }

    [Fact]
    public void A_duplicate_inside_one_batch_is_stored_once()
    {
        using var tmp = new TempFolder();
        using var store = SqliteStore.Open(Path.Combine(tmp.Path, "b.db"));
        var outcomes = store.Store([StoreFixtures.Meeting("x"), StoreFixtures.Meeting("x")]);
        Assert.Equal([StoreOutcome.Stored, StoreOutcome.Duplicate], outcomes);
        Assert.Equal(1, store.Counts().Articles);
    }

    [Fact]
    public void Events_round_trip_with_provenance_and_filters()
    {
        using var tmp = new TempFolder();
        using var store = SqliteStore.Open(Path.Combine(tmp.Path, "c.db"));
        store.Store([StoreFixtures.Meeting("a1"), StoreFixtures.Meeting("a2", "Obama met Putin in Geneva.", new DateOnly(2013, 6, 17))]);
        var all = store.QueryEvents(new EventQuery());
        Assert.Equal(2, all.Count);
        Assert.Equal("a2", all[0].ArticleId); // ordered by date
        var e = all[1];
        Assert.Equal("RUSGOV", e.Source.Code);
        Assert.Equal("Barack Obama", e.Target!.Name);
        Assert.Equal("040", e.Cameo);
        Assert.Equal("04", e.Root);
        Assert.Equal("New York", e.Location!.Name);
        Assert.Equal("met", StoreFixtures.Meeting("a1").Text[e.PredicateStart..e.PredicateEnd]);
        Assert.Equal(0, e.Source.Start);

        Assert.Single(store.QueryEvents(new EventQuery { Since = new DateOnly(2015, 1, 1) }));
        Assert.Single(store.QueryEvents(new EventQuery { Until = new DateOnly(2014, 1, 1) }));
        Assert.Equal(2, store.QueryEvents(new EventQuery { Actor = "rus" }).Count);
        Assert.Equal(2, store.QueryEvents(new EventQuery { Actor = "Obama" }).Count);
        Assert.Empty(store.QueryEvents(new EventQuery { Country = "CHN" }));
        Assert.Equal(2, store.QueryEvents(new EventQuery { Root = "4" }).Count);
        Assert.Empty(store.QueryEvents(new EventQuery { Root = "19" }));
        Assert.Single(store.QueryEvents(new EventQuery { ArticleId = "a2" }));
        Assert.Single(store.QueryEvents(new EventQuery { Limit = 1 }));
    }

    [Fact]
    public void Search_finds_words_and_survives_punctuation_in_queries()
    {
        using var tmp = new TempFolder();
        using var store = SqliteStore.Open(Path.Combine(tmp.Path, "d.db"));
        store.Store([StoreFixtures.Meeting("a1"), StoreFixtures.Meeting("a2", "The U.S. envoy met al-Assad in Damascus.")]);
        var hit = Assert.Single(store.Search("Damascus"));
        Assert.Equal("a2", hit.Id);
        Assert.Contains("[Damascus]", hit.Snippet);
        Assert.Single(store.Search("U.S. envoy"));
        Assert.Single(store.Search("al-Assad"));
        Assert.Single(store.Search("\"New York\""));
        Assert.Empty(store.Search("\"York New\""));
    }

    [Fact]
    public void Show_reads_back_the_article_with_removed_blocks()
    {
        using var tmp = new TempFolder();
        using var store = SqliteStore.Open(Path.Combine(tmp.Path, "e.db"));
        store.Store([StoreFixtures.Meeting("a1")]);
        var article = store.GetArticle("a1")!;
        Assert.Equal("Leaders meet", article.Title);
        Assert.Equal(new DateOnly(2015, 9, 28), article.Published);
        Assert.Equal("test", Assert.Single(article.Removed).Reason);
        Assert.Null(store.GetArticle("missing"));
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused()
    {
        using var tmp = new TempFolder();
        var path = Path.Combine(tmp.Path, "f.db");
        using (var store = SqliteStore.Open(path)) store.Execute("INSERT INTO schema_version VALUES (999)");
        var error = Assert.Throws<DyadException>(() => SqliteStore.Open(path));
        Assert.Equal(ErrorCode.StoreSchema, error.Code);
    }

    [Fact]
    public void A_failed_batch_leaves_nothing_behind()
    {
        using var tmp = new TempFolder();
        using var store = SqliteStore.Open(Path.Combine(tmp.Path, "g.db"));
        store.Store([StoreFixtures.Meeting("kept")]);
        // a trigger makes the second article's event insert fail inside the batch
        store.Execute("CREATE TRIGGER fail_b BEFORE INSERT ON events WHEN NEW.article_id = 'b' BEGIN SELECT RAISE(ABORT, 'boom'); END;");
        var error = Assert.Throws<DyadException>(() =>
            store.Store([StoreFixtures.Meeting("a", "Putin met Obama in Paris."), StoreFixtures.Meeting("b", "Putin met Obama in Rome.")]));
        Assert.Equal(ErrorCode.StoreWrite, error.Code);
        Assert.Equal(new StoreCounts(1, 1, 2), store.Counts());
        Assert.False(store.Contains("a"));
    }
}
