using Dyad.Output;
using Dyad.Storage;

namespace Dyad.Tests.Serve;

public class GdeltEventWriterTests
{
    private static StoredEvent Event(StoredPlace? place = null) => new()
    {
        Id = 7, ArticleId = "a1", SentenceIndex = 0, Sentence = "Putin met Obama in New York.",
        Source = new StoredActor("Putin", "Vladimir Putin", "RUSGOV", "RUS", "GOV", "test", 0, 5),
        Target = new StoredActor("Obama", "Barack Obama", "USAGOV", "USA", "GOV", "test", 10, 15),
        Cameo = "0421", Quad = 1, Goldstein = 1.0, Date = new DateOnly(2015, 9, 28), Location = place,
    };

    [Fact]
    public void Has_the_61_codebook_columns_in_order()
    {
        Assert.Equal(61, GdeltEventWriter.Columns.Length);
        Assert.Equal("GLOBALEVENTID", GdeltEventWriter.Columns[0]);
        Assert.Equal("Actor1Code", GdeltEventWriter.Columns[5]);
        Assert.Equal("Actor2Code", GdeltEventWriter.Columns[15]);
        Assert.Equal("IsRootEvent", GdeltEventWriter.Columns[25]);
        Assert.Equal("GoldsteinScale", GdeltEventWriter.Columns[30]);
        Assert.Equal("Actor1Geo_Type", GdeltEventWriter.Columns[35]);
        Assert.Equal("ActionGeo_Lat", GdeltEventWriter.Columns[56]);
        Assert.Equal("SOURCEURL", GdeltEventWriter.Columns[60]);
    }

    [Fact]
    public void Writes_codes_dates_and_place_in_their_columns()
    {
        var output = new StringWriter();
        new GdeltEventWriter(output).Write(Event(new StoredPlace("New York", "USA", 40.71, -74.01)), "https://example.org/a1");
        var f = output.ToString().TrimEnd('\n', '\r').Split('\t');
        Assert.Equal(61, f.Length);
        string Col(string name) => f[Array.IndexOf(GdeltEventWriter.Columns, name)];
        Assert.Equal("20150928", Col("SQLDATE"));
        Assert.Equal("201509", Col("MonthYear"));
        Assert.Equal("RUSGOV", Col("Actor1Code"));
        Assert.Equal("VLADIMIR PUTIN", Col("Actor1Name"));
        Assert.Equal("USA", Col("Actor2CountryCode"));
        Assert.Equal("GOV", Col("Actor2Type1Code"));
        Assert.Equal("0421", Col("EventCode"));
        Assert.Equal("042", Col("EventBaseCode"));
        Assert.Equal("04", Col("EventRootCode"));
        Assert.Equal("1", Col("QuadClass"));
        Assert.Equal("4", Col("ActionGeo_Type"));
        Assert.Equal("40.71", Col("ActionGeo_Lat"));
        Assert.Equal("https://example.org/a1", Col("SOURCEURL"));
    }

    [Fact]
    public void Tabs_and_newlines_in_text_cannot_break_a_row()
    {
        var output = new StringWriter();
        var e = Event() with { Source = new StoredActor("x", "Bad\tName\nHere", "RUS", "RUS", null, null, null, null) };
        new GdeltEventWriter(output).Write(e);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Equal(61, lines[0].TrimEnd('\r').Split('\t').Length);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"no\"", "\"say \"\"no\"\"\"")]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("-5.6", "-5.6")]
    public void Csv_fields_are_quoted_and_formulas_defused(string value, string expected) =>
        Assert.Equal(expected, Dyad.Server.Api.ExportEndpoints.Csv(value));
}
