using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Dyad.Benchmarks;

/// <summary>Words of input per second of the mean time, from the benchmark's <c>Articles</c> parameter.</summary>
public sealed class WordsPerSecondColumn : IColumn
{
    private static readonly ConcurrentDictionary<(Type, int), long> Words = new();

    public string Id => "WordsPerSecond";
    public string ColumnName => "Words/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "input words (whitespace-separated) per second of the mean time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics || statistics.Mean <= 0) return "-";
        if (benchmarkCase.Parameters["Articles"] is not int articles) return "-";
        var type = benchmarkCase.Descriptor.Type;
        long words = Words.GetOrAdd((type, articles), key => key.Item1 == typeof(ClusteringBenchmark)
            ? ClusteringBenchmark.Words(key.Item2)
            : Corpus.Words(key.Item2));
        return (words / (statistics.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
