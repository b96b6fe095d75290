using System.Globalization;
using Dyad.Output.Export;
using Dyad.Output.Gdelt;
using Dyad.Storage;
using Dyad.Tests.Scale;
using Dyad.Tests.Storage;
using Xunit.Abstractions;

namespace Dyad.Tests.Export;

public sealed class GdeltExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly HashSet<string> IntegerColumns =
    [
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources", "NumArticles",
        "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED",
    ];

    private static readonly HashSet<string> DecimalColumns =
        ["FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat", "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"];

    private static readonly HashSet<string> MentionIntegerColumns =
    [
        "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
        "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen",
    ];

    /// <summary>Checks every row as a GDELT reader would: the column count, and every typed field parses as its type.</summary>
    private static void CheckEvents(string[] rows)
    {
        Assert.Equal(61, GdeltEventWriter.EventColumns.Length);
        foreach (var row in rows)
        {
            var fields = row.Split('\t');
            Assert.Equal(61, fields.Length);
            for (int i = 0; i < fields.Length; i++)
            {
                var column = GdeltEventWriter.EventColumns[i];
                var value = fields[i];
                if (IntegerColumns.Contains(column))
                    Assert.True(long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), $"{column} = '{value}' is not an integer");
                else if (DecimalColumns.Contains(column) && (value.Length > 0 || !column.Contains("Geo_")))
                    Assert.True(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"{column} = '{value}' is not a number");
            }
            Assert.Matches("^[0-9]{8}$", fields[1]);
            Assert.Equal(fields[1][..6], fields[2]);
            Assert.Equal(fields[1][..4], fields[3]);
            Assert.Matches("^[0-9]{14}$", fields[59]);
            Assert.Matches("^[0-9]{2,4}$", fields[26]); // EventCode
            Assert.StartsWith(fields[28], fields[26]); // EventRootCode is the code's start
            Assert.StartsWith(fields[27], fields[26]); // so is EventBaseCode
            Assert.InRange(int.Parse(fields[29], CultureInfo.InvariantCulture), 1, 4);
            Assert.InRange(double.Parse(fields[30], CultureInfo.InvariantCulture), -10, 10);
            Assert.Contains("#dyad-sentence-", fields[60]);
        }
    }

    private static void CheckMentions(string[] rows, HashSet<string> eventIds)
    {
        Assert.Equal(16, GdeltEventWriter.MentionColumns.Length);
        foreach (var row in rows)
        {
            var fields = row.Split('\t');
            Assert.Equal(16, fields.Length);
            for (int i = 0; i < fields.Length; i++)
                if (MentionIntegerColumns.Contains(GdeltEventWriter.MentionColumns[i]))
                    Assert.True(long.TryParse(fields[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), $"{GdeltEventWriter.MentionColumns[i]} = '{fields[i]}'");
            Assert.Contains(fields[0], eventIds);
            Assert.InRange(int.Parse(fields[11], CultureInfo.InvariantCulture), 0, 100);
            Assert.Matches("^<DYAD>.*</DYAD>$", fields[15]);
        }
    }

    [Fact]
    public void Hand_made_events_map_onto_gdelt_fields()
    {
        using var store = SqliteStore.Open(Path.Combine(_folder.Path, "g.db"));
        var undated = StoreFixtures.Meeting("u1", "Putin met Obama in Oslo.");
        undated.Events[0] = undated.Events[0] with { Date = null, Target = null, Location = null };
        var noDateAtAll = new Documents.Document(new Documents.Article { Id = "nd", Text = "Putin met Obama\tin Lima." });
        var source = StoreFixtures.Mention(noDateAtAll, "Putin", "Vladimir Putin", "RUSGOVMIL", "RUS", "GOV");
        noDateAtAll.Events.Add(undated.Events[0] with { DocId = "nd", Source = source, Sentence = noDateAtAll.Text, Cameo = "0231", Date = null });
        store.Store([StoreFixtures.Meeting("a1"), undated, noDateAtAll]);
        var events = new StringWriter();
        var mentions = new StringWriter();
        var (written, leftOut) = EventExport.Run(store, new EventQuery(), 0, ExportFormat.Gdelt, events, mentions, new DateTime(2024, 3, 5, 10, 52, 31, DateTimeKind.Utc));
        Assert.Equal(2, written);
        Assert.Contains("1 left out", leftOut);
        var rows = events.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CheckEvents(rows);
        var met = rows.Select(r => r.Split('\t')).Single(f => f[60].StartsWith("urn:dyad:article:a1#", StringComparison.Ordinal));
        Assert.Equal(["20150928", "201509", "2015", "2015.7397"], met[1..5]);
        Assert.Equal(["RUSGOV", "VLADIMIR PUTIN", "RUS", "", "", "", "", "GOV", "", ""], met[5..15]);
        Assert.Equal(["USAGOV", "BARACK OBAMA", "USA"], met[15..18]);
        Assert.Equal(["1", "040", "040", "04", "1", "1.0"], met[25..31]);
        Assert.Equal(["3", "New York, USA", "USA", "", "", "40.71", "-74.01", ""], met[51..59]);
        Assert.Equal("20240305104500", met[59]);
        Assert.Equal("urn:dyad:article:a1#dyad-sentence-0", met[60]);
        // an undated event takes its article's date; the target and place stay empty, typed fields stay numeric
        var oslo = rows.Select(r => r.Split('\t')).Single(f => f[60].Contains("u1", StringComparison.Ordinal));
        Assert.Equal("20150928", oslo[1]);
        Assert.Equal("", oslo[15]);
        Assert.Equal("0", oslo[51]); // ActionGeo_Type: no place
        var mentionRows = mentions.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, mentionRows.Length);
        CheckMentions(mentionRows, rows.Select(r => r.Split('\t')[0]).ToHashSet());
        var mention = mentionRows.Select(r => r.Split('\t')).Single(f => f[0] == met[0]);
        Assert.Equal(["1", "example.org", met[60], "1", "0", "10", "6", "1", "90"], mention[3..12]);
    }

    [Fact]
    public void Pipeline_output_exported_by_the_cli_is_valid_gdelt_on_every_row()
    {
        var db = Path.Combine(_folder.Path, "samples.db");
        var (code, ingested) = DyadProcess.Run(_folder.Path, 600_000, "ingest", Path.Combine(SourceTree.Root, "samples"), "--db", db, "--quiet");
        Assert.True(code == 0, ingested);
        var events = Path.Combine(_folder.Path, "events.tsv");
        var mentions = Path.Combine(_folder.Path, "mentions.tsv");
        var (exportCode, exported) = DyadProcess.Run(_folder.Path, 120_000, "export", "--db", db, "--format", "gdelt", "--out", events, "--mentions", mentions);
        output.WriteLine(exported);
        Assert.True(exportCode == 0, exported);
        var rows = File.ReadAllLines(events);
        using var store = SqliteStore.Open(db);
        var stored = store.Counts().Events;
        Assert.True(rows.Length > 50, $"only {rows.Length} rows");
        Assert.InRange(rows.Length, stored * 9 / 10, stored); // undated events without a dated article may be left out
        CheckEvents(rows);
        var ids = rows.Select(r => r.Split('\t')[0]).ToHashSet();
        Assert.Equal(rows.Length, ids.Count);
        var mentionRows = File.ReadAllLines(mentions);
        Assert.Equal(rows.Length, mentionRows.Length);
        CheckMentions(mentionRows, ids);

        foreach (var (format, check) in new (string, Action<string[]>)[]
        {
            ("csv", lines => Assert.Equal(CsvEventWriter.Columns.Length, lines[0].Split(',').Length)),
            ("jsonl", lines => Assert.All(lines, l => System.Text.Json.JsonDocument.Parse(l).Dispose())),
            ("plover", lines => Assert.All(lines, l => Assert.False(string.IsNullOrEmpty(System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("event_type").GetString())))),
        })
        {
            var file = Path.Combine(_folder.Path, "out." + format);
            var (c, o) = DyadProcess.Run(_folder.Path, 120_000, "export", "--db", db, "--format", format, "--out", file, "--country", "USA");
            Assert.True(c == 0, o);
            var lines = File.ReadAllLines(file);
            Assert.True(lines.Length > 1, $"{format}: {o}");
            check(lines);
        }
    }

    public void Dispose() => _folder.Dispose();
}
