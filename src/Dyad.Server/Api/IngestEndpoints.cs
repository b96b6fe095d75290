using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dyad.Ingest;
using Dyad.Pipeline;
using Dyad.Processing;
using Dyad.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dyad.Server.Api;

/// <summary>
/// POST articles to be processed and stored. Off unless the server has an API key; the key comes as
/// X-Api-Key or "Authorization: Bearer KEY". The body is one JSON article, an array of them (the fields of the
/// JSONL input: text or html, id, title, published, source, url), or plain text for one article.
/// </summary>
internal static class IngestEndpoints
{
    public const int MaxArticles = 1000;
    public const long MaxBodyBytes = 32L * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/ingest", Ingest)
            .WithSummary("Process and store one article or a batch (needs the server's API key; off when none is set)")
            .Produces(200, contentType: "application/json").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413);
    }

    private static async Task<IResult> Ingest(HttpContext context, ServerOptions options, StorePool pool, StoryPlacer stories)
    {
        if (string.IsNullOrEmpty(options.ApiKey))
            return Results.Problem(detail: "ingest over HTTP is off; start 'dyad serve' with --api-key or DYAD_API_KEY to turn it on",
                statusCode: StatusCodes.Status403Forbidden, title: "Ingest is off");
        if (!Authorised(context.Request, options.ApiKey))
            return Results.Problem(detail: "send the server's API key as X-Api-Key or Authorization: Bearer", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorised");
        if (context.Request.ContentLength > MaxBodyBytes)
            return Results.Problem(detail: $"the body is larger than {MaxBodyBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");

        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
            body = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
            return Results.Problem(detail: "the body is empty", statusCode: 400, title: "Invalid article");

        string input;
        bool isJson = context.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true || body.TrimStart() is ['{' or '[', ..];
        if (isJson)
        {
            JsonDocument json;
            try { json = JsonDocument.Parse(body); }
            catch (JsonException e) { return Results.Problem(detail: $"the body is not valid JSON: {e.Message}", statusCode: 400, title: "Invalid article"); }
            using (json)
            {
                var items = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToList() : [json.RootElement];
                if (items.Count == 0) return Results.Problem(detail: "the array is empty", statusCode: 400, title: "Invalid article");
                if (items.Count > MaxArticles) return Results.Problem(detail: $"at most {MaxArticles} articles per request", statusCode: 413, title: "Too large");
                if (items.Any(i => i.ValueKind != JsonValueKind.Object))
                    return Results.Problem(detail: "each article must be a JSON object", statusCode: 400, title: "Invalid article");
                // one object per line: the reader's JSONL path checks fields exactly as file ingest does
                input = string.Join('\n', items.Select(i => i.GetRawText().ReplaceLineEndings(" ")));
            }
        }
        else input = body;

        var reader2 = DyadPipeline.CreateReader();
        var read = reader2.Read(["-"], new StringReader(input)).ToList();
        var runner = new BatchRunner(DyadPipeline.Default, Math.Min(2, Environment.ProcessorCount));
        var processed = await Task.Run(() => runner.Run(read).ToList(), context.RequestAborted);
        var documents = processed.Where(p => p.Document is not null).Select(p => p.Document!).ToList();
        var outcomes = documents.Count == 0 ? [] : await pool.WriteAsync(store => store.Store(documents), context.RequestAborted);
        var fresh = documents.Where((_, i) => outcomes[i] == StoreOutcome.Stored).ToList();
        // the articles are stored and wait for their story; placing them is the story step every writer runs
        if (fresh.Count > 0) await pool.WriteAsync(_ => stories.Place(fresh), context.RequestAborted);
        return JsonReply.Write(w =>
        {
            w.WriteStartObject();
            int stored = 0, duplicates = 0, rejected = 0, d = 0;
            w.WriteStartArray("results");
            for (int i = 0; i < processed.Count; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("index", i);
                if (processed[i].Document is { } doc)
                {
                    var outcome = outcomes[d++];
                    if (outcome == StoreOutcome.Stored) stored++; else duplicates++;
                    w.WriteString("id", doc.Id);
                    w.WriteString("outcome", outcome == StoreOutcome.Stored ? "stored" : "duplicate");
                    w.WriteNumber("events", outcome == StoreOutcome.Stored ? doc.Events.Count : 0);
                }
                else
                {
                    rejected++;
                    var problem = processed[i].Problem!;
                    w.WriteNull("id");
                    w.WriteString("outcome", "rejected");
                    w.WriteString("code", Errors.ErrorCodes.Format(problem.Code));
                    w.WriteString("problem", problem.Message);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("stored", stored);
            w.WriteNumber("duplicates", duplicates);
            w.WriteNumber("rejected", rejected);
            w.WriteEndObject();
        });
    }

    private static bool Authorised(HttpRequest request, string key)
    {
        string? given = request.Headers["X-Api-Key"].FirstOrDefault();
        var auth = request.Headers.Authorization.FirstOrDefault();
        if (given is null && auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) given = auth[7..].Trim();
        if (given is null) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
