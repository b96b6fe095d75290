using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dyad.Postgres;
using Dyad.Tests.Scale;
using Dyad.Tests.Storage;
using Xunit.Abstractions;

namespace Dyad.Tests.Queue;

/// <summary>
/// Stories on PostgreSQL with real processes: three queue workers place articles in stories while they arrive
/// out of order, and end with the stories one 'dyad ingest' makes; then the story commands and 'dyad serve'
/// read them back from the same database.
/// </summary>
[Collection("queue")]
public sealed class StoryWorkerTests(PostgresServer postgres, RabbitServer rabbit, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    private bool Skip()
    {
        if ((postgres.Failure ?? rabbit.Failure) is { } failure) Assert.Fail(failure);
        var reason = postgres.Unavailable ?? rabbit.Unavailable;
        if (reason is not null) output.WriteLine($"SKIP: {reason}");
        return reason is not null;
    }

    /// <summary>The test bundle (wire stories with their copies) as JSONL input, and the repository's samples.</summary>
    private string[] Input()
    {
        var bundle = Path.Combine(_folder.Path, "bundle.jsonl");
        File.WriteAllLines(bundle, AnalyticsFixtures.Bundle().Select(d => JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["id"] = d.Id, ["title"] = d.Article.Title, ["source"] = d.Article.Source, ["url"] = $"https://{d.Article.Source}/{d.Id}",
            ["published"] = d.Article.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["text"] = d.Text,
        })));
        return [bundle, Path.Combine(SourceTree.Root, "samples")];
    }

    private (int Code, string Output) Dyad(params string[] args) => DyadProcess.Run(_folder.Path, 600_000, args);

    [Fact]
    public async Task Three_workers_make_the_stories_of_one_ingest_and_every_reader_sees_them()
    {
        if (Skip()) return;
        var input = Input();
        var single = postgres.CreateDatabase("one");
        var (code, ingested) = Dyad(["ingest", .. input, "--db", single, "--threads", "1", "--quiet"]);
        Assert.True(code == 0, ingested);

        var shared = postgres.CreateDatabase("many");
        var broker = rabbit.CreateVirtualHost("stories");
        (code, var enqueued) = Dyad(["enqueue", .. input, "--broker", broker, "--quiet"]);
        Assert.True(code == 0, enqueued);
        // small batches, so the workers interleave and contend for the story lock many times
        var workers = Enumerable.Range(1, 3).Select(i => DyadProcess.Start($"w{i}", _folder.Path, "worker", "--db", shared, "--broker", broker,
            "--threads", "1", "--batch", "2", "--exit-when-idle", "4", "--name", $"story-w{i}")).ToList();
        try
        {
            foreach (var worker in workers)
            {
                Assert.True(worker.WaitForExit(600_000), $"{worker.Name} did not finish:\n{worker.Output}");
                Assert.True(worker.ExitCode == 0, worker.Output);
                output.WriteLine(worker.Output.Trim().Split('\n')[^2]);
            }
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
        }

        using var one = PostgresStore.Open(single);
        using var many = PostgresStore.Open(shared);
        Assert.Equal(StoreFingerprint.Of(one), StoreFingerprint.Of(many));
        var expected = StoryOutcome.Of(one);
        output.WriteLine(string.Join("\n", expected.Stories));
        foreach (var key in new[] { "talks", "shelling", "aid", "sanctions" })
            Assert.Contains($"{key}-copy1 {key}-copy2 {key}-wire", expected.Copies);
        StoryOutcome.Same(expected, StoryOutcome.Of(many));

        // the story commands read the server store
        var story = many.QueryStories(1000).First(s => s.Articles == 3 && many.StoryLinks(s.Id).Any(l => l.ArticleId == "talks-wire"));
        (code, var listed) = Dyad("stories", "--db", shared, "--format", "tsv", "--limit", "1000");
        Assert.True(code == 0, listed);
        Assert.Contains($"{story.Id}\t", listed);
        (code, var shown) = Dyad("story", story.Id, "--db", shared, "--format", "jsonl");
        Assert.True(code == 0, shown);
        var json = JsonDocument.Parse(shown.Split('\n').First(l => l.StartsWith('{'))).RootElement;
        Assert.Equal(3, json.GetProperty("articles").GetArrayLength());
        Assert.Equal(many.MergedEvents(story.Id).Count, json.GetProperty("events").GetArrayLength());
        (code, var timeline) = Dyad("timeline", "--story", story.Id, "--db", shared, "--format", "jsonl");
        Assert.True(code == 0, timeline);
        Assert.Contains("\"period\":\"2024-03\"", timeline);
        (code, var found) = Dyad("search", "lakeside villa", "--db", shared);
        Assert.True(code == 0, found);
        Assert.Contains("talks-wire", found);
        Assert.Contains("3 articles", found);

        // and so does the HTTP API
        int port = FreePort();
        using var server = DyadProcess.Start("serve", _folder.Path, "serve", "--db", shared, "--urls", $"http://127.0.0.1:{port}", "--quiet");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(server.HasExited, server.Output);
            try { if ((await http.GetAsync("/api/")).IsSuccessStatusCode) break; }
            catch (HttpRequestException) { }
            Assert.True(DateTime.UtcNow < until, $"dyad serve did not answer:\n{server.Output}");
            await Task.Delay(200);
        }
        async Task<JsonElement> Get(string path)
        {
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
        var counts = many.Counts();
        Assert.Equal(counts.Events, (await Get("/api/")).GetProperty("events").GetInt64());
        var apiStory = (await Get("/api/stories/" + story.Id));
        Assert.Equal(many.StoryLinks(story.Id).Sum(l => many.QueryEvents(new() { ArticleId = l.ArticleId }).Count), apiStory.GetProperty("events").GetArrayLength());
        Assert.True((await Get("/api/stories")).GetProperty("stories").GetArrayLength() > 0);
        Assert.Equal(counts.Events, (await Get("/api/events/facets")).GetProperty("total").GetInt64());
        Assert.True((await Get("/api/dyads?source=USA&target=RUS")).GetProperty("series").GetArrayLength() > 0);
        Assert.True((await Get("/api/network")).GetProperty("edges").GetArrayLength() > 0);
        Assert.True((await Get("/api/places")).GetProperty("places").GetArrayLength() > 0);
        Assert.True((await Get("/api/actors?q=USA")).GetProperty("actors").GetArrayLength() > 0);
        Assert.Contains("[villa]", (await Get("/api/articles?q=villa")).GetProperty("articles")[0].GetProperty("snippet").GetString());
        var firstEvent = (await Get("/api/events?limit=1&sort=id")).GetProperty("events")[0].GetProperty("id").GetInt64();
        Assert.Equal(firstEvent, (await Get($"/api/events/{firstEvent}")).GetProperty("event").GetProperty("id").GetInt64());
        var csv = (await http.GetStringAsync("/api/export?format=csv&country=RUS")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,article_id,", csv[0]);
        Assert.Equal(many.CountEvents(new() { Country = "RUS" }) + 1, csv.Length);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose() => _folder.Dispose();
}
