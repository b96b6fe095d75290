using BenchmarkDotNet.Attributes;
using Dyad.Documents;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;
using Dyad.Pipeline;

namespace Dyad.Benchmarks;

/// <summary>
/// The parser on the same tagged sentences two ways: as it runs (<see cref="DependencyParser.Parse"/>: single-token
/// template scores from <see cref="TokenScoreCache"/>) and as training scores (every feature of
/// <see cref="ParserFeatures.Extract"/> looked up at each transition). Both use the same tables (dense long rows).
/// </summary>
[MemoryDiagnoser]
public class ParserScoringBenchmark
{
    private DependencyParser _parser = null!;
    private List<(ulong[] Words, ulong[] Tags, int Length)> _sentences = [];
    private readonly ArcEagerState _state = new();
    private int[] _heads = [], _labels = [];
    private readonly ulong[] _features = new ulong[ParserFeatures.MaxFeatures];
    private float[] _scores = [];

    [Params(20)]
    public int Articles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var models = NlpModels.LoadDefault();
        _parser = models.Parser;
        var builder = new PipelineBuilder();
        foreach (var stage in DyadPipeline.CreateBuilder().Stages.TakeWhile(s => s.Name != "parse")) builder.Add(stage);
        var before = builder.Build();
        foreach (var article in Corpus.Articles(Articles))
        {
            var d = new Document(article);
            before.Process(d);
            for (int s = 0; s < d.SentenceCount; s++)
            {
                int n = d.SentenceEndToken[s] - d.SentenceFirstToken[s];
                var words = new ulong[n + 1];
                var tags = new ulong[n + 1];
                ParserStage.SentenceInput(d, s, words, tags);
                _sentences.Add((words, tags, n));
            }
        }
        int longest = _sentences.Max(s => s.Length) + 1;
        _heads = new int[longest];
        _labels = new int[longest];
        _scores = new float[_parser.Model.ClassCount];
    }

    [Benchmark(Baseline = true)]
    public void EveryFeatureLookedUp()
    {
        foreach (var (words, tags, length) in _sentences)
        {
            _state.Reset(length);
            var clusters = _parser.HasClusters ? new uint[length + 1] : [];
            if (_parser.HasClusters) _parser.ClustersOf(words, length, clusters);
            while (!_state.IsTerminal)
            {
                int n = ParserFeatures.Extract(_state, words, tags, clusters, _features, _parser.Omitted);
                Array.Clear(_scores);
                _parser.Model.AddScores(_features.AsSpan(0, n), _scores);
                _parser.Apply(_state, _parser.BestValid(_state, _scores));
            }
        }
    }

    [Benchmark]
    public void SingleTokenScoresCached()
    {
        foreach (var (words, tags, length) in _sentences) _parser.Parse(_state, words, tags, length, _heads, _labels);
    }
}
