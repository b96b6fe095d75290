using System.Globalization;

namespace Dyad.Time;

/// <summary>How to read an all-numeric date such as 04/07/2016 when neither part is above 12.</summary>
public enum NumericDateOrder
{
    /// <summary>04/07/2016 is 4 July (British, Indian, most of the world).</summary>
    DayFirst,
    /// <summary>04/07/2016 is 7 April (US sources).</summary>
    MonthFirst,
}

/// <summary>One expression found by <see cref="TimeExpressionParser"/>: tokens [First, End) and a TIMEX3-style value.</summary>
internal readonly record struct TimeMatch(int First, int End, string Type, string Value, DateOnly? Day);

/// <summary>
/// Reads time expressions from a window of tokens (one sentence) and resolves them against the document
/// creation time. It walks the tokens once, trying a fixed set of shapes at each position and keeping the
/// longest; words are looked up in <see cref="TimeWords"/> by span, so no string is made per token.
/// </summary>
internal ref struct TimeExpressionParser
{
    private readonly string _text;
    private readonly int[] _starts;
    private readonly int[] _ends;
    private readonly int _first;
    private readonly int _end;
    private readonly DateOnly? _dct;
    private readonly NumericDateOrder _order;
    private readonly string?[]? _upos;
    private List<(int Index, bool Future)>? _tenseCues;
    private HashSet<int>? _bareClocks;

    public TimeExpressionParser(string text, int[] starts, int[] ends, int first, int end, DateOnly? dct,
        NumericDateOrder order, string?[]? upos)
    {
        _text = text; _starts = starts; _ends = ends; _first = first; _end = end;
        _dct = dct; _order = order; _upos = upos;
        _tenseCues = null;
        _bareClocks = null;
    }

    public void ParseAll(List<TimeMatch> output)
    {
        int firstOutput = output.Count;
        int i = _first;
        while (i < _end)
        {
            if (TryAt(i, out var match) && match.End > i)
            {
                output.Add(match);
                i = match.End;
            }
            else i++;
        }
        AnchorClockTimes(output, firstOutput);
    }

    /// <summary>"made its first test flight Tuesday … at 18:00 UTC": a bare clock time falls on the day the sentence names.</summary>
    private void AnchorClockTimes(List<TimeMatch> output, int from)
    {
        for (int k = from; k < output.Count; k++)
        {
            var clock = output[k];
            if (clock.Type != "TIME" || _bareClocks is null || !_bareClocks.Contains(clock.First)) continue;
            int best = -1, bestDistance = int.MaxValue;
            for (int d = from; d < output.Count; d++)
            {
                var day = output[d];
                if (d == k || day.Type != "DATE" || day.Day is null || day.Value.Length != 10) continue;
                int distance = day.First > clock.First ? day.First - clock.End : clock.First - day.End;
                if (distance < bestDistance) { best = d; bestDistance = distance; }
            }
            if (best < 0) continue;
            var anchor = output[best].Day!.Value;
            int t = clock.Value.IndexOf('T');
            output[k] = clock with { Value = anchor.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + clock.Value[t..], Day = anchor };
        }
    }

    /// <summary>Parse only an absolute calendar date with a year starting at <paramref name="i"/> (an optional weekday first); used for bylines and datelines.</summary>
    public bool TryAbsoluteDate(int i, out TimeMatch match)
    {
        match = default;
        int j = i;
        if (Word(j) is { Weekday: > 0 })
        {
            j++;
            if (Is(j, ",")) j++;
        }
        if ((TryMonthFirst(j, out var m, requireYear: true) || TryDayFirst(j, out m, requireYear: true) || TryNumericDate(j, out m)) && m.Grain == Grain.Day)
        {
            match = m.Match with { First = i };
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- token access

    private ReadOnlySpan<char> Tok(int i) => _text.AsSpan(_starts[i], _ends[i] - _starts[i]);
    private TimeWord? Word(int i) => i >= _first && i < _end ? TimeWords.Find(Tok(i)) : null;
    private bool Is(int i, string s) => i >= _first && i < _end && Tok(i).Equals(s, StringComparison.OrdinalIgnoreCase);
    private bool Glued(int i) => i > _first && i < _end && _starts[i] == _ends[i - 1];
    private bool IsCapitalised(int i) => char.IsUpper(_text[_starts[i]]);
    private string? Upos(int i) => _upos is null || i < 0 || i >= _upos.Length ? null : _upos[i];

    private bool IsAnyOf(int i, params ReadOnlySpan<string> words)
    {
        if (i < _first || i >= _end) return false;
        var t = Tok(i);
        foreach (var w in words) if (t.Equals(w, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private bool TryInt(int i, out int value)
    {
        value = 0;
        if (i < _first || i >= _end) return false;
        var t = Tok(i);
        if (t.Length == 0 || t.Length > 4 || !char.IsAsciiDigit(t[0])) return false;
        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A day of month written 14, 14th, 1st, 02.</summary>
    private bool TryDayNumber(int i, out int day)
    {
        day = 0;
        if (i < _first || i >= _end) return false;
        var t = Tok(i);
        int digits = 0;
        while (digits < t.Length && char.IsAsciiDigit(t[digits])) digits++;
        if (digits == 0 || digits > 2) return false;
        var suffix = t[digits..];
        if (suffix.Length != 0 && !(suffix.Equals("st", StringComparison.OrdinalIgnoreCase) || suffix.Equals("nd", StringComparison.OrdinalIgnoreCase)
            || suffix.Equals("rd", StringComparison.OrdinalIgnoreCase) || suffix.Equals("th", StringComparison.OrdinalIgnoreCase))) return false;
        day = int.Parse(t[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
        if (day < 1 || day > 31) return false;
        // "14 : 30" is a clock time, "14.5" a number
        if (i + 1 < _end && Glued(i + 1) && Tok(i + 1) is ":" or "." && i + 2 < _end && Glued(i + 2) && char.IsAsciiDigit(_text[_starts[i + 2]])) return false;
        return true;
    }

    private bool TryYear(int i, out int year)
    {
        year = 0;
        if (!TryInt(i, out year) || Tok(i).Length != 4 || year < 1000 || year > 2199) return false;
        // "2016 - 07" continues as a numeric date and "1,200" is a number, but "2016-2017" is two years
        if (i + 1 < _end && Glued(i + 1) && Tok(i + 1) is "-" or "/" or "," or "." && i + 2 < _end && Glued(i + 2) && char.IsAsciiDigit(_text[_starts[i + 2]])
            && !(Tok(i + 1) is "-" or "/" && Tok(i + 2).Length == 4)) return false;
        if (Glued(i) && Tok(i - 1) is "," or "." or "$") return false;
        return true;
    }

    // ---------------------------------------------------------------- tense

    /// <summary>True when the verb nearest to tokens [first, end) speaks of the future (will, to be, due, next …).</summary>
    private bool IsFuture(int first, int end)
    {
        int before = first - 1;
        while (before >= _first && Word(before) is { Modifier: TimeModifier.Early or TimeModifier.Late or TimeModifier.Mid }) before--;
        if (IsAnyOf(before, "until", "till", "by", "before")) return true;
        _tenseCues ??= FindTenseCues();
        int best = int.MaxValue;
        bool future = false;
        foreach (var (index, isFuture) in _tenseCues)
        {
            if (index >= first && index < end) continue;
            int distance = index < first ? first - index : index - end + 1;
            // prefer the cue on the left at equal distance: the verb usually precedes its time adjunct
            if (distance < best || (distance == best && index < first))
            {
                best = distance;
                future = isFuture;
            }
        }
        return future;
    }

    private List<(int, bool)> FindTenseCues()
    {
        var cues = new List<(int, bool)>();
        for (int i = _first; i < _end; i++)
        {
            var t = Tok(i);
            if (t.Length < 2 || !char.IsLetter(t[0])) continue;
            if (IsAnyOf(i, "will", "'ll", "shall", "wo", "would", "should", "upcoming", "next", "due", "scheduled", "plans", "planning", "intends", "expects", "tomorrow")
                || (IsAnyOf(i, "to") && IsAnyOf(i + 1, "be", "hold", "meet", "visit", "take", "start", "begin", "sign"))
                || (IsAnyOf(i, "going") && IsAnyOf(i + 1, "to")))
                cues.Add((i, true));
            else if (IsAnyOf(i, "said", "says", "say", "was", "were", "is", "are", "had", "has", "have", "did", "told", "yesterday", "ago", "last")
                || (t.Length > 4 && t.EndsWith("ed", StringComparison.Ordinal) && char.IsLower(t[0]))
                || Upos(i) is "VERB" or "AUX")
                cues.Add((i, false));
        }
        return cues;
    }

    // ---------------------------------------------------------------- dispatch

    private bool TryAt(int i, out TimeMatch match)
    {
        match = default;
        var word = Word(i);
        if (IsAnyOf(i, "the") && TryAfterThe(i + 1, out match)) { match = match with { First = i }; return true; }
        if (word is not null)
        {
            if (word.Modifier != TimeModifier.None && TryModifierLed(i, word, out match)) return true;
            if (word.Weekday > 0 && TryWeekdayLed(i, word, out match)) return true;
            if (word.Month > 0 && TryMonthFirst(i, out var m, requireYear: false)) { match = m.Match; return true; }
            if (TryWordLed(i, word, out match)) return true;
        }
        if (i < _end && char.IsAsciiDigit(_text[_starts[i]]) && TryNumberLed(i, out match)) return true;
        if (TryApostropheYear(i, out match)) return true;
        if (word is { Number: not null } or { VagueNumber: true } && TryCountOfUnits(i, out match)) return true;
        if (TryHyphenatedInToken(i, out match)) return true;
        return false;
    }

    private readonly record struct Found(int First, int End, TimePeriod Period)
    {
        public Grain Grain => Period.Grain;
        public TimeMatch Match => new(First, End, Period.Type, Period.Value, Period.Day);
        public Found With(int first) => this with { First = first };
    }

    private static TimeMatch Make(int first, int end, TimePeriod p) => new(first, end, p.Type, p.Value, p.Day);
    private static TimeMatch MakeOther(int first, int end, string type, string value, DateOnly? day = null) => new(first, end, type, value, day);

    // ---------------------------------------------------------------- absolute dates

    /// <summary>Month [.] [day] [,] [year]: "Jul 14 2016", "July 14, 2016", "Sept. 28", "July 2016", "July".</summary>
    private bool TryMonthFirst(int i, out Found found, bool requireYear)
    {
        found = default;
        var word = Word(i);
        if (word is not { Month: > 0 }) return false;
        if (Upos(i) == "VERB") return false;
        int month = word.Month;
        int j = i + 1;
        if (Is(j, ".") && Glued(j)) j++;
        if (TryDayNumber(j, out int day) && !(j + 1 < _end && Word(j + 1) is { Unit: not TimeUnit.None }))
        {
            int k = j + 1;
            int kk = Is(k, ",") ? k + 1 : k;
            if (TryYear(kk, out int year)) return Day(i, kk + 1, year, month, day, out found);
            if (requireYear) return false;
            if (_dct is null) return false;
            var resolved = ResolveMonthDay(month, day, _dct.Value, IsFuture(i, k));
            if (resolved is null) return false;
            found = new Found(i, k, TimePeriod.OfDay(resolved.Value));
            return true;
        }
        {
            int k = j;
            if (Is(k, ",") || Is(k, "of")) k++;
            if (TryYear(k, out int year))
            {
                found = new Found(i, k + 1, TimePeriod.OfMonth(year, month));
                return true;
            }
            if (IsAnyOf(j, "of") && Word(k) is { Modifier: TimeModifier.This or TimeModifier.Last or TimeModifier.Next } rel
                && Word(k + 1) is { Unit: TimeUnit.Year, UnitPlural: false } && _dct is not null)
            {
                int relYear = _dct.Value.Year + (rel.Modifier == TimeModifier.Last ? -1 : rel.Modifier == TimeModifier.Next ? 1 : 0);
                found = new Found(i, k + 2, TimePeriod.OfMonth(relYear, month));
                return true;
            }
        }
        if (requireYear || _dct is null) return false;
        // a month name alone: only capitalised and, for words that are also common words, after a time preposition
        if (!IsCapitalised(i) || word.MonthAbbreviated || word.Weekday > 0) return false;
        bool ambiguous = month is 5 or 3 || Tok(i).Equals("august", StringComparison.OrdinalIgnoreCase) && !IsCapitalised(i);
        bool afterPreposition = IsAnyOf(i - 1, "in", "since", "until", "till", "by", "during", "from", "early", "late", "mid", "last", "next",
            "this", "of", "before", "after", "through", "to", "between", "and", "or", "-", "end", "beginning", "start", "late-", "early-");
        if (ambiguous && !afterPreposition) return false;
        if (i == _first && !afterPreposition && month is 5 or 3 or 4 or 6 or 8) return false;
        bool future = IsFuture(i, i + 1);
        var dct = _dct.Value;
        int y = dct.Year;
        if (!future && month > dct.Month) y--;
        if (future && month < dct.Month) y++;
        found = new Found(i, j, TimePeriod.OfMonth(y, month));
        return true;
    }

    /// <summary>Day [of] Month [,] [year]: "14 July 2016", "11 December", "14th of July".</summary>
    private bool TryDayFirst(int i, out Found found, bool requireYear)
    {
        found = default;
        if (!TryDayNumber(i, out int day)) return false;
        int j = i + 1;
        if (Is(j, "of")) j++;
        if (Word(j) is not { Month: > 0 } word) return false;
        if (!IsCapitalised(j) && !word.MonthAbbreviated) return false;
        int k = j + 1;
        if (Is(k, ".") && Glued(k)) k++;
        int kk = Is(k, ",") ? k + 1 : k;
        if (TryYear(kk, out int year)) return Day(i, kk + 1, year, word.Month, day, out found);
        if (requireYear || _dct is null) return false;
        var resolved = ResolveMonthDay(word.Month, day, _dct.Value, IsFuture(i, k));
        if (resolved is null) return false;
        found = new Found(i, k, TimePeriod.OfDay(resolved.Value));
        return true;
    }

    private static bool Day(int first, int end, int year, int month, int day, out Found found)
    {
        found = default;
        if (day > DateTime.DaysInMonth(year, month)) return false;
        found = new Found(first, end, TimePeriod.OfDay(new DateOnly(year, month, day)));
        return true;
    }

    /// <summary>The year of a month and day given without one: the nearest to the creation time, leaning by tense.</summary>
    internal static DateOnly? ResolveMonthDay(int month, int day, DateOnly dct, bool future)
    {
        DateOnly? At(int year) => day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
        var candidate = At(dct.Year);
        if (candidate is null) return At(dct.Year - 1) ?? At(dct.Year + 1);
        int diff = candidate.Value.DayNumber - dct.DayNumber;
        if (diff > 183 || (!future && diff > 45)) return At(dct.Year - 1);
        if (diff < -183 || (future && diff < -45)) return At(dct.Year + 1);
        return candidate;
    }

    /// <summary>
    /// 2016-07-14, 14/07/2016, 7/8/07, 14.07.2016, 2016-07: either one token (tokenizers that keep such dates whole)
    /// or a run of glued digit and separator tokens.
    /// </summary>
    private bool TryNumericDate(int i, out Found found)
    {
        found = default;
        if (i < _first || i >= _end) return false;
        var t = Tok(i);
        if (t.Length >= 3 && char.IsAsciiDigit(t[0]) && char.IsAsciiDigit(t[^1]))
        {
            int cut = t.IndexOfAny('-', '/', '.');
            if (cut > 0)
            {
                char sep = t[cut];
                var rest = t[(cut + 1)..];
                int cut2 = rest.IndexOf(sep);
                var b = cut2 < 0 ? rest : rest[..cut2];
                var c = cut2 < 0 ? ReadOnlySpan<char>.Empty : rest[(cut2 + 1)..];
                if (NumericDate(t[..cut], b, c, sep, out var single))
                {
                    found = new Found(i, i + 1, single);
                    return true;
                }
                return false;
            }
        }
        if (!TryInt(i, out _)) return false;
        if (!(i + 2 < _end && Glued(i + 1) && Glued(i + 2))) return false;
        var separator = Tok(i + 1);
        if (separator.Length != 1 || separator[0] is not ('-' or '/' or '.')) return false;
        if (!TryInt(i + 2, out _)) return false;
        bool third = i + 4 < _end && Glued(i + 3) && Glued(i + 4) && Tok(i + 3).SequenceEqual(separator) && TryInt(i + 4, out _);
        if (!NumericDate(Tok(i), Tok(i + 2), third ? Tok(i + 4) : [], separator[0], out var period)) return false;
        found = new Found(i, third ? i + 5 : i + 3, period);
        return true;
    }

    /// <summary>The date three (or two: year and month) digit groups name, reading day and month by the source's convention.</summary>
    private bool NumericDate(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third, char sep, out TimePeriod period)
    {
        period = default;
        var inv = CultureInfo.InvariantCulture;
        if (!int.TryParse(first, NumberStyles.None, inv, out int a) || !int.TryParse(second, NumberStyles.None, inv, out int b)) return false;
        if (third.IsEmpty)
        {
            // "2016-2017" in one token: the span opens with its first year
            if (first.Length == 4 && second.Length == 4 && sep is '-' or '/' && a is >= 1000 and <= 2199 && b > a && b - a < 100)
            {
                period = TimePeriod.OfYear(a);
                return true;
            }
            // yyyy-mm
            if (first.Length == 4 && sep is '-' or '/' && second.Length == 2 && b is >= 1 and <= 12 && a is >= 1900 and <= 2199)
            {
                period = TimePeriod.OfMonth(a, b);
                return true;
            }
            return false;
        }
        if (!int.TryParse(third, NumberStyles.None, inv, out int c)) return false;
        int year, month, day;
        if (first.Length == 4) { year = a; month = b; day = c; }
        else if (third.Length is 4 or 2 && first.Length <= 2 && second.Length <= 2)
        {
            year = third.Length == 2 ? (c < 50 ? 2000 + c : 1900 + c) : c;
            bool dayFirst = sep == '.' || a > 12 || (b <= 12 && _order == NumericDateOrder.DayFirst);
            if (b > 12) dayFirst = false;
            (day, month) = dayFirst ? (a, b) : (b, a);
        }
        else return false;
        if (month is < 1 or > 12 || day < 1 || year < 1000 || day > DateTime.DaysInMonth(year, month)) return false;
        period = TimePeriod.OfDay(new DateOnly(year, month, day));
        return true;
    }

    // ---------------------------------------------------------------- weekdays, relative days, modifiers

    /// <summary>The weekday nearest the creation time: on or before it for past and present, on or after it for the future.</summary>
    /// <param name="direction">-2 strictly before, -1 on or before, 1 on or after, 2 strictly after the creation time.</param>
    internal static DateOnly ResolveWeekday(int weekday, DateOnly dct, int direction)
    {
        int dctWeekday = ((int)dct.DayOfWeek + 6) % 7 + 1;
        int back = (dctWeekday - weekday + 7) % 7;
        int ahead = (weekday - dctWeekday + 7) % 7;
        // -2 "last Monday" and +2 "next Monday" never mean the creation day itself
        if (direction == -2) return dct.AddDays(-(back == 0 ? 7 : back));
        if (direction < 0) return dct.AddDays(-back);
        if (direction == 2) return dct.AddDays(ahead == 0 ? 7 : ahead);
        return dct.AddDays(ahead);
    }

    /// <summary>Weekday [,] [date]: "Monday 16 Aug 2021", "Monday, Sept. 28", "Thursday", "Friday morning".</summary>
    private bool TryWeekdayLed(int i, TimeWord word, out TimeMatch match, int direction = 0, int spanFirst = -1)
    {
        match = default;
        if (spanFirst < 0) spanFirst = i;
        int j = i + 1;
        if (Is(j, ".") && Glued(j) && word.WeekdayAbbreviated) j++;
        int k = Is(j, ",") ? j + 1 : j;
        if (TryMonthFirst(k, out var date, requireYear: false) || TryDayFirst(k, out date, requireYear: false) || TryNumericDate(k, out date))
        {
            if (date.Grain == Grain.Day)
            {
                match = Make(spanFirst, date.End, date.Period);
                return true;
            }
        }
        if (word.WeekdayAbbreviated || !IsCapitalised(i) || _dct is null) return false;
        if (direction == 0) direction = IsFuture(spanFirst, j) ? 1 : -1;
        var day = ResolveWeekday(word.Weekday, _dct.Value, direction);
        if (Word(j) is { PartOfDay: not null } part && !IsAnyOf(j, "tonight", "overnight"))
        {
            match = Make(spanFirst, j + 1, new TimePeriod(Grain.PartOfDay, day, part.PartOfDay));
            return true;
        }
        match = Make(spanFirst, j, TimePeriod.OfDay(day));
        return true;
    }

    private bool TryModifierLed(int i, TimeWord word, out TimeMatch match)
    {
        match = default;
        int j = i + 1;
        switch (word.Modifier)
        {
            case TimeModifier.Last or TimeModifier.Next or TimeModifier.This or TimeModifier.Previous or TimeModifier.Past or TimeModifier.Following:
                return TryShifted(i, word.Modifier, out match);
            case TimeModifier.Early or TimeModifier.Late or TimeModifier.Mid:
            {
                if (Is(j, "-") && Glued(j)) j++;
                if (j >= _end || IsAnyOf(j, "the")) return false;
                if (TryAt(j, out var inner) && inner.First == j && inner.Type is "DATE" or "TIME")
                {
                    match = inner with { First = i };
                    return true;
                }
                return false;
            }
            case TimeModifier.Earlier or TimeModifier.Later:
            {
                if (IsAnyOf(j, "on", "in")) j++;
                var w = Word(j);
                if (w is null) return false;
                if ((w.RelativeDay is not null || w.Weekday > 0 || w.Modifier is TimeModifier.This or TimeModifier.Next or TimeModifier.Last)
                    && TryAt(j, out var inner) && inner.First == j && inner.Type is "DATE" or "TIME")
                {
                    match = inner with { First = i };
                    return true;
                }
                return false;
            }
            default:
                return false;
        }
    }

    /// <summary>last/next/this/past/previous + unit, weekday, month, season, part of day, or a count of units.</summary>
    private bool TryShifted(int i, TimeModifier modifier, out TimeMatch match)
    {
        match = default;
        int j = i + 1;
        var w = Word(j);
        // "the past nine days", "the next four years": a duration
        if (modifier is TimeModifier.Past or TimeModifier.Next or TimeModifier.Last or TimeModifier.Previous or TimeModifier.Following
            && (w is { Number: not null } or { VagueNumber: true } || TryInt(j, out _)) && !IsAnyOf(j, "a", "an"))
        {
            if (TryCountOfUnits(j, out var count) && count.Type == "DURATION")
            {
                match = count with { First = i };
                return true;
            }
        }
        if (w is null) return false;
        if (_dct is null) return false;
        var dct = _dct.Value;
        int step = modifier switch
        {
            TimeModifier.Last or TimeModifier.Previous or TimeModifier.Past => -1,
            TimeModifier.Next or TimeModifier.Following => 1,
            _ => 0,
        };
        if (w.Unit != TimeUnit.None && !w.UnitPlural)
        {
            if (modifier == TimeModifier.Past)
            {
                match = MakeOther(i, j + 1, "DURATION", TimePeriod.Duration(1, w.Unit));
                return true;
            }
            if (w.Unit is TimeUnit.Hour or TimeUnit.Minute or TimeUnit.Second) return false;
            var period = TimePeriod.Containing(w.Unit, dct).Shift(step * (w.Unit == TimeUnit.Fortnight ? 2 : 1));
            match = Make(i, j + 1, period);
            return true;
        }
        if (w.Weekday > 0 && !w.WeekdayAbbreviated)
        {
            int direction = step < 0 ? -2 : step > 0 ? 2 : 0;
            return TryWeekdayLed(j, w, out match, direction, i);
        }
        if (w.PartOfDay is not null && w.RelativeDay is null && IsAnyOf(i, "this", "last"))
        {
            var day = step < 0 ? dct.AddDays(-1) : dct;
            match = Make(i, j + 1, new TimePeriod(Grain.PartOfDay, day, w.PartOfDay));
            return true;
        }
        if (w.Month > 0 && IsCapitalised(j) && !w.MonthAbbreviated)
        {
            int year = dct.Year;
            if (step < 0 && w.Month >= dct.Month) year--;
            if (step > 0 && w.Month <= dct.Month) year++;
            match = Make(i, j + 1, TimePeriod.OfMonth(year, w.Month));
            return true;
        }
        if (w.Season is not null)
        {
            int start = TimePeriod.OfSeason(dct.Year, w.Season).Start.Month;
            int year = dct.Year;
            if (step < 0 && dct.Month < start + 3) year--;
            if (step > 0 && dct.Month >= start) year++;
            if (w.Season == "WI" && step == 0 && dct.Month <= 2) year--;
            match = Make(i, j + 1, TimePeriod.OfSeason(year, w.Season));
            return true;
        }
        return false;
    }

    /// <summary>Shapes that open with "the": the past decade, the weekend, the first quarter of 2009, the end of last year, the 1990s.</summary>
    private bool TryAfterThe(int j, out TimeMatch match)
    {
        match = default;
        var w = Word(j);
        if (w is not null && w.Modifier is TimeModifier.Past or TimeModifier.Next or TimeModifier.Last or TimeModifier.Previous or TimeModifier.Following or TimeModifier.Same)
        {
            if (w.Modifier == TimeModifier.Past && Word(j + 1) is not { Unit: not TimeUnit.None } and not { Number: not null } && !TryInt(j + 1, out _))
            {
                if (IsAnyOf(j - 2, "in") && !IsAnyOf(j + 1, "few", "several"))
                {
                    match = MakeOther(j, j + 1, "DATE", "PAST_REF");
                    return true;
                }
                return false;
            }
            if (w.Modifier == TimeModifier.Same) return false;
            return TryShifted(j, w.Modifier, out match);
        }
        if (IsAnyOf(j, "future") && IsAnyOf(j - 2, "in"))
        {
            match = MakeOther(j, j + 1, "DATE", "FUTURE_REF");
            return true;
        }
        if (w is { Unit: TimeUnit.Weekend, UnitPlural: false } && _dct is not null)
        {
            bool future = IsFuture(j - 1, j + 1);
            var monday = TimePeriod.MondayOf(_dct.Value);
            // a past weekend before Saturday of this week is last week's
            if (!future && _dct.Value.DayNumber - monday.DayNumber < 5) monday = monday.AddDays(-7);
            match = Make(j, j + 1, new TimePeriod(Grain.Weekend, monday));
            return true;
        }
        if (w is not null && w.Modifier is TimeModifier.End or TimeModifier.Start or TimeModifier.Middle && IsAnyOf(j + 1, "of"))
        {
            int k = j + 2;
            if (IsAnyOf(k, "the") && Word(k + 1) is { Unit: TimeUnit.Year or TimeUnit.Month or TimeUnit.Week, UnitPlural: false } u && _dct is not null)
            {
                match = Make(j, k + 2, TimePeriod.Containing(u.Unit, _dct.Value));
                return true;
            }
            if (TryAt(k, out var inner) && inner.First == k && inner.Type == "DATE" && inner.Day is not null)
            {
                match = inner with { First = j };
                return true;
            }
            return false;
        }
        if (w is not null && w.Ordinal != 0 && Word(j + 1) is { Unit: TimeUnit.Quarter, UnitPlural: false })
            return TryQuarter(j, w.Ordinal, j + 2, out match);
        if (TryDecade(j, out match)) return true;
        return false;
    }

    /// <summary>"first quarter of 2009", "third-quarter", "the fourth quarter" (the latest one begun by the creation time).</summary>
    private bool TryQuarter(int first, int ordinal, int after, out TimeMatch match)
    {
        match = default;
        if (ordinal is < -1 or 0 or > 4) return false;
        int k = after;
        if (IsAnyOf(k, "of"))
        {
            if (TryYear(k + 1, out int year))
            {
                match = Make(first, k + 2, TimePeriod.OfQuarter(year, ordinal < 0 ? 4 : ordinal));
                return true;
            }
            if (Word(k + 1) is { Modifier: TimeModifier.This or TimeModifier.Last or TimeModifier.Next } && Word(k + 2) is { Unit: TimeUnit.Year } && _dct is not null)
            {
                int y = _dct.Value.Year + (Word(k + 1)!.Modifier switch { TimeModifier.Last => -1, TimeModifier.Next => 1, _ => 0 });
                match = Make(first, k + 3, TimePeriod.OfQuarter(y, ordinal < 0 ? 4 : ordinal));
                return true;
            }
        }
        if (_dct is null) return false;
        int q = ordinal < 0 ? 4 : ordinal;
        var dct = _dct.Value;
        int yr = dct.Year;
        if (TimePeriod.OfQuarter(yr, q).Start > dct && !IsFuture(first, after)) yr--;
        match = Make(first, after, TimePeriod.OfQuarter(yr, q));
        return true;
    }

    private bool TryDecade(int i, out TimeMatch match)
    {
        match = default;
        if (i >= _end) return false;
        var t = Tok(i);
        // "1990s" as one token, or "1990" + "s"
        int end = i + 1;
        ReadOnlySpan<char> digits;
        if (t.Length is 5 or 3 && t[^1] == 's') digits = t[..^1];
        else if (t.Length is 4 or 2 && IsAnyOf(i + 1, "s") && Glued(i + 1)) { digits = t; end = i + 2; }
        else return false;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int year) || year % 10 != 0) return false;
        if (digits.Length == 2) year += year >= 30 ? 1900 : 2000;
        if (year < 1000 || year > 2190) return false;
        match = Make(i, end, new TimePeriod(Grain.Decade, new DateOnly(year, 1, 1)));
        return true;
    }

    // ---------------------------------------------------------------- words and numbers

    private bool TryWordLed(int i, TimeWord word, out TimeMatch match)
    {
        match = default;
        if (word.RelativeDay is int offset)
        {
            if (_dct is null) { match = MakeOther(i, i + 1, "DATE", "XXXX-XX-XX"); return true; }
            var day = _dct.Value.AddDays(offset);
            if (IsAnyOf(i, "tonight"))
            {
                match = Make(i, i + 1, new TimePeriod(Grain.PartOfDay, day, "NI"));
                return true;
            }
            if (Word(i + 1) is { PartOfDay: not null } part && !IsAnyOf(i + 1, "tonight", "overnight"))
            {
                match = Make(i, i + 2, new TimePeriod(Grain.PartOfDay, day, part.PartOfDay));
                return true;
            }
            match = Make(i, i + 1, TimePeriod.OfDay(day));
            return true;
        }
        if (IsAnyOf(i, "overnight") && _dct is not null)
        {
            var day = IsFuture(i, i + 1) ? _dct.Value : _dct.Value.AddDays(-1);
            match = Make(i, i + 1, new TimePeriod(Grain.PartOfDay, day, "NI"));
            return true;
        }
        if (word.Reference is not null)
        {
            if (IsAnyOf(i, "now") && (IsAnyOf(i - 1, "from", "until", "till", "by") || IsAnyOf(i + 1, "that", "on")) && !IsAnyOf(i - 1, "by")) return false;
            DateOnly? day = word.Reference == "PRESENT_REF" ? _dct : null;
            match = MakeOther(i, i + 1, "DATE", word.Reference, day);
            return true;
        }
        if (word.Set is not null)
        {
            match = MakeOther(i, i + 1, "SET", word.Set);
            return true;
        }
        if (IsAnyOf(i, "every", "each") && Word(i + 1) is { Unit: not TimeUnit.None, UnitPlural: false } unit)
        {
            match = MakeOther(i, i + 2, "SET", TimePeriod.Duration(1, unit.Unit));
            return true;
        }
        // "for years", "recent years", "over the decades": a vague duration
        if (word.Unit is not TimeUnit.None && word.UnitPlural && (IsAnyOf(i - 1, "for", "recent") || (IsAnyOf(i - 1, "the") && IsAnyOf(i - 2, "over"))))
        {
            int first = IsAnyOf(i - 1, "recent") ? i - 1 : i;
            match = MakeOther(first, i + 1, "DURATION", TimePeriod.Duration(null, word.Unit));
            return true;
        }
        if (word.Season is not null && _dct is not null && (IsAnyOf(i - 1, "in", "during", "since", "until", "by", "early", "late", "mid", "the") || (IsCapitalised(i) && i > _first))
            && !(IsAnyOf(i, "fall") && !IsAnyOf(i - 1, "the", "in", "this", "last", "next")))
        {
            if (TryYear(i + 1, out int seasonYear)) { match = Make(i, i + 2, TimePeriod.OfSeason(seasonYear, word.Season)); return true; }
            var season = TimePeriod.OfSeason(_dct.Value.Year, word.Season);
            if (season.Start > _dct.Value && !IsFuture(i, i + 1)) season = season.Shift(-1);
            match = Make(i, i + 1, season);
            return true;
        }
        if (word.Ordinal != 0 && IsAnyOf(i + 1, "-") && Glued(i + 1) && Word(i + 2) is { Unit: TimeUnit.Quarter })
            return TryQuarter(i, word.Ordinal, i + 3, out match);
        return false;
    }

    private bool TryNumberLed(int i, out TimeMatch match)
    {
        match = default;
        if (TryNumericDate(i, out var date)) { match = date.Match; return true; }
        if (TryClock(i, out match)) return true;
        if (TryDayFirst(i, out date, requireYear: false)) { match = date.Match; return true; }
        if (TryDecade(i, out match)) return true;
        if (TryCountOfUnits(i, out match)) return true;
        if (TryYear(i, out int year) && IsLikelyYear(i))
        {
            match = Make(i, i + 1, TimePeriod.OfYear(year));
            return true;
        }
        return false;
    }

    /// <summary>A bare four-digit number is a year after a time preposition, or unless money, a percentage or a counted noun surrounds it.</summary>
    private bool IsLikelyYear(int i)
    {
        if (IsAnyOf(i - 1, "$", "€", "£", "¥", "#", "No", "number")) return false;
        if (IsAnyOf(i + 1, "%", "percent", "per", "km", "kilometres", "miles", "people", "times")) return false;
        if (Upos(i + 1) is "NOUN" && Upos(i) is "NUM") return false;
        if (IsAnyOf(i - 1, "in", "since", "from", "until", "till", "by", "during", "of", "before", "after", "through", "to", "between", "and", "early",
                "late", "mid", "year", "the", "fiscal", "FY", "spring", "summer", "autumn", "winter", ",", "(", "-")) return true;
        int year = int.Parse(Tok(i), NumberStyles.None, CultureInfo.InvariantCulture);
        if (year < 1900 || year > 2100) return false;
        // "2009 was", "2009 ." keep; "2000 jobs" does not
        if (i + 1 >= _end) return true;
        var next = Tok(i + 1);
        if (!char.IsLetter(next[0])) return true;
        return !char.IsLower(next[0]) || IsAnyOf(i + 1, "was", "is", "will", "and", "to", "when", "as", "saw", "had", "has", "the", "a", "in", "on", "at", "for", "with", "levels", "season", "election", "elections", "budget", "figures", "results");
    }

    /// <summary>N units [ago|later|earlier|from now]: "two days ago" (a date), "seven years" (a duration), "27-year".</summary>
    private bool TryCountOfUnits(int i, out TimeMatch match)
    {
        match = default;
        double? count;
        int j = i + 1;
        var w = Word(i);
        if (w is { VagueNumber: true }) count = null;
        else if (w is { Number: not null })
        {
            count = w.Number;
            if (IsAnyOf(i, "a", "an"))
            {
                if (IsAnyOf(j, "few", "couple", "several"))
                {
                    count = null;
                    j++;
                    if (IsAnyOf(j, "of")) j++;
                }
                else if (!IsAnyOf(i - 1, "for", "within", "in", "about", "nearly", "almost", "than", "over", "after", "only", "just", "some", "around", "roughly", "least")
                         && !(Word(j) is { Unit: not TimeUnit.None } && IsAnyOf(j + 1, "ago", "later", "earlier", "before", "after")))
                    return false;
            }
            // "two and a half years"
            if (IsAnyOf(j, "and") && IsAnyOf(j + 1, "a") && IsAnyOf(j + 2, "half")) { count += 0.5; j += 3; }
        }
        else if (TryInt(i, out int n) && Tok(i).Length <= 3 && !(Glued(i) && Tok(i - 1) is "." or ","))
        {
            count = n;
            if (Glued(j) && Is(j, ".") && TryInt(j + 1, out int frac) && Glued(j + 1)) { count = double.Parse(_text.AsSpan(_starts[i], _ends[j + 1] - _starts[i]), CultureInfo.InvariantCulture); j += 2; }
        }
        else return false;
        bool hyphen = Is(j, "-") && Glued(j);
        if (hyphen) j++;
        // "six straight days", "two consecutive quarters", "the past five trading days"
        if (!hyphen && IsAnyOf(j, "straight", "consecutive", "successive", "trading", "business", "working", "full", "long", "more", "further", "additional", "extra")
            && Word(j + 1) is { Unit: not TimeUnit.None }) j++;
        if (Word(j) is not { Unit: not TimeUnit.None } unit) return false;
        if (IsAnyOf(i, "a", "an") && j + 1 < _end && char.IsLetter(_text[_starts[j + 1]]) && char.IsLower(_text[_starts[j + 1]])
            && !IsAnyOf(j + 1, "ago", "later", "earlier", "before", "after", "and", "or", "of", "in", "to", "from", "on", "at", "for", "since", "until", "with", "when")) return false;
        // "four day strike", "a 20 year lease": a singular unit after a count modifies a noun
        if (!unit.UnitPlural && count is not null && count > 1 && !hyphen && !(j + 1 < _end && char.IsLetter(_text[_starts[j + 1]]) && char.IsLower(_text[_starts[j + 1]]))) return false;
        int end = j + 1;
        // "27-year-old" is an age
        if (hyphen && Is(end, "-") && IsAnyOf(end + 1, "old")) return false;
        if (IsAnyOf(end, "ago") || (IsAnyOf(end, "later", "earlier", "before") && !IsAnyOf(end + 1, "than")) || (IsAnyOf(end, "from") && IsAnyOf(end + 1, "now")))
        {
            int sign = IsAnyOf(end, "ago", "earlier", "before") ? -1 : 1;
            int stop = IsAnyOf(end, "from") ? end + 2 : end + 1;
            if (_dct is null || count is null)
            {
                match = MakeOther(i, stop, "DATE", sign < 0 ? "PAST_REF" : "FUTURE_REF");
                return true;
            }
            if (IsAnyOf(end, "later", "earlier", "before") && !IsAnyOf(end, "earlier"))
            {
                // "three days later" is relative to another event, not to the creation time
                match = MakeOther(i, stop, "DURATION", TimePeriod.Duration(count, unit.Unit));
                return true;
            }
            var moved = Move(_dct.Value, unit.Unit, sign * count.Value);
            if (moved is null) return false;
            match = Make(i, stop, moved.Value);
            return true;
        }
        match = MakeOther(i, end, "DURATION", TimePeriod.Duration(count, unit.Unit));
        return true;
    }

    private static TimePeriod? Move(DateOnly dct, TimeUnit unit, double amount)
    {
        int n = (int)Math.Round(amount);
        return unit switch
        {
            TimeUnit.Second or TimeUnit.Minute or TimeUnit.Hour => TimePeriod.OfDay(dct),
            TimeUnit.Day => TimePeriod.OfDay(dct.AddDays(n)),
            TimeUnit.Week => TimePeriod.OfDay(dct.AddDays(7 * n)),
            TimeUnit.Fortnight => TimePeriod.OfDay(dct.AddDays(14 * n)),
            TimeUnit.Weekend => new TimePeriod(Grain.Weekend, TimePeriod.MondayOf(dct.AddDays(7 * n))),
            TimeUnit.Month => TimePeriod.Containing(TimeUnit.Month, dct.AddMonths(n)),
            TimeUnit.Quarter => TimePeriod.Containing(TimeUnit.Quarter, dct.AddMonths(3 * n)),
            TimeUnit.Year => TimePeriod.OfYear(dct.Year + n),
            TimeUnit.Decade => TimePeriod.Containing(TimeUnit.Decade, dct.AddYears(10 * n)),
            _ => TimePeriod.Containing(TimeUnit.Century, dct.AddYears(100 * n)),
        };
    }

    /// <summary>Clock times: 3:08 PM IST, 18:00 UTC, 3 p.m., 0419 GMT, optionally followed by the day they fall on.</summary>
    private bool TryClock(int i, out TimeMatch match)
    {
        match = default;
        int hour, minute = 0;
        int j = i + 1;
        bool hasMinutes = false;
        string? meridiem = null;
        if (!TryInt(i, out hour))
        {
            // one token: "3:08", "15:08:30", "3:08pm", "3pm"
            if (!TryClockToken(Tok(i), out hour, out minute, out hasMinutes, out meridiem)) return false;
            return FinishClock(i, j, hour, minute, hasMinutes, meridiem, out match);
        }
        int hourLength = Tok(i).Length;
        if (hourLength <= 2 && Is(j, ":") && Glued(j) && Glued(j + 1) && TryInt(j + 1, out minute) && Tok(j + 1).Length == 2)
        {
            hasMinutes = true;
            j += 2;
            if (Is(j, ":") && Glued(j) && TryInt(j + 1, out _)) j += 2;
        }
        else if (hourLength == 4 && Word(j) is { Zone: not null })
        {
            minute = hour % 100;
            hour /= 100;
            hasMinutes = true;
        }
        else if (hourLength > 2) return false;
        return FinishClock(i, j, hour, minute, hasMinutes, meridiem, out match);
    }

    private static bool TryClockToken(ReadOnlySpan<char> t, out int hour, out int minute, out bool hasMinutes, out string? meridiem)
    {
        hour = minute = 0;
        hasMinutes = false;
        meridiem = null;
        int digits = 0;
        while (digits < t.Length && char.IsAsciiDigit(t[digits])) digits++;
        if (digits is 0 or > 2) return false;
        hour = int.Parse(t[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
        var rest = t[digits..];
        if (rest.Length >= 3 && rest[0] == ':' && char.IsAsciiDigit(rest[1]) && char.IsAsciiDigit(rest[2]))
        {
            minute = (rest[1] - '0') * 10 + (rest[2] - '0');
            hasMinutes = true;
            rest = rest[3..];
            if (rest.Length >= 3 && rest[0] == ':' && char.IsAsciiDigit(rest[1]) && char.IsAsciiDigit(rest[2])) rest = rest[3..];
        }
        if (rest.Length > 0)
        {
            if (TimeWords.Find(rest) is { Meridiem: { } m }) meridiem = m;
            else return false;
        }
        return hasMinutes || meridiem is not null;
    }

    private bool FinishClock(int i, int j, int hour, int minute, bool hasMinutes, string? meridiem, out TimeMatch match)
    {
        match = default;
        if (meridiem is null)
        {
            if (Word(j) is { Meridiem: not null } m) { meridiem = m.Meridiem; j++; }
            else if (IsAnyOf(j, "a", "p") && Is(j + 1, ".") && IsAnyOf(j + 2, "m")) { meridiem = IsAnyOf(j, "a") ? "AM" : "PM"; j += 3; if (Is(j, ".")) j++; }
        }
        string zone = "";
        if (Word(j) is { Zone: not null } z) { zone = z.Zone == "Z" ? "Z" : ""; j++; }
        if (!hasMinutes && meridiem is null) return false;
        if (hour > 24 || minute > 59 || (meridiem is not null && hour > 12)) return false;
        if (meridiem == "PM" && hour < 12) hour += 12;
        if (meridiem == "AM" && hour == 12) hour = 0;
        // a parenthesised offset "( GMT +8 )" belongs to the expression
        if (Is(j, "(") && Word(j + 1) is { Zone: not null })
        {
            int k = j + 2;
            while (k < _end && k < j + 6 && !Is(k, ")")) k++;
            if (Is(k, ")")) j = k + 1;
        }
        string clock = $"{hour:D2}:{minute:D2}{zone}";
        DateOnly? day = _dct;
        int end = j;
        // "12:00 UTC Monday", "16:00 UTC today", "3 p.m. on Friday"
        int d = IsAnyOf(j, "on") ? j + 1 : j;
        if (d < _end && TryAt(d, out var dayMatch) && dayMatch.First == d && dayMatch.Day is not null && dayMatch.Type == "DATE" && dayMatch.Value.Length == 10)
        {
            day = dayMatch.Day;
            end = dayMatch.End;
        }
        if (end == j) (_bareClocks ??= []).Add(i);
        if (day is null)
        {
            match = MakeOther(i, end, "TIME", "XXXX-XX-XXT" + clock);
            return true;
        }
        match = Make(i, end, new TimePeriod(Grain.Clock, day.Value, clock));
        return true;
    }

    /// <summary>"'82", "’16": a two-digit year after an apostrophe, one token or two glued ones.</summary>
    private bool TryApostropheYear(int i, out TimeMatch match)
    {
        match = default;
        if (i >= _end) return false;
        var t = Tok(i);
        if (t.Length == 0 || t[0] is not ('\'' or '’')) return false;
        ReadOnlySpan<char> digits;
        int end;
        if (t.Length == 3) { digits = t[1..]; end = i + 1; }
        else if (t.Length == 1 && i + 1 < _end && Glued(i + 1) && Tok(i + 1).Length == 2) { digits = Tok(i + 1); end = i + 2; }
        else return false;
        if (!char.IsAsciiDigit(digits[0]) || !char.IsAsciiDigit(digits[1])) return false;
        // "'80s" is a decade, handled elsewhere; a letter right after is not a year
        if (end < _end && Glued(end) && char.IsLetter(_text[_starts[end]])) return false;
        int yy = (digits[0] - '0') * 10 + (digits[1] - '0');
        int year = (_dct?.Year ?? 2000) % 100 + 1 >= yy ? 2000 + yy : 1900 + yy;
        match = Make(i, end, TimePeriod.OfYear(year));
        return true;
    }

    /// <summary>Tokenizers that keep hyphens give "27-year", "mid-2011", "third-quarter" as one token.</summary>
    private bool TryHyphenatedInToken(int i, out TimeMatch match)
    {
        match = default;
        if (i >= _end) return false;
        var t = Tok(i);
        int dash = t.IndexOf('-');
        if (dash <= 0 || dash == t.Length - 1) return false;
        var left = t[..dash];
        var right = t[(dash + 1)..];
        var rightWord = TimeWords.Find(right);
        if (rightWord is { Unit: not TimeUnit.None } && !(i + 1 < _end && Tok(i + 1).StartsWith("-old", StringComparison.OrdinalIgnoreCase)) && !right.Contains('-'))
        {
            double? count = int.TryParse(left, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : TimeWords.Find(left)?.Number;
            if (count is null) return false;
            match = MakeOther(i, i + 1, "DURATION", TimePeriod.Duration(count, rightWord.Unit));
            return true;
        }
        var leftWord = TimeWords.Find(left);
        if (leftWord is { Modifier: TimeModifier.Mid or TimeModifier.Early or TimeModifier.Late }
            && right.Length == 4 && int.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out int year) && year is >= 1000 and <= 2199)
        {
            match = Make(i, i + 1, TimePeriod.OfYear(year));
            return true;
        }
        if (leftWord is { Ordinal: not 0 } && rightWord is { Unit: TimeUnit.Quarter })
            return TryQuarter(i, leftWord.Ordinal, i + 1, out match);
        return false;
    }
}
