using System.Text.Json;
using Dyad.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Dyad.Server.Api;

/// <summary>The read endpoints under /api/; ingest and exports live in their own files.</summary>
internal static class ApiEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/", Stats).WithName("Stats").WithSummary("Store counts and the API's entry points");
        api.MapGet("/events", ListEvents).WithSummary("Events matching the filters, one page at a time").Produces(200, contentType: "application/json").ProducesValidationProblem();
        api.MapGet("/events/facets", Facets).WithSummary("Counts of root, quad, country, role, source, target and place among matching events").ProducesValidationProblem();
        api.MapGet("/events/{id:long}", GetEvent).WithSummary("One event with its article, highlighted sentence, actor mentions and other reports").ProducesProblem(404);
        api.MapGet("/articles", ListArticles).WithSummary("Articles, newest first, or full-text search with snippets (q)").ProducesValidationProblem();
        api.MapGet("/articles/{id}", GetArticle).WithSummary("One article with its text, removed noise, actor mentions and events").ProducesProblem(404);
        api.MapGet("/actors", ListActors).WithSummary("Actor codes with their names and how often they act and are acted on").ProducesValidationProblem();
        api.MapGet("/dyads", Dyads).WithSummary("Time series of matching events (a dyad when source and target are given): counts by QuadClass and mean Goldstein, and the busiest pairs").ProducesValidationProblem();
        api.MapGet("/network", Network).WithSummary("Actor network: codes as nodes, directed source→target pairs as edges").ProducesValidationProblem();
        api.MapGet("/places", Places).WithSummary("Event locations with coordinates and counts").ProducesValidationProblem();
        api.MapGet("/timeline", Timeline).WithSummary("Matching events in date order with their daily series").ProducesValidationProblem();
        api.MapGet("/stories", ListStories).WithSummary("Stories, when the store groups events into them (else an empty list)");
        api.MapGet("/stories/{id}", GetStory).WithSummary("One story with its events in date order").ProducesProblem(404);
        ExportEndpoints.Map(api);
        IngestEndpoints.Map(api);
        api.MapFallback((HttpContext context) => JsonReply.NotFound($"no API endpoint at {context.Request.Path}")).ExcludeFromDescription();
    }

    /// <summary>Parses filters and resolves a story to its events; either a query or the problem to reply with.</summary>
    private static (EventQuery? Query, IResult? Problem) Query(EventFilter filter, IAnalyticsStore store, IStoryReader stories, FilterParser parser,
        int defaultLimit = 50, int maxLimit = FilterParser.MaxPage)
    {
        IReadOnlyList<long>? ids = null;
        if (!string.IsNullOrWhiteSpace(filter.Story))
        {
            var story = stories.GetStory(store, filter.Story.Trim());
            if (story is null) return (null, JsonReply.NotFound($"no story with id '{filter.Story}'"));
            ids = story.EventIds;
        }
        var query = parser.Parse(filter, defaultLimit, maxLimit, ids);
        return parser.Valid ? (query, null) : (null, JsonReply.Invalid(parser.Errors));
    }

    /// <summary>
    /// The shape of every filtered read: rent a store, parse the filters (with any the endpoint parsed into
    /// <paramref name="parser"/> already), and answer, or reply with the problem.
    /// </summary>
    private static IResult Filtered(EventFilter filter, StorePool pool, IStoryReader stories, FilterParser parser,
        Func<IAnalyticsStore, EventQuery, IResult> answer, int defaultLimit = 50)
    {
        using var lease = pool.Rent();
        var (query, problem) = Query(filter, lease.Store, stories, parser, defaultLimit);
        return problem ?? answer(lease.Store, query!);
    }

    /// <summary>limit and offset of a plain list, checked.</summary>
    private static (int Limit, int Offset) Page(FilterParser parser, string? limit, string? offset, int defaultLimit) =>
        (parser.Int(limit, "limit", 1, FilterParser.MaxPage) ?? defaultLimit, parser.Int(offset, "offset", 0, int.MaxValue) ?? 0);

    private static IResult Stats(StorePool pool)
    {
        using var lease = pool.Rent();
        var counts = lease.Store.Counts();
        return JsonReply.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("articles", counts.Articles);
            w.WriteNumber("events", counts.Events);
            w.WriteNumber("actor_mentions", counts.ActorMentions);
            w.WriteString("openapi", "/openapi/v1.json");
            w.WriteEndObject();
        });
    }

    private static IResult ListEvents([AsParameters] EventFilter filter, StorePool pool, IStoryReader stories) =>
        Filtered(filter, pool, stories, new FilterParser(), (store, query) =>
        {
            var total = store.CountEvents(query);
            var events = store.QueryEvents(query);
            return JsonReply.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("total", total);
                w.WriteNumber("offset", query.Offset);
                w.WriteNumber("limit", query.Limit);
                JsonReply.Events(w, "events", events);
                w.WriteEndObject();
            });
        });

    private static IResult Facets([AsParameters] EventFilter filter, StorePool pool, IStoryReader stories, [FromQuery(Name = "size")] string? size)
    {
        var parser = new FilterParser();
        int limit = parser.Int(size, "size", 1, 200) ?? 12;
        return Filtered(filter, pool, stories, parser, (store, query) =>
        {
            var total = store.CountEvents(query);
            return JsonReply.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("total", total);
                foreach (var facet in Enum.GetValues<EventFacet>())
                    JsonReply.Facets(w, facet.ToString().ToLowerInvariant(), store.Facet(query, facet, limit));
                w.WriteEndObject();
            });
        });
    }

    private static IResult GetEvent(long id, StorePool pool)
    {
        using var lease = pool.Rent();
        var store = lease.Store;
        var e = store.GetEvent(id);
        if (e is null) return JsonReply.NotFound($"no event with id {id}");
        var article = store.GetArticle(e.ArticleId);
        var codes = new[] { e.Source.Code, e.Target?.Code }.Where(c => c is not null).ToHashSet();
        var mentions = store.ActorMentions(e.ArticleId).Where(m => m.Code is not null && codes.Contains(m.Code)).ToList();
        // the same coded event in other sentences or articles: GDELT's "mentions" of one event
        var reports = e.Source.Code is null ? [] : store.QueryEvents(new EventQuery
        {
            SourceCode = e.Source.Code, TargetCode = e.Target?.Code, Since = e.Date, Until = e.Date, Limit = 200,
        }).Where(o => o.Id != e.Id && o.Cameo == e.Cameo && o.Source.Code == e.Source.Code && o.Target?.Code == e.Target?.Code).ToList();
        var sentence = Highlights.ForSentence(article?.Text, e);
        return JsonReply.Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("event");
            JsonReply.Event(w, e);
            w.WritePropertyName("article");
            if (article is null) w.WriteNullValue();
            else
            {
                w.WriteStartObject();
                w.WriteString("id", article.Id);
                w.WriteString("title", article.Title);
                JsonReply.Date(w, "published", article.Published);
                w.WriteString("source", article.Source);
                w.WriteString("url", article.Url);
                w.WriteEndObject();
            }
            w.WriteStartObject("sentence");
            w.WriteString("text", e.Sentence);
            if (sentence.Start is int start) w.WriteNumber("start", start); else w.WriteNull("start");
            w.WriteStartArray("highlights");
            foreach (var h in sentence.Marks) Highlights.Write(w, h);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("mentions");
            foreach (var m in mentions) JsonReply.Mention(w, m);
            w.WriteEndArray();
            JsonReply.Events(w, "reports", reports);
            w.WriteEndObject();
        });
    }

    private static IResult ListArticles(StorePool pool, [FromQuery(Name = "q")] string? q, [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "offset")] string? offset)
    {
        var parser = new FilterParser();
        var text = parser.Text(q, "q", 200);
        var (size, skip) = Page(parser, limit, offset, 20);
        if (!parser.Valid) return JsonReply.Invalid(parser.Errors);
        using var lease = pool.Rent();
        if (text is not null)
        {
            var hits = lease.Store.Search(text, size + skip).Skip(skip).ToList();
            return JsonReply.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("q", text);
                w.WriteStartArray("articles");
                foreach (var h in hits)
                {
                    w.WriteStartObject();
                    w.WriteString("id", h.Id);
                    w.WriteString("title", h.Title);
                    JsonReply.Date(w, "published", h.Published);
                    w.WriteString("source", h.Source);
                    // matched words are in [brackets]
                    w.WriteString("snippet", h.Snippet);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        var articles = lease.Store.ListArticles(size, skip);
        var total = lease.Store.Counts().Articles;
        return JsonReply.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("total", total);
            w.WriteStartArray("articles");
            foreach (var a in articles)
            {
                w.WriteStartObject();
                w.WriteString("id", a.Id);
                w.WriteString("title", a.Title);
                JsonReply.Date(w, "published", a.Published);
                w.WriteString("source", a.Source);
                w.WriteString("url", a.Url);
                w.WriteNumber("events", a.Events);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static IResult GetArticle(string id, StorePool pool)
    {
        using var lease = pool.Rent();
        var article = lease.Store.GetArticle(id);
        if (article is null) return JsonReply.NotFound($"no article with id '{id}'");
        var events = lease.Store.QueryEvents(new EventQuery { ArticleId = id, Limit = 10_000, Sort = EventSort.Article });
        var mentions = lease.Store.ActorMentions(id);
        return JsonReply.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", article.Id);
            w.WriteString("title", article.Title);
            JsonReply.Date(w, "published", article.Published);
            w.WriteString("source", article.Source);
            w.WriteString("url", article.Url);
            w.WriteString("origin", article.Origin);
            w.WriteString("text", article.Text);
            w.WriteString("clean_text", article.CleanText);
            w.WriteStartArray("removed");
            foreach (var r in article.Removed)
            {
                w.WriteStartObject();
                w.WriteNumber("start", r.Span.Start);
                w.WriteNumber("end", r.Span.End);
                w.WriteNumber("line", r.Line);
                w.WriteString("reason", r.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("mentions");
            foreach (var m in mentions) JsonReply.Mention(w, m);
            w.WriteEndArray();
            // per event, where its parts are in the article text: what the article view marks
            w.WriteStartArray("highlights");
            foreach (var e in events)
                foreach (var h in Highlights.ForArticle(article.Text, e)) Highlights.Write(w, h);
            w.WriteEndArray();
            JsonReply.Events(w, "events", events);
            w.WriteEndObject();
        });
    }

    private static IResult ListActors(StorePool pool, [FromQuery(Name = "q")] string? q, [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "offset")] string? offset)
    {
        var parser = new FilterParser();
        var match = parser.Text(q, "q", 100);
        var (size, skip) = Page(parser, limit, offset, 100);
        if (!parser.Valid) return JsonReply.Invalid(parser.Errors);
        using var lease = pool.Rent();
        var actors = lease.Store.Actors(match, size, skip);
        return JsonReply.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("actors");
            foreach (var a in actors)
            {
                w.WriteStartObject();
                w.WriteString("code", a.Code);
                w.WriteString("name", a.Name);
                w.WriteString("country", a.Country);
                w.WriteString("role", a.Role);
                w.WriteNumber("as_source", a.AsSource);
                w.WriteNumber("as_target", a.AsTarget);
                w.WriteNumber("mentions", a.Mentions);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static IResult Dyads([AsParameters] EventFilter filter, StorePool pool, IStoryReader stories,
        [FromQuery(Name = "interval")] string? interval, [FromQuery(Name = "directed")] string? directed)
    {
        var parser = new FilterParser();
        var step = parser.Interval(interval);
        bool oneWay = parser.Bool(directed, "directed");
        return Filtered(filter, pool, stories, parser, (store, filtered) =>
        {
            var query = filtered with { EitherDirection = !oneWay };
            var series = store.Series(query, step);
            var pairs = store.ActorPairs(query, 20);
            return JsonReply.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("source", query.SourceCode);
                w.WriteString("target", query.TargetCode);
                w.WriteBoolean("directed", oneWay);
                w.WriteString("interval", step.ToString().ToLowerInvariant());
                w.WriteStartArray("series");
                foreach (var b in series) JsonReply.Bucket(w, b);
                w.WriteEndArray();
                w.WriteStartArray("pairs");
                foreach (var p in pairs) JsonReply.Pair(w, p);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        });
    }

    private static IResult Network([AsParameters] EventFilter filter, StorePool pool, IStoryReader stories, [FromQuery(Name = "edges")] string? edges)
    {
        var parser = new FilterParser();
        int maxEdges = parser.Int(edges, "edges", 1, 2000) ?? 150;
        return Filtered(filter, pool, stories, parser, (store, query) =>
        {
            var pairs = store.ActorPairs(query, maxEdges);
            var codes = pairs.SelectMany(p => new[] { p.Source, p.Target }).Distinct().ToList();
            var names = store.Actors(null, 10_000).Where(a => codes.Contains(a.Code)).ToDictionary(a => a.Code);
            return JsonReply.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("nodes");
                foreach (var code in codes)
                {
                    names.TryGetValue(code, out var a);
                    w.WriteStartObject();
                    w.WriteString("id", code);
                    w.WriteString("name", a?.Name);
                    w.WriteString("country", a?.Country);
                    w.WriteNumber("events", pairs.Where(p => p.Source == code || p.Target == code).Sum(p => p.Count));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("edges");
                foreach (var p in pairs) JsonReply.Pair(w, p);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        });
    }

    private static IResult Places([AsParameters] EventFilter filter, StorePool pool, IStoryReader stories) =>
        Filtered(filter, pool, stories, new FilterParser(), (store, query) =>
        {
            var places = store.Places(query, query.Limit > 50 ? query.Limit : 500);
            return JsonReply.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("places");
                foreach (var p in places)
                {
                    w.WriteStartObject();
                    w.WriteString("name", p.Name);
                    w.WriteString("country", p.Country);
                    JsonReply.Number(w, "lat", p.Lat);
                    JsonReply.Number(w, "lon", p.Lon);
                    w.WriteNumber("count", p.Count);
                    w.WriteNumber("mean_goldstein", p.MeanGoldstein);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        });

    private static IResult Timeline([AsParameters] EventFilter filter, StorePool pool, IStoryReader stories, [FromQuery(Name = "interval")] string? interval)
    {
        var parser = new FilterParser();
        var step = parser.Interval(interval);
        return Filtered(filter, pool, stories, parser, (store, filtered) =>
        {
            var query = filtered with { Sort = EventSort.Date };
            var series = store.Series(query, step);
            var events = store.QueryEvents(query);
            var total = store.CountEvents(query);
            return JsonReply.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("total", total);
                w.WriteString("interval", step.ToString().ToLowerInvariant());
                w.WriteStartArray("series");
                foreach (var b in series) JsonReply.Bucket(w, b);
                w.WriteEndArray();
                JsonReply.Events(w, "events", events);
                w.WriteEndObject();
            });
        }, defaultLimit: 200);
    }

    private static IResult ListStories(StorePool pool, IStoryReader stories, [FromQuery(Name = "limit")] string? limit, [FromQuery(Name = "offset")] string? offset)
    {
        var parser = new FilterParser();
        var (size, skip) = Page(parser, limit, offset, 50);
        if (!parser.Valid) return JsonReply.Invalid(parser.Errors);
        using var lease = pool.Rent();
        var list = stories.ListStories(lease.Store, size, skip);
        return JsonReply.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("stories");
            foreach (var s in list) JsonReply.Story(w, s);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static IResult GetStory(string id, StorePool pool, IStoryReader stories)
    {
        using var lease = pool.Rent();
        var story = stories.GetStory(lease.Store, id);
        if (story is null) return JsonReply.NotFound($"no story with id '{id}'");
        var events = lease.Store.QueryEvents(new EventQuery { Ids = story.EventIds, Limit = 10_000 });
        var series = lease.Store.Series(new EventQuery { Ids = story.EventIds }, SeriesInterval.Day);
        return JsonReply.Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("story");
            JsonReply.Story(w, story.Story);
            w.WriteStartArray("series");
            foreach (var b in series) JsonReply.Bucket(w, b);
            w.WriteEndArray();
            JsonReply.Events(w, "events", events);
            w.WriteEndObject();
        });
    }
}
