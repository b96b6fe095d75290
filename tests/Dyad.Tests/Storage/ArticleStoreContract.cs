using Dyad.Errors;
using Dyad.Storage;
using Xunit.Abstractions;

namespace Dyad.Tests.Storage;

/// <summary>
/// The behaviours every <see cref="IArticleStore"/> must have, run once per store. A concrete class says how to
/// make an empty store, reopen it, and force the two failures the contract speaks of; when its server is
/// missing, <see cref="NewStore"/> returns null and the test writes why and returns.
/// </summary>
public abstract class ArticleStoreContract(ITestOutputHelper output)
{
    protected ITestOutputHelper Output { get; } = output;

    /// <summary>An empty store named <paramref name="name"/>, or null (reason written) when this store cannot run here.</summary>
    protected abstract IArticleStore? NewStore(string name);
    protected abstract IArticleStore Reopen(string name);
    protected abstract int SchemaVersion(IArticleStore store);
    protected abstract int LatestSchema { get; }
    /// <summary>Marks the store as written by a newer Dyad.</summary>
    protected abstract void WriteNewerSchemaVersion(IArticleStore store);
    /// <summary>Makes any event insert for <paramref name="articleId"/> fail inside the database.</summary>
    protected abstract void FailEventsOf(IArticleStore store, string articleId);

    protected IArticleStore? Start(string name)
    {
        var store = NewStore(name);
        if (store is null) Output.WriteLine($"SKIP: {Skipped}");
        return store;
    }

    protected virtual string Skipped => "store unavailable";

    [Fact]
    public void Storing_the_same_article_twice_keeps_one_copy()
    {
        using (var store = Start("a"))
        {
            if (store is null) return;
            Assert.Equal([StoreOutcome.Stored], store.Store([StoreFixtures.Meeting("a1")]));
            Assert.Equal([StoreOutcome.Duplicate], store.Store([StoreFixtures.Meeting("a1")]));
            // same text under another id is the same article
            Assert.Equal([StoreOutcome.Duplicate], store.Store([StoreFixtures.Meeting("other-id")]));
        }
        using var reopened = Reopen("a");
        Assert.Equal(new StoreCounts(1, 1, 2), reopened.Counts());
        Assert.Equal(LatestSchema, SchemaVersion(reopened));
    }

    [Fact]
    public void A_duplicate_inside_one_batch_is_stored_once()
    {
        using var store = Start("b");
        if (store is null) return;
        var outcomes = store.Store([StoreFixtures.Meeting("x"), StoreFixtures.Meeting("x")]);
        Assert.Equal([StoreOutcome.Stored, StoreOutcome.Duplicate], outcomes);
        Assert.Equal(1, store.Counts().Articles);
    }

    [Fact]
    public void Events_round_trip_with_provenance_and_filters()
    {
        using var store = Start("c");
        if (store is null) return;
        store.Store([StoreFixtures.Meeting("a1"), StoreFixtures.Meeting("a2", "Obama met Putin in Geneva.", new DateOnly(2013, 6, 17))]);
        var all = store.QueryEvents(new EventQuery());
        Assert.Equal(2, all.Count);
        Assert.Equal("a2", all[0].ArticleId); // ordered by date
        var e = all[1];
        Assert.Equal("RUSGOV", e.Source.Code);
        Assert.Equal("Barack Obama", e.Target!.Name);
        Assert.Equal("040", e.Cameo);
        Assert.Equal("04", e.Root);
        Assert.Equal(1, e.Quad);
        Assert.Equal("CONSULT", e.Plover);
        Assert.Equal("New York", e.Location!.Name);
        Assert.Equal(40.71, e.Location.Lat);
        Assert.Equal("met", StoreFixtures.Meeting("a1").Text[e.PredicateStart..e.PredicateEnd]);
        Assert.Equal(0, e.Source.Start);
        Assert.False(e.Negated);
        Assert.Equal("asserted", e.Modality);
        Assert.Equal("test:meet", e.Entry);

        Assert.Single(store.QueryEvents(new EventQuery { Since = new DateOnly(2015, 1, 1) }));
        Assert.Single(store.QueryEvents(new EventQuery { Until = new DateOnly(2014, 1, 1) }));
        Assert.Equal(2, store.QueryEvents(new EventQuery { Actor = "rus" }).Count);
        Assert.Equal(2, store.QueryEvents(new EventQuery { Actor = "Obama" }).Count);
        Assert.Equal(2, store.QueryEvents(new EventQuery { Country = "usa" }).Count);
        Assert.Empty(store.QueryEvents(new EventQuery { Country = "CHN" }));
        Assert.Equal(2, store.QueryEvents(new EventQuery { Root = "4" }).Count);
        Assert.Empty(store.QueryEvents(new EventQuery { Root = "19" }));
        Assert.Equal(2, store.QueryEvents(new EventQuery { Quad = 1 }).Count);
        Assert.Single(store.QueryEvents(new EventQuery { ArticleId = "a2" }));
        Assert.Single(store.QueryEvents(new EventQuery { Limit = 1 }));
        Assert.Equal("a1", Assert.Single(store.QueryEvents(new EventQuery { Offset = 1 })).ArticleId);
    }

    [Fact]
    public void Events_without_a_date_come_last_and_ties_order_by_article_id()
    {
        using var store = Start("h");
        if (store is null) return;
        var undated = StoreFixtures.Meeting("m0", "Putin met Obama in Oslo.");
        undated.Events[0] = undated.Events[0] with { Date = null };
        store.Store([undated, StoreFixtures.Meeting("Z1", "Putin met Obama in Lima."), StoreFixtures.Meeting("a9", "Putin met Obama in Rome.")]);
        // byte order: upper case before lower case, whatever the server's locale
        Assert.Equal(["Z1", "a9", "m0"], store.QueryEvents(new EventQuery()).Select(e => e.ArticleId));
        Assert.Null(store.QueryEvents(new EventQuery { ArticleId = "m0" })[0].Date);
    }

    [Fact]
    public void Search_finds_words_and_survives_punctuation_in_queries()
    {
        using var store = Start("d");
        if (store is null) return;
        store.Store([StoreFixtures.Meeting("a1"), StoreFixtures.Meeting("a2", "The U.S. envoy met al-Assad in Damascus.")]);
        var hit = Assert.Single(store.Search("Damascus"));
        Assert.Equal("a2", hit.Id);
        Assert.Contains("[Damascus]", hit.Snippet);
        Assert.Equal("Leaders meet", hit.Title);
        Assert.Equal(new DateOnly(2015, 9, 28), hit.Published);
        Assert.Single(store.Search("U.S. envoy"));
        Assert.Single(store.Search("al-Assad"));
        Assert.Single(store.Search("\"New York\""));
        Assert.Empty(store.Search("\"York New\""));
        Assert.Empty(store.Search("Kinshasa"));
        Assert.Equal(2, store.Search("leaders").Count); // titles are searched too
    }

    [Fact]
    public void Show_reads_back_the_article_with_removed_blocks()
    {
        using var store = Start("e");
        if (store is null) return;
        store.Store([StoreFixtures.Meeting("a1")]);
        var article = store.GetArticle("a1")!;
        Assert.Equal("Leaders meet", article.Title);
        Assert.Equal(new DateOnly(2015, 9, 28), article.Published);
        Assert.Equal("example.org", article.Source);
        Assert.Equal(StoreFixtures.Meeting("a1").Text, article.Text);
        Assert.Equal("test", Assert.Single(article.Removed).Reason);
        Assert.Null(store.GetArticle("missing"));
        Assert.True(store.Contains("a1"));
        Assert.False(store.Contains("missing"));
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused()
    {
        using (var store = Start("f"))
        {
            if (store is null) return;
            WriteNewerSchemaVersion(store);
        }
        var error = Assert.Throws<DyadException>(() => Reopen("f").Dispose());
        Assert.Equal(ErrorCode.StoreSchema, error.Code);
    }

    [Fact]
    public void A_failed_batch_leaves_nothing_behind()
    {
        using var store = Start("g");
        if (store is null) return;
        store.Store([StoreFixtures.Meeting("kept")]);
        FailEventsOf(store, "b");
        var error = Assert.Throws<DyadException>(() =>
            store.Store([StoreFixtures.Meeting("a", "Putin met Obama in Paris."), StoreFixtures.Meeting("b", "Putin met Obama in Rome.")]));
        Assert.Equal(ErrorCode.StoreWrite, error.Code);
        Assert.Equal(new StoreCounts(1, 1, 2), store.Counts());
        Assert.False(store.Contains("a"));
    }

    [Fact]
    public void Writers_on_several_threads_store_each_article_once()
    {
        using var store = Start("p");
        if (store is null) return;
        // the same 40 articles written by four writers at once, in different orders and batch sizes
        var texts = Enumerable.Range(0, 40).Select(i => $"Putin met Obama in city number {i}.").ToArray();
        var stored = 0;
        Parallel.For(0, 4, writer =>
        {
            using var own = Reopen("p");
            var order = writer % 2 == 0 ? texts : texts.Reverse().ToArray();
            foreach (var chunk in order.Chunk(3 + writer))
            {
                var outcomes = own.Store(chunk.Select(t => StoreFixtures.Meeting("id-" + Array.IndexOf(texts, t), t)).ToList());
                Interlocked.Add(ref stored, outcomes.Count(o => o == StoreOutcome.Stored));
            }
        });
        Assert.Equal(40, stored);
        Assert.Equal(new StoreCounts(40, 40, 80), store.Counts());
    }
}
