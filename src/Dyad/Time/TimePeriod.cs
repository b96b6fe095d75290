using System.Globalization;

namespace Dyad.Time;

internal enum Grain { Day, Week, Weekend, Month, Quarter, Season, Year, Decade, Century, PartOfDay, Clock }

/// <summary>A calendar period found in text: its grain, the first day it covers, and the part of day or clock time for TIME values.</summary>
internal readonly record struct TimePeriod(Grain Grain, DateOnly Start, string? Detail = null)
{
    public static TimePeriod OfDay(DateOnly day) => new(Grain.Day, day);
    public static TimePeriod OfWeek(DateOnly day) => new(Grain.Week, MondayOf(day));
    public static TimePeriod OfMonth(int year, int month) => new(Grain.Month, new DateOnly(year, month, 1));
    public static TimePeriod OfYear(int year) => new(Grain.Year, new DateOnly(year, 1, 1));
    public static TimePeriod OfQuarter(int year, int quarter) => new(Grain.Quarter, new DateOnly(year, quarter * 3 - 2, 1));

    public static TimePeriod OfSeason(int year, string season) =>
        new(Grain.Season, new DateOnly(year, season switch { "SP" => 3, "SU" => 6, "FA" => 9, _ => 12 }, 1), season);

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public string Type => Grain is Grain.PartOfDay or Grain.Clock ? "TIME" : "DATE";

    /// <summary>The first day covered: a week gives its Monday, a month its 1st, a year 1 January.</summary>
    public DateOnly Day => Grain == Grain.Weekend ? MondayOf(Start).AddDays(5) : Start;

    public string Value
    {
        get
        {
            var inv = CultureInfo.InvariantCulture;
            switch (Grain)
            {
                case Grain.Day: return Start.ToString("yyyy-MM-dd", inv);
                case Grain.Week:
                case Grain.Weekend:
                    var dt = Start.ToDateTime(TimeOnly.MinValue);
                    string week = $"{ISOWeek.GetYear(dt):D4}-W{ISOWeek.GetWeekOfYear(dt):D2}";
                    return Grain == Grain.Weekend ? week + "-WE" : week;
                case Grain.Month: return Start.ToString("yyyy-MM", inv);
                case Grain.Quarter: return $"{Start.Year:D4}-Q{(Start.Month + 2) / 3}";
                case Grain.Season: return $"{Start.Year:D4}-{Detail}";
                case Grain.Year: return Start.Year.ToString("D4", inv);
                case Grain.Decade: return (Start.Year / 10).ToString("D3", inv);
                case Grain.Century: return (Start.Year / 100).ToString("D2", inv);
                case Grain.PartOfDay: return Start.ToString("yyyy-MM-dd", inv) + "T" + Detail;
                default: return Start.ToString("yyyy-MM-dd", inv) + "T" + Detail;
            }
        }
    }

    /// <summary>The period <paramref name="steps"/> periods of the same grain away (last week = -1).</summary>
    public TimePeriod Shift(int steps) => Grain switch
    {
        Grain.Day or Grain.PartOfDay or Grain.Clock => this with { Start = Start.AddDays(steps) },
        Grain.Week or Grain.Weekend => this with { Start = Start.AddDays(7 * steps) },
        Grain.Month => this with { Start = Start.AddMonths(steps) },
        Grain.Quarter => this with { Start = Start.AddMonths(3 * steps) },
        Grain.Season or Grain.Year => this with { Start = Start.AddYears(steps) },
        Grain.Decade => this with { Start = Start.AddYears(10 * steps) },
        _ => this with { Start = Start.AddYears(100 * steps) },
    };

    /// <summary>The period of the given unit containing <paramref name="day"/>.</summary>
    public static TimePeriod Containing(TimeUnit unit, DateOnly day) => unit switch
    {
        TimeUnit.Day => OfDay(day),
        TimeUnit.Week or TimeUnit.Fortnight => OfWeek(day),
        TimeUnit.Weekend => new TimePeriod(Grain.Weekend, MondayOf(day)),
        TimeUnit.Month => OfMonth(day.Year, day.Month),
        TimeUnit.Quarter => OfQuarter(day.Year, (day.Month + 2) / 3),
        TimeUnit.Year => OfYear(day.Year),
        TimeUnit.Decade => new TimePeriod(Grain.Decade, new DateOnly(day.Year / 10 * 10, 1, 1)),
        TimeUnit.Century => new TimePeriod(Grain.Century, new DateOnly(day.Year / 100 * 100, 1, 1)),
        _ => OfDay(day),
    };

    /// <summary>TIMEX3 duration for a count of units: P3D, P2W, PT30M, P10Y for a decade; X for a vague count.</summary>
    public static string Duration(double? count, TimeUnit unit)
    {
        string n(double factor) => count is null ? "X" : (count.Value * factor).ToString("0.##", CultureInfo.InvariantCulture);
        return unit switch
        {
            TimeUnit.Second => $"PT{n(1)}S",
            TimeUnit.Minute => $"PT{n(1)}M",
            TimeUnit.Hour => $"PT{n(1)}H",
            TimeUnit.Day => $"P{n(1)}D",
            TimeUnit.Week => $"P{n(1)}W",
            TimeUnit.Fortnight => $"P{n(2)}W",
            TimeUnit.Weekend => $"P{n(1)}WE",
            TimeUnit.Month => $"P{n(1)}M",
            TimeUnit.Quarter => $"P{n(1)}Q",
            TimeUnit.Year => $"P{n(1)}Y",
            TimeUnit.Decade => $"P{n(10)}Y",
            _ => $"P{n(100)}Y",
        };
    }
}
