using System.Collections.Immutable;
using System.Diagnostics;
using Dyad.Documents;

namespace Dyad.Pipeline;

/// <summary>
/// Time one stage took over a run, summed over every thread, its share of all stages, and the bytes it allocated
/// (what the garbage collector has to clear after it).
/// </summary>
public readonly record struct StageTime(string Stage, TimeSpan Elapsed, long Documents, double Share, long AllocatedBytes = 0);

/// <summary>
/// Per-stage clocks for benchmarks: <see cref="Wrap"/> returns a copy of a frozen pipeline whose stages add the
/// time they spend to shared counters (one Interlocked add per stage and document, so threads do not contend on
/// a lock). The pipeline it wraps is left as it was: untimed runs pay nothing.
/// </summary>
public sealed class StageTimings
{
    private readonly string[] _names;
    private readonly long[] _ticks;
    private readonly long[] _documents;
    private readonly long[] _allocated;

    private StageTimings(IReadOnlyList<string> names)
    {
        _names = [.. names];
        _ticks = new long[_names.Length];
        _documents = new long[_names.Length];
        _allocated = new long[_names.Length];
    }

    /// <summary>A pipeline with the same stages, each timed into the returned counters.</summary>
    public static (DocumentPipeline Pipeline, StageTimings Timings) Wrap(DocumentPipeline pipeline)
    {
        var timings = new StageTimings(pipeline.Stages.Select(s => s.Name).ToList());
        var stages = pipeline.Stages.Select((stage, i) => (IStage)new TimedStage(stage, timings, i)).ToImmutableArray();
        return (new DocumentPipeline(stages, pipeline.Produces), timings);
    }

    /// <summary>Clears the counters (between a warm-up and the measured run, or between runs).</summary>
    public void Reset()
    {
        for (int i = 0; i < _ticks.Length; i++)
        {
            Interlocked.Exchange(ref _ticks[i], 0);
            Interlocked.Exchange(ref _documents[i], 0);
            Interlocked.Exchange(ref _allocated[i], 0);
        }
    }

    /// <summary>Each stage in pipeline order with its summed time and its share of the time of all stages.</summary>
    public IReadOnlyList<StageTime> Snapshot()
    {
        var ticks = new long[_ticks.Length];
        for (int i = 0; i < ticks.Length; i++) ticks[i] = Interlocked.Read(ref _ticks[i]);
        long total = ticks.Sum();
        return _names.Select((name, i) => new StageTime(
            name,
            // in double: ticks × TicksPerSecond overflows a long past ~15 min of stage time at a 1 GHz stopwatch
            TimeSpan.FromSeconds(ticks[i] / (double)Stopwatch.Frequency),
            Interlocked.Read(ref _documents[i]),
            total == 0 ? 0 : ticks[i] / (double)total,
            Interlocked.Read(ref _allocated[i]))).ToList();
    }

    internal void Add(int stage, long stopwatchTicks, long allocatedBytes = 0)
    {
        Interlocked.Add(ref _ticks[stage], stopwatchTicks);
        Interlocked.Increment(ref _documents[stage]);
        Interlocked.Add(ref _allocated[stage], allocatedBytes);
    }

    private sealed class TimedStage(IStage inner, StageTimings timings, int index) : IStage
    {
        public string Name => inner.Name;
        public Layers Requires => inner.Requires;
        public Layers Produces => inner.Produces;

        public void Process(Document document)
        {
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            try
            {
                inner.Process(document);
            }
            finally
            {
                timings.Add(index, Stopwatch.GetTimestamp() - start, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
            }
        }
    }
}
