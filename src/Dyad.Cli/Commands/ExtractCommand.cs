using System.CommandLine;
using Dyad.Errors;
using Dyad.Output;
using Dyad.Pipeline;
using Dyad.Processing;

namespace Dyad.Cli.Commands;

internal static class ExtractCommand
{
    public static Command Create()
    {
        var paths = Shared.Paths("files or directories (.txt, .html, .jsonl, .gz; '-' for standard input)");
        var format = Shared.Format(OutputFormat.Jsonl);
        var output = Shared.Out();
        var threads = Shared.Threads();
        var maxBytes = Shared.MaxBytes();
        var command = new Command("extract", "Run the pipeline without a database and write one event per line")
        {
            paths, format, output, threads, maxBytes,
        };
        command.SetAction(parse =>
        {
            using var writer = Shared.OpenOutput(parse.GetValue(output));
            var summary = Run(parse.GetValue(paths)!, writer, parse.GetValue(format), parse.GetValue(threads), parse.GetValue(maxBytes), Console.Error);
            Console.Error.WriteLine(summary.Format());
            return summary.Rejected.Count == 0 ? 0 : 2;
        });
        return command;
    }

    public static RunSummary Run(IEnumerable<string> paths, TextWriter output, OutputFormat format, int threads, long maxBytes, TextWriter log)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var summary = new RunSummary();
        var reader = DyadPipeline.CreateReader(maxBytes);
        var runner = new BatchRunner(DyadPipeline.Default, threads);
        using var events = new EventWriter(output, format, Shared.Width());
        using var progress = new Progress("extract");
        foreach (var item in runner.Run(reader.Read(paths)))
        {
            summary.Read++;
            progress.Advance();
            if (item.Problem is { } problem)
            {
                summary.Rejected.Add(problem);
                log.WriteLine($"rejected {problem}");
                continue;
            }
            summary.Stored++;
            foreach (var e in item.Document!.Events)
            {
                events.Write(EventRecords.From(e));
                summary.Events++;
            }
        }
        summary.Elapsed = clock.Elapsed;
        return summary;
    }
}
