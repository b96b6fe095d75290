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
        output.WriteLine($"UPOS {gold.Upos:F2} lemma {gold.Lemma:F2} UAS {gold.Uas:F2} LAS {gold.Las:F2}");
        Assert.True(gold.Upos > 92, $"UPOS {gold.Upos:F2}");
        Assert.True(gold.Lemma > 94, $"lemma {gold.Lemma:F2}");
        Assert.True(gold.Uas > 75, $"UAS {gold.Uas:F2}");
        Assert.True(gold.Las > 70, $"LAS {gold.Las:F2}");
        var raw = TreebankEvaluation.RawText(TestModels.Models, dev);
        output.WriteLine($"tokens F1 {raw.TokenF1:F2} sentences F1 {raw.SentenceF1:F2}");
        Assert.True(raw.TokenF1 > 95, $"token F1 {raw.TokenF1:F2}");
        Assert.True(raw.SentenceF1 > 65, $"sentence F1 {raw.SentenceF1:F2}");
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
        var scores = TreebankEvaluation.Entities(TestModels.Models, Iob2Reader.ReadFile(path));
        output.WriteLine($"P {scores.Precision:F2} R {scores.Recall:F2} F1 {scores.F1:F2}");
        Assert.True(scores.F1 > 45, $"F1 {scores.F1:F2}");
    }
}
