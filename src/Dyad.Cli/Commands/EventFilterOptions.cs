using System.CommandLine;
using System.Globalization;
using Dyad.Storage;

namespace Dyad.Cli.Commands;

/// <summary>The event filters 'dyad events' and 'dyad export' share, and the query they make.</summary>
internal sealed class EventFilterOptions
{
    private readonly Option<string?> _actor = new("--actor") { Description = "actor code prefix (RUS, USAGOV) or part of a name" };
    private readonly Option<string?> _country = new("--country") { Description = "ISO3 country of either side (RUS)" };
    private readonly Option<string?> _root = new("--root") { Description = "CAMEO root code (04)" };
    private readonly Option<int?> _quad = new("--quad") { Description = "QuadClass 1–4" };
    private readonly Option<string?> _since = new("--since") { Description = "first date, YYYY-MM-DD", HelpName = "DATE" };
    private readonly Option<string?> _until = new("--until") { Description = "last date, YYYY-MM-DD", HelpName = "DATE" };
    private readonly Option<string?> _article = new("--article") { Description = "events of one article" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _actor, _country, _root, _quad, _since, _until, _article }) command.Options.Add(option);
    }

    /// <summary>The query the given filters ask for; an ArgumentException names a malformed date.</summary>
    public EventQuery Query(ParseResult parse) => new()
    {
        Actor = parse.GetValue(_actor), Country = parse.GetValue(_country), Root = parse.GetValue(_root), Quad = parse.GetValue(_quad),
        Since = Date(parse, _since), Until = Date(parse, _until), ArticleId = parse.GetValue(_article),
    };

    private static DateOnly? Date(ParseResult parse, Option<string?> option)
    {
        var value = parse.GetValue(option);
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new ArgumentException($"{option.Name} takes a date as YYYY-MM-DD, not '{value}'");
    }
}
