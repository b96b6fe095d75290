using System.Runtime.ExceptionServices;
using Dyad.Documents;
using Dyad.Errors;
using Dyad.Ingest;
using Dyad.Pipeline;

namespace Dyad.Processing;

/// <summary>One input after the pipeline: a processed document, or the problem that stopped it.</summary>
public readonly record struct ProcessedItem(Document? Document, InputProblem? Problem);

/// <summary>
/// Runs one frozen pipeline over a stream of inputs on several threads, each taking a few articles at a time
/// through the stages one stage after another, keeping input order, and turns a crash in any stage into a
/// per-article problem so that the rest of the batch goes on.
/// </summary>
public sealed class BatchRunner(DocumentPipeline pipeline, int threads = 0, int articlesPerBatch = BatchRunner.DefaultArticlesPerBatch)
{
    /// <summary>
    /// Articles a thread takes at a time and runs stage by stage (<see cref="DocumentPipeline.Process(IReadOnlyList{Document}, Action{int, Exception})"/>):
    /// enough for a stage's tables to stay cached across them, few enough that results still stream.
    /// </summary>
    public const int DefaultArticlesPerBatch = 16;

    public int Threads { get; } = threads > 0 ? threads : Environment.ProcessorCount;
    public int ArticlesPerBatch { get; } = Math.Max(1, articlesPerBatch);

    /// <summary>
    /// The processed inputs in input order. Threads take one batch at a time from the input and the caller gets
    /// each batch as soon as it and those before it are done; at most two batches per thread are taken but not yet
    /// handed over, so a slow consumer holds the workers back instead of letting results pile up.
    /// </summary>
    /// <remarks>
    /// This replaced PLINQ (AsOrdered, not buffered), whose ordered merge hands a result over only once every
    /// worker has published one: with batches of 16 on 2 threads some 50 finished articles were waiting on
    /// average (up to 160), each gen-0 collection copied them, and a batch blocked in one thread held back the
    /// other thread's finished ones (session 15, bench/README.md).
    /// </remarks>
    public IEnumerable<ProcessedItem> Run(IEnumerable<ReadItem> items, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return Ordered(items, cancellation);
    }

    private IEnumerable<ProcessedItem> Ordered(IEnumerable<ReadItem> items, CancellationToken cancellation)
    {
        var input = items.Chunk(ArticlesPerBatch).GetEnumerator();
        var gate = new object();
        var finished = new Dictionary<int, ProcessedItem[]>();
        int taken = 0, running = Threads;
        bool inputEnded = false;
        ExceptionDispatchInfo? failure = null;
        using var room = new SemaphoreSlim(2 * Threads);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var wake = stop.Token.Register(() => { lock (gate) Monitor.PulseAll(gate); });

        void Work()
        {
            try
            {
                while (true)
                {
                    room.Wait(stop.Token);
                    ReadItem[] batch;
                    int index;
                    // the input has a lock of its own: reading (files, extraction) must not hold up handing results over
                    lock (input)
                    {
                        if (inputEnded || failure != null) return;
                        if (!input.MoveNext()) { inputEnded = true; return; }
                        batch = input.Current;
                        index = taken++;
                    }
                    var results = ProcessBatch(batch);
                    lock (gate)
                    {
                        finished[index] = results;
                        Monitor.PulseAll(gate);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                lock (gate) failure ??= ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                lock (gate)
                {
                    running--;
                    Monitor.PulseAll(gate);
                }
            }
        }

        var workers = new Task[Threads];
        for (int t = 0; t < workers.Length; t++) workers[t] = Task.Run(Work, CancellationToken.None);
        try
        {
            for (int next = 0; ; next++)
            {
                ProcessedItem[]? results;
                lock (gate)
                {
                    while (!finished.Remove(next, out results))
                    {
                        failure?.Throw();
                        cancellation.ThrowIfCancellationRequested();
                        // no worker left (each left after its last read of the input, under this lock) and batch
                        // `next` never handed out: the input is used up
                        if (running == 0 && next >= taken) break;
                        Monitor.Wait(gate);
                    }
                }
                if (results is null) yield break;
                room.Release();
                foreach (var result in results) yield return result;
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(workers);
            input.Dispose();
        }
    }

    public ProcessedItem ProcessOne(ReadItem item) => ProcessBatch([item])[0];

    private ProcessedItem[] ProcessBatch(ReadItem[] items)
    {
        var results = new ProcessedItem[items.Length];
        var documents = new List<Document>(items.Length);
        var positions = new List<int>(items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i].Problem is { } problem) results[i] = new ProcessedItem(null, problem);
            else
            {
                try
                {
                    documents.Add(new Document(items[i].Article!));
                    positions.Add(i);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    results[i] = Failed(items[i].Article!, e);
                }
            }
        }
        pipeline.Process(documents, (k, e) => results[positions[k]] = Failed(items[positions[k]].Article!, e));
        for (int k = 0; k < documents.Count; k++)
            if (results[positions[k]].Problem is null) results[positions[k]] = new ProcessedItem(documents[k], null);
        return results;
    }

    private static ProcessedItem Failed(Article article, Exception e)
    {
        if (Environment.GetEnvironmentVariable("DYAD_DEBUG") == "1") Console.Error.WriteLine(e);
        var code = e is DyadException d ? d.Code : ErrorCode.PipelineStageFailed;
        var message = e is DyadException de ? de.Detail : $"{e.GetType().Name}: {e.Message}";
        return new ProcessedItem(null, new InputProblem(article.Origin ?? article.Id, null, code, $"article {article.Id}: {message}"));
    }
}

/// <summary>What a run did, printed at its end.</summary>
public sealed class RunSummary
{
    public int Read { get; set; }
    public int Stored { get; set; }
    public int Duplicates { get; set; }
    public int Events { get; set; }
    public List<InputProblem> Rejected { get; } = [];
    public TimeSpan Elapsed { get; set; }

    public string Format()
    {
        var lines = new List<string>
        {
            $"{Read} read, {Stored} stored, {Duplicates} duplicate{(Duplicates == 1 ? "" : "s")}, {Rejected.Count} rejected, {Events} events in {Elapsed.TotalSeconds:0.0} s",
        };
        foreach (var group in Rejected.GroupBy(r => r.Code).OrderBy(g => g.Key))
            lines.Add($"  rejected {group.Count()} × {group.Key.Format()} {group.Key}");
        return string.Join('\n', lines);
    }
}
