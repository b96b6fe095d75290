using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Dyad.Tests.Serve;

[Collection("serve")]
public class ApiTests(ServerFixture server)
{
    private HttpClient Http => server.Http;

    private async Task<JsonElement> Json(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Events_page_has_total_and_contract_fields()
    {
        var page = await Json("/api/events?limit=5");
        Assert.True(page.GetProperty("total").GetInt64() > 20);
        var events = page.GetProperty("events");
        Assert.Equal(5, events.GetArrayLength());
        var first = events[0];
        foreach (var field in new[] { "id", "doc", "sentence_index", "sentence", "source", "target", "cameo", "root", "quad", "goldstein", "plover", "date", "location", "negated", "modality", "offsets", "entry", "confidence" })
            Assert.True(first.TryGetProperty(field, out _), $"missing {field}");
    }

    [Fact]
    public async Task Event_json_is_the_jsonl_contract_with_an_id()
    {
        var page = await Json("/api/events?limit=3&sort=id");
        using var response = await Http.GetAsync("/api/export?format=jsonl&limit=3&sort=id");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        for (int i = 0; i < 3; i++)
        {
            var api = page.GetProperty("events")[i];
            var line = JsonDocument.Parse(lines[i]).RootElement;
            var apiNames = api.EnumerateObject().Select(p => p.Name).Where(n => n != "id").ToList();
            Assert.Equal(line.EnumerateObject().Select(p => p.Name).ToList(), apiNames);
            Assert.Equal(line.GetProperty("sentence").GetString(), api.GetProperty("sentence").GetString());
        }
    }

    [Theory]
    [InlineData("country=RUS")]
    [InlineData("root=19")]
    [InlineData("quad=4")]
    [InlineData("since=2000-01-01&until=2010-12-31")]
    [InlineData("actor=USA")]
    [InlineData("role=MIL")]
    [InlineData("text=ceasefire")]
    [InlineData("place=Washington, D.C.")]
    public async Task Every_filter_narrows_and_every_event_matches(string filter)
    {
        var all = (await Json("/api/events?limit=1")).GetProperty("total").GetInt64();
        var page = await Json("/api/events?limit=500&" + filter.Replace(" ", "%20").Replace(",", "%2C"));
        long total = page.GetProperty("total").GetInt64();
        Assert.InRange(total, 1, all - 1);
        foreach (var e in page.GetProperty("events").EnumerateArray())
        {
            string? S(JsonElement x, string n) => x.ValueKind == JsonValueKind.Object && x.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var src = e.GetProperty("source");
            var tgt = e.GetProperty("target");
            var (key, value) = (filter.Split('=')[0], filter.Split('=')[1].Split('&')[0]);
            switch (key)
            {
                case "country": Assert.True(S(src, "country") == "RUS" || S(tgt, "country") == "RUS"); break;
                case "root": Assert.Equal("19", S(e, "root")); break;
                case "quad": Assert.Equal(4, e.GetProperty("quad").GetInt32()); break;
                case "since": Assert.InRange(S(e, "date")!, "2000-01-01", "2010-12-31"); break;
                case "actor": Assert.True((S(src, "code") ?? "").StartsWith("USA") || (S(tgt, "code") ?? "").StartsWith("USA") || (S(src, "name") ?? "").Contains("USA") || (S(tgt, "name") ?? "").Contains("USA")); break;
                case "role": Assert.True(S(src, "role") == "MIL" || S(tgt, "role") == "MIL"); break;
                case "text": Assert.Contains("ceasefire", S(e, "sentence")!, StringComparison.OrdinalIgnoreCase); break;
                case "place": Assert.Equal(value, S(e.GetProperty("location"), "name")); break;
            }
        }
    }

    [Fact]
    public async Task Paging_and_sorting_are_consistent()
    {
        var firstTen = (await Json("/api/events?limit=10&sort=-goldstein")).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        var second = (await Json("/api/events?limit=5&offset=5&sort=-goldstein")).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(firstTen.Skip(5), second);
        var scores = (await Json("/api/events?limit=50&sort=-goldstein")).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("goldstein").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Theory]
    [InlineData("/api/events?limit=501", "limit")]
    [InlineData("/api/events?limit=0", "limit")]
    [InlineData("/api/events?since=2020-13-01", "since")]
    [InlineData("/api/events?until=yesterday", "until")]
    [InlineData("/api/events?quad=5", "quad")]
    [InlineData("/api/events?sort=sentence;drop", "sort")]
    [InlineData("/api/events?country=R'S", "country")]
    [InlineData("/api/dyads?interval=year", "interval")]
    [InlineData("/api/export?format=xml", "format")]
    public async Task Invalid_input_is_a_problem_details_400(string path, string field)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }

    [Fact]
    public async Task Injection_attempts_are_just_text()
    {
        var page = await Json("/api/events?actor=" + Uri.EscapeDataString("x' OR 1=1 --") + "&text=" + Uri.EscapeDataString("%"));
        Assert.Equal(0, page.GetProperty("total").GetInt64());
        var all = (await Json("/api/events?limit=1")).GetProperty("total").GetInt64();
        Assert.True(all > 0);
    }

    [Fact]
    public async Task Unknown_things_are_404_problems()
    {
        foreach (var path in new[] { "/api/events/99999999", "/api/articles/nope", "/api/stories/nope", "/api/no-such-endpoint" })
        {
            using var response = await Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task One_event_has_its_article_highlighted_sentence_and_mentions()
    {
        var withTarget = (await Json("/api/events?limit=100")).GetProperty("events").EnumerateArray()
            .First(e => e.GetProperty("target").ValueKind == JsonValueKind.Object && e.GetProperty("offsets").GetProperty("target").ValueKind == JsonValueKind.Array);
        long id = withTarget.GetProperty("id").GetInt64();
        var detail = await Json($"/api/events/{id}");
        Assert.Equal(id, detail.GetProperty("event").GetProperty("id").GetInt64());
        Assert.Equal(withTarget.GetProperty("doc").GetString(), detail.GetProperty("article").GetProperty("id").GetString());
        var sentence = detail.GetProperty("sentence");
        var text = sentence.GetProperty("text").GetString()!;
        var kinds = sentence.GetProperty("highlights").EnumerateArray().Select(h => h.GetProperty("kind").GetString()).ToList();
        Assert.Contains("source", kinds);
        Assert.Contains("predicate", kinds);
        Assert.Contains("target", kinds);
        var source = sentence.GetProperty("highlights").EnumerateArray().First(h => h.GetProperty("kind").GetString() == "source");
        Assert.Equal(withTarget.GetProperty("source").GetProperty("text").GetString(),
            text[source.GetProperty("start").GetInt32()..source.GetProperty("end").GetInt32()]);
        Assert.True(detail.GetProperty("mentions").GetArrayLength() >= 1);
    }

    [Fact]
    public async Task Articles_list_search_and_detail()
    {
        var list = await Json("/api/articles?limit=50");
        Assert.True(list.GetProperty("total").GetInt64() >= 20);
        var hits = await Json("/api/articles?q=ceasefire");
        Assert.True(hits.GetProperty("articles").GetArrayLength() >= 2);
        Assert.Contains("[", hits.GetProperty("articles")[0].GetProperty("snippet").GetString());
        var id = hits.GetProperty("articles")[0].GetProperty("id").GetString();
        var article = await Json($"/api/articles/{id}");
        Assert.True(article.GetProperty("events").GetArrayLength() > 0);
        Assert.True(article.GetProperty("highlights").GetArrayLength() > 0);
        var text = article.GetProperty("text").GetString()!;
        foreach (var r in article.GetProperty("removed").EnumerateArray())
            Assert.InRange(r.GetProperty("end").GetInt32(), r.GetProperty("start").GetInt32(), text.Length);
        // some sample has dropped noise to grey out
        var anyRemoved = false;
        foreach (var a in list.GetProperty("articles").EnumerateArray())
            if ((await Json($"/api/articles/{a.GetProperty("id").GetString()}")).GetProperty("removed").GetArrayLength() > 0) { anyRemoved = true; break; }
        Assert.True(anyRemoved);
    }

    [Fact]
    public async Task Actors_dyads_network_places_timeline_and_stories()
    {
        var actors = (await Json("/api/actors?limit=10")).GetProperty("actors");
        Assert.True(actors.GetArrayLength() > 3);
        Assert.Contains(actors.EnumerateArray(), a => a.GetProperty("code").GetString()!.StartsWith("USA"));

        var dyad = await Json("/api/dyads?source=RUS&target=GEO&interval=month");
        var series = dyad.GetProperty("series");
        Assert.True(series.GetArrayLength() >= 1);
        foreach (var b in series.EnumerateArray())
            Assert.Equal(b.GetProperty("total").GetInt64(), b.GetProperty("quad1").GetInt64() + b.GetProperty("quad2").GetInt64() + b.GetProperty("quad3").GetInt64() + b.GetProperty("quad4").GetInt64());
        var week = (await Json("/api/dyads?interval=week")).GetProperty("series");
        Assert.All(week.EnumerateArray(), b => Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(b.GetProperty("period").GetString()!).DayOfWeek));

        var network = await Json("/api/network");
        var nodes = network.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToHashSet();
        Assert.NotEmpty(nodes);
        Assert.All(network.GetProperty("edges").EnumerateArray(), e => Assert.Contains(e.GetProperty("source").GetString(), nodes));

        var places = (await Json("/api/places")).GetProperty("places");
        Assert.Contains(places.EnumerateArray(), p => p.GetProperty("lat").ValueKind == JsonValueKind.Number);

        var timeline = await Json("/api/timeline?actor=RUS");
        var dates = timeline.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("date").GetString() ?? "9999").ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);

        // ingest groups the samples into stories; each lists its events
        var stories = (await Json("/api/stories")).GetProperty("stories");
        Assert.True(stories.GetArrayLength() > 0);
        var storyId = stories[0].GetProperty("id").GetString();
        var story = await Json("/api/stories/" + storyId);
        Assert.Equal(storyId, story.GetProperty("story").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Exports_jsonl_csv_and_gdelt()
    {
        var filter = "country=RUS";
        long total = (await Json("/api/events?" + filter)).GetProperty("total").GetInt64();
        var jsonl = await Http.GetStringAsync("/api/export?format=jsonl&" + filter);
        Assert.Equal(total, jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        using var csvResponse = await Http.GetAsync("/api/export?format=csv&" + filter);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = await csvResponse.Content.ReadAsStringAsync();
        Assert.StartsWith("id,article_id,sentence_index,", csv);
        var gdelt = await Http.GetStringAsync("/api/export?format=gdelt&" + filter);
        var rows = gdelt.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(total, rows.Length);
        Assert.All(rows, r => Assert.Equal(61, r.TrimEnd('\r').Split('\t').Length));
        var first = rows[0].Split('\t');
        Assert.Matches("^[0-9]{8}$", first[1]);
        Assert.InRange(int.Parse(first[29]), 1, 4);
    }

    [Fact]
    public async Task Openapi_document_lists_the_endpoints()
    {
        var doc = await Json("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var p in new[] { "/api/events", "/api/events/{id}", "/api/articles", "/api/actors", "/api/dyads", "/api/stories", "/api/export", "/api/ingest" })
            Assert.Contains(p, paths);
        var parameters = doc.GetProperty("paths").GetProperty("/api/events").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToList();
        Assert.Contains("country", parameters);
        Assert.Contains("since", parameters);
    }

    [Fact]
    public async Task Ingest_needs_the_key_and_stores_articles()
    {
        const string body = """[{"id":"serve-test-1","title":"Talks","published":"2021-03-02","text":"Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday. The two leaders signed an agreement on energy."},{"title":"missing text"}]""";
        using (var anonymous = await Http.PostAsync("/api/ingest", new StringContent(body, Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.ApiKey);
        using var response = await Http.SendAsync(request);
        var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = reply.GetProperty("results");
        Assert.Contains(results[0].GetProperty("outcome").GetString(), new[] { "stored", "duplicate" });
        Assert.Equal("rejected", results[1].GetProperty("outcome").GetString());
        var article = await Json("/api/articles/serve-test-1");
        Assert.Equal("Talks", article.GetProperty("title").GetString());
        // placed in a story as it was stored, like every other writer's articles
        using (var store = Dyad.Storage.SqliteStore.Open(server.Database))
        {
            Assert.Contains(store.StoryLinks(), l => l.ArticleId == "serve-test-1");
            Assert.Empty(store.PendingStoryArticles(10));
        }

        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = new StringContent("{not json", Encoding.UTF8, "application/json") };
        bad.Headers.Add("X-Api-Key", ServerFixture.ApiKey);
        using var badResponse = await Http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, badResponse.StatusCode);
    }
}
