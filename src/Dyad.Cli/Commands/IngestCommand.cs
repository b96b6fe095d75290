using System.CommandLine;
using System.Diagnostics;
using Dyad.Errors;
using Dyad.Ingest;
using Dyad.Pipeline;
using Dyad.Processing;
using Dyad.Storage;

namespace Dyad.Cli.Commands;

internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = Shared.Paths("files or directories (.txt, .html, .jsonl, .gz; '-' for standard input)");
        var db = Shared.Database();
        var threads = Shared.Threads();
        var maxBytes = Shared.MaxBytes();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "print only the summary" };
        var command = new Command("ingest", "Process articles and store them with their events in the database")
        {
            paths, db, threads, maxBytes, quiet,
        };
        command.SetAction(parse =>
        {
            using var store = OpenStore(parse.GetValue(db)!);
            var summary = Run(parse.GetValue(paths)!, store, parse.GetValue(threads), parse.GetValue(maxBytes), parse.GetValue(quiet), Console.Error);
            Console.Error.WriteLine(summary.Format());
            Console.Error.WriteLine($"database: {StoreFactory.Describe(store)}");
            return summary.Rejected.Count == 0 ? 0 : 2;
        });
        return command;
    }

    public static IArticleStore OpenStore(string db) => StoreFactory.Open(db);

    /// <summary>Read, process and store in batches; every problem is reported as it happens and counted.</summary>
    public static RunSummary Run(IEnumerable<string> paths, IArticleStore store, int threads, long maxBytes, bool quiet, TextWriter log)
    {
        const int batchSize = 64;
        var clock = Stopwatch.StartNew();
        var summary = new RunSummary();
        var reader = DyadPipeline.CreateReader(maxBytes);
        var runner = new BatchRunner(DyadPipeline.Default, threads);
        var batch = new List<Documents.Document>(batchSize);
        // stories and duplicate links are assigned as articles are stored, so the store never needs reclustering;
        // other writers (queue workers) may share the store, so the desk places whatever is pending when it can
        var stories = store is IAnalyticsStore analytics ? new Stories.StoryDesk(analytics) : null;
        int? total = CountFiles(paths);
        using (var progress = new Progress("ingest", total))
        {
            void Flush()
            {
                if (batch.Count == 0) return;
                var outcomes = store.Store(batch);
                var stored = new List<Documents.Document>(batch.Count);
                for (int i = 0; i < outcomes.Count; i++)
                {
                    if (outcomes[i] == StoreOutcome.Stored) { summary.Stored++; summary.Events += batch[i].Events.Count; stored.Add(batch[i]); }
                    else summary.Duplicates++;
                }
                stories?.AddPending(stored);
                batch.Clear();
            }
            foreach (var item in runner.Run(reader.Read(paths)))
            {
                summary.Read++;
                progress.Advance();
                if (item.Problem is { } problem)
                {
                    summary.Rejected.Add(problem);
                    if (!quiet) log.WriteLine($"rejected {problem}");
                    continue;
                }
                batch.Add(item.Document!);
                if (batch.Count >= batchSize) Flush();
            }
            Flush();
        }
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    /// <summary>The number of files, when the input is files only, for a progress bar with an end.</summary>
    private static int? CountFiles(IEnumerable<string> paths)
    {
        int count = 0;
        foreach (var path in paths)
        {
            if (path == "-" || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase)) return null;
            if (File.Exists(path)) count++;
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                {
                    if (file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase)) return null;
                    count++;
                }
            }
        }
        return count;
    }
}
