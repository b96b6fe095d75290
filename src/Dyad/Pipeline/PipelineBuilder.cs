using System.Collections.Immutable;
using Dyad.Documents;
using Dyad.Errors;

namespace Dyad.Pipeline;

/// <summary>Collects stages, checks that each one's inputs are produced before it runs, and freezes the result.</summary>
public sealed class PipelineBuilder
{
    private readonly List<IStage> _stages = [];

    public PipelineBuilder Add(IStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stages.Add(stage);
        return this;
    }

    /// <summary>Replace the stage of the given name, keeping its place (used to swap a first version for a trained one).</summary>
    public PipelineBuilder Replace(string name, IStage stage)
    {
        int i = _stages.FindIndex(s => s.Name == name);
        if (i < 0) throw new DyadException(ErrorCode.PipelineStageUnknown, $"no stage named '{name}' to replace");
        _stages[i] = stage;
        return this;
    }

    public IReadOnlyList<IStage> Stages => _stages;

    public DocumentPipeline Build()
    {
        var available = Layers.Text;
        var names = new HashSet<string>();
        foreach (var stage in _stages)
        {
            if (!names.Add(stage.Name))
                throw new DyadException(ErrorCode.PipelineOrder, $"stage '{stage.Name}' is added twice");
            var missing = stage.Requires & ~available;
            if (missing != Layers.None)
                throw new DyadException(ErrorCode.PipelineOrder,
                    $"stage '{stage.Name}' requires {missing}, which no earlier stage produces (available: {available})");
            available |= stage.Produces;
        }
        return new DocumentPipeline([.. _stages], available);
    }
}

/// <summary>A frozen, thread-safe sequence of stages.</summary>
public sealed class DocumentPipeline
{
    internal DocumentPipeline(ImmutableArray<IStage> stages, Layers produces)
    {
        Stages = stages;
        Produces = produces;
    }

    public ImmutableArray<IStage> Stages { get; }
    public Layers Produces { get; }

    public Document Process(Article article)
    {
        var document = new Document(article);
        Process(document);
        return document;
    }

    public void Process(Document document)
    {
        foreach (var stage in Stages) Run(stage, document);
    }

    /// <summary>
    /// Runs the documents through the pipeline stage by stage: every document through one stage before the next
    /// stage starts, so each stage's model tables stay in the processor's caches across the batch instead of
    /// being pushed out by the other stages' at every article. A document whose stage fails is reported through
    /// <paramref name="failed"/> (its index and the error) and goes no further; the others go on.
    /// </summary>
    public void Process(IReadOnlyList<Document> documents, Action<int, Exception> failed)
    {
        var alive = new bool[documents.Count];
        Array.Fill(alive, true);
        foreach (var stage in Stages)
            for (int i = 0; i < documents.Count; i++)
            {
                if (!alive[i]) continue;
                try
                {
                    Run(stage, documents[i]);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    alive[i] = false;
                    failed(i, e);
                }
            }
    }

    private static void Run(IStage stage, Document document)
    {
        if (!document.Has(stage.Requires))
            throw new DyadException(ErrorCode.PipelineOrder, $"stage '{stage.Name}' found {document.Present}, needs {stage.Requires}");
        try
        {
            stage.Process(document);
        }
        catch (Exception e) when (e is not DyadException and not OperationCanceledException)
        {
            // name the stage, keep the original for the stack trace (DYAD_DEBUG=1 prints it)
            throw new DyadException(ErrorCode.PipelineStageFailed, $"stage '{stage.Name}' failed: {e.GetType().Name}: {e.Message}", e);
        }
        document.MarkPresent(stage.Produces);
    }
}
