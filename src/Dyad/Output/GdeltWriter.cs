using System.Globalization;
using Dyad.Storage;

namespace Dyad.Output;

/// <summary>
/// Writes events as GDELT 2.0 event rows: 61 tab-separated columns in the codebook's order, no header (GDELT
/// files have none). Fields Dyad does not know (ethnic and religion codes, tone, FIPS geo codes, ADM codes,
/// feature ids) stay empty rather than guessed; mentions, sources and articles count 1 per coded sentence.
/// </summary>
public sealed class GdeltEventWriter(TextWriter output)
{
    public static readonly string[] Columns =
    [
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        .. ActorColumns("Actor1"), .. ActorColumns("Actor2"),
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
        .. GeoColumns("Actor1Geo"), .. GeoColumns("Actor2Geo"), .. GeoColumns("ActionGeo"),
        "DATEADDED", "SOURCEURL",
    ];

    private static string[] ActorColumns(string prefix) =>
    [
        prefix + "Code", prefix + "Name", prefix + "CountryCode", prefix + "KnownGroupCode", prefix + "EthnicCode",
        prefix + "Religion1Code", prefix + "Religion2Code", prefix + "Type1Code", prefix + "Type2Code", prefix + "Type3Code",
    ];

    private static string[] GeoColumns(string prefix) =>
    [
        prefix + "_Type", prefix + "_FullName", prefix + "_CountryCode", prefix + "_ADM1Code", prefix + "_ADM2Code",
        prefix + "_Lat", prefix + "_Long", prefix + "_FeatureID",
    ];

    /// <summary>Known-group codes GDELT keeps apart from the actor type (international and non-state bodies).</summary>
    private static readonly HashSet<string> KnownGroups = new(StringComparer.Ordinal)
    {
        "UNO", "NATO", "EEC", "AFR", "ASN", "ARL", "OPC", "WTO", "IMF", "WBK", "ICC", "IGO", "NGO", "AMN", "HRW", "IRC", "MSF",
    };

    public int Written { get; private set; }

    /// <param name="sourceUrl">the article's address, when the store has one</param>
    /// <param name="added">when the event entered the store; the event date stands in when unknown</param>
    public void Write(StoredEvent e, string? sourceUrl = null, DateTime? added = null)
    {
        var fields = new string?[Columns.Length];
        int i = 0;
        void Add(string? value) => fields[i++] = value;
        var date = e.Date;
        Add(e.Id.ToString(CultureInfo.InvariantCulture));
        Add(date?.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        Add(date?.ToString("yyyyMM", CultureInfo.InvariantCulture));
        Add(date?.Year.ToString(CultureInfo.InvariantCulture));
        Add(date is DateOnly d ? (d.Year + (d.DayOfYear - 1) / 365.0).ToString("0.0000", CultureInfo.InvariantCulture) : null);
        AddActor(e.Source);
        AddActor(e.Target);
        Add(e.SentenceIndex == 0 ? "1" : "0");
        Add(e.Cameo);
        Add(e.Cameo.Length >= 3 ? e.Cameo[..3] : e.Cameo);
        Add(e.Root);
        Add(e.Quad.ToString(CultureInfo.InvariantCulture));
        Add(e.Goldstein.ToString("0.0", CultureInfo.InvariantCulture));
        Add("1"); Add("1"); Add("1");
        Add(null);
        // Dyad places the action, not each actor, so the actor geo blocks stay empty
        AddGeo(null);
        AddGeo(null);
        AddGeo(e.Location);
        var stamp = added ?? date?.ToDateTime(TimeOnly.MinValue);
        Add(stamp?.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        Add(sourceUrl);

        void AddActor(StoredActor? a)
        {
            var code = a?.Code;
            Add(code);
            Add(a?.Name?.ToUpperInvariant() ?? a?.Text?.ToUpperInvariant());
            Add(a?.Country);
            var group = code is { Length: >= 3 } && KnownGroups.Contains(code[..3]) ? code[..3] : null;
            Add(group);
            Add(null); Add(null); Add(null);
            Add(a?.Role);
            Add(null); Add(null);
        }

        void AddGeo(StoredPlace? p)
        {
            if (p is null)
            {
                Add("0"); Add(null); Add(null); Add(null); Add(null); Add(null); Add(null); Add(null);
                return;
            }
            // 1 country, 4 world city; GDELT's 2/3 (US state, US city) need an ADM1 table Dyad does not have
            bool isCountry = p.Country is not null && Places.PlaceGazetteer.Shared.Country(p.Country) is { } country
                && string.Equals(country.Name, p.Name, StringComparison.OrdinalIgnoreCase);
            Add(isCountry ? "1" : "4");
            Add(p.Name);
            Add(null); Add(null); Add(null);
            Add(p.Lat?.ToString("0.####", CultureInfo.InvariantCulture));
            Add(p.Lon?.ToString("0.####", CultureInfo.InvariantCulture));
            Add(null);
        }

        output.WriteLine(string.Join('\t', fields.Select(Clean)));
        Written++;
    }

    private static string Clean(string? value) => (value ?? "").Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
