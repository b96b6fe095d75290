using Dyad.Errors;
using Dyad.Nlp.Models;

namespace Dyad.Nlp.Tagging;

/// <summary>
/// Greedy left-to-right averaged-perceptron tagger. Each class is a joint "UPOS XPOS" pair, so the two tag
/// sets never disagree. The lexicon maps frequent words to the set of tags they took in training.
/// </summary>
public sealed class PosTagger
{
    public const string Kind = "tagger";

    public PosTagger(LinearModel model, Dictionary<ulong, ulong> lexicon)
    {
        Model = model;
        Lexicon = lexicon;
        Upos = new string[model.ClassCount];
        Xpos = new string[model.ClassCount];
        for (int c = 0; c < model.ClassCount; c++)
        {
            var parts = model.Classes[c].Split(' ');
            if (parts.Length != 2) throw new DyadException(ErrorCode.ModelFormat, $"tagger class '{model.Classes[c]}' is not 'UPOS XPOS'");
            Upos[c] = string.Intern(parts[0]);
            Xpos[c] = string.Intern(parts[1]);
        }
    }

    public LinearModel Model { get; }
    public Dictionary<ulong, ulong> Lexicon { get; }
    public string[] Upos { get; }
    public string[] Xpos { get; }

    public WordInfo Describe(ReadOnlySpan<char> word)
    {
        var info = WordInfo.Of(word);
        info.Ambiguity = Lexicon.TryGetValue(info.Lower, out var amb) ? amb : 0;
        return info;
    }

    /// <summary>Tag one sentence; classes[i] receives the class number of word i.</summary>
    public void Tag(ReadOnlySpan<WordInfo> words, Span<int> classes)
    {
        Span<ulong> features = stackalloc ulong[TaggerFeatures.MaxFeatures];
        Span<float> scores = stackalloc float[Model.ClassCount];
        int prev1 = -1, prev2 = -2;
        for (int i = 0; i < words.Length; i++)
        {
            int n = TaggerFeatures.Extract(words, i, prev1, prev2, features);
            int best = Model.Best(features[..n], scores);
            classes[i] = best;
            prev2 = prev1;
            prev1 = best;
        }
    }

    public void Write(BinaryWriter w)
    {
        Model.Write(w);
        w.Write(Lexicon.Count);
        foreach (var (word, amb) in Lexicon.OrderBy(p => p.Key)) { w.Write(word); w.Write(amb); }
    }

    public static PosTagger Read(BinaryReader r)
    {
        var model = LinearModel.Read(r);
        int n = r.ReadInt32();
        var lexicon = new Dictionary<ulong, ulong>(n);
        for (int i = 0; i < n; i++) lexicon[r.ReadUInt64()] = r.ReadUInt64();
        return new PosTagger(model, lexicon);
    }
}
