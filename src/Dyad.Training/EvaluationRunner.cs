using System.Globalization;
using System.Text.Json.Nodes;
using Dyad.Nlp.Conllu;
using Dyad.Nlp.Models;

namespace Dyad.Training;

/// <summary>Scores the trained models on the test sets (never used for tuning) and records them in the manifest.</summary>
public static class EvaluationRunner
{
    private static double R(double v) => Math.Round(v, 2);

    public static void Run(TrainingContext ctx)
    {
        var models = NlpModels.Load(ctx.ModelsDirectory);
        var test = ctx.EwtSentences("test");
        var gold = TreebankEvaluation.GoldTokens(models, test);
        TrainingContext.Log(string.Create(CultureInfo.InvariantCulture,
            $"EWT test gold tokens: UPOS {gold.Upos:F2} XPOS {gold.Xpos:F2} lemma {gold.Lemma:F2} UAS {gold.Uas:F2} LAS {gold.Las:F2} LAS(universal) {gold.LasUniversal:F2}"));
        var raw = TreebankEvaluation.RawText(models, test);
        TrainingContext.Log(string.Create(CultureInfo.InvariantCulture,
            $"EWT test raw text: tokens F1 {raw.TokenF1:F2} sentences F1 {raw.SentenceF1:F2} UPOS F1 {raw.UposF1:F2} LAS F1 {raw.LasF1:F2} speed {raw.WordsPerCpuSecond:F0} words per CPU-second, {raw.WordsPerSecond:F0} words/s wall clock"));
        var unerTest = Iob2Reader.ReadFile(ctx.Uner("test"));
        var ner = TreebankEvaluation.Entities(models, unerTest);
        TrainingContext.Log(string.Create(CultureInfo.InvariantCulture,
            $"UNER EWT test: P {ner.Precision:F2} R {ner.Recall:F2} F1 {ner.F1:F2}"));
        TrainingContext.Log("UNER EWT test by type:");
        NerTrainer.Evaluate(models.EntityRecognizer, models.Tagger, unerTest);
        var manifest = ModelManifest.Load(ctx.ModelsDirectory);
        const string goldData = "UD English EWT v2.16 test, gold tokens";
        manifest.SetScores("tagger", new JsonObject { ["data"] = goldData, ["upos"] = R(gold.Upos), ["xpos"] = R(gold.Xpos) });
        manifest.SetScores("lemmatizer", new JsonObject { ["data"] = goldData + ", predicted XPOS", ["lemma"] = R(gold.Lemma) });
        manifest.SetScores("parser", new JsonObject
        {
            ["data"] = goldData + ", predicted XPOS", ["uas"] = R(gold.Uas), ["las"] = R(gold.Las), ["lasUniversalRelations"] = R(gold.LasUniversal),
        });
        manifest.SetScores("ner", new JsonObject
        {
            ["data"] = "UNER v1 English EWT test, gold tokens, predicted XPOS", ["precision"] = R(ner.Precision), ["recall"] = R(ner.Recall), ["f1"] = R(ner.F1),
        });
        manifest.SetSection("rawTextEvaluation", new JsonObject
        {
            ["data"] = "UD English EWT v2.16 test, text rebuilt from sentence text (paragraphs apart by blank lines)",
            ["wordsPerCpuSecond"] = Math.Round(raw.WordsPerCpuSecond), ["tokenF1"] = R(raw.TokenF1), ["sentenceF1"] = R(raw.SentenceF1), ["uposF1"] = R(raw.UposF1), ["lasF1"] = R(raw.LasF1),
        });
        manifest.Save();
    }
}
