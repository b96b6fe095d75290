using System.Diagnostics;
using Dyad.Postgres;
using Dyad.Queue;
using Dyad.Storage;
using Dyad.Tests.Storage;
using Xunit.Abstractions;

namespace Dyad.Tests.Scale;

/// <summary>
/// Distributed processing under faults: three workers on loopback, one killed with SIGKILL mid-batch and
/// restarted, the broker crashed (SIGKILL) and restarted once; afterwards every article and every event is stored exactly once, the
/// same as a single-process ingest of the same input. DYAD_SCALE_N sets the number of articles (2,000 in the
/// full run; the default keeps the test near two minutes on a small machine).
/// </summary>
[Collection("queue")]
public sealed class QueueFaultTests(PostgresServer postgres, RabbitServer rabbit, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<DyadProcess> _processes = [];

    private static int Articles => int.TryParse(Environment.GetEnvironmentVariable("DYAD_SCALE_N"), out var n) && n > 0 ? n : 150;

    private bool Skip()
    {
        if ((postgres.Failure ?? rabbit.Failure) is { } failure) Assert.Fail(failure);
        var reason = postgres.Unavailable ?? rabbit.Unavailable;
        if (reason is not null) output.WriteLine($"SKIP: {reason}");
        return reason is not null;
    }

    private DyadProcess Worker(string name, string db, string broker)
    {
        var worker = DyadProcess.Start(name, _folder.Path, "worker", "--db", db, "--broker", broker, "--name", name, "--batch", "8", "--threads", "1");
        _processes.Add(worker);
        return worker;
    }

    /// <summary>Blocking on purpose: the tests poll between child processes, nothing runs on this thread meanwhile.</summary>
    private static QueueStatus StatusOf(string broker) => QueueStatus.ReadAsync(broker).GetAwaiter().GetResult();

    private static void PublishPoison(string broker) =>
        Enqueuer.PublishRawAsync(broker, [("poison-1", "{not json"u8.ToArray()), ("poison-2", """{"id":"x"}"""u8.ToArray())]).GetAwaiter().GetResult();

    private void Log(string message) => output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    [Fact]
    public void Three_workers_a_killed_worker_and_a_broker_restart_store_everything_exactly_once()
    {
        if (Skip()) return;
        int n = Articles;
        // three quarters are queued first, so that the broker crash (at a quarter stored) finds work in flight;
        // the last quarter is queued only after the restart, so that work after the restart is certain
        int firstCount = n * 3 / 4;
        var firstHalf = ArticleGenerator.WriteJsonl(Path.Combine(_folder.Path, "first.jsonl"), firstCount);
        var secondHalf = ArticleGenerator.WriteJsonl(Path.Combine(_folder.Path, "second.jsonl"), n - firstCount, first: firstCount);
        var db = postgres.CreateDatabase("fault");
        var broker = rabbit.CreateVirtualHost("fault");
        void Enqueue(string file, int count)
        {
            var (code, enqueued) = DyadProcess.Run(_folder.Path, 300_000, "enqueue", file, "--broker", broker);
            Assert.True(code == 0, enqueued);
            Assert.Contains($"{count} queued", enqueued);
            Log(enqueued.Trim());
        }
        Enqueue(firstHalf, firstCount);

        using var store = PostgresStore.Open(db);
        var workers = new[] { Worker("w1", db, broker), Worker("w2", db, broker), Worker("w3", db, broker) };
        var clock = Stopwatch.StartNew();
        long Stored() => store.Counts().Articles;
        void WaitFor(Func<bool> condition, string what, int seconds)
        {
            var until = DateTime.UtcNow.AddSeconds(seconds);
            while (!condition())
            {
                if (DateTime.UtcNow > until)
                    Assert.Fail($"timed out waiting for {what}; stored {Stored()} of {n}\n" + string.Join("\n", _processes.Select(p => $"--- {p.Name}\n{p.Output}")));
                Thread.Sleep(200);
            }
        }

        WaitFor(() => Stored() >= n / 8, "an eighth of the articles", 600);
        workers[0].Kill();
        Log($"killed w1 (SIGKILL) at {Stored()} stored");
        workers[0] = Worker("w1b", db, broker);

        WaitFor(() => Stored() >= n / 4, "a quarter of the articles", 600);
        Log($"crashing the broker (SIGKILL) and starting it again at {Stored()} stored");
        rabbit.Restart(crash: true);
        long afterRestart = Stored();
        Log($"broker back at {afterRestart} stored");
        Enqueue(secondHalf, n - firstCount);

        WaitFor(() => Stored() >= n, "every article", 900);
        // every worker back on the queue, nothing waiting (redelivered duplicates drained)
        WaitFor(() => StatusOf(broker) is { Waiting: 0, Consumers: 3 }, "an empty queue with three consumers", 180);
        Thread.Sleep(3000);
        var status = StatusOf(broker);
        Log($"all {n} stored in {clock.Elapsed.TotalSeconds:0} s; duplicates (redelivered after commit) {status.Workers.Sum(w => w.Latest.Duplicates)}\n{status.Format()}");
        foreach (var p in _processes) p.Kill();
        foreach (var p in _processes) Log($"--- {p.Name}\n{p.Output}");

        Assert.True(afterRestart < n, "work remained after the broker restart");
        Assert.Equal(0, status.DeadLettered);
        Assert.Equal(0, status.Waiting);
        Assert.All(new[] { workers[1], workers[2] }, w => Assert.Contains("broker connection lost", w.Output));
        Assert.True(status.Workers.Sum(w => w.Latest.Reconnects) >= 2, "the surviving workers report their reconnections");
        // every article once
        Assert.Equal(n, store.Counts().Articles);
        Assert.All(Enumerable.Range(0, n).Where(i => i % 37 == 0), i => Assert.True(store.Contains(ArticleGenerator.Id(i))));

        // every event once: the same as one process ingesting the same file into the embedded store
        var reference = Path.Combine(_folder.Path, "reference.db");
        var (ingestCode, ingested) = DyadProcess.Run(_folder.Path, 900_000, "ingest", firstHalf, secondHalf, "--db", reference, "--quiet");
        Assert.True(ingestCode == 0, ingested);
        using var expected = SqliteStore.Open(reference);
        var (wantCounts, wantHash) = StoreFingerprint.Of(expected);
        var (gotCounts, gotHash) = StoreFingerprint.Of(store);
        Log($"reference {wantCounts}, distributed {gotCounts}");
        Assert.Equal(n, wantCounts.Articles);
        Assert.True(wantCounts.Events > n, "the generated articles should yield events");
        Assert.Equal(wantCounts, gotCounts);
        Assert.Equal(wantHash, gotHash);
    }

    [Fact]
    public void Bad_input_through_the_queue_is_reported_or_dead_lettered_and_good_articles_are_stored()
    {
        if (Skip()) return;
        var files = BadInput.Write(_folder.Path, good: 40);
        var db = postgres.CreateDatabase("bad");
        var broker = rabbit.CreateVirtualHost("bad");

        var (code, enqueued) = DyadProcess.Run(_folder.Path, 300_000, ["enqueue", .. files.Paths, "--broker", broker, "--max-bytes", BadInput.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Log(enqueued);
        Assert.Equal(2, code); // some input was rejected
        Assert.Contains($"{files.Total} read, {files.Total - files.Rejected} queued, {files.Rejected} rejected", enqueued);
        foreach (var expected in BadInput.RejectedCodes) Assert.Contains(expected, enqueued);
        // messages the reader would never make: not JSON, and JSON without text
        PublishPoison(broker);

        var worker = Worker("bad-w", db, broker);
        using var store = PostgresStore.Open(db);
        var until = DateTime.UtcNow.AddMinutes(10);
        while (StatusOf(broker) is not { Waiting: 0, DeadLettered: 2 } || store.Counts().Articles < files.Distinct)
        {
            Assert.True(DateTime.UtcNow < until, "timed out\n" + worker.Output);
            Thread.Sleep(300);
        }
        // workers post their counters now and then: wait for the last post rather than racing it
        var expectedCounts = $"stored {files.Distinct}, duplicates {files.Duplicates}";
        var (statusCode, status) = DyadProcess.Run(_folder.Path, 60_000, "status", "--broker", broker, "--db", db);
        var statusUntil = DateTime.UtcNow.AddSeconds(60);
        while (!status.Contains(expectedCounts, StringComparison.Ordinal) && DateTime.UtcNow < statusUntil)
        {
            Thread.Sleep(1000);
            (statusCode, status) = DyadProcess.Run(_folder.Path, 60_000, "status", "--broker", broker, "--db", db);
        }
        worker.Kill();
        Log(status);
        Log(worker.Output);
        Assert.Equal(0, statusCode);
        Assert.Equal(files.Distinct, store.Counts().Articles);
        Assert.Contains("dead letters dyad.articles.dead: 2", status);
        Assert.Contains("poison-1: message poison-1: DY405", status);
        Assert.Contains("poison-2: message poison-2: DY405", status);
        Assert.Contains($"stored {files.Distinct}, duplicates {files.Duplicates}", status);
    }

    public void Dispose()
    {
        foreach (var p in _processes) p.Dispose();
        _folder.Dispose();
    }
}
