using System.Globalization;
using Dyad.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Dyad.Server.Api;

/// <summary>The query-string filters every event endpoint shares; all optional, combined with AND.</summary>
public sealed class EventFilter
{
    [FromQuery(Name = "actor")] public string? Actor { get; set; }
    [FromQuery(Name = "country")] public string? Country { get; set; }
    [FromQuery(Name = "role")] public string? Role { get; set; }
    [FromQuery(Name = "root")] public string? Root { get; set; }
    [FromQuery(Name = "quad")] public string? Quad { get; set; }
    [FromQuery(Name = "since")] public string? Since { get; set; }
    [FromQuery(Name = "until")] public string? Until { get; set; }
    [FromQuery(Name = "place")] public string? Place { get; set; }
    [FromQuery(Name = "text")] public string? Text { get; set; }
    [FromQuery(Name = "story")] public string? Story { get; set; }
    [FromQuery(Name = "article")] public string? Article { get; set; }
    [FromQuery(Name = "source")] public string? Source { get; set; }
    [FromQuery(Name = "target")] public string? Target { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "limit")] public string? Limit { get; set; }
    [FromQuery(Name = "offset")] public string? Offset { get; set; }
}

/// <summary>Turns filters into a store query, collecting every invalid value so one reply names them all.</summary>
internal sealed class FilterParser
{
    public const int MaxPage = 500;
    public const int MaxExport = 100_000;

    public Dictionary<string, string[]> Errors { get; } = [];

    public bool Valid => Errors.Count == 0;

    private void Error(string field, string message) => Errors[field] = [message];

    public EventQuery Parse(EventFilter f, int defaultLimit, int maxLimit, IReadOnlyList<long>? storyEvents = null)
    {
        var (sort, descending) = ParseSort(f.Sort);
        return new EventQuery
        {
            Actor = Text(f.Actor, "actor", 100),
            Country = Code(f.Country, "country", 3, 3),
            Role = Code(f.Role, "role", 3, 3),
            Root = ParseRoot(f.Root),
            Quad = Int(f.Quad, "quad", 1, 4),
            Since = Date(f.Since, "since"),
            Until = Date(f.Until, "until"),
            Place = Text(f.Place, "place", 100),
            Text = Text(f.Text, "text", 200),
            ArticleId = Text(f.Article, "article", 200),
            SourceCode = Code(f.Source, "source", 3, 15),
            TargetCode = Code(f.Target, "target", 3, 15),
            Ids = storyEvents,
            Sort = sort,
            Descending = descending,
            Limit = Int(f.Limit, "limit", 1, maxLimit) ?? defaultLimit,
            Offset = Int(f.Offset, "offset", 0, int.MaxValue) ?? 0,
        };
    }

    public string? Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Length > maxLength) Error(field, $"at most {maxLength} characters");
        return value.Trim();
    }

    public string? Code(string? value, string field, int minLength, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var code = value.Trim().ToUpperInvariant();
        if (code.Length < minLength || code.Length > maxLength || !code.All(c => c is >= 'A' and <= 'Z' || c is >= '0' and <= '9'))
            Error(field, minLength == maxLength ? $"a {minLength}-letter code, not '{value}'" : $"a code of {minLength}–{maxLength} letters or digits, not '{value}'");
        return code;
    }

    public int? Int(string? value, string field, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            Error(field, $"a whole number from {min} to {max}, not '{value}'");
            return null;
        }
        return n;
    }

    public DateOnly? Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Error(field, $"a date as YYYY-MM-DD, not '{value}'");
        return null;
    }

    public bool Bool(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        if (value is "1" or "true" or "yes") return true;
        if (value is "0" or "false" or "no") return false;
        Error(field, $"true or false, not '{value}'");
        return false;
    }

    private string? ParseRoot(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var n = Int(value, "root", 1, 20);
        return n?.ToString("00", CultureInfo.InvariantCulture);
    }

    private static readonly Dictionary<string, EventSort> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["date"] = EventSort.Date, ["goldstein"] = EventSort.Goldstein, ["cameo"] = EventSort.Cameo, ["source"] = EventSort.Source,
        ["target"] = EventSort.Target, ["article"] = EventSort.Article, ["confidence"] = EventSort.Confidence, ["id"] = EventSort.Id,
    };

    /// <summary>A field name, with a leading '-' for descending order.</summary>
    private (EventSort, bool) ParseSort(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (EventSort.Date, false);
        bool descending = value.StartsWith('-');
        if (Sorts.TryGetValue(value.TrimStart('-', '+'), out var sort)) return (sort, descending);
        Error("sort", $"one of {string.Join(", ", Sorts.Keys)} (prefix '-' for descending), not '{value}'");
        return (EventSort.Date, false);
    }

    public SeriesInterval Interval(string? value)
    {
        switch (value?.ToLowerInvariant())
        {
            case null or "" or "day": return SeriesInterval.Day;
            case "week": return SeriesInterval.Week;
            case "month": return SeriesInterval.Month;
            default:
                Error("interval", $"day, week or month, not '{value}'");
                return SeriesInterval.Day;
        }
    }
}
