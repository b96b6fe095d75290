using Dyad.Errors;
using Dyad.Nlp.Lemmatization;
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
            if (parts[0] == "VERB" && parts[1] == "VBP") _presentPlural = c;
            if (parts[0] == "VERB" && parts[1] == "VBD") _simplePast = c;
            if (parts[0] == "VERB" && parts[1] == "VBN") _participle = c;
        }
    }

    private readonly int _presentPlural = -1, _simplePast = -1, _participle = -1;

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

    private static readonly ulong ToWord = FeatureHash.OfLower("to");
    private static readonly ulong StopWord = FeatureHash.OfLower("."), QuestionWord = FeatureHash.OfLower("?"), ExclamationWord = FeatureHash.OfLower("!");

    /// <summary>
    /// Headlines drop articles and auxiliaries ("Trump and Kim sign document", "US plans to sell arms"), and a
    /// tagger trained on full sentences reads their verb as a noun. A common noun right after a proper name or a
    /// pronoun becomes a present-tense verb when the tagger ranked that reading second, the line has no final stop,
    /// and either it has no finite verb at all or the word is followed by "to" and a verb. Returns how many tags changed.
    /// </summary>
    public int RepairVerbs(ReadOnlySpan<WordInfo> words, Span<int> classes)
    {
        if (words.Length < 3) return 0;
        bool finite = false;
        foreach (var c in classes)
            if (Xpos[c] is "VBZ" or "VBP" or "VBD" or "MD") { finite = true; break; }
        // a line that ends in a stop is a sentence, not a headline: its missing verb is a fragment's, not a headline's
        var lastWord = words[^1].Lower;
        if (lastWord == StopWord || lastWord == QuestionWord || lastWord == ExclamationWord) return 0;
        Span<ulong> features = stackalloc ulong[TaggerFeatures.MaxFeatures];
        Span<float> scores = stackalloc float[Model.ClassCount];
        int changed = 0;
        for (int i = 1; i + 1 < words.Length; i++)
        {
            var xpos = Xpos[classes[i]];
            if (xpos is not ("NN" or "NNS") || Xpos[classes[i - 1]] is not ("NNP" or "NNPS" or "PRP")) continue;
            bool toVerb = words[i + 1].Lower == ToWord && i + 2 < words.Length && Xpos[classes[i + 2]] == "VB";
            if (finite && !toVerb) continue;
            int n = TaggerFeatures.Extract(words, i, classes[i - 1], i > 1 ? classes[i - 2] : -1, features);
            int best = Model.Best(features[..n], scores);
            int second = -1;
            for (int c = 0; c < scores.Length; c++)
                if (c != best && (second < 0 || scores[c] > scores[second])) second = c;
            if (second < 0 || Upos[second] != "VERB") continue;
            // a base form ranked second is the same verb: headlines use the present ("sign", "plans")
            if (xpos == "NNS" ? Xpos[second] != "VBZ" : Xpos[second] is not ("VBP" or "VB") || _presentPlural < 0) continue;
            classes[i] = xpos == "NNS" ? second : _presentPlural;
            changed++;
            finite = true; // one main verb per headline
        }
        return changed;
    }

    private static readonly HashSet<ulong> PerfectOrPassiveAuxiliaries =
        [.. new[] { "have", "has", "had", "having", "'ve", "'d", "be", "is", "are", "was", "were", "been", "being", "'s", "'re" }.Select(w => FeatureHash.OfLower(w))];

    /// <summary>
    /// The tagger reads an irregular past it never saw in training as a present ("the army froze the assets" →
    /// VB, "who forbade it" → VBP), which hides the tense from event dating. A verb tagged present whose word is
    /// unknown to the tagger's lexicon and is an irregular past or participle (not also a base: "cut", "lay")
    /// becomes a past (VBD), or a participle (VBN) after a form of "have" or "be" or when it can only be one.
    /// Returns how many tags changed.
    /// </summary>
    public int RepairIrregularPasts(ReadOnlySpan<WordInfo> words, Span<int> classes)
    {
        if (_simplePast < 0 || _participle < 0) return 0;
        int changed = 0;
        for (int i = 0; i < words.Length; i++)
        {
            if (words[i].Ambiguity != 0 || Xpos[classes[i]] is not ("VB" or "VBP" or "VBZ")) continue;
            var form = IrregularVerbs.FormOf(words[i].Lower);
            if (form == IrregularForm.None) continue;
            bool afterAuxiliary = false;
            for (int k = i - 1; k >= 0 && k >= i - 2; k--)
                if (PerfectOrPassiveAuxiliaries.Contains(words[k].Lower)) { afterAuxiliary = true; break; }
            bool participle = (form & IrregularForm.Participle) != 0 && (afterAuxiliary || (form & IrregularForm.Past) == 0);
            classes[i] = participle ? _participle : _simplePast;
            changed++;
        }
        return changed;
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
