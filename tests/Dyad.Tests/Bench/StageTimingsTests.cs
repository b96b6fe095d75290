using Dyad.Documents;
using Dyad.Errors;
using Dyad.Pipeline;

namespace Dyad.Tests.Bench;

public class StageTimingsTests
{
    private sealed class SpinStage(string name, Layers requires, Layers produces, int spins) : IStage
    {
        public string Name => name;
        public Layers Requires => requires;
        public Layers Produces => produces;
        public void Process(Document document) => Thread.SpinWait(spins);
    }

    private sealed class AllocatingStage(int bytes) : IStage
    {
        public string Name => "allocating";
        public Layers Requires => Layers.Text;
        public Layers Produces => Layers.Tokens;
        public byte[]? Last { get; private set; }
        public void Process(Document document) => Last = new byte[bytes];
    }

    private sealed class FailingStage : IStage
    {
        public string Name => "boom";
        public Layers Requires => Layers.Text;
        public Layers Produces => Layers.Tokens;
        public void Process(Document document) => throw new InvalidOperationException("boom");
    }

    private static DocumentPipeline TwoStages() => new PipelineBuilder()
        .Add(new SpinStage("first", Layers.Text, Layers.Tokens, 10))
        .Add(new SpinStage("second", Layers.Tokens, Layers.Sentences, 10_000))
        .Build();

    private static Article Article(int i) => new() { Id = $"a{i}", Text = "Some text." };

    [Fact]
    public void Each_stage_counts_every_document_and_the_shares_add_up_to_one()
    {
        var (pipeline, timings) = StageTimings.Wrap(TwoStages());
        Parallel.For(0, 40, i => pipeline.Process(Article(i)));
        var rows = timings.Snapshot();
        Assert.Equal(["first", "second"], rows.Select(r => r.Stage));
        Assert.All(rows, r => Assert.Equal(40, r.Documents));
        Assert.All(rows, r => Assert.True(r.Elapsed > TimeSpan.Zero));
        Assert.Equal(1.0, rows.Sum(r => r.Share), 6);
    }

    [Fact]
    public void Each_stage_counts_the_bytes_it_allocates_on_every_thread()
    {
        var (pipeline, timings) = StageTimings.Wrap(new PipelineBuilder().Add(new AllocatingStage(100_000)).Add(new SpinStage("spin", Layers.Tokens, Layers.Sentences, 10)).Build());
        Parallel.For(0, 20, i => pipeline.Process(Article(i)));
        var rows = timings.Snapshot();
        Assert.InRange(rows[0].AllocatedBytes, 20 * 100_000, 20 * 100_000 + 20 * 4096);
        Assert.InRange(rows[1].AllocatedBytes, 0, 20 * 4096);
        timings.Reset();
        Assert.Equal(0, timings.Snapshot()[0].AllocatedBytes);
    }

    [Fact]
    public void The_wrapped_pipeline_keeps_stage_names_layers_and_checks()
    {
        var plain = TwoStages();
        var (timed, _) = StageTimings.Wrap(plain);
        Assert.Equal(plain.Stages.Select(s => (s.Name, s.Requires, s.Produces)), timed.Stages.Select(s => (s.Name, s.Requires, s.Produces)));
        Assert.Equal(plain.Produces, timed.Produces);
        var document = timed.Process(Article(1));
        Assert.True(document.Has(Layers.Tokens | Layers.Sentences));
    }

    [Fact]
    public void Reset_clears_the_counters_and_a_failing_stage_is_still_timed()
    {
        var (pipeline, timings) = StageTimings.Wrap(new PipelineBuilder().Add(new FailingStage()).Build());
        Assert.Throws<DyadException>(() => pipeline.Process(Article(1)));
        Assert.Equal(1, timings.Snapshot()[0].Documents);
        timings.Reset();
        Assert.Equal(0, timings.Snapshot()[0].Documents);
        Assert.Equal(TimeSpan.Zero, timings.Snapshot()[0].Elapsed);
        Assert.Equal(0, timings.Snapshot()[0].Share);
    }
}

public class StageTimingsLongRunTests
{
    [Fact]
    public void Hours_of_stage_time_summed_over_threads_do_not_overflow()
    {
        var pipeline = new PipelineBuilder().Add(new Dyad.Cleaning.ScrapedTextCleaner()).Build();
        var (_, timings) = StageTimings.Wrap(pipeline);
        for (int i = 0; i < 10; i++) timings.Add(0, System.Diagnostics.Stopwatch.Frequency * 3600);
        var row = timings.Snapshot()[0];
        Assert.Equal(10 * 3600, row.Elapsed.TotalSeconds, 3);
        Assert.Equal(1.0, row.Share, 6);
    }
}
