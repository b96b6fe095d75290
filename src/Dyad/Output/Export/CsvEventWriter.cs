using System.Globalization;
using System.Text;
using Dyad.Storage;

namespace Dyad.Output.Export;

/// <summary>
/// Events as RFC 4180 CSV with a header: the TSV columns plus provenance, quoted where needed. A text field that
/// starts like a formula (= + - @) gets a leading apostrophe, so a spreadsheet shows it rather than runs it.
/// </summary>
public sealed class CsvEventWriter(TextWriter output) : IDisposable
{
    public static readonly string[] Columns =
    [
        "id", "article_id", "sentence_index", "date", "source_text", "source_name", "source_code", "source_country", "source_role",
        "cameo", "root", "quad", "goldstein", "plover", "target_text", "target_name", "target_code", "target_country", "target_role",
        "location", "location_country", "lat", "lon", "negated", "modality", "predicate_start", "predicate_end", "entry", "confidence", "sentence",
    ];

    private bool _header;
    public int Written { get; private set; }

    public void Write(StoredEvent e)
    {
        if (!_header) WriteHeader();
        static string Number(double? v) => v?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";
        string?[] fields =
        [
            e.Id.ToString(CultureInfo.InvariantCulture), e.ArticleId, e.SentenceIndex.ToString(CultureInfo.InvariantCulture),
            e.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Source.Text, e.Source.Name, e.Source.Code, e.Source.Country, e.Source.Role,
            e.Cameo, e.Root, e.Quad.ToString(CultureInfo.InvariantCulture), Number(e.Goldstein), e.Plover,
            e.Target?.Text, e.Target?.Name, e.Target?.Code, e.Target?.Country, e.Target?.Role,
            e.Location?.Name, e.Location?.Country, Number(e.Location?.Lat), Number(e.Location?.Lon),
            e.Negated ? "true" : "false", e.Modality, e.PredicateStart.ToString(CultureInfo.InvariantCulture), e.PredicateEnd.ToString(CultureInfo.InvariantCulture),
            e.Entry, Number(e.Confidence), e.Sentence,
        ];
        WriteRow(fields);
        Written++;
    }

    private void WriteHeader()
    {
        WriteRow(Columns);
        _header = true;
    }

    private void WriteRow(IReadOnlyList<string?> fields)
    {
        var line = new StringBuilder();
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) line.Append(',');
            var f = Field(fields[i]);
            if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0) line.Append('"').Append(f.Replace("\"", "\"\"")).Append('"');
            else line.Append(f);
        }
        output.Write(line.Append("\r\n"));
    }

    internal static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return "'" + value;
        return value;
    }

    public void Dispose()
    {
        if (!_header) WriteHeader();
        output.Flush();
    }
}
