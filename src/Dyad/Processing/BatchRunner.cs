using Dyad.Documents;
using Dyad.Errors;
using Dyad.Ingest;
using Dyad.Pipeline;

namespace Dyad.Processing;

/// <summary>One input after the pipeline: a processed document, or the problem that stopped it.</summary>
public readonly record struct ProcessedItem(Document? Document, InputProblem? Problem);

/// <summary>
/// Runs one frozen pipeline over a stream of inputs on several threads, keeping input order, and turns a crash
/// in any stage into a per-article problem so that the rest of the batch goes on.
/// </summary>
public sealed class BatchRunner(DocumentPipeline pipeline, int threads = 0)
{
    public int Threads { get; } = threads > 0 ? threads : Environment.ProcessorCount;

    public IEnumerable<ProcessedItem> Run(IEnumerable<ReadItem> items, CancellationToken cancellation = default) =>
        items.AsParallel()
            .AsOrdered()
            .WithDegreeOfParallelism(Threads)
            .WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .WithCancellation(cancellation)
            .Select(ProcessOne);

    public ProcessedItem ProcessOne(ReadItem item)
    {
        if (item.Problem is { } problem) return new ProcessedItem(null, problem);
        var article = item.Article!;
        try
        {
            return new ProcessedItem(pipeline.Process(article), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (Environment.GetEnvironmentVariable("DYAD_DEBUG") == "1") Console.Error.WriteLine(e);
            var code = e is DyadException d ? d.Code : ErrorCode.PipelineStageFailed;
            var message = e is DyadException de ? de.Detail : $"{e.GetType().Name}: {e.Message}";
            return new ProcessedItem(null, new InputProblem(article.Origin ?? article.Id, null, code, $"article {article.Id}: {message}"));
        }
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
