using Dyad.Nlp.Models;
using Dyad.Nlp.Tagging;

namespace Dyad.Nlp.Entities;

/// <summary>
/// Left-to-right BILOU entity tagger (averaged perceptron, trained and decoded with small beams, or greedily)
/// with hard constraints so labels always form well-nested spans. Classes are "O" and "B-X", "I-X", "L-X", "U-X"
/// for each type X of the training data.
/// </summary>
public sealed class EntityRecognizer
{
    public const string Kind = "ner";

    private readonly char[] _prefix;
    private readonly string[] _type;

    public EntityRecognizer(LinearModel model, Dictionary<ulong, ulong> lexicon, EntityGazetteer gazetteer)
        : this(model, lexicon, gazetteer, []) { }

    public EntityRecognizer(LinearModel model, Dictionary<ulong, ulong> lexicon, EntityGazetteer gazetteer, Dictionary<ulong, uint> clusters)
    {
        Model = model;
        Clusters = clusters;
        Lexicon = lexicon;
        Gazetteer = gazetteer;
        _prefix = new char[model.ClassCount];
        _type = new string[model.ClassCount];
        for (int c = 0; c < model.ClassCount; c++)
        {
            string name = model.Classes[c];
            _prefix[c] = name == "O" ? 'O' : name[0];
            _type[c] = name == "O" ? "" : string.Intern(name[2..]);
        }
    }

    public LinearModel Model { get; }
    /// <summary>Lower-cased word → hash of the entity types it took in training.</summary>
    public Dictionary<ulong, ulong> Lexicon { get; }
    public EntityGazetteer Gazetteer { get; }
    /// <summary>Lower-cased word → distributional cluster learned from unlabelled text (fine | coarse &lt;&lt; 16); empty in older files.</summary>
    public Dictionary<ulong, uint> Clusters { get; }

    /// <summary>Fill clusters[i] for each word (0 when the word has none).</summary>
    public void ClustersOf(ReadOnlySpan<WordInfo> words, Span<uint> clusters)
    {
        for (int i = 0; i < words.Length; i++) clusters[i] = Clusters.TryGetValue(words[i].Lower, out var c) ? c : 0;
    }

    public WordInfo Describe(ReadOnlySpan<char> word)
    {
        var info = WordInfo.Of(word);
        info.Ambiguity = Lexicon.TryGetValue(info.Lower, out var types) ? types : 0;
        return info;
    }

    public char PrefixOf(int c) => _prefix[c];
    public string TypeOf(int c) => _type[c];

    /// <summary>Whether class c may follow class prev (-1 = sentence start) in a BILOU sequence.</summary>
    public bool Allowed(int prev, int c)
    {
        char p = prev < 0 ? 'O' : _prefix[prev];
        char k = _prefix[c];
        bool open = p is 'B' or 'I';
        if (open) return k is 'I' or 'L' && _type[c] == _type[prev];
        return k is 'O' or 'B' or 'U';
    }

    /// <summary>Whether class c may end a sentence.</summary>
    public bool CanEnd(int c) => _prefix[c] is 'O' or 'L' or 'U';

    /// <summary>
    /// How many label sequences the decoder keeps per word: 1 is greedy; more lets a later word overturn an
    /// earlier choice (the sequence with the highest summed score wins).
    /// </summary>
    public int BeamWidth { get; init; } = DefaultBeamWidth;

    /// <summary>
    /// The width the recogniser decodes with, wider than the one it trains with (<see cref="TrainingBeamWidth"/>):
    /// the shipped model decoded at 8 instead of 4 scored higher on all three dev measures with both seed sets
    /// (UNER dev +0.2 and +0.1, GUM news typed +0.5 to +1.1) for a tenth to a quarter more time in the stage, while
    /// training at 8 as well lost 0.1 and 1.3 on UNER dev (models/README.md, session 17).
    /// </summary>
    public const int DefaultBeamWidth = 8;

    /// <summary>
    /// The width the shipped model was trained with (early update), chosen on UNER dev at O penalty 10: F1 67.3
    /// greedy, 70.8 with 2, 73.0 with 4, 73.3 with 8 (models/README.md, "Structured training of the recogniser").
    /// </summary>
    public const int TrainingBeamWidth = 4;

    public const int MaxBeamWidth = 16;

    /// <summary>The same model decoded with another beam width.</summary>
    public EntityRecognizer WithBeam(int width) => new(Model, Lexicon, Gazetteer, Clusters) { BeamWidth = width };

    public void Recognize(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, Span<int> classes)
        => Recognize(words, tags, [], [], classes, beam: BeamWidth > 1);

    /// <summary>With each word's dependency relation and head word (<see cref="EntitySyntax"/>), which the model reads when it was trained with them.</summary>
    public void Recognize(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<ulong> relations, ReadOnlySpan<ulong> heads, Span<int> classes)
        => Recognize(words, tags, relations, heads, classes, beam: BeamWidth > 1);

    internal void Recognize(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, Span<int> classes, bool beam)
        => Recognize(words, tags, [], [], classes, beam);

    /// <summary>Greedy or beam decoding whatever the width (a one-wide beam must agree with greedy decoding).</summary>
    internal void Recognize(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<ulong> relations, ReadOnlySpan<ulong> heads, Span<int> classes, bool beam)
    {
        Span<ulong> gazetteer = words.Length <= 256 ? stackalloc ulong[2 * words.Length] : new ulong[2 * words.Length];
        Gazetteer.Describe(words, gazetteer[..words.Length], gazetteer[words.Length..]);
        Span<uint> clusters = words.Length <= 256 ? stackalloc uint[words.Length] : new uint[words.Length];
        ClustersOf(words, clusters);
        var context = new EntityFeatures.Context(words, tags, gazetteer[..words.Length], gazetteer[words.Length..], clusters, relations, heads);
        if (beam) { BeamSearch(context, Model, Math.Clamp(BeamWidth, 1, MaxBeamWidth), [], classes); return; }
        Span<ulong> features = stackalloc ulong[EntityFeatures.MaxFeatures];
        Span<float> scores = stackalloc float[Model.ClassCount];
        int prev1 = -1, prev2 = -2;
        for (int i = 0; i < words.Length; i++)
        {
            int n = EntityFeatures.Extract(context, i, prev1, prev2, features);
            scores.Clear();
            Model.AddScores(features[..n], scores);
            int best = BestAllowed(prev1, scores, i == words.Length - 1);
            classes[i] = best;
            prev2 = prev1;
            prev1 = best;
        }
    }

    /// <summary>One label sequence in the beam: its summed score, last two labels and where it came from.</summary>
    private struct Hypothesis
    {
        public float Score;
        public int Prev1, Prev2, Parent;
    }

    /// <summary>
    /// Beam search over well-formed BILOU sequences, scoring each word's label-free features once and each
    /// hypothesis's label-history features on top. Writes the best sequence to best and returns its length: the
    /// sentence's, or, when gold labels are given and the gold sequence has just fallen out of the beam, the number
    /// of words read so far (training then updates on that prefix: early update, Collins and Roark 2004).
    /// </summary>
    public int BeamSearch<TScorer>(in EntityFeatures.Context context, TScorer scorer, int width, ReadOnlySpan<int> gold, Span<int> best)
        where TScorer : IClassScorer
    {
        int length = context.Words.Length, classCount = Model.ClassCount;
        Span<ulong> features = stackalloc ulong[EntityFeatures.MaxFeatures];
        Span<float> wordScores = stackalloc float[classCount];
        Span<float> historyScores = stackalloc float[width * classCount];
        Span<Hypothesis> beam = stackalloc Hypothesis[width], next = stackalloc Hypothesis[width];
        // labels[i * width + k] and parents[...] record the k-th hypothesis after word i, to read the best one back
        int cells = length * width;
        Span<int> labels = cells <= 1024 ? stackalloc int[cells] : new int[cells];
        Span<int> parents = cells <= 1024 ? stackalloc int[cells] : new int[cells];
        beam[0] = new Hypothesis { Prev1 = -1, Prev2 = -2, Parent = -1 };
        int size = 1, goldAt = 0, read = length;
        for (int i = 0; i < length; i++)
        {
            int n = EntityFeatures.ExtractStatic(context, i, features);
            wordScores.Clear();
            scorer.AddScores(features[..n], wordScores);
            bool last = i == length - 1;
            int nextSize = 0;
            for (int k = 0; k < size; k++)
            {
                ref readonly var h = ref beam[k];
                // hypotheses that end in the same two labels score the word the same: reuse the first one's scores
                int same = 0;
                while (same < k && (beam[same].Prev1 != h.Prev1 || beam[same].Prev2 != h.Prev2)) same++;
                var scores = historyScores.Slice(same * classCount, classCount);
                if (same == k)
                {
                    wordScores.CopyTo(scores);
                    int m = EntityFeatures.ExtractHistory(context, i, h.Prev1, h.Prev2, features);
                    scorer.AddScores(features[..m], scores);
                }
                for (int c = 0; c < classCount; c++)
                {
                    if (!Allowed(h.Prev1, c) || (last && !CanEnd(c))) continue;
                    float total = h.Score + scores[c];
                    // keep the best `width` candidates, sorted best first; ties keep the earlier one
                    int at = nextSize;
                    while (at > 0 && next[at - 1].Score < total) at--;
                    if (at >= width) continue;
                    for (int j = Math.Min(nextSize, width - 1); j > at; j--) next[j] = next[j - 1];
                    next[at] = new Hypothesis { Score = total, Prev1 = c, Prev2 = h.Prev1, Parent = k };
                    if (nextSize < width) nextSize++;
                }
            }
            for (int k = 0; k < nextSize; k++)
            {
                labels[i * width + k] = next[k].Prev1;
                parents[i * width + k] = next[k].Parent;
            }
            next[..nextSize].CopyTo(beam);
            size = nextSize;
            if (gold.IsEmpty) continue;
            int found = -1;
            for (int k = 0; k < size && found < 0; k++)
                if (beam[k].Parent == goldAt && beam[k].Prev1 == gold[i]) found = k;
            goldAt = found;
            if (found < 0) { read = i + 1; break; }
        }
        for (int i = read - 1, k = 0; i >= 0; i--)
        {
            best[i] = labels[i * width + k];
            k = parents[i * width + k];
        }
        return read;
    }

    public int BestAllowed(int prev, ReadOnlySpan<float> scores, bool last)
    {
        int best = -1;
        for (int c = 0; c < scores.Length; c++)
        {
            if (!Allowed(prev, c) || (last && !CanEnd(c))) continue;
            if (best < 0 || scores[c] > scores[best]) best = c;
        }
        return best;
    }

    /// <summary>Spans [start, end) with their type from a BILOU class sequence.</summary>
    public List<(int Start, int End, string Type)> Spans(ReadOnlySpan<int> classes)
    {
        var spans = new List<(int Start, int End, string Type)>();
        AddSpans(classes, 0, spans);
        return spans;
    }

    /// <summary>The same spans, moved by offset (the sentence's first token in its document), added to spans.</summary>
    public void AddSpans(ReadOnlySpan<int> classes, int offset, List<(int Start, int End, string Type)> spans)
    {
        int start = -1;
        for (int i = 0; i < classes.Length; i++)
        {
            switch (_prefix[classes[i]])
            {
                case 'U': spans.Add((offset + i, offset + i + 1, _type[classes[i]])); start = -1; break;
                case 'B': start = i; break;
                case 'L': if (start >= 0) spans.Add((offset + start, offset + i + 1, _type[classes[i]])); start = -1; break;
                case 'O': start = -1; break;
            }
        }
    }

    public void Write(BinaryWriter w)
    {
        Model.Write(w);
        w.Write(Lexicon.Count);
        foreach (var (word, types) in Lexicon.OrderBy(p => p.Key)) { w.Write(word); w.Write(types); }
        Gazetteer.Write(w);
        w.Write(Clusters.Count);
        foreach (var (word, cluster) in Clusters.OrderBy(p => p.Key)) { w.Write(word); w.Write(cluster); }
    }

    public static EntityRecognizer Read(BinaryReader r)
    {
        var model = LinearModel.Read(r);
        int n = r.ReadInt32();
        var lexicon = new Dictionary<ulong, ulong>(n);
        for (int i = 0; i < n; i++) lexicon[r.ReadUInt64()] = r.ReadUInt64();
        var gazetteer = EntityGazetteer.Read(r);
        // files written before word clusters end here
        var clusters = new Dictionary<ulong, uint>();
        if (r.BaseStream.Position < r.BaseStream.Length)
        {
            int m = r.ReadInt32();
            clusters.EnsureCapacity(m);
            for (int i = 0; i < m; i++) clusters[r.ReadUInt64()] = r.ReadUInt32();
        }
        return new EntityRecognizer(model, lexicon, gazetteer, clusters);
    }
}
