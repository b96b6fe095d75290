using System.Text;
using Dyad.Output.Export;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Dyad.Server.Api;

/// <summary>
/// Any event query as a file: JSON lines (the contract), CSV, GDELT 2.0 event rows or PLOVER records, written by
/// the same writers as <c>dyad export</c> (<see cref="EventExport"/>).
/// </summary>
internal static class ExportEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/export", Export)
            .WithSummary("Matching events as a download: format=jsonl (default), csv, gdelt (GDELT 2.0 event TSV, 61 columns) or plover; limit up to 100000")
            .Produces(200, contentType: "application/x-ndjson").ProducesValidationProblem();
    }

    private static async Task<IResult> Export(HttpContext context, [AsParameters] EventFilter filter, StorePool pool, IStoryReader stories,
        [FromQuery(Name = "format")] string? format)
    {
        var parser = new FilterParser();
        ExportFormat? kind = (format ?? "jsonl").ToLowerInvariant() switch
        {
            "jsonl" => ExportFormat.Jsonl,
            "csv" => ExportFormat.Csv,
            "gdelt" => ExportFormat.Gdelt,
            "plover" => ExportFormat.Plover,
            _ => null,
        };
        if (kind is null) parser.Errors["format"] = [$"jsonl, csv, gdelt or plover, not '{format}'"];
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
            ExportFormat.Csv => ("text/csv; charset=utf-8", "csv"),
            ExportFormat.Gdelt => ("text/tab-separated-values; charset=utf-8", "gdelt.tsv"),
            ExportFormat.Plover => ("application/x-ndjson; charset=utf-8", "plover.jsonl"),
            _ => ("application/x-ndjson; charset=utf-8", "jsonl"),
        };
        var response = context.Response;
        response.ContentType = contentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"dyad-events.{extension}\"";
        // the export writers are synchronous (they also write files for 'dyad export'); they run off the request
        // thread and write through a buffer, so the response is streamed a page at a time
        if (context.Features.Get<IHttpBodyControlFeature>() is { } body) body.AllowSynchronousIO = true;
        await Task.Run(() =>
        {
            using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 64 * 1024);
            using var lease = pool.Rent();
            EventExport.Run(lease.Store, query, query.Limit, kind!.Value, writer, null, DateTime.UtcNow);
        }, context.RequestAborted);
        return Results.Empty;
    }
}
