using System.Runtime.CompilerServices;
using Dyad.Nlp.Conllu;
using Xunit.Abstractions;

namespace Dyad.Tests.Nlp;

/// <summary>Floors on held-out EWT dev data, so a broken model or feature mismatch cannot pass unnoticed.</summary>
public class TreebankScoreTests(ITestOutputHelper output)
{
    private static string? SharedData([CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir != null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Dyad.slnx"))) continue;
            // ../shared beside the repository; a worktree may sit one level deeper
            for (var up = dir.Parent; up != null; up = up.Parent)
            {
                var candidate = Path.Combine(up.FullName, "shared", "data");
                if (Directory.Exists(candidate)) return candidate;
            }
            return null;
        }
        return null;
    }

    [Fact]
    public void DevSampleScoresStayAboveFloors()
    {
        var data = SharedData();
        var path = data == null ? null : Path.Combine(data, "ud-english-ewt", "en_ewt-ud-dev.conllu.gz");
        if (path == null || !File.Exists(path))
        {
            output.WriteLine("SKIPPED: ../shared/data/ud-english-ewt not found beside the repository");
            return;
        }
        var dev = ConlluReader.ReadFile(path).Take(400).ToList();
        var gold = TreebankEvaluation.GoldTokens(TestModels.Models, dev);
        output.WriteLine($"UPOS {gold.UposF1:F2} lemma {gold.LemmaF1:F2} UAS {gold.UasF1:F2} LAS {gold.LasF1:F2}");
        Assert.True(gold.UposF1 > 92, $"UPOS {gold.UposF1:F2}");
        Assert.True(gold.LemmaF1 > 94, $"lemma {gold.LemmaF1:F2}");
        Assert.True(gold.UasF1 > 75, $"UAS {gold.UasF1:F2}");
        Assert.True(gold.LasF1 > 70, $"LAS {gold.LasF1:F2}");
        var unerPath = Path.Combine(data!, "uner-english", "en_ewt-ud-dev.iob2");
        var uner = File.Exists(unerPath) ? Iob2Reader.ReadFile(unerPath) : null;
        var raw = TreebankEvaluation.RawText(TestModels.Models, dev, uner);
        output.WriteLine($"tokens F1 {raw.Aligned.WordF1:F2} sentences F1 {raw.Aligned.SentenceF1:F2} entities F1 {raw.Entities?.F1:F2}");
        Assert.True(raw.Aligned.WordF1 > 95, $"token F1 {raw.Aligned.WordF1:F2}");
        Assert.True(raw.Aligned.SentenceF1 > 65, $"sentence F1 {raw.Aligned.SentenceF1:F2}");
        Assert.True(raw.Aligned.XposF1 > 85 && raw.Aligned.LemmaF1 > 88, $"XPOS F1 {raw.Aligned.XposF1:F2}, lemma F1 {raw.Aligned.LemmaF1:F2}");
        Assert.True(raw.Aligned.UasF1 > 65 && raw.Aligned.UasF1 >= raw.Aligned.LasUniversalF1 && raw.Aligned.LasUniversalF1 >= raw.Aligned.LasF1,
            $"UAS F1 {raw.Aligned.UasF1:F2} ≥ LAS F1 universal {raw.Aligned.LasUniversalF1:F2} ≥ LAS F1 {raw.Aligned.LasF1:F2}");
        if (raw.Entities is { } entities)
        {
            Assert.True(entities.Gold > 100, $"{entities.Gold} gold names aligned to the raw text");
            Assert.True(entities.F1 > 40, $"raw-text entity F1 {entities.F1:F2}");
        }
    }

    private static ConlluSentence Parsed(string id, params (string Form, string Upos, int Head, string Relation)[] words)
        => ConlluReader.Read(new StringReader($"# newdoc id = d\n# sent_id = {id}\n# text = {string.Join(' ', words.Select(w => w.Form))}\n"
            + string.Join('\n', words.Select((w, i) => $"{i + 1}\t{w.Form}\t_\t{w.Upos}\t_\t_\t{w.Head}\t{w.Relation}\t_\t_")) + "\n\n")).Single();

    [Fact]
    public void RawTextEntitiesAreComparedByCharacterSpanWhereTheSentenceIsMatched()
    {
        var sentence = Parsed("s-1", ("Barack", "PROPN", 3, "nsubj"), ("Obama", "PROPN", 1, "flat"), ("visited", "VERB", 0, "root"),
            ("Paris", "PROPN", 3, "obj"), (".", "PUNCT", 3, "punct"));
        var names = new Iob2Sentence(["# sent_id = s-1"], ["Barack", "Obama", "visited", "Paris", "."], ["B-PER", "I-PER", "O", "B-LOC", "O"]);
        var raw = TreebankEvaluation.RawText(TestModels.Models, [sentence], [names]);
        Assert.Equal(2, raw.Entities!.Gold);
        Assert.Equal(100, raw.Entities.F1, 3);
        // a sentence the entity gold does not hold (another id) has no gold names, so what is found counts against
        var other = names with { Comments = ["# sent_id = s-2"] };
        raw = TreebankEvaluation.RawText(TestModels.Models, [sentence], [other]);
        Assert.Equal(0, raw.Entities!.Gold);
        Assert.Equal(2, raw.Entities.Predicted);
        Assert.Null(TreebankEvaluation.RawText(TestModels.Models, [sentence]).Entities);
    }

    [Fact]
    public void EntityScoresOnADevSampleStayAboveAFloor()
    {
        var data = SharedData();
        var path = data == null ? null : Path.Combine(data, "uner-english", "en_ewt-ud-dev.iob2");
        if (path == null || !File.Exists(path))
        {
            output.WriteLine("SKIPPED: ../shared/data/uner-english not found beside the repository");
            return;
        }
        var scores = TreebankEvaluation.Entities(TestModels.Models, Iob2Reader.ReadFile(path)).All;
        output.WriteLine($"P {scores.Precision:F2} R {scores.Recall:F2} F1 {scores.F1:F2}");
        Assert.True(scores.F1 > 45, $"F1 {scores.F1:F2}");
    }
}
