using System.CommandLine;
using Dyad.Output;
using Dyad.Storage;

namespace Dyad.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create()
    {
        var samples = new Option<string?>("--samples") { Description = "folder of articles to process (default: the bundled samples/)", HelpName = "DIR" };
        var db = new Option<string>("--db")
        {
            Description = "database to build (replaced on each run)",
            DefaultValueFactory = _ => Path.Combine(".dyad", "demo.db"),
            HelpName = "FILE",
        };
        var limit = new Option<int>("--limit") { Description = "events to print", DefaultValueFactory = _ => 60 };
        var command = new Command("demo", "Process the bundled sample articles into a fresh database and show the events found") { samples, db, limit };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(samples) ?? (Shared.RepoRoot() is { } root ? Path.Combine(root, "samples") : null);
            if (folder is null || !Directory.Exists(folder))
                return Shared.Fail("cannot find the samples/ folder; run from the repository or pass --samples DIR");
            var dbPath = parse.GetValue(db)!;
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(dbPath + suffix)) File.Delete(dbPath + suffix);
            Console.WriteLine($"Processing the sample articles in {folder} …");
            RunSummaryHolder result;
            using (var store = SqliteStore.Open(dbPath))
            {
                var summary = IngestCommand.Run([folder], store, 0, 16L * 1024 * 1024, quiet: false, Console.Error);
                result = new RunSummaryHolder(summary.Format(), store.Counts());
                Console.WriteLine(result.Summary);
                Console.WriteLine();
                using var writer = new EventWriter(Console.Out, OutputFormat.Table, Shared.Width());
                foreach (var e in store.QueryEvents(new EventQuery { Limit = parse.GetValue(limit) })) writer.Write(e);
                if (result.Counts.Events > parse.GetValue(limit))
                    Console.WriteLine($"… and {result.Counts.Events - parse.GetValue(limit)} more");
            }
            Console.WriteLine();
            Console.WriteLine($"Database: {Path.GetFullPath(dbPath)} ({result.Counts.Articles} articles, {result.Counts.Events} events, {result.Counts.ActorMentions} actor mentions)");
            Console.WriteLine("Try next:");
            Console.WriteLine($"  ./dyad events --db {dbPath} --country RUS            events with Russia on either side");
            Console.WriteLine($"  ./dyad events --db {dbPath} --root 19 --format jsonl  fighting, as JSON lines");
            Console.WriteLine($"  ./dyad search --db {dbPath} \"ceasefire\"              articles with highlighted snippets");
            Console.WriteLine($"  ./dyad show --db {dbPath} ARTICLE_ID                 one article with its events marked");
            Console.WriteLine($"  ./dyad extract samples/ --format table                 the pipeline without a database");
            Console.WriteLine($"  ./dyad serve --db {dbPath}                            dashboard and API at {ServeCommand.DefaultUrl}/");
            return 0;
        });
        return command;
    }

    private sealed record RunSummaryHolder(string Summary, StoreCounts Counts);
}
