using BenchmarkDotNet.Attributes;
using Dyad.Documents;
using Dyad.Pipeline;
using Dyad.Processing;

namespace Dyad.Benchmarks;

/// <summary>
/// The whole default pipeline on one thread over the same articles, run one article at a time through every
/// stage, or in batches of <see cref="BatchRunner.DefaultArticlesPerBatch"/> one stage after another as
/// <see cref="BatchRunner"/> runs them (each stage's tables then stay in the cache across the batch).
/// </summary>
[MemoryDiagnoser]
public class PipelineBatchBenchmark
{
    private DocumentPipeline _pipeline = null!;
    private List<Article> _articles = [];

    [Params(64)]
    public int Articles { get; set; }

    /// <summary>Articles per batch in <see cref="BatchesStageByStage"/> (the runtime's default among them).</summary>
    [Params(4, BatchRunner.DefaultArticlesPerBatch, 64)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = DyadPipeline.Default;
        _articles = Corpus.Articles(Articles);
        _pipeline.Process(_articles[0]); // models load on first use
    }

    [Benchmark(Baseline = true)]
    public void OneArticleAtATime()
    {
        foreach (var article in _articles) _pipeline.Process(article);
    }

    [Benchmark]
    public void BatchesStageByStage()
    {
        foreach (var batch in _articles.Chunk(Batch))
            _pipeline.Process([.. batch.Select(a => new Document(a))], (_, e) => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e));
    }
}
