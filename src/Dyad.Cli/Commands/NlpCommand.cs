using System.CommandLine;
using System.Globalization;
using Dyad.Documents;
using Dyad.Errors;
using Dyad.Nlp.Conllu;
using Dyad.Nlp.Entities;
using Dyad.Nlp.Lemmatization;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;
using Dyad.Nlp.Tagging;

namespace Dyad.Cli.Commands;

/// <summary>
/// dyad nlp parse FILE [--tokenized]   CoNLL-U with Dyad's UPOS, XPOS, lemma, head and relation
/// dyad nlp ner FILE.iob2 --tokenized   UNER layout (index, word, tag, -, -)
/// dyad nlp ner TEXT_FILE               entity spans with character offsets
/// dyad nlp eval [--data DIR]           scores on UD English EWT test and UNER English EWT test
/// dyad nlp eval --gold G --system S    scores any CoNLL-U or IOB2 output against its gold file
/// </summary>
public static class NlpCommand
{
    public static Command Create()
    {
        var nlp = new Command("nlp", "Dyad's own NLP stack: tokenizer, tagger, lemmatizer, parser, entity recogniser");
        nlp.Add(ParseCommand());
        nlp.Add(NerCommand());
        nlp.Add(EvalCommand());
        return nlp;
    }

    private static int Guard(ParseResult result, Func<int> action)
    {
        try { return action(); }
        catch (DyadException e)
        {
            result.InvocationConfiguration.Error.WriteLine(e.Message);
            return 1;
        }
    }

    private static Command ParseCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "CoNLL-U file (or plain text without --tokenized)" };
        var tokenized = new Option<bool>("--tokenized") { Description = "Keep the file's words and sentences (gold tokens)" };
        var command = new Command("parse", "Tag, lemmatize and parse; writes CoNLL-U to standard output") { file, tokenized };
        command.SetAction(result => Guard(result, () =>
        {
            var path = result.GetValue(file)!.FullName;
            var models = NlpModels.LoadDefault();
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(tokenized))
            {
                var tagger = new TaggerStage(models.Tagger);
                var lemmatizer = new LemmatizerStage(models.Lemmatizer);
                var parser = new ParserStage(models.Parser);
                using var reader = ConlluReader.Open(path);
                foreach (var s in ConlluReader.Read(reader))
                    ConlluWriter.Write(output, TreebankEvaluation.ParseGoldTokens(tagger, lemmatizer, parser, s));
                return 0;
            }
            var text = ReadRawText(path);
            var doc = models.Pipeline().Process(new Article { Id = Path.GetFileNameWithoutExtension(path), Text = text });
            WriteDocument(output, doc);
            return 0;
        }));
        return command;
    }

    /// <summary>Plain text as is; for CoNLL-U, the sentences' text rebuilt into paragraphs.</summary>
    private static string ReadRawText(string path)
    {
        if (!path.EndsWith(".conllu", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".conllu.gz", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(path)) throw new DyadException(ErrorCode.InputNotFound, $"no such file: {path}");
            return File.ReadAllText(path);
        }
        var sb = new System.Text.StringBuilder();
        using var reader = ConlluReader.Open(path);
        foreach (var s in ConlluReader.Read(reader))
        {
            if (sb.Length > 0) sb.Append(s.StartsParagraph || s.StartsDocument ? "\n\n" : " ");
            sb.Append(s.Text ?? string.Join(' ', s.Forms));
        }
        return sb.ToString();
    }

    private static void WriteDocument(TextWriter output, Document document)
    {
        foreach (var s in TreebankEvaluation.ToConllu(document)) ConlluWriter.Write(output, s);
    }

    private static Command NerCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "IOB2 file (with --tokenized) or a plain text file" };
        var tokenized = new Option<bool>("--tokenized") { Description = "Input is IOB2 with one word per line" };
        var command = new Command("ner", "Find named entities") { file, tokenized };
        command.SetAction(result => Guard(result, () =>
        {
            var path = result.GetValue(file)!.FullName;
            var models = NlpModels.LoadDefault();
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(tokenized))
            {
                // a document at a time, as the scorer does, so names are carried across a document's sentences
                foreach (var (s, spans) in TreebankEvaluation.RecognizeDocuments(models, Iob2Reader.ReadFile(path)))
                {
                    var labels = Enumerable.Repeat("O", s.Words.Length).ToArray();
                    foreach (var (start, end, type) in spans)
                    {
                        labels[start] = "B-" + type;
                        for (int i = start + 1; i < end; i++) labels[i] = "I-" + type;
                    }
                    foreach (var c in s.Comments) output.WriteLine(c);
                    for (int i = 0; i < s.Words.Length; i++) output.WriteLine($"{i + 1}\t{s.Words[i]}\t{labels[i]}\t-\t-");
                    output.WriteLine();
                }
                return 0;
            }
            if (!File.Exists(path)) throw new DyadException(ErrorCode.InputNotFound, $"no such file: {path}");
            var doc = models.Pipeline().Process(new Article { Id = Path.GetFileNameWithoutExtension(path), Text = File.ReadAllText(path) });
            foreach (var e in doc.Entities)
            {
                int start = doc.TokenStart[e.FirstToken], end = doc.TokenEnd[e.EndToken - 1];
                output.WriteLine($"{start}\t{end}\t{e.Label}\t{doc.Text[start..end].Replace('\n', ' ')}");
            }
            return 0;
        }));
        return command;
    }

    private static Command EvalCommand()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder holding ud-english-ewt/ and uner-english/ (default: shared/data beside the repository)" };
        var goldOption = new Option<FileInfo?>("--gold") { Description = "Gold CoNLL-U or IOB2 file, to score a system's output against (with --system)" };
        var systemOption = new Option<FileInfo?>("--system") { Description = "What `dyad nlp parse` or `dyad nlp ner` (or another tool) wrote for the gold file" };
        var command = new Command("eval", "Score the NLP stack on UD English EWT test and UNER English EWT test, or score any output against its gold file (--gold, --system)") { data, goldOption, systemOption };
        command.SetAction(result => Guard(result, () =>
        {
            var (goldFile, systemFile) = (result.GetValue(goldOption), result.GetValue(systemOption));
            if (goldFile != null || systemFile != null)
            {
                if (goldFile == null || systemFile == null) throw new DyadException(ErrorCode.UsageInvalid, "--gold and --system go together");
                if (result.GetValue(data) != null) throw new DyadException(ErrorCode.UsageInvalid, "--data scores the bundled test sets; with --gold and --system leave it out");
                CompareFiles(result.InvocationConfiguration.Output, goldFile.FullName, systemFile.FullName);
                return 0;
            }
            string dir = result.GetValue(data)?.FullName ?? LocateSharedData();
            var models = NlpModels.LoadDefault();
            var test = ConlluReader.ReadFile(Path.Combine(dir, "ud-english-ewt", "en_ewt-ud-test.conllu.gz"));
            var gold = TreebankEvaluation.GoldTokens(models, test);
            result.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"EWT test, gold tokens ({gold.GoldWords} words): UPOS {gold.UposF1:F2}  XPOS {gold.XposF1:F2}  lemma {gold.LemmaF1:F2}  UAS {gold.UasF1:F2}  LAS {gold.LasF1:F2}  (LAS universal relations {gold.LasUniversalF1:F2})"));
            var unerTest = Iob2Reader.ReadFile(Path.Combine(dir, "uner-english", "en_ewt-ud-test.iob2"));
            var raw = TreebankEvaluation.RawText(models, test, unerTest);
            result.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"EWT test, raw text: tokens F1 {raw.Aligned.WordF1:F2}  sentences F1 {raw.Aligned.SentenceF1:F2}  UPOS F1 {raw.Aligned.UposF1:F2}  XPOS F1 {raw.Aligned.XposF1:F2}  lemma F1 {raw.Aligned.LemmaF1:F2}  UAS F1 {raw.Aligned.UasF1:F2}  LAS F1 {raw.Aligned.LasF1:F2}  (universal relations {raw.Aligned.LasUniversalF1:F2})  speed {raw.WordsPerCpuSecond:F0} words per CPU-second ({raw.WordsPerSecond:F0} words/s wall clock; full stack, one thread)"));
            var entities = TreebankEvaluation.Entities(models, unerTest);
            var ner = entities.All;
            result.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"UNER EWT test, gold tokens: entity span P {ner.Precision:F2}  R {ner.Recall:F2}  F1 {ner.F1:F2}  ({ner.Gold} gold, {ner.Predicted} predicted)"));
            if (entities.Interval is { } interval) result.InvocationConfiguration.Output.WriteLine(IntervalLine(interval));
            var rawNer = raw.Entities!;
            result.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"UNER EWT test, raw text (entities stage, character spans): entity span P {rawNer.Precision:F2}  R {rawNer.Recall:F2}  F1 {rawNer.F1:F2}  ({rawNer.Gold} gold, {rawNer.Predicted} predicted)"));
            return 0;
        }));
        return command;
    }

    /// <summary>Scores a system's file against gold: IOB2 by exact spans, CoNLL-U by words aligned on their characters.</summary>
    private static void CompareFiles(TextWriter output, string goldPath, string systemPath)
    {
        bool goldIob2 = IsIob2(goldPath), systemIob2 = IsIob2(systemPath);
        if (goldIob2 != systemIob2)
            throw new DyadException(ErrorCode.InputMismatch, $"{goldPath} is {(goldIob2 ? "IOB2" : "CoNLL-U")} and {systemPath} is {(systemIob2 ? "IOB2" : "CoNLL-U")}");
        try
        {
            if (goldIob2) WriteEntityScores(OutputScoring.Compare(ReadIob2(goldPath), ReadIob2(systemPath)));
            else WriteTreebankScores(OutputScoring.Compare(ReadConllu(goldPath), ReadConllu(systemPath)));
        }
        catch (DyadException e) when (e.Code == ErrorCode.InputMismatch)
        {
            throw new DyadException(e.Code, $"{systemPath} against {goldPath}: {e.Detail}");
        }

        void WriteEntityScores(Iob2Comparison entities)
        {
            output.WriteLine(Line("entity spans (exact words and type)", entities.All));
            foreach (var (type, scores) in entities.ByType) output.WriteLine(Line("  " + type, scores));
            if (entities.Interval is { } interval) output.WriteLine(IntervalLine(interval));
        }

        void WriteTreebankScores(ConlluComparison c)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"words: {c.GoldWords} gold, {c.SystemWords} system; sentences: {c.GoldSentences} gold, {c.SystemSentences} system"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"F1 (accuracy when the words are the same): words {c.WordF1:F2}  sentences {c.SentenceF1:F2}  UPOS {c.UposF1:F2}  XPOS {c.XposF1:F2}  lemma {c.LemmaF1:F2}  UAS {c.UasF1:F2}  LAS {c.LasF1:F2}  (LAS universal relations, as CoNLL 2018 scores it, {c.LasUniversalF1:F2})"));
        }

        static string Line(string what, EntityScores s) => string.Create(CultureInfo.InvariantCulture,
            $"{what}: P {s.Precision:F2}  R {s.Recall:F2}  F1 {s.F1:F2}  ({s.Gold} gold, {s.Predicted} predicted)");
    }

    private static string IntervalLine(F1Interval i) => string.Create(CultureInfo.InvariantCulture,
        $"  F1 over resampled {i.Units} ({i.Count} {i.Units} drawn with replacement, {i.Samples} times, fixed seed): 95% between {i.Low:F2} and {i.High:F2}, standard deviation {i.StandardDeviation:F2}");

    /// <summary>IOB2 by its name (.iob2, .bio), else by its first word line: CoNLL-U has ten columns, UNER's layout five.</summary>
    private static bool IsIob2(string path)
    {
        if (path.EndsWith(".iob2", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".iob2.gz", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".bio", StringComparison.OrdinalIgnoreCase)) return true;
        if (path.EndsWith(".conllu", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".conllu.gz", StringComparison.OrdinalIgnoreCase)) return false;
        using var reader = ConlluReader.Open(path);
        for (string? line; (line = reader.ReadLine()) != null;)
            if (line.Length > 0 && line[0] != '#') return line.Split('\t').Length != 10;
        throw new DyadException(ErrorCode.InputEmpty, $"{path}: no word lines");
    }

    private static List<Iob2Sentence> ReadIob2(string path)
    {
        try { return Iob2Reader.ReadFile(path); }
        catch (DyadException e) when (e.Code == ErrorCode.InputUnsupported) { throw new DyadException(e.Code, $"{path}: {e.Detail}"); }
    }

    private static List<ConlluSentence> ReadConllu(string path)
    {
        try { return ConlluReader.ReadFile(path); }
        catch (DyadException e) when (e.Code == ErrorCode.InputUnsupported) { throw new DyadException(e.Code, $"{path}: {e.Detail}"); }
        catch (FormatException e) { throw new DyadException(ErrorCode.InputUnsupported, $"{path}: a head that is not a number ({e.Message})"); }
    }

    private static string LocateSharedData()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DyadException(ErrorCode.DataMissing, "cannot find shared/data; pass --data");
    }
}
