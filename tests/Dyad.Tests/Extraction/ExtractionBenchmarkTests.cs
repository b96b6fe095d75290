using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dyad.Cleaning;
using Dyad.Documents;
using Dyad.Errors;
using Dyad.Extraction;
using Xunit.Abstractions;

namespace Dyad.Tests.Extraction;

/// <summary>
/// The article extraction benchmark (../shared/data/article-extraction-benchmark): token 4-gram shingle precision
/// and recall per page, averaged, F1 from the means (the definition in its SOURCE.md).
/// </summary>
public partial class ExtractionBenchmarkTests(ITestOutputHelper output)
{
    /// <summary>Measured 0.971 when written; the floor leaves room for noise, not for a regression.</summary>
    private const double MinimumF1 = 0.96;

    [Fact]
    public void Benchmark_f1_stays_above_the_floor()
    {
        var folder = SharedData.PathOrSkip(output, "data", "article-extraction-benchmark");
        if (folder is null) return;
        using var truthJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "ground-truth.json")));
        var cleaner = new ScrapedTextCleaner();
        double precisionSum = 0, recallSum = 0;
        int precisionCount = 0, recallCount = 0, pages = 0, dated = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "html"), "*.html.gz"))
        {
            var id = Path.GetFileName(file)[..^".html.gz".Length];
            if (!truthJson.RootElement.TryGetProperty(id, out var truth)) continue;
            pages++;
            string predicted = "";
            try
            {
                var article = HtmlArticleExtractor.Extract(Gunzip(file), null, id, TimeSpan.FromSeconds(30));
                var document = new Document(article);
                cleaner.Process(document);
                predicted = document.CleanText();
                if (article.Published is not null) dated++;
            }
            catch (DyadException e)
            {
                output.WriteLine($"{id}: {e.Message}");
            }
            var (tp, fp, fn) = Overlap(truth.GetProperty("articleBody").GetString()!, predicted);
            if (fp == 0 && fn == 0) { precisionSum += 1; recallSum += 1; precisionCount++; recallCount++; continue; }
            if (tp + fp > 0) { precisionSum += tp / (tp + fp); precisionCount++; }
            if (tp + fn > 0) { recallSum += tp / (tp + fn); recallCount++; }
        }
        if (pages == 0) { output.WriteLine("SKIPPED: no benchmark pages found"); return; }
        double p = precisionSum / precisionCount, r = recallSum / recallCount, f1 = 2 * p * r / (p + r);
        output.WriteLine($"pages {pages}  precision {p:0.000}  recall {r:0.000}  F1 {f1:0.0000}  dated {dated}");
        Assert.True(f1 >= MinimumF1, $"F1 {f1:0.0000} fell below {MinimumF1}");
    }

    private static byte[] Gunzip(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gz.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static (double Tp, double Fp, double Fn) Overlap(string truth, string predicted)
    {
        var t = Shingles(truth);
        var p = Shingles(predicted);
        double tp = 0, fp = 0, fn = 0;
        foreach (var (s, c) in t) { int pc = p.GetValueOrDefault(s); tp += Math.Min(c, pc); fn += Math.Max(0, c - pc); }
        foreach (var (s, c) in p) fp += Math.Max(0, c - t.GetValueOrDefault(s));
        return (tp, fp, fn);
    }

    private static Dictionary<string, int> Shingles(string text)
    {
        var tokens = Word().Matches(text).Select(m => m.Value).ToList();
        var counts = new Dictionary<string, int>();
        if (tokens.Count == 0) return counts;
        if (tokens.Count < 4) { counts[string.Join('\u0001', tokens)] = 1; return counts; }
        for (int i = 0; i + 4 <= tokens.Count; i++)
        {
            var key = string.Join('\u0001', tokens.GetRange(i, 4));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();
}
