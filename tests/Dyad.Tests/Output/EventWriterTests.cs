using System.Text.Json;
using Dyad.Output;
using Dyad.Tests.Storage;

namespace Dyad.Tests.Output;

public class EventWriterTests
{
    [Fact]
    public void Jsonl_has_every_field_of_the_output_contract()
    {
        var doc = StoreFixtures.Meeting("a1");
        var line = EventWriter.ToJson(EventRecords.From(doc.Events[0]));
        using var json = JsonDocument.Parse(line);
        var e = json.RootElement;
        foreach (var field in new[] { "doc", "sentence", "source", "target", "cameo", "root", "quad", "goldstein", "date", "location", "negated", "modality", "offsets", "plover" })
            Assert.True(e.TryGetProperty(field, out _), $"missing field {field}");
        foreach (var field in new[] { "text", "name", "code", "country", "role", "why" })
            Assert.True(e.GetProperty("source").TryGetProperty(field, out _), $"missing source.{field}");
        Assert.Equal("a1", e.GetProperty("doc").GetString());
        Assert.Equal("040", e.GetProperty("cameo").GetString());
        Assert.Equal("04", e.GetProperty("root").GetString());
        Assert.Equal(1, e.GetProperty("quad").GetInt32());
        Assert.Equal("2015-09-28", e.GetProperty("date").GetString());
        Assert.Equal("USA", e.GetProperty("location").GetProperty("country").GetString());
        Assert.False(e.GetProperty("negated").GetBoolean());
        Assert.Equal("asserted", e.GetProperty("modality").GetString());
        var predicate = e.GetProperty("offsets").GetProperty("predicate");
        Assert.Equal("met", doc.Text[predicate[0].GetInt32()..predicate[1].GetInt32()]);
        var source = e.GetProperty("offsets").GetProperty("source");
        Assert.Equal("Putin", doc.Text[source[0].GetInt32()..source[1].GetInt32()]);
    }

    [Fact]
    public void A_missing_target_is_null_and_non_ascii_stays_readable()
    {
        var doc = StoreFixtures.Meeting("a1", "Putin met Obama in Zürich — “quietly”.");
        var record = EventRecords.From(doc.Events[0] with { Target = null });
        var line = EventWriter.ToJson(record);
        Assert.Contains("\"target\":null", line);
        Assert.Contains("Zürich — “quietly”", line);
    }

    [Fact]
    public void Tsv_has_a_header_and_one_row_per_event_with_no_stray_tabs()
    {
        var doc = StoreFixtures.Meeting("a1", "Putin met\tObama\nin New York.");
        var sw = new StringWriter();
        using (var writer = new EventWriter(sw, OutputFormat.Tsv))
        {
            writer.Write(EventRecords.From(doc.Events[0]));
            writer.Write(EventRecords.From(doc.Events[0]));
        }
        var lines = sw.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Join('\t', EventWriter.TsvColumns), lines[0]);
        Assert.All(lines, l => Assert.Equal(EventWriter.TsvColumns.Length, l.Split('\t').Length));
    }

    [Fact]
    public void Table_rows_fit_the_width()
    {
        var sw = new StringWriter();
        using (var writer = new EventWriter(sw, OutputFormat.Table, 120))
            writer.Write(EventRecords.From(StoreFixtures.Meeting("a1", "Putin met Obama " + new string('x', 300)).Events[0]));
        Assert.All(sw.ToString().TrimEnd('\n').Split('\n'), l => Assert.True(l.Length <= 120, $"{l.Length}: {l}"));
    }
}
