using System.CommandLine;
using System.Globalization;
using Dyad.Output;
using Dyad.Output.Export;
using Dyad.Output.Gdelt;
using Dyad.Storage;

namespace Dyad.Cli.Commands;

/// <summary>Exports stored events, filtered as in 'dyad events', for other tools: GDELT 2.0 tables, JSONL, CSV or PLOVER.</summary>
internal static class ExportCommand
{
    public enum ExportFormat { Gdelt, Jsonl, Csv, Plover }

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
            var (written, left) = Run(store, query, parse.GetValue(limit), parse.GetValue(format), writer, mentionWriter, DateTime.UtcNow);
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

    /// <summary>Streams every matching event, a page at a time, into the chosen writer; returns the count and a note on what was left out.</summary>
    public static (int Written, string LeftOut) Run(IArticleStore store, EventQuery query, int limit, ExportFormat format, TextWriter output, TextWriter? mentions, DateTime added)
    {
        const int page = 10_000;
        var articles = new Dictionary<string, GdeltArticle?>(StringComparer.Ordinal);
        GdeltArticle? Article(string id)
        {
            if (!articles.TryGetValue(id, out var found))
            {
                var a = store.GetArticle(id);
                articles[id] = found = a is null ? null : new GdeltArticle(a.Url, a.Source, a.Published, a.Text.Length);
                if (articles.Count > 100_000) articles.Clear(); // events come grouped by date, not article: keep memory bounded
            }
            return found;
        }
        var gdelt = format == ExportFormat.Gdelt ? new GdeltEventWriter(output, mentions, Article, added) : null;
        var csv = format == ExportFormat.Csv ? new CsvEventWriter(output) : null;
        var plover = format == ExportFormat.Plover ? new PloverEventWriter(output) : null;
        var jsonl = format == ExportFormat.Jsonl ? new EventWriter(output, OutputFormat.Jsonl) : null;
        int seen = 0;
        for (int offset = 0; limit <= 0 || seen < limit; offset += page)
        {
            var events = store.QueryEvents(query with { Limit = limit > 0 ? Math.Min(page, limit - seen) : page, Offset = offset });
            foreach (var e in events)
            {
                gdelt?.Write(e);
                csv?.Write(e);
                plover?.Write(e);
                jsonl?.Write(e);
            }
            seen += events.Count;
            if (events.Count < page) break;
        }
        gdelt?.Dispose();
        csv?.Dispose();
        plover?.Dispose();
        jsonl?.Dispose();
        var written = gdelt?.Written ?? csv?.Written ?? plover?.Written ?? jsonl?.Written ?? 0;
        var left = gdelt is { Undated: > 0 } ? $"; {gdelt.Undated} left out: no date (GDELT needs SQLDATE)"
            : plover is { Untyped: > 0 } ? $"; {plover.Untyped} left out: no PLOVER event type" : "";
        return (written, left);
    }
}
