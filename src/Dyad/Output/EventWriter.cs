using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dyad.Storage;

namespace Dyad.Output;

public enum OutputFormat { Jsonl, Tsv, Table }

/// <summary>Writes events in the output contract's formats: JSONL (the scorer's input), TSV and a readable table.</summary>
public sealed class EventWriter : IDisposable
{
    private readonly TextWriter _out;
    private readonly OutputFormat _format;
    private readonly int _width;
    private bool _headerWritten;

    public static readonly string[] TsvColumns =
    [
        "doc", "sentence_index", "source_text", "source_name", "source_code", "source_country", "source_role",
        "cameo", "root", "quad", "goldstein", "target_text", "target_name", "target_code", "target_country", "target_role",
        "date", "location", "negated", "modality", "sentence",
    ];

    public EventWriter(TextWriter output, OutputFormat format, int width = 120)
    {
        _out = output;
        _format = format;
        _width = Math.Max(80, width);
    }

    public int Written { get; private set; }

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Write(StoredEvent e)
    {
        switch (_format)
        {
            case OutputFormat.Jsonl: _out.WriteLine(ToJson(e)); break;
            case OutputFormat.Tsv: WriteTsv(e); break;
            default: WriteTableRow(e); break;
        }
        Written++;
    }

    public static string ToJson(StoredEvent e)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonOptions))
        {
            w.WriteStartObject();
            w.WriteString("doc", e.ArticleId);
            w.WriteNumber("sentence_index", e.SentenceIndex);
            w.WriteString("sentence", e.Sentence);
            w.WritePropertyName("source");
            WriteActor(w, e.Source);
            w.WritePropertyName("target");
            if (e.Target is null) w.WriteNullValue(); else WriteActor(w, e.Target);
            w.WriteString("cameo", e.Cameo);
            w.WriteString("root", e.Root);
            w.WriteNumber("quad", e.Quad);
            w.WriteNumber("goldstein", e.Goldstein);
            w.WriteString("plover", e.Plover);
            if (e.Date is DateOnly d) w.WriteString("date", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); else w.WriteNull("date");
            w.WritePropertyName("location");
            if (e.Location is null) w.WriteNullValue();
            else
            {
                w.WriteStartObject();
                w.WriteString("name", e.Location.Name);
                w.WriteString("country", e.Location.Country);
                if (e.Location.Lat is double lat) w.WriteNumber("lat", lat); else w.WriteNull("lat");
                if (e.Location.Lon is double lon) w.WriteNumber("lon", lon); else w.WriteNull("lon");
                w.WriteEndObject();
            }
            w.WriteBoolean("negated", e.Negated);
            w.WriteString("modality", e.Modality);
            w.WritePropertyName("offsets");
            w.WriteStartObject();
            WriteRange(w, "source", e.Source.Start, e.Source.End);
            WriteRange(w, "predicate", e.PredicateStart, e.PredicateEnd);
            WriteRange(w, "target", e.Target?.Start, e.Target?.End);
            w.WriteEndObject();
            w.WriteString("entry", e.Entry);
            w.WriteNumber("confidence", Math.Round(e.Confidence, 3));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteRange(Utf8JsonWriter w, string name, int? start, int? end)
    {
        w.WritePropertyName(name);
        if (start is int s && end is int e)
        {
            w.WriteStartArray();
            w.WriteNumberValue(s);
            w.WriteNumberValue(e);
            w.WriteEndArray();
        }
        else w.WriteNullValue();
    }

    private static void WriteActor(Utf8JsonWriter w, StoredActor a)
    {
        w.WriteStartObject();
        w.WriteString("text", a.Text);
        w.WriteString("name", a.Name);
        w.WriteString("code", a.Code);
        w.WriteString("country", a.Country);
        w.WriteString("role", a.Role);
        w.WriteString("why", a.Why);
        w.WriteEndObject();
    }

    private void WriteTsv(StoredEvent e)
    {
        if (!_headerWritten)
        {
            _out.WriteLine(string.Join('\t', TsvColumns));
            _headerWritten = true;
        }
        string Clean(string? s) => (s ?? "").Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
        var fields = new[]
        {
            e.ArticleId, e.SentenceIndex.ToString(CultureInfo.InvariantCulture), e.Source.Text, e.Source.Name, e.Source.Code,
            e.Source.Country, e.Source.Role, e.Cameo, e.Root, e.Quad.ToString(CultureInfo.InvariantCulture),
            e.Goldstein.ToString("0.0", CultureInfo.InvariantCulture), e.Target?.Text, e.Target?.Name, e.Target?.Code,
            e.Target?.Country, e.Target?.Role, e.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.Location is null ? null : e.Location.Country is null ? e.Location.Name : $"{e.Location.Name}, {e.Location.Country}",
            e.Negated ? "true" : "false", e.Modality, e.Sentence,
        };
        _out.WriteLine(string.Join('\t', fields.Select(Clean)));
    }

    private void WriteTableRow(StoredEvent e)
    {
        const int actorWidth = 22, labelWidth = 26, dateWidth = 10, placeWidth = 14;
        if (!_headerWritten)
        {
            _out.WriteLine($"{"SOURCE",-actorWidth} {"CAMEO",-labelWidth} {"TARGET",-actorWidth} {"DATE",-dateWidth} {"PLACE",-placeWidth} SENTENCE");
            _headerWritten = true;
        }
        string Actor(StoredActor? a) => a is null ? "-" : $"{a.Name ?? a.Text} ({a.Code ?? a.Country ?? "?"})";
        var label = Coding.Cameo.CameoLabels.Label(e.Cameo);
        var cameo = $"{e.Cameo} {label}{(e.Negated ? " [not]" : "")}";
        var place = e.Location?.Name ?? "";
        int sentenceWidth = Math.Max(20, _width - (actorWidth * 2 + labelWidth + dateWidth + placeWidth + 5));
        _out.WriteLine($"{Fit(Actor(e.Source), actorWidth)} {Fit(cameo, labelWidth)} {Fit(Actor(e.Target), actorWidth)} {Fit(e.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", dateWidth)} {Fit(place, placeWidth)} {Fit(e.Sentence.ReplaceLineEndings(" "), sentenceWidth).TrimEnd()}");
    }

    /// <summary>Pads or shortens to exactly width characters, marking a cut with an ellipsis.</summary>
    public static string Fit(string text, int width) =>
        text.Length <= width ? text.PadRight(width) : string.Concat(text.AsSpan(0, width - 1), "…");

    public void Dispose()
    {
        // an empty result still gets its header, so a reader can tell "no events" from "no output"
        if (_format == OutputFormat.Tsv && !_headerWritten) _out.WriteLine(string.Join('\t', TsvColumns));
        _out.Flush();
    }
}
