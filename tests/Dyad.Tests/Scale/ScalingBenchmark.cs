using System.Diagnostics;
using System.Globalization;
using Dyad.Postgres;
using Dyad.Tests.Storage;
using Xunit.Abstractions;

namespace Dyad.Tests.Scale;

/// <summary>
/// The scaling figure for docs/scaling.md: articles per second with 1, 2 and 4 single-threaded workers on this
/// machine, through RabbitMQ into PostgreSQL. Runs only when DYAD_SCALE_BENCH names the number of articles
/// (e.g. DYAD_SCALE_BENCH=400); the figures go to the test output.
/// </summary>
[Collection("queue")]
public sealed class ScalingBenchmark(PostgresServer postgres, RabbitServer rabbit, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Articles_per_second_with_one_two_and_four_workers()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("DYAD_SCALE_BENCH"), out var n) || n <= 0)
        {
            output.WriteLine("SKIP: set DYAD_SCALE_BENCH=N (articles) to measure the scaling figure");
            return;
        }
        if ((postgres.Failure ?? rabbit.Failure) is { } failure) Assert.Fail(failure);
        if ((postgres.Unavailable ?? rabbit.Unavailable) is { } why) { output.WriteLine($"SKIP: {why}"); return; }
        var input = ArticleGenerator.WriteJsonl(Path.Combine(_folder.Path, "bench.jsonl"), n);
        output.WriteLine($"{n} articles, {Environment.ProcessorCount} cores");
        var rates = new Dictionary<int, double>();
        foreach (var workers in new[] { 1, 2, 4 })
        {
            var db = postgres.CreateDatabase($"bench{workers}");
            var broker = rabbit.CreateVirtualHost($"bench{workers}w");
            using var store = PostgresStore.Open(db);
            var processes = Enumerable.Range(1, workers).Select(i => DyadProcess.Start($"w{i}", _folder.Path, "worker", "--db", db, "--broker", broker,
                "--threads", "1", "--batch", "16", "--name", $"bench{workers}-{i}")).ToList();
            var until = DateTime.UtcNow.AddMinutes(30);
            // every worker on the queue before anything is sent, so the broker shares the articles among all of them
            while (StatusOf(broker).Consumers < workers) { Assert.True(DateTime.UtcNow < until, "workers did not connect"); Thread.Sleep(200); }
            // warm up: every worker loads its models on its first articles, which is start-up, not throughput
            int warm = workers * 16;
            var warmUp = ArticleGenerator.WriteJsonl(Path.Combine(_folder.Path, $"warm{workers}.jsonl"), warm, first: 900_000);
            Assert.Equal(0, DyadProcess.Run(_folder.Path, 600_000, "enqueue", warmUp, "--broker", broker, "--quiet").Code);
            while (store.Counts().Articles < warm) { Assert.True(DateTime.UtcNow < until, "timed out warming up"); Thread.Sleep(50); }
            // measured: from the start of enqueueing to the last article committed
            var clock = Stopwatch.StartNew();
            var (code, enqueued) = DyadProcess.Run(_folder.Path, 600_000, "enqueue", input, "--broker", broker, "--quiet");
            Assert.True(code == 0, enqueued);
            while (store.Counts().Articles < warm + n) { Assert.True(DateTime.UtcNow < until, "timed out"); Thread.Sleep(50); }
            var seconds = clock.Elapsed.TotalSeconds;
            rates[workers] = n / seconds;
            Thread.Sleep(2500); // the workers' next counters
            var status = StatusOf(broker);
            foreach (var (w, _) in status.Workers)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {w.Worker}: handled {w.Handled}, pipeline {w.PipelineSeconds:0.0} s, store writes {w.StoreSeconds:0.0} s"));
            foreach (var p in processes) p.Dispose();
            Assert.Equal(warm + n, store.Counts().Articles);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"workers={workers} articles/s={rates[workers]:0.0} ({n} articles in {seconds:0.0} s)"));
        }
    }

    private static Dyad.Queue.QueueStatus StatusOf(string broker) => Dyad.Queue.QueueStatus.ReadAsync(broker).GetAwaiter().GetResult();

    public void Dispose() => _folder.Dispose();
}
