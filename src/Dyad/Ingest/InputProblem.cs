using Dyad.Errors;

namespace Dyad.Ingest;

/// <summary>One input that could not be read, with where it was: file and, for JSONL, the line.</summary>
public sealed record InputProblem(string Origin, int? Line, ErrorCode Code, string Message)
{
    public override string ToString() =>
        Line is int line ? $"{Origin}:{line}: {Code.Format()} {Message}" : $"{Origin}: {Code.Format()} {Message}";
}

/// <summary>What a reader yields for each input: an article, or the reason there is none.</summary>
public readonly record struct ReadItem(Documents.Article? Article, InputProblem? Problem)
{
    public static ReadItem Ok(Documents.Article article) => new(article, null);
    public static ReadItem Fail(InputProblem problem) => new(null, problem);
}
