using System.Text.Json;
using Dyad.Tests.Cli;

namespace Dyad.Tests.Bench;

/// <summary>The bench modes end to end through the CLI: figures present and consistent, never their values' speed.</summary>
public class BenchCommandModesTests
{
    [Fact]
    public void Per_stage_rows_cover_every_stage_and_their_shares_add_up_to_a_hundred()
    {
        var result = CliRunner.Run(Repo.Root, "bench", "--articles", "12", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        foreach (var run in new[] { "one_core_stages", "all_cores_stages" })
        {
            var rows = json.RootElement.GetProperty(run).EnumerateArray().ToList();
            var names = rows.Select(r => r.GetProperty("stage").GetString()).ToList();
            Assert.Equal(["clean", "tokenize", "tag", "lemmatize", "parse", "entities", "time", "places", "actors", "events", "store"], names);
            Assert.InRange(rows.Sum(r => r.GetProperty("share_pct").GetDouble()), 99.0, 101.0);
            Assert.All(rows, r => Assert.True(r.GetProperty("seconds").GetDouble() >= 0));
        }
    }

    [Fact]
    public void Stages_mode_times_only_the_named_stages_and_rejects_an_unknown_one()
    {
        var result = CliRunner.Run(Repo.Root, "bench", "--articles", "5", "--stages", "tokenize,time", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(["tokenize", "time"], json.RootElement.GetProperty("per_stage").EnumerateArray().Select(r => r.GetProperty("stage").GetString()));
        Assert.True(json.RootElement.GetProperty("words_per_s").GetDouble() > 0);

        var extract = CliRunner.Run(Repo.Root, "bench", "--articles", "3", "--stages", "extract", "--json");
        Assert.True(extract.ExitCode == 0, extract.Error);
        using var pages = JsonDocument.Parse(extract.Out);
        Assert.Equal(3, pages.RootElement.GetProperty("pages").GetInt32());
        Assert.True(pages.RootElement.GetProperty("extracted_words").GetInt64() > 3 * 500);

        var unknown = CliRunner.Run(Repo.Root, "bench", "--articles", "3", "--stages", "tokenize,nonsense");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("nonsense", unknown.Error);
        // one line naming the problem, not a crash with a stack trace
        Assert.DoesNotContain("Unhandled exception", unknown.Error);
        Assert.DoesNotContain("   at ", unknown.Error);
    }

    [Fact]
    public void Stages_mode_runs_the_earlier_stages_a_named_stage_needs_without_counting_them()
    {
        var result = CliRunner.Run(Repo.Root, "bench", "--articles", "4", "--stages", "entities", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(["entities"], json.RootElement.GetProperty("per_stage").EnumerateArray().Select(r => r.GetProperty("stage").GetString()));
        Assert.Equal("clean,tokenize,tag,lemmatize,parse", json.RootElement.GetProperty("untimed_prerequisites").GetString());
    }

    [Fact]
    public void Stories_mode_clusters_the_stream_and_write_corpus_writes_text_jsonl_and_pages()
    {
        var result = CliRunner.Run(Repo.Root, "bench", "--stories", "--articles", "1500", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var figures = json.RootElement;
        Assert.Equal(1500, figures.GetProperty("articles").GetInt32());
        Assert.InRange(figures.GetProperty("stories").GetInt32(), 2, 1499);
        Assert.True(figures.GetProperty("duplicates").GetInt32() > 0);
        Assert.NotEmpty(figures.GetProperty("progress").EnumerateArray());

        using var tmp = new TempFolder();
        var dir = Path.Combine(tmp.Path, "corpus");
        Assert.Equal(0, CliRunner.Run(Repo.Root, "bench", "--articles", "4", "--write-corpus", dir).ExitCode);
        Assert.Equal(4, Directory.GetFiles(dir, "*.txt").Length);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(dir, "html"), "*.html").Length);
        var lines = File.ReadAllLines(Path.Combine(dir, "corpus.jsonl"));
        Assert.Equal(4, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, first.RootElement.GetProperty("id").GetString() + ".txt")), first.RootElement.GetProperty("text").GetString());
    }
}
