using System.Collections.Frozen;
using System.Globalization;
using Dyad.Errors;

namespace Dyad.Time;

internal enum TimeUnit { None, Second, Minute, Hour, Day, Week, Weekend, Fortnight, Month, Quarter, Year, Decade, Century }

internal enum TimeModifier { None, Last, Next, This, Past, Previous, Early, Late, Mid, Earlier, Later, Ago, Following, Same, End, Start, Middle }

/// <summary>Everything the lexicon says about one word; a word can carry several senses ("second", "may", "fall").</summary>
internal sealed class TimeWord
{
    public int Month;
    public bool MonthAbbreviated;
    public int Weekday;
    public bool WeekdayAbbreviated;
    public int? RelativeDay;
    public string? PartOfDay;
    public TimeUnit Unit;
    public bool UnitPlural;
    public double? Number;
    public bool VagueNumber;
    public int Ordinal;
    public string? Season;
    public string? Reference;
    public string? Set;
    public string? Zone;
    public string? Meridiem;
    public TimeModifier Modifier;
}

/// <summary>The temporal lexicon, loaded once from the embedded Time/time-words.tsv.</summary>
internal static class TimeWords
{
    private const string ResourceName = "Time/time-words.tsv";
    private static readonly FrozenDictionary<string, TimeWord> Words = Load();
    private static readonly FrozenDictionary<string, TimeWord>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Look a token up, ignoring case and one trailing full stop ("Sept.", "a.m.").</summary>
    public static TimeWord? Find(ReadOnlySpan<char> token)
    {
        if (token.Length == 0) return null;
        if (BySpan.TryGetValue(token, out var word)) return word;
        if (token.Length > 1 && token[^1] == '.' && BySpan.TryGetValue(token[..^1], out word)) return word;
        return null;
    }

    private static FrozenDictionary<string, TimeWord> Load()
    {
        var assembly = typeof(TimeWords).Assembly;
        string? name = assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.Replace('\\', '/').EndsWith(ResourceName, StringComparison.Ordinal));
        using var stream = name is null ? null : assembly.GetManifestResourceStream(name);
        if (stream is null) throw new DyadException(ErrorCode.DataMissing, $"embedded resource {ResourceName} not found");
        using var reader = new StreamReader(stream);
        var words = new Dictionary<string, TimeWord>(StringComparer.OrdinalIgnoreCase);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split('\t');
            if (cells.Length < 3) continue;
            if (!words.TryGetValue(cells[0], out var word)) words[cells[0]] = word = new TimeWord();
            Apply(word, cells[1], cells[2]);
        }
        return words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static void Apply(TimeWord word, string kind, string value)
    {
        switch (kind)
        {
            case "month": word.Month = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "month-abbr": word.Month = int.Parse(value, CultureInfo.InvariantCulture); word.MonthAbbreviated = true; break;
            case "weekday": word.Weekday = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "weekday-abbr": word.Weekday = int.Parse(value, CultureInfo.InvariantCulture); word.WeekdayAbbreviated = true; break;
            case "relative-day": word.RelativeDay = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "part-of-day": word.PartOfDay = value; break;
            case "unit": word.Unit = ParseUnit(value); break;
            case "unit-plural": word.Unit = ParseUnit(value); word.UnitPlural = true; break;
            case "number": word.Number = double.Parse(value, CultureInfo.InvariantCulture); break;
            case "number-vague": word.VagueNumber = true; break;
            case "ordinal": word.Ordinal = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "season": word.Season = value; break;
            case "reference": word.Reference = value; break;
            case "set": word.Set = value; break;
            case "zone": word.Zone = value; break;
            case "meridiem": word.Meridiem = value; break;
            case "modifier": word.Modifier = Enum.Parse<TimeModifier>(value, ignoreCase: true); break;
            default: throw new DyadException(ErrorCode.DataMissing, $"{ResourceName}: unknown kind '{kind}'");
        }
    }

    private static TimeUnit ParseUnit(string code) => code switch
    {
        "S" => TimeUnit.Second, "MIN" => TimeUnit.Minute, "H" => TimeUnit.Hour, "D" => TimeUnit.Day,
        "W" => TimeUnit.Week, "WE" => TimeUnit.Weekend, "FN" => TimeUnit.Fortnight, "M" => TimeUnit.Month,
        "Q" => TimeUnit.Quarter, "Y" => TimeUnit.Year, "DE" => TimeUnit.Decade, "CE" => TimeUnit.Century,
        _ => throw new DyadException(ErrorCode.DataMissing, $"{ResourceName}: unknown unit '{code}'"),
    };
}
