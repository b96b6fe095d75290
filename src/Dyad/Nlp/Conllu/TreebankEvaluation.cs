using System.Diagnostics;
using Dyad.Documents;
using Dyad.Nlp.Entities;
using Dyad.Nlp.Lemmatization;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;
using Dyad.Nlp.Tagging;
using Dyad.Nlp.Tokenization;

namespace Dyad.Nlp.Conllu;

public sealed record RawTextScores
{
    /// <summary>The stack's words, sentences, tags, lemmas and trees against gold, aligned by characters (<see cref="OutputScoring"/>).</summary>
    public required ConlluComparison Aligned { get; init; }
    /// <summary>Tokens per second of process CPU time (full stack, one thread, after a warm-up pass).</summary>
    public double WordsPerCpuSecond { get; init; }
    /// <summary>Tokens per second of wall-clock time; depends on how busy the machine is.</summary>
    public double WordsPerSecond { get; init; }
    /// <summary>
    /// Entity spans from raw text against the IOB2 gold given (exact character span and type; the entities stage's
    /// PERSON, ORG and GPE/LOC as PER, ORG, LOC, its NORP left out), or null without entity gold.
    /// </summary>
    public EntityScores? Entities { get; init; }
}

public sealed record EntityScores(double Precision, double Recall, double F1, int Gold, int Predicted)
{
    /// <summary>Precision, recall and F1 (percentages) from the counts of right, predicted and gold spans.</summary>
    public static EntityScores Of(int right, int predicted, int gold)
    {
        double precision = predicted == 0 ? 0 : 100.0 * right / predicted, recall = gold == 0 ? 0 : 100.0 * right / gold;
        return new EntityScores(precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall), gold, predicted);
    }
}

/// <summary>Right, predicted and gold entity spans counted sentence (or document) by sentence, overall and per type.</summary>
public sealed class EntityTally
{
    private readonly SortedDictionary<string, int[]> _byType = new(StringComparer.Ordinal);

    /// <summary>One sentence's spans: a predicted span is right when gold has the same words and type. Returns how many were right.</summary>
    public int Add(IReadOnlySet<(int Start, int End, string Type)> gold, IReadOnlySet<(int Start, int End, string Type)> predicted)
    {
        int right = 0;
        foreach (var span in predicted)
        {
            var c = CountsOf(span.Type);
            c[1]++;
            if (gold.Contains(span)) { c[0]++; right++; }
        }
        foreach (var span in gold) CountsOf(span.Type)[2]++;
        return right;
    }

    public EntityScores All => EntityScores.Of(_byType.Values.Sum(c => c[0]), _byType.Values.Sum(c => c[1]), _byType.Values.Sum(c => c[2]));

    /// <summary>Scores per type, in ordinal order of the type names.</summary>
    public IReadOnlyDictionary<string, EntityScores> ByType
        => _byType.ToDictionary(p => p.Key, p => EntityScores.Of(p.Value[0], p.Value[1], p.Value[2]), StringComparer.Ordinal);

    private int[] CountsOf(string type) => _byType.TryGetValue(type, out var c) ? c : _byType[type] = new int[3];
}

/// <summary>
/// Runs Dyad's stages over CoNLL-U and IOB2 gold data: on gold tokens (tagging, lemmas, trees), from raw text
/// rebuilt from the sentences' text (tokens, sentences and aligned scores), and entity spans.
/// </summary>
public static class TreebankEvaluation
{
    /// <summary>A document whose tokens are exactly the given words, separated by single spaces, as one sentence.</summary>
    public static Document GoldTokenDocument(IReadOnlyList<string> words, string id = "gold")
    {
        var starts = new int[words.Count];
        var ends = new int[words.Count];
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < words.Count; i++)
        {
            if (i > 0) sb.Append(' ');
            starts[i] = sb.Length;
            sb.Append(words[i]);
            ends[i] = sb.Length;
        }
        var document = new Document(new Article { Id = id, Text = sb.ToString() });
        document.SetTokens(starts, ends, words.Count);
        document.SetSentences([0], [words.Count], words.Count == 0 ? 0 : 1);
        return document;
    }

    /// <summary>
    /// The stack (tagger, lemmatizer, parser) over each gold sentence's own words, scored against it; the words being the
    /// same, each figure is an accuracy.
    /// </summary>
    public static ConlluComparison GoldTokens(NlpModels models, IReadOnlyList<ConlluSentence> gold)
    {
        var (tagger, lemmatizer, parser) = (new TaggerStage(models.Tagger), new LemmatizerStage(models.Lemmatizer), new ParserStage(models.Parser));
        return OutputScoring.Compare(gold, [.. gold.Select(s => ParseGoldTokens(tagger, lemmatizer, parser, s))]);
    }

    /// <summary>
    /// A copy of the sentence (comments, words, MISC) with Dyad's UPOS, XPOS, lemma, head and relation for its words,
    /// as `dyad nlp parse --tokenized` writes it; features are left empty.
    /// </summary>
    public static ConlluSentence ParseGoldTokens(TaggerStage tagger, LemmatizerStage lemmatizer, ParserStage parser, ConlluSentence gold)
    {
        var document = GoldTokenDocument(gold.Forms);
        tagger.Process(document);
        lemmatizer.Process(document);
        parser.Process(document);
        var s = new ConlluSentence(gold.Count) { SentenceId = gold.SentenceId, Text = gold.Text, StartsDocument = gold.StartsDocument, StartsParagraph = gold.StartsParagraph };
        s.Comments.AddRange(gold.Comments);
        for (int i = 0; i < gold.Count; i++)
        {
            s.Forms[i] = gold.Forms[i];
            s.Misc[i] = gold.Misc[i];
            s.Upos[i] = document.Upos[i]!;
            s.Xpos[i] = document.Xpos[i]!;
            s.Lemmas[i] = document.Lemma[i]!;
            s.Feats[i] = "_";
            s.Heads[i] = document.Head[i] + 1;
            s.Relations[i] = document.Relation[i]!;
        }
        return s;
    }

    /// <summary>
    /// Rebuild raw documents from the sentences' text (sentences of a paragraph joined by a space, paragraphs and
    /// documents by a blank line), run the whole stack from the tokenizer on, and compare by characters: the stack's
    /// sentences as `dyad nlp parse` writes them, scored as `dyad nlp eval --gold --system` scores them.
    /// </summary>
    /// <exception cref="Dyad.Errors.DyadException">InputMismatch when a sentence's text does not spell its words.</exception>
    /// <param name="entities">Entity gold for the same sentences (matched by sent_id and words), or null.</param>
    public static RawTextScores RawText(NlpModels models, IReadOnlyList<ConlluSentence> gold, IReadOnlyList<Iob2Sentence>? entities = null)
    {
        // each document's text, and where each gold word sits in it (for the entity spans)
        var docs = new List<(string Text, List<(int Start, int End, int Sentence, int Word)> Words)>();
        var sb = new System.Text.StringBuilder();
        List<(int, int, int, int)> words = [];
        for (int si = 0; si < gold.Count; si++)
        {
            var s = gold[si];
            if (s.StartsDocument && sb.Length > 0)
            {
                docs.Add((sb.ToString(), words));
                sb.Clear(); words = [];
            }
            if (sb.Length > 0) sb.Append(s.StartsParagraph ? "\n\n" : " ");
            int start = sb.Length;
            string text = s.Text ?? string.Join(' ', s.Forms);
            sb.Append(text);
            int pos = 0;
            for (int w = 0; w < s.Count; w++)
            {
                while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
                int at = text.IndexOf(s.Forms[w], pos, StringComparison.Ordinal);
                if (at < 0 || at > pos + 2) continue; // word not written as such (multiword token parts): left unaligned
                words.Add((start + at, start + at + s.Forms[w].Length, si, w));
                pos = at + s.Forms[w].Length;
            }
        }
        if (sb.Length > 0) docs.Add((sb.ToString(), words));

        var pipeline = models.Pipeline();
        // warm-up pass so the timing below sees jitted, tiered-up code
        foreach (var (text, _) in docs.Take(50)) pipeline.Process(new Article { Id = "warm", Text = text });
        var processed = new List<Document>(docs.Count);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        int n = 0;
        foreach (var (text, _) in docs) processed.Add(pipeline.Process(new Article { Id = $"doc{n++}", Text = text }));
        double seconds = watch.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        int predicted = processed.Sum(d => d.TokenCount);
        return new RawTextScores
        {
            Aligned = OutputScoring.Compare(gold, [.. processed.SelectMany(ToConllu)]),
            Entities = entities == null ? null : RawTextEntities(gold, entities, docs.Select(d => d.Words).ToList(), processed),
            WordsPerSecond = seconds > 0 ? predicted / seconds : 0,
            WordsPerCpuSecond = cpuSeconds > 0 ? predicted / cpuSeconds : 0,
        };
    }

    /// <summary>
    /// A processed document's sentences as CoNLL-U: its tokens' text and layers, heads numbered within the sentence,
    /// each word's character range in the text (TokenRange) and SpaceAfter=No where no space follows.
    /// </summary>
    public static IEnumerable<ConlluSentence> ToConllu(Document document)
    {
        foreach (var sentence in document.Sentences())
        {
            var s = new ConlluSentence(sentence.TokenCount);
            s.Comments.Add($"# sent_id = {sentence.Index + 1}");
            s.Comments.Add($"# text = {sentence.Text.Replace('\n', ' ')}");
            for (int i = 0; i < sentence.TokenCount; i++)
            {
                int t = sentence.FirstToken + i;
                s.Forms[i] = document.TokenText(t);
                s.Lemmas[i] = document.Lemma[t] ?? "_";
                s.Upos[i] = document.Upos[t] ?? "_";
                s.Xpos[i] = document.Xpos[t] ?? "_";
                s.Feats[i] = "_";
                s.Heads[i] = document.Head[t] < 0 ? 0 : document.Head[t] - sentence.FirstToken + 1;
                s.Relations[i] = document.Relation[t] ?? "_";
                bool spaceAfter = t + 1 >= document.TokenCount || document.TokenEnd[t] < document.TokenStart[t + 1];
                s.Misc[i] = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"TokenRange={document.TokenStart[t]}:{document.TokenEnd[t]}{(spaceAfter ? "" : "|SpaceAfter=No")}");
            }
            yield return s;
        }
    }

    /// <summary>
    /// Entities the whole stack found in the rebuilt raw documents against the IOB2 gold, compared by character
    /// span and type. A gold name counts where its sentence is found among the treebank's (same sent_id and words)
    /// and its words were aligned to the text; every predicted span counts.
    /// </summary>
    private static EntityScores RawTextEntities(IReadOnlyList<ConlluSentence> gold, IReadOnlyList<Iob2Sentence> entities,
        List<List<(int Start, int End, int Sentence, int Word)>> docWords, List<Document> processed)
    {
        var byId = new Dictionary<string, Iob2Sentence>(StringComparer.Ordinal);
        foreach (var e in entities)
            if (e.SentenceId is { } id) byId[id.Trim()] = e;
        var tally = new EntityTally();
        for (int di = 0; di < processed.Count; di++)
        {
            var at = docWords[di].ToDictionary(w => (w.Sentence, w.Word), w => (w.Start, w.End));
            var goldSpans = new HashSet<(int, int, string)>();
            foreach (int si in docWords[di].Select(w => w.Sentence).Distinct())
            {
                var s = gold[si];
                if (s.SentenceId is not { } id || !byId.TryGetValue(id, out var e) || !e.Words.AsSpan().SequenceEqual(s.Forms)) continue;
                foreach (var (start, end, label) in Iob2Reader.Spans(e.Tags))
                    if (at.TryGetValue((si, start), out var first) && at.TryGetValue((si, end - 1), out var last))
                        goldSpans.Add((first.Start, last.End, label));
            }
            var document = processed[di];
            var found = new HashSet<(int, int, string)>();
            foreach (var span in document.Entities)
            {
                string? type = UnerType(span.Label);
                if (type != null) found.Add((document.TokenStart[span.FirstToken], document.TokenEnd[span.EndToken - 1], type));
            }
            tally.Add(goldSpans, found);
        }
        return tally.All;
    }

    /// <summary>Span scores (exact boundaries and type), overall and per type, on gold tokens, from <see cref="RecognizeDocuments"/>.</summary>
    public static Iob2Comparison Entities(NlpModels models, IReadOnlyList<Iob2Sentence> gold) => Entities(models, gold, out _);

    /// <summary>The same, and from the same pass the scores of the spans alone, whatever their types.</summary>
    public static Iob2Comparison Entities(NlpModels models, IReadOnlyList<Iob2Sentence> gold, out EntityScores spansAlone)
    {
        var typed = new EntityTally();
        var untyped = new EntityTally();
        var bootstrap = new F1Bootstrap();
        foreach (var (sentence, spans) in RecognizeDocuments(models, gold))
        {
            var goldSpans = Iob2Reader.Spans(sentence.Tags);
            var (goldSet, found) = (goldSpans.ToHashSet(), spans.ToHashSet());
            bootstrap.Add(sentence, typed.Add(goldSet, found), found.Count, goldSet.Count);
            untyped.Add(goldSpans.Select(x => (x.Start, x.End, "")).ToHashSet(), spans.Select(x => (x.Start, x.End, "")).ToHashSet());
        }
        spansAlone = untyped.All;
        return new Iob2Comparison(typed.All, typed.ByType) { Interval = bootstrap.Interval() };
    }

    /// <summary>
    /// Entity spans (word offsets within their sentence, the recogniser's types) for IOB2 sentences on their own
    /// tokens, recognised a document at a time (a sentence with a "# newdoc" comment starts one) so that names found
    /// once are carried to the document's other sentences, as the entities stage does. The scorer and
    /// <c>dyad nlp ner --tokenized</c> both read it, so a file that command writes scores as <c>dyad nlp eval</c> does.
    /// </summary>
    public static IEnumerable<(Iob2Sentence Sentence, List<(int Start, int End, string Type)> Spans)> RecognizeDocuments(NlpModels models, IEnumerable<Iob2Sentence> sentences)
    {
        var tagger = new TaggerStage(models.Tagger);
        var parser = new ParserStage(models.Parser);
        return RecognizeDocuments(models.EntityRecognizer, words => Analyse(tagger, parser, words), propagate: true, sentences);
    }

    /// <summary>What the recogniser reads besides the words: hashed XPOS and, when there is a parse, each word's relation and head (<see cref="EntitySyntax"/>).</summary>
    public readonly record struct WordAnalysis(ulong[] Tags, ulong[] Relations, ulong[] Heads)
    {
        public static WordAnalysis TagsOnly(ulong[] tags) => new(tags, [], []);
    }

    /// <summary>Tags and parses gold-token words with the pipeline's own stages, as the entities stage would see them.</summary>
    public static WordAnalysis Analyse(TaggerStage tagger, ParserStage parser, IReadOnlyList<string> words)
    {
        var document = GoldTokenDocument(words);
        tagger.Process(document);
        var tags = new ulong[words.Count];
        for (int i = 0; i < words.Count; i++) tags[i] = FeatureHash.Of(document.Xpos[i] ?? "NN");
        var (relations, heads) = Syntax(parser, document);
        return new WordAnalysis(tags, relations, heads);
    }

    /// <summary>Parses a tagged gold-token document and gives each word's relation and head as the recogniser reads them.</summary>
    public static (ulong[] Relations, ulong[] Heads) Syntax(ParserStage parser, Document document)
    {
        parser.Process(document);
        var relations = new ulong[document.TokenCount];
        var heads = new ulong[document.TokenCount];
        EntitySyntax.Describe(document, relations, heads);
        return (relations, heads);
    }

    /// <summary>
    /// The same with the tags the caller gives (hashed XPOS per word; training scores with a bare tagger) and,
    /// for dev experiments, without carrying names across the document.
    /// </summary>
    public static IEnumerable<(Iob2Sentence Sentence, List<(int Start, int End, string Type)> Spans)> RecognizeDocuments(
        EntityRecognizer recognizer, Func<string[], WordAnalysis> analyse, bool propagate, IEnumerable<Iob2Sentence> sentences)
    {
        var doc = new List<Iob2Sentence>();
        foreach (var s in sentences)
        {
            if (doc.Count > 0 && s.StartsDocument)
            {
                foreach (var result in RecognizeDocument(recognizer, analyse, propagate, doc)) yield return result;
                doc.Clear();
            }
            doc.Add(s);
        }
        if (doc.Count > 0)
            foreach (var result in RecognizeDocument(recognizer, analyse, propagate, doc)) yield return result;
    }

    /// <summary>
    /// The entities stage's layer over gold tokens (<see cref="EntityStage.AddEntities"/>: titles cut off, hyphenated
    /// names completed, nationality words NORP), as UNER's types: PERSON, ORG and GPE/LOC as PER, ORG, LOC, NORP left out.
    /// </summary>
    private static List<(int Start, int End, string Type)> EntityLayer(string[] forms, int[] sentenceStarts, List<(int Start, int End, string Type)> spans)
    {
        var document = GoldTokenDocument(forms);
        int count = sentenceStarts.Length - 1;
        document.SetSentences(sentenceStarts[..count], sentenceStarts[1..], count);
        EntityStage.AddEntities(document, spans);
        var layer = new List<(int Start, int End, string Type)>(document.Entities.Count);
        foreach (var e in document.Entities)
            if (UnerType(e.Label) is { } type) layer.Add((e.FirstToken, e.EndToken, type));
        return layer;
    }

    /// <summary>The entity layer's labels as UNER's three types; null for NORP, which UNER does not mark.</summary>
    public static string? UnerType(string label) => label switch { "PERSON" => "PER", "ORG" => "ORG", "GPE" or "LOC" => "LOC", _ => null };

    private static List<(Iob2Sentence, List<(int Start, int End, string Type)>)> RecognizeDocument(EntityRecognizer recognizer,
        Func<string[], WordAnalysis> analyse, bool propagate, List<Iob2Sentence> doc)
    {
        var starts = new int[doc.Count + 1];
        for (int k = 0; k < doc.Count; k++) starts[k + 1] = starts[k] + doc[k].Words.Length;
        var words = new WordInfo[starts[doc.Count]];
        var spans = new List<(int Start, int End, string Type)>();
        for (int k = 0; k < doc.Count; k++)
        {
            var s = doc[k];
            var analysis = analyse(s.Words);
            for (int i = 0; i < s.Words.Length; i++) words[starts[k] + i] = recognizer.Describe(s.Words[i]);
            var classes = new int[s.Words.Length];
            recognizer.Recognize(words.AsSpan(starts[k], s.Words.Length), analysis.Tags, analysis.Relations, analysis.Heads, classes);
            recognizer.AddSpans(classes, starts[k], spans);
        }
        var forms = doc.SelectMany(s => s.Words).ToArray();
        if (propagate) DocumentPropagation.Propagate(words, starts, spans, recognizer.Gazetteer, t => forms[t]);
        spans = EntityLayer(forms, starts, spans);
        var result = new List<(Iob2Sentence, List<(int Start, int End, string Type)>)>(doc.Count);
        for (int k = 0; k < doc.Count; k++)
            result.Add((doc[k], spans.Where(x => x.Start >= starts[k] && x.End <= starts[k + 1])
                .Select(x => (x.Start - starts[k], x.End - starts[k], x.Type)).OrderBy(x => x.Item1).ToList()));
        return result;
    }
}
