using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Dyad.Errors;

namespace Dyad.Places;

public enum PlaceKind { Country, Region, City }

/// <summary>One gazetteer entry: a country, a first-level region (US state, disputed region) or a city.</summary>
public sealed record PlaceEntry(PlaceKind Kind, string Name, string? Country, string? Admin1, double Lat, double Lon, long Population)
{
    public long? GeonameId { get; init; }
    /// <summary>GeoNames feature code for cities (PPLC national capital, PPLA first-level capital …).</summary>
    public string? Feature { get; init; }
    public bool IsNationalCapital => Feature == "PPLC";
}

/// <summary>
/// Countries (Places/countries.tsv), regions (Places/regions.tsv) and cities (Places/gazetteer.tsv, GeoNames CC BY 4.0),
/// indexed by every name and alternate name, case- and accent-insensitively. Loaded once; read-only afterwards.
/// </summary>
public sealed class PlaceGazetteer
{
    private static readonly Lazy<PlaceGazetteer> SharedInstance = new(() => new PlaceGazetteer(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The gazetteer built from the embedded tables.</summary>
    public static PlaceGazetteer Shared => SharedInstance.Value;

    // A plain dictionary for the ~45,000 names: freezing it cost more at start-up (about a fifth of the
    // gazetteer's build) than its faster lookups save over any realistic run; the small tables stay frozen.
    private readonly Dictionary<string, List<PlaceEntry>> _byName;
    private readonly Dictionary<string, List<PlaceEntry>>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly FrozenDictionary<string, PlaceEntry> _countryByIso3;
    private readonly FrozenDictionary<string, PlaceEntry> _byDemonym;
    private readonly FrozenDictionary<string, PlaceEntry>.AlternateLookup<ReadOnlySpan<char>> _demonymBySpan;
    private readonly FrozenDictionary<string, PlaceEntry> _regionByAbbreviation;
    private readonly FrozenDictionary<string, PlaceEntry>.AlternateLookup<ReadOnlySpan<char>> _abbreviationBySpan;

    public int LongestNameInWords { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PlaceGazetteer()
    {
        var names = new Dictionary<string, List<PlaceEntry>>(StringComparer.OrdinalIgnoreCase);
        var countries = new Dictionary<string, PlaceEntry>(StringComparer.Ordinal);
        var demonyms = new Dictionary<string, PlaceEntry>(StringComparer.OrdinalIgnoreCase);
        var abbreviations = new Dictionary<string, PlaceEntry>(StringComparer.Ordinal);
        int longest = 1;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Add(string name, PlaceEntry entry)
        {
            string key = Fold(name.Trim());
            if (key.Length < 2) return;
            if (!names.TryGetValue(key, out var list)) names[key] = list = [];
            if (!list.Contains(entry)) list.Add(entry);
            longest = Math.Max(longest, key.AsSpan().Count(' ') + 1);
        }
        var inv = CultureInfo.InvariantCulture;
        foreach (var c in ReadTable("Places/countries.tsv"))
        {
            var entry = new PlaceEntry(PlaceKind.Country, c[2], c[0], null, double.Parse(c[3], inv), double.Parse(c[4], inv), 0);
            countries[c[0]] = entry;
            Add(c[2], entry);
            foreach (var alt in Alternates(c, 5)) Add(alt, entry);
            foreach (var demonym in Alternates(c, 6)) demonyms.TryAdd(demonym, entry);
        }
        foreach (var r in ReadTable("Places/regions.tsv"))
        {
            var entry = new PlaceEntry(PlaceKind.Region, r[2], r[0].Length == 0 ? null : r[0], r[1], double.Parse(r[3], inv), double.Parse(r[4], inv), 0);
            Add(r[2], entry);
            foreach (var alt in Alternates(r, 5)) Add(alt, entry);
            foreach (var abbreviation in Alternates(r, 6)) abbreviations.TryAdd(abbreviation.TrimEnd('.'), entry);
        }
        foreach (var g in ReadTable("Places/gazetteer.tsv"))
        {
            var entry = new PlaceEntry(PlaceKind.City, g[1], g[2], g[3].Length == 0 ? null : g[3], double.Parse(g[4], inv), double.Parse(g[5], inv),
                long.Parse(g[6], inv)) { GeonameId = long.Parse(g[0], inv), Feature = g[7] };
            Add(g[1], entry);
            foreach (var alt in Alternates(g, 8)) Add(alt, entry);
        }
        foreach (var a in ReadTable("Places/place-aliases.tsv"))
        {
            if (a.Length < 3) continue;
            if (a[1].Length == 0) { if (countries.TryGetValue(a[2], out var country)) Add(a[0], country); continue; }
            if (!names.TryGetValue(Fold(a[1]), out var targets)) continue;
            foreach (var e in targets.ToList())
                if (e.Name == a[1] && e.Country == a[2]) Add(a[0], e);
        }
        _byName = names;
        _bySpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        _countryByIso3 = countries.ToFrozenDictionary(StringComparer.Ordinal);
        _byDemonym = demonyms.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _demonymBySpan = _byDemonym.GetAlternateLookup<ReadOnlySpan<char>>();
        _regionByAbbreviation = abbreviations.ToFrozenDictionary(StringComparer.Ordinal);
        _abbreviationBySpan = _regionByAbbreviation.GetAlternateLookup<ReadOnlySpan<char>>();
        LongestNameInWords = Math.Min(longest, 6);
    }

    /// <summary>Entries for a name (any case; accents optional), or empty.</summary>
    public ReadOnlySpan<PlaceEntry> Find(ReadOnlySpan<char> name)
    {
        if (_bySpan.TryGetValue(name, out var found)) return CollectionsMarshal.AsSpan(found);
        if (!System.Text.Ascii.IsValid(name) && _byName.TryGetValue(Fold(name.ToString()), out found)) return CollectionsMarshal.AsSpan(found);
        return [];
    }

    public PlaceEntry? Country(string iso3) => _countryByIso3.GetValueOrDefault(iso3);

    /// <summary>The country a demonym names ("Syrian", "Palestinians"), or null.</summary>
    public PlaceEntry? CountryOfDemonym(ReadOnlySpan<char> word) => _demonymBySpan.TryGetValue(word, out var e) ? e : null;

    /// <summary>The region a postal or press abbreviation names after a city ("Fla", "N.Y", "TX"; case-sensitive, final dot dropped).</summary>
    public PlaceEntry? RegionOfAbbreviation(ReadOnlySpan<char> abbreviation) =>
        _abbreviationBySpan.TryGetValue(abbreviation.TrimEnd('.'), out var e) ? e : null;

    /// <summary>Accents dropped and typographic apostrophes made plain, so "Genève" and "Geneve" meet.</summary>
    public static string Fold(string text)
    {
        bool plain = true;
        foreach (char c in text) if (c > 127) { plain = false; break; }
        if (plain) return text;
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { '‘' or '’' or 'ʻ' or 'ʼ' or '`' or '´' => '\'', 'ı' => 'i', 'ł' => 'l', 'đ' => 'd', 'ø' => 'o', _ => c });
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static IEnumerable<string> Alternates(string[] row, int column) =>
        row.Length > column && row[column].Length > 0 ? row[column].Split('|') : [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static IEnumerable<string[]> ReadTable(string resource)
    {
        var assembly = typeof(PlaceGazetteer).Assembly;
        string? name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.Replace('\\', '/').EndsWith(resource, StringComparison.Ordinal));
        using var stream = name is null ? null : assembly.GetManifestResourceStream(name);
        if (stream is null) throw new DyadException(ErrorCode.DataMissing, $"embedded resource {resource} not found");
        using var reader = new StreamReader(stream);
        string? line;
        var rows = new List<string[]>();
        while ((line = reader.ReadLine()) is not null)
            if (line.Length > 0 && line[0] != '#') rows.Add(line.Split('\t'));
        return rows;
    }
}
