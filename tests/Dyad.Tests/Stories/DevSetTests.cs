using System.Text.Json;
using Dyad.Stories;
using Xunit.Abstractions;

namespace Dyad.Tests.Stories;

/// <summary>The visible story set in ../shared/eval/stories-dev, clustered from raw text (no NLP models needed).</summary>
public class DevSetTests(ITestOutputHelper output)
{
    /// <summary>Walks up from the test assembly, then from the working directory (builds with --artifacts-path live outside the repository).</summary>
    private static string? SharedStories()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Dyad.slnx")))
                {
                    var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "eval", "stories-dev"));
                    return Directory.Exists(path) ? path : null;
                }
        return null;
    }

    [Fact]
    public void Dev_stories_cluster_with_high_bcubed_and_all_copies_found()
    {
        var folder = SharedStories();
        if (folder is null)
        {
            output.WriteLine("SKIP: ../shared/eval/stories-dev is not beside the repository (no Dyad.slnx found above the test or working directory)");
            return;
        }
        var articles = new List<StoryArticle>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "docs.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var r = json.RootElement;
            string? S(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var text = S("text")!;
            articles.Add(new StoryArticle
            {
                Id = S("id")!, Title = string.IsNullOrWhiteSpace(S("title")) ? null : S("title"), Text = text,
                Published = Dyad.Ingest.ArticleReader.ParseDate(S("published")), Sentences = StoryArticle.SplitSentences(text),
            });
        }
        var gold = new Dictionary<string, (string Story, string? Copy)>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "clusters.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var r = json.RootElement;
            gold[r.GetProperty("doc").GetString()!] = (r.GetProperty("story").GetString()!, r.GetProperty("duplicate_of").GetString());
        }
        var result = StoryBatch.Cluster(articles);
        var system = result.Assignments.ToDictionary(p => p.Key, p => p.Value.StoryId);
        double precision = 0, recall = 0;
        foreach (var doc in gold.Keys)
        {
            var sameGold = gold.Keys.Where(d => gold[d].Story == gold[doc].Story).ToHashSet();
            var sameSystem = gold.Keys.Where(d => system[d] == system[doc]).ToHashSet();
            double both = sameGold.Intersect(sameSystem).Count();
            precision += both / sameSystem.Count;
            recall += both / sameGold.Count;
        }
        precision /= gold.Count;
        recall /= gold.Count;
        double f1 = 2 * precision * recall / (precision + recall);
        output.WriteLine($"BCubed P {precision:0.000} R {recall:0.000} F1 {f1:0.000}");
        Assert.True(f1 >= 0.95, $"BCubed F1 {f1:0.000}");
        foreach (var (doc, (_, copy)) in gold)
            if (copy is not null)
                Assert.Equal(result.Clusterer.CanonicalOf(copy), result.Clusterer.CanonicalOf(doc));
        Assert.NotEqual(system["ds015"], system["ds019"]); // two World Cup finals
        Assert.NotEqual(system["ds023"], system["ds004"]); // the coup and the resignation it led to
    }
}
