using System.CommandLine;
using System.Text.Json;
using Dyad.Evaluation;
using Dyad.Output;
using Dyad.Pipeline;
using Dyad.Processing;

namespace Dyad.Cli.Commands;

internal static class EvalCommand
{
    public static Command Create()
    {
        var gold = new Argument<string>("gold-dir") { Description = "folder with docs.jsonl and events.jsonl (e.g. ../shared/eval/dev)", HelpName = "GOLD_DIR" };
        var errors = new Option<int>("--errors") { Description = "list this many missed and spurious events", DefaultValueFactory = _ => 0 };
        var mentions = new Option<bool>("--mentions") { Description = "score every event line instead of distinct events" };
        var system = new Option<string?>("--system") { Description = "score this events file instead of running the pipeline", HelpName = "FILE" };
        var save = new Option<string?>("--save") { Description = "also write the system events to this JSONL file", HelpName = "FILE" };
        var threads = Shared.Threads();
        var command = new Command("eval", "Run the pipeline on a gold set and score it as the reference scorer does")
        {
            gold, errors, mentions, system, save, threads,
        };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(gold)!;
            var docsPath = Path.Combine(dir, "docs.jsonl");
            var goldPath = Path.Combine(dir, "events.jsonl");
            if (!File.Exists(docsPath) || !File.Exists(goldPath))
                return Shared.Fail($"{dir} must hold docs.jsonl and events.jsonl");
            var docIds = ReadDocIds(docsPath);
            List<ScoredEvent> systemEvents;
            if (parse.GetValue(system) is { } systemPath)
                systemEvents = EventScorer.ReadJsonl(systemPath);
            else
            {
                var lines = RunPipeline(docsPath, parse.GetValue(threads));
                if (parse.GetValue(save) is { } savePath) File.WriteAllLines(savePath, lines);
                systemEvents = lines.Select(line =>
                {
                    using var json = JsonDocument.Parse(line);
                    return EventScorer.FromJson(json.RootElement, line);
                }).ToList();
            }
            var report = EventScorer.Score(docIds, EventScorer.ReadJsonl(goldPath), systemEvents, parse.GetValue(mentions));
            Console.Out.Write(EventScorer.Format(report, parse.GetValue(errors)));
            return 0;
        });
        return command;
    }

    private static HashSet<string> ReadDocIds(string path)
    {
        var ids = new HashSet<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("id", out var id) && id.GetString() is { } s) ids.Add(s);
        }
        return ids;
    }

    /// <summary>The events as JSONL lines, exactly what <c>dyad extract</c> would write.</summary>
    public static List<string> RunPipeline(string docsPath, int threads)
    {
        var runner = new BatchRunner(DyadPipeline.Default, threads);
        var lines = new List<string>();
        foreach (var item in runner.Run(DyadPipeline.CreateReader().Read([docsPath])))
        {
            if (item.Problem is { } problem)
            {
                Console.Error.WriteLine($"rejected {problem}");
                continue;
            }
            lines.AddRange(item.Document!.Events.Select(e => EventWriter.ToJson(EventRecords.From(e))));
        }
        return lines;
    }
}
