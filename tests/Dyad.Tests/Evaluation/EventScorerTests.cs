using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dyad.Evaluation;
using Xunit.Abstractions;

namespace Dyad.Tests.Evaluation;

public class EventScorerTests(ITestOutputHelper output)
{
    private static ScoredEvent Event(string doc, string root, string? sourceCountry, string? sourceName, string? targetCountry, string? targetName) =>
        new(doc, root, new ScoredActor(sourceName, sourceName, sourceCountry),
            targetCountry is null && targetName is null ? null : new ScoredActor(targetName, targetName, targetCountry), "s", null, "");

    [Fact]
    public void Actors_match_by_country_when_both_have_one_else_by_name_tokens()
    {
        Assert.True(EventScorer.ActorMatch(new("Vladimir Putin", null, "RUS"), new("Moscow", null, "RUS")));
        Assert.False(EventScorer.ActorMatch(new("Vladimir Putin", null, "RUS"), new("Vladimir Putin", null, "USA")));
        Assert.True(EventScorer.ActorMatch(new("Islamic State", null, null), new("ISIL", null, null)));
        Assert.True(EventScorer.ActorMatch(new("IS", "IS", null), new("Daesh", null, null)));
        Assert.True(EventScorer.ActorMatch(new("United Nations", null, null), new("UN", "the UN", "")));
        Assert.False(EventScorer.ActorMatch(new("NATO", null, null), new("European Union", null, null)));
        Assert.False(EventScorer.ActorMatch(null, new("NATO", null, null)));
        Assert.True(EventScorer.ActorMatch(null, null));
    }

    [Fact]
    public void Repeated_events_count_once_and_matching_is_one_to_one()
    {
        var gold = new List<ScoredEvent> { Event("d", "04", "RUS", null, "USA", null), Event("d", "04", "RUS", null, "USA", null), Event("d", "11", "USA", null, "RUS", null) };
        var system = new List<ScoredEvent> { Event("d", "04", "RUS", null, "USA", null), Event("d", "04", "RUS", null, "USA", null), Event("d", "12", "USA", null, "RUS", null), Event("other", "04", "RUS", null, "USA", null) };
        var report = EventScorer.Score(new HashSet<string> { "d" }, gold, system);
        Assert.Equal(2, report.GoldEvents);
        Assert.Equal(2, report.SystemEvents);
        Assert.Equal(1, report.Event.Matched);
        Assert.Equal(2, report.Quad.Matched);
        Assert.Equal(2, report.Dyad.Matched);
        Assert.Equal(0.5, report.Event.F1);
    }

    /// <summary>The reimplementation must print what the reference scorer prints, on the dev gold with a perturbed copy as the system.</summary>
    [Fact]
    public void Agrees_with_the_reference_scorer_on_a_perturbed_dev_set()
    {
        var dev = Repo.Shared(output, "eval/dev");
        var scorer = Repo.Shared(output, "eval/score_events.py");
        if (dev is null || scorer is null) return;
        using var tmp = new TempFolder();
        var systemPath = Path.Combine(tmp.Path, "system.jsonl");
        var lines = File.ReadAllLines(Path.Combine(dev, "events.jsonl"));
        var perturbed = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (i % 5 == 0) continue; // drop some
            var node = JsonNode.Parse(lines[i])!.AsObject();
            if (i % 7 == 0) node["root"] = "19";
            if (i % 11 == 0 && node["source"] is JsonObject source) source["country"] = "ZZZ";
            if (i % 13 == 0) node["date"] = "1999-01-01";
            perturbed.Add(node.ToJsonString());
            if (i % 9 == 0) perturbed.Add(node.ToJsonString()); // a repeated event
        }
        perturbed.Add("""{"doc": "s000", "root": "14", "source": {"text": "protesters", "country": "GBR"}, "target": null}""");
        File.WriteAllLines(systemPath, perturbed);

        var python = RunPython(scorer, dev, systemPath);
        if (python is null) { output.WriteLine("SKIP: python3 is not available"); return; }
        var docs = File.ReadLines(Path.Combine(dev, "docs.jsonl")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToHashSet();
        var report = EventScorer.Score(docs, EventScorer.ReadJsonl(Path.Combine(dev, "events.jsonl")), EventScorer.ReadJsonl(systemPath));
        Assert.Equal(python.TrimEnd(), EventScorer.Format(report).TrimEnd());
    }

    internal static string? RunPython(string scorer, string dev, string systemPath)
    {
        try
        {
            var start = new ProcessStartInfo("python3", [scorer, dev, systemPath]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : throw new InvalidOperationException(process.StandardError.ReadToEnd());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
