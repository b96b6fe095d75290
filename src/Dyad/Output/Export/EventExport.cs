using Dyad.Output.Gdelt;
using Dyad.Storage;

namespace Dyad.Output.Export;

public enum ExportFormat { Gdelt, Jsonl, Csv, Plover }

/// <summary>Streams stored events, a page at a time, into one of the export formats.</summary>
public static class EventExport
{
    /// <summary>
    /// Writes every event matching <paramref name="query"/> from its offset on (at most <paramref name="limit"/>, 0 for
    /// all); returns the count and a note on what was left out. The CLI's 'dyad export' and the server's /api/export
    /// both write through here, so a format has one set of columns.
    /// </summary>
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
        for (int offset = Math.Max(0, query.Offset); limit <= 0 || seen < limit; offset += page)
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
