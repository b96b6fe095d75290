using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dyad.Storage;

namespace Dyad.Output.Export;

/// <summary>
/// Events as PLOVER records, one JSON object per line: the PLOVER event type with actor, recipient, their
/// countries and the place, plus the CAMEO code and Dyad's provenance. Events with no PLOVER type are counted
/// in <see cref="Untyped"/> and left out, since a PLOVER record without one is not valid.
/// </summary>
public sealed class PloverEventWriter(TextWriter output) : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int Written { get; private set; }
    public int Untyped { get; private set; }

    public void Write(StoredEvent e)
    {
        if (string.IsNullOrEmpty(e.Plover))
        {
            Untyped++;
            return;
        }
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("id", $"{e.ArticleId}-{e.Id}");
            if (e.Date is DateOnly d) w.WriteString("event_date", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); else w.WriteNull("event_date");
            w.WriteString("event_type", e.Plover);
            w.WriteString("event_mode", (string?)null);
            w.WriteString("event_context", (string?)null);
            w.WriteString("event_text", e.Sentence);
            w.WriteString("actor", e.Source.Name ?? e.Source.Text);
            w.WriteString("actor_country", e.Source.Country);
            w.WriteString("actor_code", e.Source.Code);
            w.WriteString("recipient", e.Target?.Name ?? e.Target?.Text);
            w.WriteString("recipient_country", e.Target?.Country);
            w.WriteString("recipient_code", e.Target?.Code);
            w.WriteString("location_name", e.Location?.Name);
            w.WriteString("location_country", e.Location?.Country);
            if (e.Location?.Lat is double lat) w.WriteNumber("lat", lat); else w.WriteNull("lat");
            if (e.Location?.Lon is double lon) w.WriteNumber("lon", lon); else w.WriteNull("lon");
            w.WriteBoolean("negated", e.Negated);
            w.WriteString("modality", e.Modality);
            w.WriteString("cameo", e.Cameo);
            w.WriteString("story_id", e.ArticleId);
            w.WriteNumber("sentence_index", e.SentenceIndex);
            w.WriteNumber("confidence", Math.Round(e.Confidence, 3));
            w.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        Written++;
    }

    public void Dispose() => output.Flush();
}
