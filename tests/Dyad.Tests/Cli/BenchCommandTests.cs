using System.Text.Json;
using Dyad.Processing;

namespace Dyad.Tests.Cli;

public class BenchCommandTests
{
    [Fact]
    public void The_generated_corpus_is_deterministic_and_near_the_target_length()
    {
        var samples = new[]
        {
            new Documents.Article { Id = "a", Title = "Leaders meet", Text = "Leaders meet\n\nRussia and China held talks on Monday in Moscow.\n\nThe two sides signed a pact." },
            new Documents.Article { Id = "b", Title = "Talks fail", Text = "Talks fail\n\nIran rejected the proposal.\n\nThe envoy left Vienna on Friday." },
        };
        var first = BenchmarkCorpus.Generate(samples, 5, targetWords: 40).ToList();
        var again = BenchmarkCorpus.Generate(samples, 5, targetWords: 40).ToList();
        Assert.Equal(first.Select(a => a.Text), again.Select(a => a.Text));
        Assert.Equal(5, first.Select(a => a.Id).Distinct().Count());
        Assert.All(first, a => Assert.InRange(BenchmarkCorpus.CountWords(a.Text), 40, 60));
        Assert.All(first, a => Assert.StartsWith(a.Title!, a.Text));
    }

    [Fact]
    public void Bench_reports_every_figure_as_json_and_writes_the_corpus_for_peers()
    {
        using var tmp = new TempFolder();
        var result = CliRunner.Run(Repo.Root, "bench", "--articles", "20", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var figures = json.RootElement;
        Assert.Equal(20, figures.GetProperty("articles").GetInt32());
        foreach (var name in new[] { "words", "startup_ms", "one_core_articles_per_s", "one_core_words_per_s", "all_cores_articles_per_s", "all_cores_words_per_s", "all_cores_events_per_s", "one_core_articles_per_cpu_s", "all_cores_articles_per_cpu_s", "peak_memory_mb", "gc_gen0_budget_mb" })
            Assert.True(figures.GetProperty(name).GetDouble() > 0, name);

        var corpus = Path.Combine(tmp.Path, "corpus");
        var written = CliRunner.Run(Repo.Root, "bench", "--articles", "12", "--write-corpus", corpus);
        Assert.Equal(0, written.ExitCode);
        Assert.Equal(12, Directory.GetFiles(corpus, "*.txt").Length);
    }
}
