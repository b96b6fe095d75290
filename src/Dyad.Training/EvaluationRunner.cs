using System.Globalization;
using System.Text.Json.Nodes;
using Dyad.Nlp.Conllu;
using Dyad.Nlp.Models;

namespace Dyad.Training;

/// <summary>Scores the trained models on the test sets (never used for tuning) and records them in the manifest.</summary>
public static class EvaluationRunner
{
    private static double R(double v) => Math.Round(v, 2);

    /// <summary>
    /// Edited news, the text Dyad is for: the news documents (Wikinews) of GUM dev and test, held out from training
    /// and never used for choices, tagged and parsed on gold tokens like EWT. Entities are scored against GUM's
    /// entity layer cut down to names as UNER marks them (<see cref="GumEntities.Names"/>): an approximate check
    /// on news, since GUM types by role; the untyped span score does not depend on that.
    /// </summary>
    public static void RunNews(TrainingContext ctx, NlpModels? models = null)
    {
        models ??= NlpModels.Load(ctx.ModelsDirectory);
        var news = new List<ConlluSentence>();
        foreach (var split in new[] { "dev", "test" })
            news.AddRange(GumEntities.Genre(ctx.Gum(split), "GUM_news_"));
        var parse = TreebankEvaluation.GoldTokens(models, news);
        TrainingContext.Log(string.Create(CultureInfo.InvariantCulture,
            $"GUM dev+test news documents ({news.Count} sentences, {parse.GoldWords} words), gold tokens: UPOS {parse.UposF1:F2} XPOS {parse.XposF1:F2} lemma {parse.LemmaF1:F2} UAS {parse.UasF1:F2} LAS {parse.LasF1:F2}"));
        var raw = TreebankEvaluation.RawText(models, news);
        TrainingContext.Log(string.Create(CultureInfo.InvariantCulture,
            $"GUM dev+test news documents, raw text: tokens F1 {raw.Aligned.WordF1:F2} sentences F1 {raw.Aligned.SentenceF1:F2} UPOS F1 {raw.Aligned.UposF1:F2} UAS F1 {raw.Aligned.UasF1:F2} LAS F1 {raw.Aligned.LasF1:F2}"));
        LogNewsNames(models, "GUM dev+test news", "dev+test", news);
        // the recogniser never trains on GUM's entity layer, so the news of GUM train is a news dev set for its choices
        LogNewsNames(models, "GUM train news (recogniser dev)", "train", GumEntities.Genre(ctx.Gum("train"), "GUM_news_"));
    }

    /// <param name="dumpName">The IOB2 file NER_NEWS_DUMP gets: gum-news-NAME.iob2.</param>
    private static void LogNewsNames(NlpModels models, string what, string dumpName, List<ConlluSentence> sentences)
    {
        var names = sentences.Select(GumEntities.Names).ToList();
        // NER_NEWS_DUMP=DIR writes the gold names as IOB2 files, for `dyad nlp ner --tokenized` and error reading
        if (Environment.GetEnvironmentVariable("NER_NEWS_DUMP") is { } dumpDirectory)
            File.WriteAllLines(Path.Combine(dumpDirectory, $"gum-news-{dumpName}.iob2"), names.SelectMany(n =>
                n.Comments.Where(c => c.StartsWith("# newdoc", StringComparison.Ordinal) || c.StartsWith("# sent_id", StringComparison.Ordinal))
                    .Concat(n.Words.Select((w, i) => $"{i + 1}\t{w}\t{n.Tags[i]}\t-\t-")).Append("")));
        var typed = TreebankEvaluation.Entities(models, names, out var untyped).All;
        TrainingContext.Log(string.Create(CultureInfo.InvariantCulture,
            $"{what} names ({typed.Gold} as UNER marks them, approximate): typed P {typed.Precision:F2} R {typed.Recall:F2} F1 {typed.F1:F2}; spans alone P {untyped.Precision:F2} R {untyped.Recall:F2} F1 {untyped.F1:F2}"));
    }

    public static void Run(TrainingContext ctx)
    {
        var models = NlpModels.Load(ctx.ModelsDirectory);
        var test = ctx.EwtSentences("test");
        var gold = TreebankEvaluation.GoldTokens(models, test);
        TrainingContext.Log(string.Create(CultureInfo.InvariantCulture,
            $"EWT test gold tokens: UPOS {gold.UposF1:F2} XPOS {gold.XposF1:F2} lemma {gold.LemmaF1:F2} UAS {gold.UasF1:F2} LAS {gold.LasF1:F2} LAS(universal) {gold.LasUniversalF1:F2}"));
        var unerTest = Iob2Reader.ReadFile(ctx.Uner("test"));
        var raw = TreebankEvaluation.RawText(models, test, unerTest);
        TrainingContext.Log(string.Create(CultureInfo.InvariantCulture,
            $"EWT test raw text: tokens F1 {raw.Aligned.WordF1:F2} sentences F1 {raw.Aligned.SentenceF1:F2} UPOS F1 {raw.Aligned.UposF1:F2} XPOS F1 {raw.Aligned.XposF1:F2} lemma F1 {raw.Aligned.LemmaF1:F2} UAS F1 {raw.Aligned.UasF1:F2} LAS F1 {raw.Aligned.LasF1:F2} (universal {raw.Aligned.LasUniversalF1:F2}) speed {raw.WordsPerCpuSecond:F0} words per CPU-second, {raw.WordsPerSecond:F0} words/s wall clock"));
        TrainingContext.Log(string.Create(CultureInfo.InvariantCulture,
            $"UNER EWT test raw text (entities stage): P {raw.Entities!.Precision:F2} R {raw.Entities.Recall:F2} F1 {raw.Entities.F1:F2} ({raw.Entities.Gold} gold, {raw.Entities.Predicted} predicted)"));
        var entities = TreebankEvaluation.Entities(models, unerTest);
        var ner = entities.All;
        TrainingContext.Log(string.Create(CultureInfo.InvariantCulture,
            $"UNER EWT test: P {ner.Precision:F2} R {ner.Recall:F2} F1 {ner.F1:F2}"));
        TrainingContext.Log("UNER EWT test by type:");
        foreach (var (type, t) in entities.ByType)
            TrainingContext.Log(string.Create(CultureInfo.InvariantCulture, $"  {type}: P {t.Precision:F2} R {t.Recall:F2} F1 {t.F1:F2} (gold {t.Gold}, predicted {t.Predicted})"));
        RunNews(ctx, models);
        var manifest = ModelManifest.Load(ctx.ModelsDirectory);
        const string goldData = "UD English EWT v2.16 test, gold tokens";
        manifest.SetScores("tagger", new JsonObject { ["data"] = goldData, ["upos"] = R(gold.UposF1), ["xpos"] = R(gold.XposF1) });
        manifest.SetScores("lemmatizer", new JsonObject { ["data"] = goldData + ", predicted XPOS", ["lemma"] = R(gold.LemmaF1) });
        manifest.SetScores("parser", new JsonObject
        {
            ["data"] = goldData + ", predicted XPOS", ["uas"] = R(gold.UasF1), ["las"] = R(gold.LasF1), ["lasUniversalRelations"] = R(gold.LasUniversalF1),
        });
        manifest.SetScores("ner", new JsonObject
        {
            ["data"] = "UNER v1 English EWT test, gold tokens, predicted XPOS", ["precision"] = R(ner.Precision), ["recall"] = R(ner.Recall), ["f1"] = R(ner.F1),
        });
        manifest.SetSection("rawTextEvaluation", new JsonObject
        {
            ["data"] = "UD English EWT v2.16 test, text rebuilt from sentence text (paragraphs apart by blank lines)",
            ["wordsPerCpuSecond"] = Math.Round(raw.WordsPerCpuSecond), ["tokenF1"] = R(raw.Aligned.WordF1), ["sentenceF1"] = R(raw.Aligned.SentenceF1), ["uposF1"] = R(raw.Aligned.UposF1), ["xposF1"] = R(raw.Aligned.XposF1), ["lemmaF1"] = R(raw.Aligned.LemmaF1), ["uasF1"] = R(raw.Aligned.UasF1),
            ["lasF1"] = R(raw.Aligned.LasF1), ["lasUniversalF1"] = R(raw.Aligned.LasUniversalF1),
            ["nerData"] = "UNER v1 English EWT test on the same text, entities stage, exact character spans", ["nerF1"] = R(raw.Entities!.F1),
        });
        manifest.Save();
    }
}
