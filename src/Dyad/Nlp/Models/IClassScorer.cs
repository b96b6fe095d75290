namespace Dyad.Nlp.Models;

/// <summary>
/// Adds the weights of hashed features to per-class scores: the shipped <see cref="LinearModel"/> at run time, the
/// perceptron being trained in Dyad.Training, so both decode with the same search code.
/// </summary>
public interface IClassScorer
{
    void AddScores(ReadOnlySpan<ulong> features, Span<float> scores);
}
