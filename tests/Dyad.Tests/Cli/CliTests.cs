using System.Text.Json;

namespace Dyad.Tests.Cli;

public class CliTests
{
    private static string Samples => Path.Combine(Repo.Root, "samples");

    [Fact]
    public void Ingesting_the_samples_twice_stores_them_once()
    {
        using var tmp = new TempFolder();
        var db = Path.Combine(tmp.Path, "x.db");
        var first = CliRunner.Run(tmp.Path, "ingest", Samples, "--db", db);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Matches(@"20 read, 20 stored, 0 duplicates, 0 rejected, \d+ events", first.Error);
        var second = CliRunner.Run(tmp.Path, "ingest", Samples, "--db", db);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("20 read, 0 stored, 20 duplicates, 0 rejected, 0 events", second.Error);
    }

    [Fact]
    public void Bad_inputs_are_named_with_file_and_line_and_the_rest_is_stored()
    {
        using var tmp = new TempFolder();
        var input = Path.Combine(tmp.Path, "in");
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "good.txt"), "Russia and China sign pact\n\nRussian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday.");
        File.WriteAllBytes(Path.Combine(input, "photo.html"), [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0]);
        File.WriteAllText(Path.Combine(input, "empty.txt"), "\n\n");
        File.WriteAllText(Path.Combine(input, "docs.jsonl"), "{\"id\": \"j1\", \"text\": \"Iran criticised the United States on Tuesday.\"}\n{broken\n");
        var db = Path.Combine(tmp.Path, "x.db");
        var result = CliRunner.Run(tmp.Path, "ingest", input, "--db", db);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("photo.html: DY102", result.Error);
        Assert.Contains("empty.txt: DY105", result.Error);
        Assert.Contains("docs.jsonl:2: DY104", result.Error);
        Assert.Contains("5 read, 2 stored, 0 duplicates, 3 rejected", result.Error);
        var events = CliRunner.Run(tmp.Path, "events", "--db", db, "--format", "jsonl");
        Assert.Equal(0, events.ExitCode);
    }

    [Fact]
    public void Extract_writes_jsonl_that_follows_the_contract()
    {
        using var tmp = new TempFolder();
        var result = CliRunner.Run(tmp.Path, "extract", Path.Combine(Samples, "jsonl"), "--format", "jsonl");
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var e = json.RootElement;
            Assert.StartsWith("w00", e.GetProperty("doc").GetString());
            Assert.Equal(e.GetProperty("cameo").GetString()![..2], e.GetProperty("root").GetString());
            Assert.InRange(e.GetProperty("quad").GetInt32(), 1, 4);
            Assert.Equal(JsonValueKind.Object, e.GetProperty("source").ValueKind);
            Assert.True(e.GetProperty("offsets").TryGetProperty("predicate", out _));
        }
    }

    [Fact]
    public void Extract_reads_standard_input()
    {
        using var tmp = new TempFolder();
        var result = CliRunner.RunWithInput(tmp.Path, "Talks in Geneva\n\nRussian President Vladimir Putin met U.S. President Joe Biden in Geneva on Wednesday.\n",
            "extract", "-", "--format", "tsv");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith("doc\tsentence_index", result.Out);
    }

    [Fact]
    public void Demo_builds_a_database_prints_events_and_says_what_to_try_next()
    {
        using var tmp = new TempFolder();
        var db = Path.Combine(tmp.Path, "demo.db");
        var result = CliRunner.Run(Repo.Root, "demo", "--db", db);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("SOURCE", result.Out);
        Assert.Contains("Try next:", result.Out);
        Assert.Matches(@"\(20 articles, [1-9]\d* events", result.Out);

        var search = CliRunner.Run(tmp.Path, "search", "ceasefire", "--db", db);
        Assert.Equal(0, search.ExitCode);
        Assert.Contains("[ceasefire]", search.Out, StringComparison.OrdinalIgnoreCase);
        var id = search.Out.Split(' ', 2)[0];
        var show = CliRunner.Run(tmp.Path, "show", id, "--db", db);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("published", show.Out);
    }

    [Fact]
    public void Queries_on_a_missing_database_fail_with_a_clear_message()
    {
        using var tmp = new TempFolder();
        var result = CliRunner.Run(tmp.Path, "events", "--db", Path.Combine(tmp.Path, "none.db"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no database at", result.Error);
        var bad = CliRunner.Run(tmp.Path, "events", "--db", Path.Combine(tmp.Path, "none.db"), "--since", "yesterday");
        Assert.NotEqual(0, bad.ExitCode);
    }

    [Fact]
    public void Help_lists_every_command()
    {
        var result = CliRunner.Run(Repo.Root, "--help");
        foreach (var command in new[] { "demo", "ingest", "extract", "eval", "events", "search", "show", "clean" })
            Assert.Contains(command, result.Out);
    }
}
