using System.Text.Json.Nodes;
using Dyad.Nlp.Conllu;
using Dyad.Nlp.Entities;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;
using Dyad.Nlp.Tagging;

namespace Dyad.Training;

/// <summary>Trains the BILOU entity recogniser on UNER English EWT (train pre-release), with Dyad's own tags.</summary>
public static class NerTrainer
{
    public static readonly int Epochs = int.Parse(Environment.GetEnvironmentVariable("NER_EPOCHS") ?? "12", System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>Folds for the training lexicon: each sentence sees the lexicon of the other folds (NER_LEXJK=1); off, since
    /// it raised recall but lost more precision (dev F1 61.3 against 62.3, before clusters).</summary>
    public static readonly bool JackknifeLexicon = (Environment.GetEnvironmentVariable("NER_LEXJK") ?? "0") == "1";
    public const int LexiconFolds = 5;
    /// <summary>Carry names found once to their other occurrences in the document (NER_PROP=0 turns it off).</summary>
    public static readonly bool Propagate = (Environment.GetEnvironmentVariable("NER_PROP") ?? "1") == "1";
    /// <summary>
    /// Taken from the O class's bias weight after training: the recogniser found too few names (dev precision
    /// 68, recall 59), and a lower bias for O trades some precision for recall. Chosen on UNER dev (mean of
    /// three seeds): 30 before word dropout (penalties 0/10/20/30: 64.0/64.3/64.3/64.4); with word dropout the
    /// model is less sure of O by itself, and 10 is best (0/10/20/30 at dropout 0.3: -/67.2/66.7/66.2, at 0.2:
    /// 66.8/67.1/66.7/66.7); the beam-trained recogniser, session 9 (0/2/5/10/20: 73.3/73.2/73.1/72.7/71.9 on UNER dev,
    /// 58.0/58.0/58.3/58.4/57.1 typed on GUM train news), gained nothing beyond seed noise from 5. NER_OPENALTY overrides it.
    /// </summary>
    public static readonly float OPenalty = float.Parse(Environment.GetEnvironmentVariable("NER_OPENALTY") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>
    /// What GUM's entity layer adds to the training data (NER_GUM): "0" nothing; "names" (shipped since session 16)
    /// the sentences of GUM train's commercially usable documents, news left out (the recogniser's news dev set), with
    /// names cut as UNER marks them and known places typed as places (<see cref="GumEntities.TrainingNames"/>), only the
    /// sentences without a person's name: GUM's persons (characters, groups, titles) lowered UNER dev PER precision by
    /// 3 points, while its places and organisations help (UNER dev 75.68 / 76.33 → 76.88 / 77.26 for two sets of five
    /// seeds; with the persons' sentences 74.71 / 75.55); "mentions" session 9's cruder conversion (every mention with
    /// a proper-noun head, GUM's role types, news included), which lost 3.9 on UNER dev.
    /// </summary>
    public static readonly string GumMode = Environment.GetEnvironmentVariable("NER_GUM") ?? "0";
    /// <summary>Train on jackknifed tags (NER_JACKKNIFE=1); off, since it scored 59.1 against 62.3 on dev with honest tags.</summary>
    public static readonly bool UseJackknife = (Environment.GetEnvironmentVariable("NER_JACKKNIFE") ?? "0") == "1";
    /// <summary>
    /// Share of training words shown as never seen, drawn anew for every sentence in every epoch (NER_DROPOUT):
    /// no identity and no training-lexicon entry, while shape, affixes, tags, gazetteer and clusters stay. The
    /// recogniser otherwise learns train's names by heart (its lexicon is built from the very labels it learns,
    /// token error 0.3% on train) and has little to go on for the names dev and test bring (Firefox, NiMo).
    /// UNER dev, mean of three seeds (O penalty 10): 0.1 66.5, 0.2 67.1, 0.3 67.2, 0.4 66.5, against 65.0 without.
    /// </summary>
    public static readonly double WordDropout = double.Parse(Environment.GetEnvironmentVariable("NER_DROPOUT") ?? "0.3", System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>What a dropped word's identity becomes: one "unknown word" for all.</summary>
    private static readonly ulong UnknownWord = FeatureHash.Of("<unknown word>");
    public const int LexiconMinCount = 2;
    public const double LexiconMinShare = 0.1;
    public const int MinUpdates = 1;
    public static readonly float MinWeight = float.Parse(Environment.GetEnvironmentVariable("NER_MINWEIGHT") ?? "0.01", System.Globalization.CultureInfo.InvariantCulture);

    public sealed record Encoded(WordInfo[] Words, ulong[] Tags, ulong[] Names, ulong[] NameParts, uint[] Clusters, int[] Gold)
    {
        public ulong[] Relations { get; init; } = [];
        public ulong[] HeadWords { get; init; } = [];
    }

    /// <summary>
    /// Dependency features: each word's relation and head word from the parse (NER_SYNTAX=0 leaves them out). The
    /// training sentences are parsed by parsers that never saw them (<see cref="SyntaxFolds"/> folds of EWT train),
    /// so the recogniser learns how far to trust trees as good as the ones it gets at run time.
    /// </summary>
    public static readonly bool UseSyntax = (Environment.GetEnvironmentVariable("NER_SYNTAX") ?? "1") == "1";
    public const int SyntaxFolds = 4;
    /// <summary>The fold parsers train shorter than the shipped parser (8 epochs against 12, one seed, pseudo-projective).</summary>
    public const int SyntaxParserEpochs = 8;

    /// <summary>The parse of one training sentence (none when it was not parsed or its words differ).</summary>
    private static (ulong[] Relations, ulong[] HeadWords) SyntaxOf(Iob2Sentence s, IReadOnlyDictionary<string, (ulong[] Relations, ulong[] Heads)>? syntax)
    {
        if (syntax == null || s.SentenceId is not { } id || !syntax.TryGetValue(id, out var t) || t.Relations.Length != s.Words.Length) return ([], []);
        return t;
    }

    /// <summary>Relations and head words of gold-token words with the given XPOS, parsed by the parse stage.</summary>
    public static (ulong[] Relations, ulong[] Heads) Parse(ParserStage parser, IReadOnlyList<string> words, IReadOnlyList<string> xpos)
    {
        var document = TreebankEvaluation.GoldTokenDocument(words);
        for (int i = 0; i < words.Count; i++) document.Xpos[i] = xpos[i];
        return TreebankEvaluation.Syntax(parser, document);
    }

    /// <summary>
    /// Parses EWT train with <see cref="SyntaxFolds"/> parsers, each trained on the other folds with the jackknifed
    /// tags, and GUM train's commercially usable documents with the first of them (none saw GUM). Kept in
    /// DYAD_NER_SYNTAX_CACHE when set (<see cref="TrainingSyntaxCache"/>): the parses are deterministic for a seed, so
    /// the cache changes nothing but time.
    /// </summary>
    /// <param name="devSentences">UNER dev sentences that join the training data (NER_DEV), with tags from a tagger
    /// that did not see them; the first fold parser, which never saw dev either, parses them.</param>
    /// <returns>Sentence id → relations and head words from a parser that did not train on the sentence.</returns>
    private static Dictionary<string, (ulong[] Relations, ulong[] Heads)> BuildTrainingSyntax(TrainingContext ctx, PosTagger tagger,
        IReadOnlyList<(string Id, string[] Words, string[] Xpos)> devSentences)
    {
        var cache = Environment.GetEnvironmentVariable("DYAD_NER_SYNTAX_CACHE");
        if (cache != null)
        {
            var cached = TrainingSyntaxCache.Read(cache, ctx.Seed, devSentences.Select(d => d.Id), out var stale);
            if (cached != null)
            {
                TrainingContext.Log($"ner: {cached.Count} parsed training sentences from {cache}");
                return cached;
            }
            if (stale != null) TrainingContext.Log($"ner: {stale}; parsing afresh");
        }
        var trainingSyntax = new Dictionary<string, (ulong[] Relations, ulong[] Heads)>(StringComparer.Ordinal);
        var ewt = ctx.EwtSentences("train");
        var tags = ParserTrainer.JackknifedTrainTags(ctx);
        var gum = GumEntities.CommercialDocuments(ctx.Gum("train"));
        var gumTags = gum.Select(g => ParserTrainer.TagSentence(tagger, g)).ToArray();
        // whatever PARSER_* says for the shipped parser, the fold parsers are one seed each, labelled, pseudo-projective
        var foldRun = new ParserRun(SyntaxParserEpochs, PseudoProjective: true, Seeds: 1, Hierarchical: false);
        for (int k = 0; k < SyntaxFolds; k++)
        {
            var keep = Enumerable.Range(0, ewt.Count).Where(i => FoldOf(i, ewt.Count, SyntaxFolds) != k).ToArray();
            TrainingContext.Log($"ner: fold parser {k + 1} of {SyntaxFolds} ({keep.Length} EWT train sentences)");
            var parser = new ParserStage(ParserTrainer.Train([.. keep.Select(i => ewt[i])], [.. keep.Select(i => tags[i])], ctx.Seed + k, null, null, [], foldRun));
            for (int i = 0; i < ewt.Count; i++)
                if (FoldOf(i, ewt.Count, SyntaxFolds) == k && ewt[i].SentenceId is { } id) trainingSyntax[id] = Parse(parser, ewt[i].Forms, tags[i]);
            if (k == 0)
            {
                for (int g = 0; g < gum.Count; g++)
                    if (gum[g].SentenceId is { } id) trainingSyntax[id] = Parse(parser, gum[g].Forms, gumTags[g]);
                foreach (var (id, words, xpos) in devSentences) trainingSyntax[id] = Parse(parser, words, xpos);
            }
        }
        if (cache != null) TrainingSyntaxCache.Write(cache, ctx.Seed, trainingSyntax);
        TrainingContext.Log($"ner: {trainingSyntax.Count} training sentences parsed by parsers that did not see them");
        return trainingSyntax;
    }

    public static int FoldOf(int sentence, int count, int folds) => (int)((long)sentence * folds / count);
    /// <summary>
    /// Beam width in training (NER_BEAM): above 1, a structured perceptron with early update over a beam
    /// (<see cref="EntityRecognizer.TrainingBeamWidth"/> by default; the recogniser decodes with a wider one); 1 trains
    /// greedily on the model's own previous labels.
    /// </summary>
    public static readonly int BeamWidth = int.Parse(Environment.GetEnvironmentVariable("NER_BEAM") ?? EntityRecognizer.TrainingBeamWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// How many perceptrons, trained with seeds seed, seed + 1, …, are averaged into the model (NER_SEEDS; 1 trains
    /// one). Single seeds differ by up to a point of F1; their mean is steadier.
    /// </summary>
    public static readonly int Seeds = int.Parse(Environment.GetEnvironmentVariable("NER_SEEDS") ?? "1", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Word-cluster features from unlabelled text (NER_CLUSTERS=0 turns them off).</summary>
    public static readonly bool UseClusters = (Environment.GetEnvironmentVariable("NER_CLUSTERS") ?? "1") == "1";

    public static string[] Bilou(Iob2Sentence s)
    {
        var labels = Enumerable.Repeat("O", s.Words.Length).ToArray();
        foreach (var (start, end, type) in Iob2Reader.Spans(s.Tags))
        {
            if (end - start == 1) { labels[start] = "U-" + type; continue; }
            labels[start] = "B-" + type;
            for (int i = start + 1; i < end - 1; i++) labels[i] = "I-" + type;
            labels[end - 1] = "L-" + type;
        }
        return labels;
    }

    /// <summary>
    /// Dev is scored with the parse the entities stage gets, the models folder's parser's; none when the recogniser
    /// reads no syntax (NER_SYNTAX=0). `train all` trains the recogniser before the parser, so a fresh folder has
    /// none yet: dev is then scored without the parse (the model file does not depend on it).
    /// </summary>
    private static ParserStage? ShippedParser(TrainingContext ctx)
    {
        if (!UseSyntax) return null;
        if (ModelManifest.LoadOrCreate(ctx.ModelsDirectory).Has(DependencyParser.Kind)) return new ParserStage(NlpModels.Load(ctx.ModelsDirectory).Parser);
        TrainingContext.Log("ner: no parser in the models folder yet, so dev is scored without the parse");
        return null;
    }

    public static string[] XposOf(PosTagger tagger, string[] words)
    {
        var info = words.Select(w => tagger.Describe(w)).ToArray();
        var classes = new int[words.Length];
        tagger.Tag(info, classes);
        return classes.Select(c => tagger.Xpos[c]).ToArray();
    }

    /// <summary>Tags (and, given a parser, the parse) the recogniser reads for gold-token words.</summary>
    public static TreebankEvaluation.WordAnalysis Analyse(PosTagger tagger, ParserStage? parser, string[] words)
    {
        var xpos = XposOf(tagger, words);
        var tags = xpos.Select(FeatureHash.Of).ToArray();
        if (parser == null) return TreebankEvaluation.WordAnalysis.TagsOnly(tags);
        var (relations, heads) = Parse(parser, words, xpos);
        return new TreebankEvaluation.WordAnalysis(tags, relations, heads);
    }

    public static ulong[] TagHashes(PosTagger tagger, string[] words) => [.. XposOf(tagger, words).Select(FeatureHash.Of)];

    /// <summary>
    /// Trains one perceptron per seed on the same encoded data and averages them (one seed: that perceptron);
    /// trained is the first seed's perceptron. The gazetteer is built from Dyad's tables unless the caller has one;
    /// syntax gives the training sentences' parses by sentence id (none: no dependency features).
    /// </summary>
    public static EntityRecognizer Train(List<Iob2Sentence> train, PosTagger tagger, IReadOnlyList<int> seeds,
        Func<Iob2Sentence, ulong[]?>? trainTags, out AveragedPerceptron trained, Dictionary<ulong, uint>? clusters = null, EntityGazetteer? gazetteer = null,
        IReadOnlyDictionary<string, (ulong[] Relations, ulong[] Heads)>? syntax = null)
    {
        clusters ??= [];
        var bilou = train.Select(Bilou).ToArray();
        var types = train.SelectMany(s => Iob2Reader.Spans(s.Tags).Select(p => p.Label)).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToArray();
        var classes = new List<string> { "O" };
        foreach (var t in types) classes.AddRange(["B-" + t, "I-" + t, "L-" + t, "U-" + t]);
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var lexicon = BuildLexicon(train, bilou, _ => true);
        // a lexicon built from the sentence itself tells the model the answer for every seen word; built from
        // the other folds it is as often missing or wrong as it is on new text
        var foldLexicons = JackknifeLexicon
            ? Enumerable.Range(0, LexiconFolds).Select(k => BuildLexicon(train, bilou, i => FoldOf(i, train.Count) != k)).ToArray()
            : null;
        gazetteer ??= EntityGazetteerBuilder.Build();
        var recognizerShell = new EntityRecognizer(new LinearModel([.. classes], [], [0], [], []), lexicon, gazetteer, clusters);
        var data = train.Select((s, i) =>
        {
            var lex = foldLexicons?[FoldOf(i, train.Count)] ?? lexicon;
            var words = s.Words.Select(w => Describe(w, lex)).ToArray();
            var names = new ulong[words.Length];
            var nameParts = new ulong[words.Length];
            gazetteer.Describe(words, names, nameParts);
            var wordClusters = new uint[clusters.Count == 0 ? 0 : words.Length];
            if (wordClusters.Length > 0) recognizerShell.ClustersOf(words, wordClusters);
            var (rels, heads) = SyntaxOf(s, syntax);
            return new Encoded(words, trainTags?.Invoke(s) ?? TagHashes(tagger, s.Words), names, nameParts, wordClusters, bilou[i].Select(l => classIndex[l]).ToArray()) { Relations = rels, HeadWords = heads };
        }).ToArray();
        trained = null!;
        var models = new List<LinearModel>(seeds.Count);
        foreach (int seed in seeds)
        {
            if (seeds.Count > 1) TrainingContext.Log($"ner: seed {seed} ({models.Count + 1} of {seeds.Count})");
            var perceptron = TrainOne(seed);
            if (models.Count == 0) trained = perceptron;
            models.Add(perceptron.Export(MinUpdates, MinWeight));
        }
        var model = models.Count == 1 ? models[0] : LinearModel.Mean(models, MinWeight);
        return new EntityRecognizer(model, lexicon, gazetteer, clusters);

        AveragedPerceptron TrainOne(int seed)
        {
            var perceptron = new AveragedPerceptron([.. classes]);
            var rng = new Random(seed);
            var dropRng = new Random(unchecked(seed * 31 + 17));
            var shown = new WordInfo[data.Max(d => d.Words.Length)];
            var order = Enumerable.Range(0, data.Length).ToArray();
            var features = new ulong[EntityFeatures.MaxFeatures];
            var scores = new float[classes.Count];
            var guessed = new int[shown.Length];
            for (int epoch = 0; epoch < Epochs; epoch++)
            {
                rng.Shuffle(order);
                long errors = 0, total = 0;
                foreach (int si in order)
                {
                    var e = data[si];
                    var context = new EntityFeatures.Context(WithDropout(e.Words, shown, dropRng), e.Tags, e.Names, e.NameParts, e.Clusters, e.Relations, e.HeadWords);
                    if (BeamWidth > 1)
                    {
                        int read = recognizerShell.BeamSearch(context, perceptron, BeamWidth, e.Gold, guessed);
                        for (int i = 0; i < read; i++) perceptron.Tick();
                        for (int i = 0; i < read; i++) if (guessed[i] != e.Gold[i]) errors++;
                        total += read;
                        UpdateOnSequences(perceptron, context, e.Gold, guessed, read, features);
                        continue;
                    }
                    int prev1 = -1, prev2 = -2;
                    for (int i = 0; i < e.Words.Length; i++)
                    {
                        perceptron.Tick();
                        int n = EntityFeatures.Extract(context, i, prev1, prev2, features);
                        perceptron.Score(features.AsSpan(0, n), scores);
                        int guess = recognizerShell.BestAllowed(prev1, scores, i == e.Words.Length - 1);
                        perceptron.Update(features.AsSpan(0, n), e.Gold[i], guess);
                        if (guess != e.Gold[i]) errors++;
                        total++;
                        prev2 = prev1;
                        prev1 = guess;
                    }
                }
                TrainingContext.Log($"ner epoch {epoch + 1}: token error rate {100.0 * errors / total:F2}% features {perceptron.FeatureCount}");
            }
            if (OPenalty != 0) perceptron.ShiftAverage(EntityFeatures.Bias, 0, -OPenalty);
            return perceptron;
        }
    }

    /// <summary>
    /// Structured perceptron update over the first `read` words: where the gold and guessed sequences differ in a
    /// label or in the history it was chosen after, the gold label's features (read with the gold history) gain one
    /// and the guess's (read with the guessed history) lose one.
    /// </summary>
    private static void UpdateOnSequences(AveragedPerceptron perceptron, in EntityFeatures.Context context, int[] gold, int[] guessed, int read, ulong[] features)
    {
        for (int j = 0; j < read; j++)
        {
            int g1 = j > 0 ? gold[j - 1] : -1, g2 = j > 1 ? gold[j - 2] : j == 1 ? -1 : -2;
            int p1 = j > 0 ? guessed[j - 1] : -1, p2 = j > 1 ? guessed[j - 2] : j == 1 ? -1 : -2;
            if (gold[j] == guessed[j] && g1 == p1 && g2 == p2) continue;
            int n = EntityFeatures.Extract(context, j, g1, g2, features);
            perceptron.Adjust(features.AsSpan(0, n), gold[j], 1f);
            n = EntityFeatures.Extract(context, j, p1, p2, features);
            perceptron.Adjust(features.AsSpan(0, n), guessed[j], -1f);
        }
    }

    /// <summary>The sentence's words with a random <see cref="WordDropout"/> share of them made unknown (into buffer).</summary>
    private static ReadOnlySpan<WordInfo> WithDropout(WordInfo[] words, WordInfo[] buffer, Random rng)
    {
        if (WordDropout <= 0) return words;
        for (int i = 0; i < words.Length; i++)
        {
            buffer[i] = words[i];
            if (rng.NextDouble() >= WordDropout) continue;
            buffer[i].Lower = UnknownWord;
            buffer[i].Form = UnknownWord;
            buffer[i].Ambiguity = 0;
        }
        return buffer.AsSpan(0, words.Length);
    }

    /// <summary>Contiguous blocks of sentences, so a document mostly stays in one fold.</summary>
    public static int FoldOf(int sentence, int count) => FoldOf(sentence, count, LexiconFolds);

    private static WordInfo Describe(string word, Dictionary<ulong, ulong> lexicon)
    {
        var info = WordInfo.Of(word);
        info.Ambiguity = lexicon.TryGetValue(info.Lower, out var types) ? types : 0;
        return info;
    }

    private static Dictionary<ulong, ulong> BuildLexicon(List<Iob2Sentence> train, string[][] bilou, Func<int, bool> use)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        for (int si = 0; si < train.Count; si++)
        {
            if (!use(si)) continue;
            for (int i = 0; i < train[si].Words.Length; i++)
            {
                var key = train[si].Words[i].ToLowerInvariant();
                string type = bilou[si][i] == "O" ? "O" : bilou[si][i][2..];
                if (!counts.TryGetValue(key, out var c)) counts[key] = c = [];
                c[type] = c.GetValueOrDefault(type) + 1;
            }
        }
        var lexicon = new Dictionary<ulong, ulong>();
        foreach (var (word, c) in counts)
        {
            int total = c.Values.Sum();
            if (total < LexiconMinCount || c.Keys.All(k => k == "O")) continue;
            var kept = c.Where(p => p.Value >= LexiconMinShare * total).Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
            if (kept.Count == 1 && kept[0] == "O") continue;
            lexicon[FeatureHash.OfLower(word)] = FeatureHash.Of("ner:" + string.Join('|', kept));
        }
        return lexicon;
    }

    /// <summary>A tagger trained on EWT train alone (kept in DYAD_DEV_TAGGER_CACHE when set), for honest dev scores.</summary>
    public static PosTagger TrainOnlyTagger(TrainingContext ctx)
    {
        var cache = Environment.GetEnvironmentVariable("DYAD_DEV_TAGGER_CACHE");
        if (cache != null && File.Exists(cache)) return ModelFile.Load(cache, PosTagger.Kind, null, PosTagger.Read);
        var tagger = TaggerTrainer.Train(ctx.EwtSentences("train"), ctx.Seed, null);
        if (cache != null) File.WriteAllBytes(cache, ModelFile.Serialize(PosTagger.Kind, tagger.Write));
        return tagger;
    }

    /// <summary>Span scores on gold tokens, with the given tagger's tags and, given a parser, its parse.</summary>
    public static (double P, double R, double F) Evaluate(EntityRecognizer recognizer, PosTagger tagger, ParserStage? parser, List<Iob2Sentence> data)
    {
        var tally = new EntityTally();
        var dump = Environment.GetEnvironmentVariable("NER_DUMP");
        using var dumpWriter = dump != null ? new StreamWriter(dump) : null;
        // sentences are recognised a document at a time, so names can be carried across its sentences, as the
        // entities stage and dyad nlp eval do (the same code)
        foreach (var (s, found) in TreebankEvaluation.RecognizeDocuments(recognizer, words => Analyse(tagger, parser, words), Propagate, data))
        {
            var p = found.ToHashSet();
            var g = Iob2Reader.Spans(s.Tags).ToHashSet();
            tally.Add(g, p);
            if (dumpWriter == null) continue;
            foreach (var x in p.Where(x => !g.Contains(x))) dumpWriter.WriteLine($"FP {x.Type}\t{string.Join(' ', s.Words[x.Start..x.End])}\t|| {string.Join(' ', s.Words)}");
            foreach (var x in g.Where(x => !p.Contains(x))) dumpWriter.WriteLine($"FN {x.Label}\t{string.Join(' ', s.Words[x.Start..x.End])}\t|| {string.Join(' ', s.Words)}");
        }
        foreach (var (type, t) in tally.ByType)
            TrainingContext.Log($"  {type}: P {t.Precision:F2} R {t.Recall:F2} F1 {t.F1:F2} (gold {t.Gold}, predicted {t.Predicted})");
        var scores = tally.All;
        return (scores.Precision, scores.Recall, scores.F1);
    }

    /// <summary>
    /// Scores the recogniser in the models folder on UNER dev (tags from a tagger trained on EWT train only) at the
    /// beam widths NER_BEAMS lists (default 1,2,4,8), without training.
    /// </summary>
    public static void RunDev(TrainingContext ctx)
    {
        var parser = ShippedParser(ctx);
        var manifest = ModelManifest.LoadOrCreate(ctx.ModelsDirectory);
        var recognizer = ModelFile.Load(manifest.PathOf(EntityRecognizer.Kind), EntityRecognizer.Kind, manifest.Sha256Of(EntityRecognizer.Kind), EntityRecognizer.Read);
        var dev = Iob2Reader.ReadFile(ctx.Uner("dev"));
        var devTagger = TrainOnlyTagger(ctx);
        foreach (var width in (Environment.GetEnvironmentVariable("NER_BEAMS") ?? "1,2,4,8").Split(',').Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)))
        {
            var (p, r, f) = Evaluate(recognizer.WithBeam(width), devTagger, parser, dev);
            TrainingContext.Log($"ner dev beam {width}: P {p:F2} R {r:F2} F1 {f:F2}");
        }
    }

    /// <summary>
    /// What UNER dev does (NER_DEV): "none", monitoring only; "all", also training (monitoring then flatters);
    /// "even" or "odd", the documents with even (odd) numbers train and the others are the monitoring set, which
    /// measures on dev whether adding dev to the training data helps; "held-odd" ("held-even") scores the odd
    /// (even) documents without training on the others, the baseline for that comparison.
    /// </summary>
    public static readonly string DevUse = Environment.GetEnvironmentVariable("NER_DEV") ?? "none";

    /// <summary>UNER dev split per <see cref="DevUse"/> into sentences to train on and sentences to score on.</summary>
    public static (List<Iob2Sentence> Train, List<Iob2Sentence> Held) SplitDev(List<Iob2Sentence> dev)
        => TrainingContext.SplitDev(dev, DevUse, "NER_DEV", s => s.StartsDocument);

    public static void Run(TrainingContext ctx)
    {
        var manifest = ModelManifest.LoadOrCreate(ctx.ModelsDirectory);
        var tagger = ModelFile.Load(manifest.PathOf(PosTagger.Kind), PosTagger.Kind, manifest.Sha256Of(PosTagger.Kind), PosTagger.Read);
        var train = Iob2Reader.ReadFile(ctx.Uner("train"));
        if (GumMode == "mentions")
        {
            var gum = GumEntities.Read(ctx.Gum("train"));
            TrainingContext.Log($"ner: adding {gum.Count} GUM sentences with {gum.Sum(g => Iob2Reader.Spans(g.Tags).Count)} named mentions");
            train.AddRange(gum);
        }
        else if (GumMode is not ("0" or "names")) throw new ArgumentException($"NER_GUM must be 0, names or mentions, not '{GumMode}'");
        var (devTrain, dev) = SplitDev(Iob2Reader.ReadFile(ctx.Uner("dev")));
        // the shipped tagger trained on EWT dev as well, so dev is tagged by a tagger trained on train alone: when
        // scored, and when its sentences train (their tags then as good as on new text, like the jackknifed ones)
        var devTagger = TrainOnlyTagger(ctx);
        List<(string Id, string[] Words, string[] Xpos)> devTrainTagged = [.. devTrain.Where(s => s.SentenceId != null).Select(s => (s.SentenceId!, s.Words, XposOf(devTagger, s.Words)))];
        var devTrainTags = devTrainTagged.ToDictionary(d => d.Id, d => d.Xpos, StringComparer.Ordinal);
        if (devTrain.Count > 0)
        {
            TrainingContext.Log($"ner: adding {devTrain.Count} UNER dev sentences (NER_DEV={DevUse}); monitoring on {dev.Count}");
            train.AddRange(devTrain);
        }
        // the tagger trained on EWT train, so its tags there are better than anywhere else; jackknifed tags
        // let the recogniser learn how far to trust them
        var ewt = ctx.EwtSentences("train");
        var jackknifed = UseJackknife ? ParserTrainer.JackknifedTrainTags(ctx) : [];
        var bySentence = new Dictionary<string, (int Index, int Count)>(StringComparer.Ordinal);
        for (int i = 0; i < ewt.Count; i++) if (ewt[i].SentenceId is { } id) bySentence[id] = (i, ewt[i].Count);
        int matched = 0;
        ulong[]? TrainTags(Iob2Sentence s)
        {
            var id = s.SentenceId;
            if (id != null && devTrainTags.TryGetValue(id, out var devTags)) { matched++; return [.. devTags.Select(FeatureHash.Of)]; }
            if (id == null || !bySentence.TryGetValue(id, out var e) || e.Count != s.Words.Length) return null;
            matched++;
            return jackknifed[e.Index].Select(FeatureHash.Of).ToArray();
        }
        var clusters = UseClusters ? WordClusterBuilder.Build(WordClusterBuilder.Corpus(ctx, train.Select(s => s.Words))) : null;
        // after the clusters, which already read GUM train's words
        int gumSentences = 0, gumNames = 0;
        var gazetteer = EntityGazetteerBuilder.Build();
        if (GumMode == "names")
        {
            var gum = GumEntities.TrainingNames(ctx.Gum("train"), gazetteer);
            (gumSentences, gumNames) = (gum.Count, gum.Sum(g => Iob2Reader.Spans(g.Tags).Count));
            TrainingContext.Log($"ner: adding {gumSentences} GUM sentences (news and sentences naming a person left out) with {gumNames} names as UNER marks them");
            train.AddRange(gum);
        }
        var syntax = UseSyntax ? BuildTrainingSyntax(ctx, tagger, devTrainTagged) : null;
        var devParser = ShippedParser(ctx);
        var recognizer = Train(train, tagger, [.. Enumerable.Range(ctx.Seed, Seeds)], UseJackknife ? TrainTags : null, out var perceptron, clusters, gazetteer, syntax);
        if (Environment.GetEnvironmentVariable("NER_OSWEEP") is { } sweep)
        {
            // dev only: how the O penalty trades precision for recall (cumulative shifts of the O bias); with
            // NER_SEEDS above 1 it sweeps the first seed's perceptron, not their mean
            float applied = 0;
            foreach (var step in sweep.Split(',').Select(x => float.Parse(x, System.Globalization.CultureInfo.InvariantCulture)))
            {
                perceptron.ShiftAverage(EntityFeatures.Bias, 0, -(step - applied));
                applied = step;
                var shifted = new EntityRecognizer(perceptron.Export(MinUpdates, MinWeight), recognizer.Lexicon, recognizer.Gazetteer, recognizer.Clusters);
                var (sp, sr, sf) = Evaluate(shifted, devTagger, devParser, dev);
                TrainingContext.Log($"ner dev O penalty {OPenalty + step}: P {sp:F2} R {sr:F2} F1 {sf:F2}");
            }
            perceptron.ShiftAverage(EntityFeatures.Bias, 0, applied);
        }
        var (p, r, f) = Evaluate(recognizer, devTagger, devParser, dev);
        TrainingContext.Log($"ner dev P {p:F2} R {r:F2} F1 {f:F2} (tags from a tagger trained on EWT train only)");
        TrainingContext.Log($"ner: {matched} of {train.Count} training sentences with jackknifed tags (or, for dev, a train-only tagger's)");
        var bytes = ModelFile.Serialize(EntityRecognizer.Kind, recognizer.Write);
        manifest.Put(EntityRecognizer.Kind, "ner.bin", bytes, new JsonObject
        {
            ["rebuild"] = ctx.RebuildCommand("ner"),
            ["description"] = BeamWidth > 1
                ? $"BILOU entity recogniser (PER, ORG, LOC): structured averaged perceptron trained with a beam of {BeamWidth} (early update) and decoded with one of {EntityRecognizer.DefaultBeamWidth}, constrained transitions, gazetteer and word-cluster features" + (UseSyntax ? $", each word's dependency relation and head word (training sentences parsed by {SyntaxFolds} parsers that did not see them)" : "") + ", trained with word dropout; names carried across a document at run time"
                : "Greedy BILOU averaged-perceptron entity recogniser (PER, ORG, LOC) with constrained transitions, gazetteer and word-cluster features, trained with word dropout; names carried across a document at run time",
            ["data"] = "UNER v1 English EWT: train pre-release (first commit of the UNER repository), " + DevUse switch
            {
                "none" => "dev for monitoring and the O penalty only",
                "all" => "and dev (the O penalty and the other settings were chosen on dev before it joined training)",
                _ => $"and the dev documents NER_DEV={DevUse} picks",
            } + (GumMode == "names" ? $"; GUM 11.1 train's entity layer cut to names as UNER marks them ({gumSentences} sentences, {gumNames} names: its commercially usable genres but news, sentences naming a person left out)" : GumMode == "mentions" ? "; GUM 11.1 train's named mentions (commercially usable genres)" : "") + "; gazetteer from Dyad's own tables (Places/*.tsv, Coding/Actors/KnowledgeBase/{states,organisations,people}.tsv, Nlp/Entities/given-names.tsv" + (EntityGazetteerBuilder.UseOrganisationList ? ", and the training project's Gazetteer/organisation-names.tsv" : "") + "); word clusters from the unlabelled text of UNER EWT train" + (DevUse == "none" ? "" : " and of the dev sentences trained on") + ", GUM 11.1 train without its non-commercial genres, and ECB+ (ESC v1.5) news",
            ["licence"] = GumMode == "0"
                ? "CC BY-SA 4.0 (model derived from UNER English EWT and UD English EWT; word clusters also from GUM's CC BY / CC BY-SA genres and ECB+, CC BY 3.0)"
                : "CC BY-SA 4.0 (model derived from UNER English EWT, UD English EWT and the entity layer of GUM's CC BY / CC BY-SA genres; word clusters also from ECB+, CC BY 3.0)",
            ["hyperParameters"] = new JsonObject
            {
                ["epochs"] = Epochs, ["seed"] = ctx.Seed, ["seeds"] = Seeds, ["lexiconMinCount"] = LexiconMinCount, ["lexiconMinShare"] = LexiconMinShare,
                ["pruneMinUpdates"] = MinUpdates, ["pruneMinWeight"] = MinWeight, ["features"] = recognizer.Model.FeatureCount,
                ["gazetteerNames"] = recognizer.Gazetteer.NameCount, ["jackknifedTrainingTags"] = UseJackknife,
                ["oPenalty"] = OPenalty, ["wordDropout"] = WordDropout, ["syntaxFeatures"] = UseSyntax, ["syntaxFolds"] = UseSyntax ? SyntaxFolds : null, ["syntaxParserEpochs"] = UseSyntax ? SyntaxParserEpochs : null, ["beamWidth"] = BeamWidth, ["jackknifedLexicon"] = JackknifeLexicon, ["clusterWords"] = recognizer.Clusters.Count,
                ["clusterMinCount"] = WordClusterBuilder.MinCount, ["clusterContextWords"] = WordClusterBuilder.ContextWords,
                ["fineClusters"] = WordClusterBuilder.Fine, ["coarseClusters"] = WordClusterBuilder.Coarse, ["clusterIterations"] = WordClusterBuilder.Iterations,
            },
        });
        manifest.Save();
        TrainingContext.Log($"ner written: {bytes.Length} bytes");
    }
}
