using System.CommandLine;
using Dyad.Output.Export;
using Dyad.Storage;

namespace Dyad.Cli.Commands;

/// <summary>Exports stored events, filtered as in 'dyad events', for other tools: GDELT 2.0 tables, JSONL, CSV or PLOVER.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var db = Shared.Database();
        var format = new Option<ExportFormat>("--format") { Description = "gdelt (GDELT 2.0 event table), jsonl, csv or plover", DefaultValueFactory = _ => ExportFormat.Jsonl };
        var output = Shared.Out();
        var mentions = new Option<string?>("--mentions") { Description = "with --format gdelt: also write GDELT's Mentions table to this file", HelpName = "FILE" };
        var filters = new EventFilterOptions();
        var limit = new Option<int>("--limit") { Description = "at most this many events (default: all)", DefaultValueFactory = _ => 0 };
        var command = new Command("export", "Export stored events for other tools: GDELT 2.0 tables, JSONL, CSV or PLOVER")
        {
            db, format, output, mentions,
        };
        filters.AddTo(command);
        command.Options.Add(limit);
        command.SetAction(parse =>
        {
            var database = parse.GetValue(db)!;
            if (!StoreFactory.Exists(database)) return Shared.Fail($"no database at {database}; run 'dyad ingest' first");
            if (parse.GetValue(mentions) is not null && parse.GetValue(format) != ExportFormat.Gdelt)
                return Shared.Fail("--mentions goes with --format gdelt");
            EventQuery query;
            try { query = filters.Query(parse); }
            catch (ArgumentException e) { return Shared.Fail(e.Message); }
            using var store = StoreFactory.Open(database);
            using var writer = Shared.OpenOutput(parse.GetValue(output));
            using var mentionWriter = parse.GetValue(mentions) is { } path ? Shared.OpenOutput(path) : null;
            var (written, left) = EventExport.Run(store, query, parse.GetValue(limit), parse.GetValue(format), writer, mentionWriter, DateTime.UtcNow);
            Console.Error.WriteLine($"{written} event{(written == 1 ? "" : "s")} exported{left}");
            return 0;
        });
        return command;
    }
}
