using Dyad.Documents;
using Dyad.Errors;
using Dyad.Ingest;
using Dyad.Pipeline;
using Dyad.Processing;

namespace Dyad.Tests.Pipeline;

/// <summary>Batches run stage by stage, in input order, and one article's failure stays its own.</summary>
public class BatchRunnerTests
{
    /// <summary>Writes "stage:article" to a shared log; throws for the article named in <paramref name="failOn"/>.</summary>
    private sealed class LoggingStage(string name, Layers requires, Layers produces, List<string> log, string? failOn = null) : IStage
    {
        public string Name => name;
        public Layers Requires => requires;
        public Layers Produces => produces;

        public void Process(Document document)
        {
            lock (log) log.Add($"{name}:{document.Id}");
            if (document.Id == failOn) throw new InvalidOperationException("broken on purpose");
        }
    }

    private static ReadItem Item(string id) => ReadItem.Ok(new Article { Id = id, Text = "x" });

    [Fact]
    public void A_batch_goes_through_each_stage_before_the_next_stage_starts()
    {
        var log = new List<string>();
        var pipeline = new PipelineBuilder()
            .Add(new LoggingStage("first", Layers.Text, Layers.Tokens, log))
            .Add(new LoggingStage("second", Layers.Tokens, Layers.Sentences, log))
            .Build();
        var results = new BatchRunner(pipeline, threads: 1, articlesPerBatch: 3).Run([Item("a"), Item("b"), Item("c")]).ToList();
        Assert.Equal(["first:a", "first:b", "first:c", "second:a", "second:b", "second:c"], log);
        Assert.All(results, r => Assert.True(r.Document!.Has(Layers.Tokens | Layers.Sentences)));
    }

    [Fact]
    public void A_failing_article_is_reported_and_skips_later_stages_while_the_rest_of_its_batch_goes_on()
    {
        var log = new List<string>();
        var pipeline = new PipelineBuilder()
            .Add(new LoggingStage("first", Layers.Text, Layers.Tokens, log, failOn: "b"))
            .Add(new LoggingStage("second", Layers.Tokens, Layers.Sentences, log))
            .Build();
        var unreadable = ReadItem.Fail(new InputProblem("feed.jsonl", 7, ErrorCode.InputInvalidJson, "not JSON"));
        var results = new BatchRunner(pipeline, threads: 2, articlesPerBatch: 4)
            .Run([Item("a"), Item("b"), unreadable, Item("d"), Item("e")]).ToList();

        Assert.Equal(5, results.Count);
        Assert.Equal(["a", null, null, "d", "e"], results.Select(r => r.Document?.Id));
        Assert.Equal(ErrorCode.PipelineStageFailed, results[1].Problem!.Code);
        Assert.Contains("article b", results[1].Problem!.Message);
        Assert.Contains("stage 'first' failed", results[1].Problem!.Message);
        Assert.Same(unreadable.Problem, results[2].Problem);
        Assert.DoesNotContain("second:b", log);
        Assert.Contains("second:d", log);
    }

    [Fact]
    public void Results_keep_input_order_across_batches_and_threads()
    {
        var pipeline = new PipelineBuilder().Add(new LoggingStage("only", Layers.Text, Layers.Tokens, [])).Build();
        var ids = Enumerable.Range(0, 103).Select(i => $"doc{i}").ToList();
        var results = new BatchRunner(pipeline, threads: 2, articlesPerBatch: 5).Run(ids.Select(Item)).ToList();
        Assert.Equal(ids, results.Select(r => r.Document!.Id));
    }

    /// <summary>Lets the first <paramref name="open"/> articles ("docN") through at once; the rest wait for the gate.</summary>
    private sealed class GateStage(int open, ManualResetEventSlim gate) : IStage
    {
        public string Name => "gate";
        public Layers Requires => Layers.Text;
        public Layers Produces => Layers.Tokens;
        public void Process(Document document)
        {
            if (int.Parse(document.Id[3..]) >= open) gate.Wait();
        }
    }

    [Fact]
    public async Task Finished_batches_are_handed_over_while_a_later_batch_is_still_running_and_the_input_is_read_no_further_ahead()
    {
        using var gate = new ManualResetEventSlim(false);
        const int batch = 4, open = 30 * batch, threads = 2;
        var pipeline = new PipelineBuilder().Add(new GateStage(open, gate)).Build();
        int pulled = 0;
        IEnumerable<ReadItem> Source()
        {
            for (int i = 0; i < 400 * batch; i++)
            {
                Interlocked.Increment(ref pulled);
                yield return Item($"doc{i}");
            }
        }
        var results = new BatchRunner(pipeline, threads, batch).Run(Source()).GetEnumerator();
        try
        {
            var firstOpen = Task.Run(() =>
            {
                for (int i = 0; i < open; i++) Assert.True(results.MoveNext());
                return results.Current.Document!.Id;
            });
            var first = await firstOpen.WaitAsync(TimeSpan.FromSeconds(30));  // throws TimeoutException when held back
            Assert.Equal($"doc{open - 1}", first);
            // each thread waits in one closed batch; no thread took more
            await Task.Delay(100);
            Assert.Equal(open + threads * batch, Volatile.Read(ref pulled));
        }
        finally
        {
            gate.Set();
            results.Dispose();
        }
    }

    [Fact]
    public async Task A_slow_input_does_not_hold_up_results_already_finished()
    {
        using var gate = new ManualResetEventSlim(false);
        var pipeline = new PipelineBuilder().Add(new LoggingStage("only", Layers.Text, Layers.Tokens, [])).Build();
        IEnumerable<ReadItem> Source()
        {
            for (int i = 0; i < 8; i++)
            {
                // the input stalls (a slow disk, a large page) after the first two batches
                if (i == 4) gate.Wait();
                yield return Item($"doc{i}");
            }
        }
        var results = new BatchRunner(pipeline, threads: 2, articlesPerBatch: 2).Run(Source()).GetEnumerator();
        try
        {
            var firstFour = Task.Run(() =>
            {
                var ids = new List<string>();
                for (int i = 0; i < 4 && results.MoveNext(); i++) ids.Add(results.Current.Document!.Id);
                return ids;
            });
            Assert.Equal(["doc0", "doc1", "doc2", "doc3"], await firstFour.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            gate.Set();
            results.Dispose();
        }
    }

    [Fact]
    public void A_consumer_that_stops_early_stops_the_workers_and_an_input_that_throws_reaches_the_consumer()
    {
        var pipeline = new PipelineBuilder().Add(new LoggingStage("only", Layers.Text, Layers.Tokens, [])).Build();
        var runner = new BatchRunner(pipeline, threads: 2, articlesPerBatch: 3);
        int pulled = 0;
        IEnumerable<ReadItem> Long()
        {
            for (int i = 0; i < 10_000; i++)
            {
                Interlocked.Increment(ref pulled);
                yield return Item($"doc{i}");
            }
        }
        Assert.Equal(["doc0", "doc1"], runner.Run(Long()).Take(2).Select(r => r.Document!.Id));
        // the early stop has joined the workers: they took at most the batches the runner lets be outstanding
        Assert.InRange(Volatile.Read(ref pulled), 2, (2 * runner.Threads + 1) * runner.ArticlesPerBatch);

        IEnumerable<ReadItem> Broken()
        {
            for (int i = 0; i < 7; i++) yield return Item($"doc{i}");
            throw new IOException("disk gone");
        }
        var seen = new List<string>();
        var error = Assert.Throws<IOException>(() => { foreach (var r in runner.Run(Broken())) seen.Add(r.Document!.Id); });
        Assert.Equal("disk gone", error.Message);
        Assert.Equal(["doc0", "doc1", "doc2", "doc3", "doc4", "doc5"], seen);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => runner.Run([Item("a")], cancelled.Token).ToList());
    }

    [Fact]
    public void The_default_pipeline_codes_the_same_events_batched_as_one_article_at_a_time()
    {
        var texts = new[]
        {
            "Russian President Vladimir Putin met U.S. President Barack Obama in New York on Monday.",
            "The leaders of Britain and France urged the U.S. not to leave the accord.",
            "Indian and Pakistani forces exchanged fire along the frontier in Kashmir yesterday morning.",
        };
        var items = texts.Select((t, i) => ReadItem.Ok(new Article { Id = $"t{i}", Text = t, Published = new DateOnly(2015, 9, 29) })).ToList();
        var runner = new BatchRunner(DyadPipeline.Default, threads: 1, articlesPerBatch: 3);
        static string Events(Document d) => string.Join(";", d.Events.Select(e => $"{e.Source.Code}>{e.Cameo}>{e.Target?.Code}@{e.Predicate.Start}"));
        var batched = runner.Run(items).Select(r => Events(r.Document!)).ToList();
        var single = items.Select(i => Events(runner.ProcessOne(i).Document!)).ToList();
        Assert.Equal(single, batched);
        Assert.All(batched, e => Assert.NotEmpty(e));
    }
}
