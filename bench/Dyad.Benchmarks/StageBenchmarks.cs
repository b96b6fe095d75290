using BenchmarkDotNet.Attributes;
using Dyad.Documents;
using Dyad.Pipeline;

namespace Dyad.Benchmarks;

/// <summary>
/// One stage of the default pipeline on fresh documents that have been through every stage before it (prepared
/// outside the measured time, since stages add layers and cannot run twice on one document).
/// </summary>
public abstract class StageBenchmark
{
    private IStage _stage = null!;
    private DocumentPipeline? _before;
    private List<Article> _articles = [];
    private List<Document> _documents = [];

    protected abstract string StageName { get; }

    [Params(1, 100)]
    public int Articles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var stages = DyadPipeline.CreateBuilder().Stages;
        int index = stages.ToList().FindIndex(s => s.Name == StageName);
        if (index < 0) throw new InvalidOperationException($"no stage '{StageName}' in the default pipeline");
        _stage = stages[index];
        if (index > 0)
        {
            var builder = new PipelineBuilder();
            foreach (var stage in stages.Take(index)) builder.Add(stage);
            _before = builder.Build();
        }
        _articles = Corpus.Articles(Articles);
        // the models and tables load on first use: do it here, not in the first measured iteration
        var warm = Prepare(_articles[0]);
        _stage.Process(warm);
    }

    [IterationSetup]
    public void PrepareDocuments() => _documents = _articles.Select(Prepare).ToList();

    private Document Prepare(Article article)
    {
        var document = new Document(article);
        _before?.Process(document);
        return document;
    }

    [Benchmark]
    public void Process()
    {
        foreach (var document in _documents) _stage.Process(document);
    }
}

[MemoryDiagnoser]
public class CleaningBenchmark : StageBenchmark { protected override string StageName => "clean"; }

[MemoryDiagnoser]
public class TokenizingBenchmark : StageBenchmark { protected override string StageName => "tokenize"; }

[MemoryDiagnoser]
public class TaggingBenchmark : StageBenchmark { protected override string StageName => "tag"; }

[MemoryDiagnoser]
public class LemmatizingBenchmark : StageBenchmark { protected override string StageName => "lemmatize"; }

[MemoryDiagnoser]
public class ParsingBenchmark : StageBenchmark { protected override string StageName => "parse"; }

[MemoryDiagnoser]
public class EntitiesBenchmark : StageBenchmark { protected override string StageName => "entities"; }

[MemoryDiagnoser]
public class TimeBenchmark : StageBenchmark { protected override string StageName => "time"; }

[MemoryDiagnoser]
public class PlacesBenchmark : StageBenchmark { protected override string StageName => "places"; }

[MemoryDiagnoser]
public class ActorCodingBenchmark : StageBenchmark { protected override string StageName => "actors"; }

[MemoryDiagnoser]
public class EventCodingBenchmark : StageBenchmark { protected override string StageName => "events"; }
