using System.Globalization;
using System.Text;
using Dyad.Output;
using Dyad.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Dyad.Server.Api;

/// <summary>Any event query as a file: JSON lines (the contract), CSV, or GDELT 2.0 event rows.</summary>
internal static class ExportEndpoints
{
    private const int PageSize = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/export", Export)
            .WithSummary("Matching events as a download: format=jsonl (default), csv or gdelt (GDELT 2.0 event TSV, 61 columns); limit up to 100000")
            .Produces(200, contentType: "application/x-ndjson").ProducesValidationProblem();
    }

    private static async Task<IResult> Export(HttpContext context, [AsParameters] EventFilter filter, StorePool pool, IStoryReader stories,
        [FromQuery(Name = "format")] string? format)
    {
        var parser = new FilterParser();
        var kind = (format ?? "jsonl").ToLowerInvariant();
        if (kind is not ("jsonl" or "csv" or "gdelt")) parser.Errors["format"] = [$"jsonl, csv or gdelt, not '{format}'"];
        IReadOnlyList<long>? ids = null;
        if (!string.IsNullOrWhiteSpace(filter.Story))
        {
            using var lease = pool.Rent();
            ids = stories.GetStory(lease.Store, filter.Story.Trim())?.EventIds;
            if (ids is null) return JsonReply.NotFound($"no story with id '{filter.Story}'");
        }
        var query = parser.Parse(filter, 10_000, FilterParser.MaxExport, ids);
        if (!parser.Valid) return JsonReply.Invalid(parser.Errors);

        var (contentType, extension) = kind switch
        {
            "csv" => ("text/csv; charset=utf-8", "csv"),
            "gdelt" => ("text/tab-separated-values; charset=utf-8", "gdelt.tsv"),
            _ => ("application/x-ndjson; charset=utf-8", "jsonl"),
        };
        var response = context.Response;
        response.ContentType = contentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"dyad-events.{extension}\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 64 * 1024);
        using (var lease = pool.Rent())
        {
            var store = lease.Store;
            var articles = new Dictionary<string, Output.Gdelt.GdeltArticle?>();
            Output.Gdelt.GdeltArticle? Article(string id)
            {
                if (articles.TryGetValue(id, out var known)) return known;
                var a = store.GetArticle(id);
                return articles[id] = a is null ? null : new Output.Gdelt.GdeltArticle(a.Url, a.Source, a.Published, a.Text.Length);
            }
            // not disposed: its Dispose flushes synchronously, which the response stream refuses; the writer flushes async below
            var gdelt = kind == "gdelt" ? new Output.Gdelt.GdeltEventWriter(writer, null, Article, DateTime.UtcNow) : null;
            if (kind == "csv") await writer.WriteLineAsync(string.Join(',', CsvColumns));
            int remaining = query.Limit, offset = query.Offset;
            while (remaining > 0)
            {
                var page = store.QueryEvents(query with { Limit = Math.Min(PageSize, remaining), Offset = offset });
                foreach (var e in page)
                {
                    switch (kind)
                    {
                        case "csv": await writer.WriteLineAsync(CsvRow(e)); break;
                        case "gdelt":
                            gdelt!.Write(e);
                            break;
                        default: await writer.WriteLineAsync(EventWriter.ToJson(e)); break;
                    }
                }
                if (page.Count < Math.Min(PageSize, remaining)) break;
                remaining -= page.Count;
                offset += page.Count;
                await writer.FlushAsync(context.RequestAborted);
            }
        }
        return Results.Empty;
    }

    private static readonly string[] CsvColumns = ["id", .. EventWriter.TsvColumns, "plover", "lat", "lon", "entry", "confidence"];

    private static string CsvRow(StoredEvent e)
    {
        string N(double? v, string format = "0.####") => v?.ToString(format, CultureInfo.InvariantCulture) ?? "";
        var fields = new string?[]
        {
            e.Id.ToString(CultureInfo.InvariantCulture), e.ArticleId, e.SentenceIndex.ToString(CultureInfo.InvariantCulture),
            e.Source.Text, e.Source.Name, e.Source.Code, e.Source.Country, e.Source.Role, e.Cameo, e.Root,
            e.Quad.ToString(CultureInfo.InvariantCulture), N(e.Goldstein, "0.0"), e.Target?.Text, e.Target?.Name, e.Target?.Code,
            e.Target?.Country, e.Target?.Role, e.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.Location is null ? null : e.Location.Country is null ? e.Location.Name : $"{e.Location.Name}, {e.Location.Country}",
            e.Negated ? "true" : "false", e.Modality, e.Sentence, e.Plover, N(e.Location?.Lat), N(e.Location?.Lon), e.Entry,
            N(e.Confidence, "0.###"),
        };
        return string.Join(',', fields.Select(Csv));
    }

    /// <summary>RFC 4180 quoting; a leading formula character is prefixed so spreadsheets show text, not run it.</summary>
    internal static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
