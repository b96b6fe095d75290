using Dyad.Documents;
using Dyad.Ingest;
using Dyad.Processing;

namespace Dyad.Benchmarks;

/// <summary>
/// Benchmark inputs: articles generated from the project's samples/ (as <c>dyad bench</c> makes them, same seed),
/// so every stage class sees the same text and words per second compare across stages.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<List<Article>> Samples = new(() =>
    {
        var folder = Path.Combine(RepoRoot(), "samples", "txt");
        var articles = new ArticleReader().Read([folder]).Where(i => i.Article is not null).Select(i => i.Article!).ToList();
        if (articles.Count == 0) throw new InvalidOperationException($"no sample articles in {folder}");
        return articles;
    });

    public static IReadOnlyList<Article> SampleArticles => Samples.Value;

    public static List<Article> Articles(int count) => BenchmarkCorpus.Generate(Samples.Value, count).ToList();

    public static long Words(int count) => Articles(count).Sum(a => (long)BenchmarkCorpus.CountWords(a.Text));

    /// <summary>The folder holding Dyad.slnx, above the working directory or the program.</summary>
    public static string RepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Dyad.slnx"))) return dir.FullName;
        throw new InvalidOperationException("run from inside the Dyad repository (no Dyad.slnx above)");
    }
}
