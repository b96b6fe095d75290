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

    public IEnumerable<ProcessedItem> Run(IEnumerable<ReadItem> items, CancellationToken cancellation = default) =>
        items.Chunk(ArticlesPerBatch)
            .AsParallel()
            .AsOrdered()
            .WithDegreeOfParallelism(Threads)
            .WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .WithCancellation(cancellation)
            .SelectMany(batch => ProcessBatch(batch));

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
