using Dyad.Documents;

namespace Dyad.Pipeline;

/// <summary>
/// One per-article step. A stage must be safe to call from many threads at once on different documents:
/// everything it learns about a document goes into that document's layers, never into the stage.
/// </summary>
public interface IStage
{
    /// <summary>A short stable name, shown in errors, progress and benchmarks.</summary>
    string Name { get; }
    Layers Requires { get; }
    Layers Produces { get; }
    void Process(Document document);
}
