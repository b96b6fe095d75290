using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dyad.Output;
using Dyad.Storage;
using Microsoft.AspNetCore.Http;

namespace Dyad.Server.Api;

/// <summary>
/// Replies are written with a JSON writer, field names in snake_case; an event is the JSONL contract object
/// (<see cref="EventWriter.ToJson"/>) with its store id in front, so API and files never disagree.
/// </summary>
internal static class JsonReply
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options)) write(w);
        return Results.Bytes(stream.ToArray(), "application/json; charset=utf-8");
    }

    public static string EventJson(StoredEvent e) =>
        "{\"id\":" + e.Id.ToString(CultureInfo.InvariantCulture) + "," + EventWriter.ToJson(e)[1..];

    public static void Event(Utf8JsonWriter w, StoredEvent e) => w.WriteRawValue(EventJson(e), skipInputValidation: true);

    public static void Events(Utf8JsonWriter w, string name, IEnumerable<StoredEvent> events)
    {
        w.WriteStartArray(name);
        foreach (var e in events) Event(w, e);
        w.WriteEndArray();
    }

    public static void Date(Utf8JsonWriter w, string name, DateOnly? date)
    {
        if (date is DateOnly d) w.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        else w.WriteNull(name);
    }

    public static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    public static void Mention(Utf8JsonWriter w, StoredMention m)
    {
        w.WriteStartObject();
        w.WriteNumber("start", m.Start);
        w.WriteNumber("end", m.End);
        w.WriteString("text", m.Text);
        w.WriteString("name", m.Name);
        w.WriteString("code", m.Code);
        w.WriteString("country", m.Country);
        w.WriteString("role", m.Role);
        w.WriteString("kind", m.Kind);
        w.WriteString("why", m.Why);
        w.WriteEndObject();
    }

    public static void Bucket(Utf8JsonWriter w, SeriesBucket b)
    {
        w.WriteStartObject();
        Date(w, "period", b.Period);
        w.WriteNumber("total", b.Total);
        w.WriteNumber("quad1", b.Quad1);
        w.WriteNumber("quad2", b.Quad2);
        w.WriteNumber("quad3", b.Quad3);
        w.WriteNumber("quad4", b.Quad4);
        w.WriteNumber("mean_goldstein", b.MeanGoldstein);
        w.WriteEndObject();
    }

    public static void Pair(Utf8JsonWriter w, ActorPair p)
    {
        w.WriteStartObject();
        w.WriteString("source", p.Source);
        w.WriteString("target", p.Target);
        w.WriteNumber("count", p.Count);
        w.WriteNumber("cooperation", p.Cooperation);
        w.WriteNumber("conflict", p.Conflict);
        w.WriteNumber("mean_goldstein", p.MeanGoldstein);
        w.WriteEndObject();
    }

    public static void Facets(Utf8JsonWriter w, string name, IReadOnlyList<FacetCount> counts)
    {
        w.WriteStartArray(name);
        foreach (var c in counts)
        {
            w.WriteStartObject();
            w.WriteString("value", c.Value);
            w.WriteNumber("count", c.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void Story(Utf8JsonWriter w, StorySummary s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("title", s.Title);
        Date(w, "first", s.First);
        Date(w, "last", s.Last);
        w.WriteNumber("events", s.Events);
        w.WriteNumber("articles", s.Articles);
        w.WriteStartArray("actors");
        foreach (var a in s.Actors) w.WriteStringValue(a);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: "Some query parameters are not valid; see errors.", title: "Invalid request");

    public static IResult NotFound(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
