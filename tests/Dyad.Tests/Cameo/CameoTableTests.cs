using System.Globalization;
using Dyad.Coding.Cameo;
using Dyad.Errors;
using Xunit.Abstractions;

namespace Dyad.Tests.Cameo;

public class CameoTableTests(ITestOutputHelper output)
{
    private static readonly CameoTable Table = CameoTable.Default;

    [Fact]
    public void Table_is_embedded_under_its_path()
    {
        var names = typeof(CameoTable).Assembly.GetManifestResourceNames();
        Assert.Contains(names, n => n.Replace('\\', '/') == "Coding/Cameo/cameo_codes.tsv");
    }

    [Fact]
    public void Default_holds_twenty_roots_and_every_code()
    {
        Assert.Equal(Enumerable.Range(1, 20).Select(r => r.ToString("D2", CultureInfo.InvariantCulture)), Table.Roots.Select(r => r.Code));
        Assert.InRange(Table.Count, 311, 320);
        Assert.Same(Table, CameoTable.Default);
    }

    [Theory]
    [InlineData("036", "03", 1, 4.0, "AGREE")]
    [InlineData("043", "04", 1, 2.8, "CONSULT")]
    [InlineData("0871", "08", 2, 9.0, "RETREAT")]
    [InlineData("112", "11", 3, -2.0, "ACCUSE")]
    [InlineData("163", "16", 4, -8.0, "COERCE")]
    [InlineData("195", "19", 4, -10.0, "ASSAULT")]
    [InlineData("2042", "20", 4, -10.0, "ASSAULT")]
    public void Lookup_returns_the_facts_of_a_code(string code, string root, int quad, double goldstein, string plover)
    {
        var entry = Table.Lookup(code);
        Assert.NotNull(entry);
        Assert.Equal((code, root, quad, goldstein, plover), (entry.Code, entry.Root, entry.Quad, entry.Goldstein, entry.Plover));
        Assert.False(string.IsNullOrWhiteSpace(entry.Label));
        Assert.Equal(entry, Table.Lookup(code.AsSpan()));
    }

    [Fact]
    public void Statements_and_appeals_have_no_plover_category()
    {
        Assert.Null(Table.Get("010").Plover);
        Assert.Null(Table.Get("0241").Plover);
        Assert.Equal("REQUEST", Table.Get("1041").Plover);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("00")]
    [InlineData("21")]
    [InlineData("0369")]
    [InlineData("1999")]
    [InlineData("ABC")]
    [InlineData(null)]
    public void Invalid_codes_are_rejected(string? code)
    {
        Assert.False(Table.IsValid(code));
        if (code is not null)
        {
            Assert.Null(Table.Lookup(code));
            Assert.Equal(ErrorCode.UsageInvalid, Assert.Throws<DyadException>(() => Table.Get(code)).Code);
        }
    }

    [Fact]
    public void Root_label_comes_from_the_root_row()
    {
        Assert.Equal(Table.Get("18").Label, Table.RootLabel("1823"));
        Assert.Equal(Table.Get("04").Label, Table.RootLabel("04"));
        Assert.Null(Table.RootLabel("99"));
    }

    [Fact]
    public void Every_code_has_its_root_quad_and_parent()
    {
        foreach (var code in Table.Codes)
        {
            Assert.Equal(code.Code[..2], code.Root);
            Assert.Equal(CameoTable.QuadOf(int.Parse(code.Root, CultureInfo.InvariantCulture)), code.Quad);
            if (code.ParentCode is { } parent) Assert.True(Table.IsValid(parent), $"{code.Code} has no parent {parent}");
            Assert.InRange(code.Goldstein, -10, 10);
        }
    }

    [Fact]
    public void Goldstein_and_quad_agree_with_the_reference_table()
    {
        var path = SharedReferenceData.CameoFile("event_codes.tsv");
        if (path is null)
        {
            output.WriteLine("SKIPPED: ../shared/cameo/event_codes.tsv not found beside the repository");
            return;
        }
        var rows = SharedReferenceData.ReadTsv(path);
        Assert.True(rows.Count > 300, $"reference table has only {rows.Count} rows");
        foreach (var row in rows)
        {
            var entry = Table.Lookup(row["code"]);
            Assert.True(entry is not null, $"code {row["code"]} is missing from cameo_codes.tsv");
            Assert.Equal(double.Parse(row["goldstein"], CultureInfo.InvariantCulture), entry.Goldstein);
            Assert.Equal(int.Parse(row["quad_class"], CultureInfo.InvariantCulture), entry.Quad);
            Assert.Equal(row["root"], entry.Root);
            // Dyad writes its own labels: none may be the reference wording.
            Assert.NotEqual(row["label"].ToLowerInvariant(), entry.Label.ToLowerInvariant());
        }
        output.WriteLine($"checked {rows.Count} codes against {path}");
    }

    [Fact]
    public void Plover_categories_agree_with_the_reference_mapping()
    {
        var path = SharedReferenceData.CameoFile("cameo_to_plover.tsv");
        if (path is null)
        {
            output.WriteLine("SKIPPED: ../shared/cameo/cameo_to_plover.tsv not found beside the repository");
            return;
        }
        var checkedCount = 0;
        foreach (var row in SharedReferenceData.ReadTsv(path))
        {
            if (Table.Lookup(row["cameo_code"]) is not { } entry) continue; // 1214 is PLOVER-only
            Assert.Equal(row["plover_category"], entry.Plover);
            checkedCount++;
        }
        Assert.True(checkedCount > 250, $"only {checkedCount} mappings checked");
    }

    private const string Head = "code\troot\tquad_class\tgoldstein\tplover\tlabel\n";

    private static string MinimalTable(params string[] extra)
    {
        var rows = Enumerable.Range(1, 20).Select(r =>
            $"{r:D2}\t{r:D2}\t{CameoTable.QuadOf(r)}\t0.0\t\troot {r}");
        return Head + string.Join("\n", rows.Concat(extra)) + "\n";
    }

    [Fact]
    public void Parse_accepts_a_minimal_table()
    {
        var table = CameoTable.Parse(MinimalTable("036\t03\t1\t4.0\tAGREE\tmeeting intent"), "t.tsv");
        Assert.Equal(21, table.Count);
        Assert.Equal("AGREE", table.Get("036").Plover);
    }

    [Theory]
    [InlineData("036\t03\t2\t4.0\tAGREE\tx", "quad class")]
    [InlineData("036\t04\t1\t4.0\tAGREE\tx", "root")]
    [InlineData("036\t03\t1\t12.5\tAGREE\tx", "Goldstein")]
    [InlineData("036\t03\t1\tfour\tAGREE\tx", "Goldstein")]
    [InlineData("0361\t03\t1\t4.0\tAGREE\tx", "parent")]
    [InlineData("01\t01\t1\t0.0\t\tdup", "twice")]
    [InlineData("036\t03\t1\t4.0\tAGREE\t", "no label")]
    [InlineData("036\t03\t1\t4.0\tAGREE", "columns")]
    [InlineData("36x\t03\t1\t4.0\tAGREE\tx", "digits")]
    public void Parse_rejects_broken_rows(string row, string complaint)
    {
        var error = Assert.Throws<DyadException>(() => CameoTable.Parse(MinimalTable(row), "t.tsv"));
        Assert.Equal(ErrorCode.DataFormat, error.Code);
        Assert.Contains(complaint, error.Message);
    }

    [Fact]
    public void Parse_rejects_a_table_missing_a_root()
    {
        var text = MinimalTable().Replace("20\t20\t4\t0.0\t\troot 20\n", "");
        var error = Assert.Throws<DyadException>(() => CameoTable.Parse(text, "t.tsv"));
        Assert.Contains("19 root codes", error.Message);
    }

    [Fact]
    public void Parse_rejects_a_wrong_header()
    {
        var error = Assert.Throws<DyadException>(() => CameoTable.Parse("code\tlabel\n01\tx\n", "t.tsv"));
        Assert.Equal(ErrorCode.DataFormat, error.Code);
    }
}
