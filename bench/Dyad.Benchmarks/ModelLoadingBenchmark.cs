using BenchmarkDotNet.Attributes;
using Dyad.Nlp.Models;

namespace Dyad.Benchmarks;

/// <summary>
/// Reading one NLP model from models/ with its checksum verified, as start-up does (a fresh <see cref="NlpModels"/>
/// each time). In-process and after warm-up, so this is the loader's own cost without the JIT; a cold process
/// also pays for the fresh memory the tables occupy (see bench/README.md, start-up).
/// </summary>
[MemoryDiagnoser]
public class ModelLoadingBenchmark
{
    private string _directory = "";

    [Params("parser", "tagger", "lemmatizer", "ner")]
    public string Model { get; set; } = "parser";

    [GlobalSetup]
    public void Setup() => _directory = NlpModels.LocateDirectory();

    [Benchmark]
    public object Load()
    {
        var models = NlpModels.Load(_directory);
        return Model switch
        {
            "parser" => models.Parser,
            "tagger" => models.Tagger,
            "lemmatizer" => models.Lemmatizer,
            _ => models.EntityRecognizer,
        };
    }
}
