using System.CommandLine;
using Dyad.Errors;
using Dyad.Pipeline;
using Dyad.Queue;

namespace Dyad.Cli.Commands;

/// <summary>Distributed processing: enqueue articles, run workers that store them, and watch the queue.</summary>
internal static class QueueCommands
{
    private static Option<string?> BrokerOption() => new("--broker")
    {
        Description = $"RabbitMQ address (default: DYAD_BROKER or {Broker.DefaultUrl})",
        HelpName = "URL",
    };

    public static Command Enqueue()
    {
        var paths = Shared.Paths("files or directories (.txt, .html, .jsonl, .gz; '-' for standard input)");
        var broker = BrokerOption();
        var maxBytes = Shared.MaxBytes();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "print only the summary" };
        var command = new Command("enqueue", "Read articles and put them on the durable work queue for 'dyad worker'") { paths, broker, maxBytes, quiet };
        command.SetAction(async (parse, cancellation) =>
        {
            var url = Broker.UrlFrom(parse.GetValue(broker));
            var reader = DyadPipeline.CreateReader(parse.GetValue(maxBytes));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var summary = await new Enqueuer(url).RunAsync(reader.Read(parse.GetValue(paths)!), Console.Error, parse.GetValue(quiet), cancellation);
            Console.Error.WriteLine($"{summary.Read} read, {summary.Published} queued, {summary.Rejected.Count} rejected in {clock.Elapsed.TotalSeconds:0.0} s");
            foreach (var group in summary.Rejected.GroupBy(r => r.Code).OrderBy(g => g.Key))
                Console.Error.WriteLine($"  rejected {group.Count()} × {group.Key.Format()} {group.Key}");
            return summary.Rejected.Count == 0 ? 0 : 2;
        });
        return command;
    }

    public static Command Worker()
    {
        var db = Shared.Database();
        var broker = BrokerOption();
        var threads = Shared.Threads();
        var batch = new Option<int>("--batch") { Description = "articles stored per transaction", DefaultValueFactory = _ => 32 };
        var attempts = new Option<int>("--max-attempts") { Description = "deliveries of a failing article before it is dead-lettered", DefaultValueFactory = _ => 3 };
        var untilEmpty = new Option<double?>("--exit-when-idle") { Description = "stop after the queue has been empty this many seconds", HelpName = "SECONDS" };
        var name = new Option<string?>("--name") { Description = "worker name in 'dyad status' (default: host-pid)" };
        var noStories = new Option<bool>("--no-stories") { Description = "do not place articles in stories (they wait for a worker or ingest that does)" };
        var command = new Command("worker", "Take articles from the queue, process them and store them; acknowledge after the write commits")
        {
            db, broker, threads, batch, attempts, untilEmpty, name, noStories,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            using var store = StoreFactory.Open(parse.GetValue(db)!);
            var options = new WorkerOptions
            {
                BrokerUrl = Broker.UrlFrom(parse.GetValue(broker)),
                Threads = parse.GetValue(threads),
                BatchSize = Math.Max(1, parse.GetValue(batch)),
                MaxAttempts = Math.Max(1, parse.GetValue(attempts)),
                ExitWhenIdle = parse.GetValue(untilEmpty) is double s ? TimeSpan.FromSeconds(s) : null,
                Stories = !parse.GetValue(noStories),
            };
            if (parse.GetValue(name) is { Length: > 0 } n) options = options with { Name = n };
            var stats = await new QueueWorker(store, options, Console.Error).RunAsync(cancellation);
            Console.Error.WriteLine($"worker {stats.Worker}: {stats.Handled} handled, {stats.Stored} stored, {stats.Duplicates} duplicates, "
                + $"{stats.Events} events, {stats.Retried} retried, {stats.DeadLettered} dead-lettered, {stats.Reconnects} reconnects in {(stats.At - stats.StartedAt).TotalSeconds:0.0} s "
                + $"(pipeline {stats.PipelineSeconds:0.0} s, store writes {stats.StoreSeconds:0.0} s, stories {stats.StorySeconds:0.0} s for {stats.Placed} placed)");
            Console.Error.WriteLine($"database: {StoreFactory.Describe(store)}");
            return 0;
        });
        return command;
    }

    public static Command Status()
    {
        var broker = BrokerOption();
        var db = new Option<string?>("--db") { Description = "also show the store's counts (SQLite file or postgres:// URL)", HelpName = "FILE|URL" };
        var command = new Command("status", "Show queue depth, dead letters, worker throughput and recent errors") { broker, db };
        command.SetAction(async (parse, cancellation) =>
        {
            var status = await QueueStatus.ReadAsync(Broker.UrlFrom(parse.GetValue(broker)), cancellation: cancellation);
            Console.Write(status.Format());
            if (parse.GetValue(db) is { } database)
            {
                if (!StoreFactory.Exists(database)) return Shared.Fail($"no database at {database}");
                using var store = StoreFactory.Open(database);
                var counts = store.Counts();
                Console.WriteLine($"store {StoreFactory.Describe(store)}: {counts.Articles} articles, {counts.Events} events, {counts.ActorMentions} actor mentions");
            }
            return 0;
        });
        return command;
    }
}
