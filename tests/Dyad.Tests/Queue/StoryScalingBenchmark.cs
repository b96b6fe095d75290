using System.Diagnostics;
using System.Globalization;
using Dyad.Postgres;
using Dyad.Tests.Scale;
using Dyad.Tests.Storage;
using Xunit.Abstractions;

namespace Dyad.Tests.Queue;

/// <summary>
/// The scaling figure with stories on, for docs/scaling.md: articles per second with 1, 2 and 4 single-threaded
/// workers through RabbitMQ into PostgreSQL, timed until every article is stored and placed in a story. Runs
/// only when DYAD_STORY_BENCH names the number of articles (e.g. DYAD_STORY_BENCH=1000); figures go to the output.
/// </summary>
[Collection("queue")]
public sealed class StoryScalingBenchmark(PostgresServer postgres, RabbitServer rabbit, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Articles_per_second_placed_in_stories_with_one_two_and_four_workers()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("DYAD_STORY_BENCH"), out var n) || n <= 0)
        {
            output.WriteLine("SKIP: set DYAD_STORY_BENCH=N (articles) to measure the scaling figure with stories");
            return;
        }
        if ((postgres.Failure ?? rabbit.Failure) is { } failure) Assert.Fail(failure);
        if ((postgres.Unavailable ?? rabbit.Unavailable) is { } why) { output.WriteLine($"SKIP: {why}"); return; }
        var counts = (Environment.GetEnvironmentVariable("DYAD_STORY_BENCH_WORKERS") ?? "1,2,4")
            .Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        var input = ArticleGenerator.WriteJsonl(Path.Combine(_folder.Path, "bench.jsonl"), n);
        output.WriteLine($"{n} articles, {Environment.ProcessorCount} cores");
        foreach (var workers in counts)
        {
            var db = postgres.CreateDatabase($"sbench{workers}");
            var broker = rabbit.CreateVirtualHost($"sbench{workers}w");
            using var store = PostgresStore.Open(db);
            var processes = Enumerable.Range(1, workers).Select(i => DyadProcess.Start($"w{i}", _folder.Path, "worker", "--db", db, "--broker", broker,
                "--threads", "1", "--batch", "16", "--name", $"sbench{workers}-{i}")).ToList();
            try
            {
                var until = DateTime.UtcNow.AddMinutes(30);
                while ((await Dyad.Queue.QueueStatus.ReadAsync(broker)).Consumers < workers)
                {
                    Assert.True(DateTime.UtcNow < until, "workers did not connect");
                    await Task.Delay(200);
                }
                // warm-up articles (models load on the first ones) are placed in stories too, before timing starts
                int warm = workers * 16;
                var warmUp = ArticleGenerator.WriteJsonl(Path.Combine(_folder.Path, $"warm{workers}.jsonl"), warm, first: 900_000);
                Assert.Equal(0, DyadProcess.Run(_folder.Path, 600_000, "enqueue", warmUp, "--broker", broker, "--quiet").Code);
                bool Done(int total) => store.Counts().Articles >= total && store.PendingStoryArticles(1).Count == 0;
                while (!Done(warm)) { Assert.True(DateTime.UtcNow < until, "timed out warming up"); Thread.Sleep(50); }
                var clock = Stopwatch.StartNew();
                var (code, enqueued) = DyadProcess.Run(_folder.Path, 600_000, "enqueue", input, "--broker", broker, "--quiet");
                Assert.True(code == 0, enqueued);
                double stored = 0;
                while (!Done(warm + n))
                {
                    Assert.True(DateTime.UtcNow < until, "timed out");
                    if (stored == 0 && store.Counts().Articles >= warm + n) stored = clock.Elapsed.TotalSeconds;
                    Thread.Sleep(50);
                }
                var seconds = clock.Elapsed.TotalSeconds;
                if (stored == 0) stored = seconds;
                Thread.Sleep(2500); // the workers' next counters
                foreach (var (w, _) in (await Dyad.Queue.QueueStatus.ReadAsync(broker)).Workers)
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {w.Worker}: handled {w.Handled}, pipeline {w.PipelineSeconds:0.0} s, store writes {w.StoreSeconds:0.0} s, stories {w.StorySeconds:0.0} s ({w.Placed} placed)"));
                var links = store.StoryLinks();
                Assert.Equal(warm + n, links.Count);
                Assert.Equal(links.Count, links.Select(l => l.ArticleId).Distinct().Count());
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"workers={workers} articles/s={n / seconds:0.0} ({n} articles stored in {stored:0.0} s, placed in {store.QueryStories(100_000).Count} stories by {seconds:0.0} s)"));
            }
            finally
            {
                foreach (var p in processes) p.Dispose();
            }
        }
    }

    public void Dispose() => _folder.Dispose();
}
