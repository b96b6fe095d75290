using System.CommandLine;
using System.Globalization;
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
        var actor = new Option<string?>("--actor") { Description = "actor code prefix (RUS, USAGOV) or part of a name" };
        var country = new Option<string?>("--country") { Description = "ISO3 country of either side (RUS)" };
        var root = new Option<string?>("--root") { Description = "CAMEO root code (04)" };
        var quad = new Option<int?>("--quad") { Description = "QuadClass 1–4" };
        var since = new Option<string?>("--since") { Description = "first date, YYYY-MM-DD", HelpName = "DATE" };
        var until = new Option<string?>("--until") { Description = "last date, YYYY-MM-DD", HelpName = "DATE" };
        var article = new Option<string?>("--article") { Description = "events of one article" };
        var limit = new Option<int>("--limit") { Description = "at most this many events (default: all)", DefaultValueFactory = _ => 0 };
        var command = new Command("export", "Export stored events for other tools: GDELT 2.0 tables, JSONL, CSV or PLOVER")
        {
            db, format, output, mentions, actor, country, root, quad, since, until, article, limit,
        };
        command.SetAction(parse =>
        {
            var database = parse.GetValue(db)!;
            if (!StoreFactory.Exists(database)) return Shared.Fail($"no database at {database}; run 'dyad ingest' first");
            if (parse.GetValue(mentions) is not null && parse.GetValue(format) != ExportFormat.Gdelt)
                return Shared.Fail("--mentions goes with --format gdelt");
            EventQuery query;
            try
            {
                query = new EventQuery
                {
                    Actor = parse.GetValue(actor), Country = parse.GetValue(country), Root = parse.GetValue(root), Quad = parse.GetValue(quad),
                    Since = Date(parse.GetValue(since), "--since"), Until = Date(parse.GetValue(until), "--until"), ArticleId = parse.GetValue(article),
                };
            }
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

    private static DateOnly? Date(string? value, string option)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new ArgumentException($"{option} takes a date as YYYY-MM-DD, not '{value}'");
    }
}
