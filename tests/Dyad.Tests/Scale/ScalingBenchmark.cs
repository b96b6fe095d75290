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
    public void Throughput_grows_with_workers_up_to_the_cores()
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
            var (code, enqueued) = DyadProcess.Run(_folder.Path, 600_000, "enqueue", input, "--broker", broker, "--quiet");
            Assert.True(code == 0, enqueued);
            using var store = PostgresStore.Open(db);
            var processes = Enumerable.Range(1, workers).Select(i => DyadProcess.Start($"w{i}", _folder.Path, "worker", "--db", db, "--broker", broker,
                "--threads", "1", "--batch", "16", "--exit-when-idle", "3", "--name", $"bench{workers}-{i}")).ToList();
            // time from the first stored article to the last, so that start-up (model loading) is not counted
            var until = DateTime.UtcNow.AddMinutes(30);
            while (store.Counts().Articles == 0) { Assert.True(DateTime.UtcNow < until); Thread.Sleep(50); }
            long first = store.Counts().Articles;
            var clock = Stopwatch.StartNew();
            while (store.Counts().Articles < n) { Assert.True(DateTime.UtcNow < until, "timed out"); Thread.Sleep(50); }
            var seconds = clock.Elapsed.TotalSeconds;
            rates[workers] = (n - first) / seconds;
            foreach (var p in processes) { p.WaitForExit(60_000); output.WriteLine(p.Output.Split('\n').FirstOrDefault(l => l.Contains(" handled,", StringComparison.Ordinal))); p.Dispose(); }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"workers={workers} articles/s={rates[workers]:0.00} ({n - first} articles in {seconds:0.0} s)"));
        }
        // more workers than one must not be slower than one (on any machine with two or more cores)
        if (Environment.ProcessorCount >= 2) Assert.True(rates[2] > rates[1] * 0.9, $"2 workers {rates[2]:0.0}/s vs 1 worker {rates[1]:0.0}/s");
    }

    public void Dispose() => _folder.Dispose();
}
