using Dyad.Documents;
using Dyad.Errors;
using Dyad.Pipeline;

namespace Dyad.Tests.Pipeline;

public class PipelineBuilderTests
{
    private sealed class FakeStage(string name, Layers requires, Layers produces) : IStage
    {
        public string Name => name;
        public Layers Requires => requires;
        public Layers Produces => produces;
        public int Calls;
        public void Process(Document document) => Interlocked.Increment(ref Calls);
    }

    [Fact]
    public void Build_rejects_a_stage_whose_inputs_come_later()
    {
        var builder = new PipelineBuilder()
            .Add(new FakeStage("sentences", Layers.Tokens, Layers.Sentences))
            .Add(new FakeStage("tokens", Layers.Text, Layers.Tokens));
        var error = Assert.Throws<DyadException>(() => builder.Build());
        Assert.Equal(ErrorCode.PipelineOrder, error.Code);
        Assert.Contains("'sentences' requires Tokens", error.Message);
    }

    [Fact]
    public void Build_accepts_stages_in_order_and_runs_each_once()
    {
        var tokens = new FakeStage("tokens", Layers.Text, Layers.Tokens);
        var sentences = new FakeStage("sentences", Layers.Tokens, Layers.Sentences);
        var pipeline = new PipelineBuilder().Add(tokens).Add(sentences).Build();
        var doc = pipeline.Process(new Article { Id = "a", Text = "x" });
        Assert.Equal(1, tokens.Calls);
        Assert.Equal(1, sentences.Calls);
        Assert.True(doc.Has(Layers.Tokens | Layers.Sentences));
        Assert.Equal(Layers.Text | Layers.Tokens | Layers.Sentences, pipeline.Produces);
    }

    [Fact]
    public void Build_rejects_the_same_stage_twice()
    {
        var builder = new PipelineBuilder()
            .Add(new FakeStage("tokens", Layers.Text, Layers.Tokens))
            .Add(new FakeStage("tokens", Layers.Text, Layers.Tokens));
        Assert.Throws<DyadException>(() => builder.Build());
    }

    [Fact]
    public void Replace_keeps_the_position()
    {
        var builder = new PipelineBuilder()
            .Add(new FakeStage("tokens", Layers.Text, Layers.Tokens))
            .Add(new FakeStage("sentences", Layers.Tokens, Layers.Sentences));
        builder.Replace("tokens", new FakeStage("tokens", Layers.Text, Layers.Tokens | Layers.PartOfSpeech));
        Assert.Equal(Layers.Tokens | Layers.PartOfSpeech, builder.Stages[0].Produces);
    }
}
