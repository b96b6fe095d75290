using System.Globalization;
using System.Text;
using Dyad.Storage;

namespace Dyad.Output.Gdelt;

/// <summary>What the GDELT tables need to know about an event's article.</summary>
public sealed record GdeltArticle(string? Url, string? Source, DateOnly? Published, int Length);

/// <summary>
/// Writes events as the GDELT 2.0 event table (61 tab-separated columns, no header) and, optionally, the
/// Mentions table (16 columns), so tools written for GDELT read Dyad's output unchanged. Where Dyad has no
/// value GDELT would have (tone, ADM codes, feature ids, known-group and religion codes) the field is empty or
/// zero as GDELT writes it. Fields GDELT types as numbers always hold numbers.
/// SOURCEURL carries Dyad's provenance: the article's URL (or urn:dyad:article:ID) with the sentence as the fragment.
/// </summary>
public sealed class GdeltEventWriter : IDisposable
{
    /// <summary>The event table's columns, in GDELT 2.0 order.</summary>
    public static readonly string[] EventColumns =
    [
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        .. ActorColumns("Actor1"), .. ActorColumns("Actor2"),
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
        .. GeoColumns("Actor1Geo"), .. GeoColumns("Actor2Geo"), .. GeoColumns("ActionGeo"),
        "DATEADDED", "SOURCEURL",
    ];

    /// <summary>The Mentions table's columns, in GDELT 2.0 order.</summary>
    public static readonly string[] MentionColumns =
    [
        "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
        "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
        "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
    ];

    private static string[] ActorColumns(string prefix) =>
        new[] { "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code" }
            .Select(c => prefix + c).ToArray();

    private static string[] GeoColumns(string prefix) =>
        new[] { "_Type", "_FullName", "_CountryCode", "_ADM1Code", "_ADM2Code", "_Lat", "_Long", "_FeatureID" }.Select(c => prefix + c).ToArray();

    private readonly TextWriter _events;
    private readonly TextWriter? _mentions;
    private readonly Func<string, GdeltArticle?> _articles;
    private readonly string _dateAdded;
    private readonly StringBuilder _row = new();

    public int Written { get; private set; }
    /// <summary>Events left out because neither they nor their article have a date (GDELT requires SQLDATE).</summary>
    public int Undated { get; private set; }

    /// <param name="articles">Looks up an event's article (URL, source, date, length); called once per event.</param>
    /// <param name="added">The time the export stands for (DATEADDED), rounded down to GDELT's 15-minute batches.</param>
    public GdeltEventWriter(TextWriter events, TextWriter? mentions, Func<string, GdeltArticle?> articles, DateTime added)
    {
        _events = events;
        _mentions = mentions;
        _articles = articles;
        var batch = new DateTime(added.Year, added.Month, added.Day, added.Hour, added.Minute / 15 * 15, 0, DateTimeKind.Utc);
        _dateAdded = batch.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    }

    public void Write(StoredEvent e)
    {
        var article = _articles(e.ArticleId);
        if ((e.Date ?? article?.Published) is not DateOnly date)
        {
            Undated++;
            return;
        }
        _row.Clear();
        Field(e.Id);
        Field(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        Field(date.ToString("yyyyMM", CultureInfo.InvariantCulture));
        Field(date.Year);
        Field(Math.Round(date.Year + (date.DayOfYear - 1) / 365.0, 4).ToString("0.0000", CultureInfo.InvariantCulture));
        Actor(e.Source);
        Actor(e.Target);
        Field(e.SentenceIndex == 0 ? 1 : 0);
        var code = e.Cameo;
        Field(code);
        Field(code.Length > 3 ? code[..3] : code);
        Field(e.Root);
        Field(e.Quad);
        Field(e.Goldstein.ToString("0.0", CultureInfo.InvariantCulture));
        Field(1); Field(1); Field(1);
        Field("0");
        Geo(null);
        Geo(null);
        Geo(e.Location);
        Field(_dateAdded);
        Field(SourceUrl(e, article), last: true);
        _events.Write(_row.Append('\n'));

        if (_mentions is not null)
        {
            _row.Clear();
            Field(e.Id);
            Field(_dateAdded);
            Field(article?.Published is DateOnly published ? published.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "000000" : _dateAdded);
            Field(1); // WEB
            Field(article?.Source ?? Host(article?.Url) ?? "dyad");
            Field(SourceUrl(e, article));
            Field(e.SentenceIndex + 1);
            Field(e.Source.Start ?? -1);
            Field(e.Target?.Start ?? -1);
            Field(e.PredicateStart);
            Field(1);
            Field(Math.Clamp((int)Math.Round(e.Confidence * 100), 0, 100));
            Field(article?.Length ?? 0);
            Field("0");
            Field("");
            Field($"<DYAD><ARTICLE>{Escape(e.ArticleId)}</ARTICLE><ENTRY>{Escape(e.Entry)}</ENTRY><MODALITY>{e.Modality}</MODALITY><NEGATED>{(e.Negated ? 1 : 0)}</NEGATED><PLOVER>{Escape(e.Plover)}</PLOVER></DYAD>", last: true);
            _mentions.Write(_row.Append('\n'));
        }
        Written++;
    }

    private static string? Host(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;

    private static string Escape(string? text) => (text ?? "").Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static string SourceUrl(StoredEvent e, GdeltArticle? article)
    {
        var url = !string.IsNullOrWhiteSpace(article?.Url) ? article.Url!.Split('#')[0] : "urn:dyad:article:" + Uri.EscapeDataString(e.ArticleId);
        return $"{url}#dyad-sentence-{e.SentenceIndex}";
    }

    private void Actor(StoredActor? actor)
    {
        var code = actor?.Code ?? "";
        var country = actor?.Country ?? "";
        // CAMEO codes are 3-letter blocks: country first when there is one, then up to three role/type codes
        var rest = country.Length == 3 && code.StartsWith(country, StringComparison.Ordinal) ? code[3..] : code;
        var types = Enumerable.Range(0, rest.Length / 3).Select(i => rest.Substring(i * 3, 3)).ToList();
        if (types.Count == 0 && actor?.Role is { Length: 3 } role) types.Add(role);
        Field(code);
        Field((actor?.Name ?? actor?.Text ?? "").ToUpperInvariant());
        Field(country);
        Field(""); Field(""); Field(""); Field("");
        for (int i = 0; i < 3; i++) Field(i < types.Count ? types[i] : "");
    }

    private void Geo(StoredPlace? place)
    {
        if (place is null)
        {
            Field(0);
            for (int i = 0; i < 7; i++) Field("");
            return;
        }
        // 4 = world city, 3 = US city: Dyad's places are settlements or countries with a point
        Field(place.Country == "USA" ? 3 : 4);
        Field(place.Country is null ? place.Name : $"{place.Name}, {place.Country}");
        Field(place.Country ?? "");
        Field(""); Field("");
        Field(place.Lat is double lat ? lat.ToString("0.####", CultureInfo.InvariantCulture) : "");
        Field(place.Lon is double lon ? lon.ToString("0.####", CultureInfo.InvariantCulture) : "");
        Field("");
    }

    private void Field(long value, bool last = false) => Field(value.ToString(CultureInfo.InvariantCulture), last);

    private void Field(string? value, bool last = false)
    {
        foreach (var c in value ?? "") _row.Append(c is '\t' or '\n' or '\r' ? ' ' : c);
        if (!last) _row.Append('\t');
    }

    public void Dispose()
    {
        _events.Flush();
        _mentions?.Flush();
    }
}
