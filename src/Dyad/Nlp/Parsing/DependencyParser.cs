using Dyad.Nlp.Models;

namespace Dyad.Nlp.Parsing;

/// <summary>
/// Greedy arc-eager dependency parser (averaged perceptron over transitions) followed by an arc labeller.
/// Input per sentence: word and tag hashes with index 0 for the root; output heads (0 = root) and label numbers.
/// </summary>
public sealed class DependencyParser(LinearModel transitions, LinearModel labels)
{
    public const string Kind = "parser";
    public static readonly ulong RootWord = FeatureHash.Of("<root>");
    public static readonly ulong RootTag = FeatureHash.Of("<ROOT>");

    public LinearModel Transitions { get; } = transitions;
    public LinearModel Labels { get; } = labels;

    /// <summary>Parse words 1..length; heads and labelIds are indexed the same way (entry 0 unused).</summary>
    public void Parse(ArcEagerState state, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, int length, Span<int> heads, Span<int> labelIds)
    {
        state.Reset(length);
        Span<ulong> features = stackalloc ulong[ParserFeatures.MaxFeatures];
        Span<float> scores = stackalloc float[4];
        while (!state.IsTerminal)
        {
            int n = ParserFeatures.Extract(state, words, tags, features);
            scores.Clear();
            Transitions.AddScores(features[..n], scores);
            state.Apply(BestValid(state, scores));
        }
        state.Finish();
        for (int i = 0; i <= length; i++) heads[i] = state.Heads[i];
        Label(heads, words, tags, length, labelIds);
    }

    public static Transition BestValid(ArcEagerState state, ReadOnlySpan<float> scores)
    {
        int best = -1;
        for (int t = 0; t < 4; t++)
            if (state.IsValid((Transition)t) && (best < 0 || scores[t] > scores[best])) best = t;
        return (Transition)best;
    }

    public void Label(ReadOnlySpan<int> heads, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, int length, Span<int> labelIds)
    {
        Span<int> left = length < 256 ? stackalloc int[length + 1] : new int[length + 1];
        Span<int> right = length < 256 ? stackalloc int[length + 1] : new int[length + 1];
        Span<int> count = length < 256 ? stackalloc int[length + 1] : new int[length + 1];
        LabelFeatures.Children(heads, length, left, right, count);
        Span<ulong> features = stackalloc ulong[LabelFeatures.MaxFeatures];
        Span<float> scores = stackalloc float[Labels.ClassCount];
        int rootLabel = Array.IndexOf(Labels.Classes, "root");
        for (int d = 1; d <= length; d++)
        {
            if (heads[d] == 0 && rootLabel >= 0) { labelIds[d] = rootLabel; continue; }
            int n = LabelFeatures.Extract(d, heads, length, words, tags, left, right, count, features);
            scores.Clear();
            Labels.AddScores(features[..n], scores);
            if (rootLabel >= 0) scores[rootLabel] = float.NegativeInfinity;
            labelIds[d] = LinearModel.ArgMax(scores);
        }
    }

    public void Write(BinaryWriter w)
    {
        Transitions.Write(w);
        Labels.Write(w);
    }

    public static DependencyParser Read(BinaryReader r) => new(LinearModel.Read(r), LinearModel.Read(r));
}
