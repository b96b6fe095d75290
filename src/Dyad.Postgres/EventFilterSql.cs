using System.Globalization;
using Dyad.Storage;
using Npgsql;

namespace Dyad.Postgres;

/// <summary>
/// The WHERE clause of an <see cref="EventQuery"/> on the events table, with every value bound as a parameter
/// of the command (none is ever written into the SQL). Matches the embedded store's semantics: codes are
/// prefixes, names and sentence words are case-insensitive substrings.
/// </summary>
internal sealed class EventFilterSql
{
    private readonly NpgsqlCommand _command;
    private readonly List<string> _conditions = [];

    public EventFilterSql(NpgsqlCommand command, EventQuery query)
    {
        _command = command;
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            // codes are stored in upper case, so LIKE on an upper-case prefix can use the code indexes
            var code = Parameter(EscapeLike(query.Actor.Trim().ToUpperInvariant()) + "%");
            var name = Parameter("%" + EscapeLike(query.Actor.Trim()) + "%");
            _conditions.Add($"(source_code LIKE {code} OR target_code LIKE {code} OR source_name ILIKE {name} OR target_name ILIKE {name})");
        }
        if (!string.IsNullOrWhiteSpace(query.Country))
        {
            var country = Parameter(query.Country.Trim().ToUpperInvariant());
            _conditions.Add($"(source_country = {country} OR target_country = {country})");
        }
        if (!string.IsNullOrWhiteSpace(query.Root)) _conditions.Add($"root = {Parameter(query.Root.Trim().PadLeft(2, '0'))}");
        if (query.Quad is int quad) _conditions.Add($"quad = {Parameter(quad)}");
        if (query.Since is DateOnly since) _conditions.Add($"date >= {Parameter(since)}");
        if (query.Until is DateOnly until) _conditions.Add($"date <= {Parameter(until)}");
        if (!string.IsNullOrWhiteSpace(query.ArticleId)) _conditions.Add($"article_id = {Parameter(query.ArticleId)}");
        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            var role = Parameter(query.Role.Trim().ToUpperInvariant());
            _conditions.Add($"(source_role = {role} OR target_role = {role})");
        }
        string? source = string.IsNullOrWhiteSpace(query.SourceCode) ? null : Parameter(EscapeLike(query.SourceCode.Trim().ToUpperInvariant()) + "%");
        string? target = string.IsNullOrWhiteSpace(query.TargetCode) ? null : Parameter(EscapeLike(query.TargetCode.Trim().ToUpperInvariant()) + "%");
        if (source is not null && target is not null && query.EitherDirection)
            _conditions.Add($"((source_code LIKE {source} AND target_code LIKE {target}) OR (source_code LIKE {target} AND target_code LIKE {source}))");
        else
        {
            if (source is not null) _conditions.Add($"source_code LIKE {source}");
            if (target is not null) _conditions.Add($"target_code LIKE {target}");
        }
        if (!string.IsNullOrWhiteSpace(query.Place))
        {
            var place = Parameter(query.Place.Trim());
            _conditions.Add($"(lower(location_name) = lower({place}) OR location_country = upper({place}))");
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
            _conditions.Add($"lower(sentence) LIKE {Parameter("%" + EscapeLike(query.Text.Trim().ToLowerInvariant()) + "%")}");
        if (query.Ids is { } ids) _conditions.Add($"id = ANY({Parameter(ids.ToArray())})");
        if (query.WithCoordinates) _conditions.Add("lat IS NOT NULL AND lon IS NOT NULL");
    }

    /// <summary>" WHERE …" or "" when the query has no filter.</summary>
    public string Where => _conditions.Count > 0 ? " WHERE " + string.Join(" AND ", _conditions) : "";

    /// <summary>The WHERE clause with one more condition.</summary>
    public string WhereAnd(string condition) => " WHERE " + string.Join(" AND ", _conditions.Append(condition));

    /// <summary>Binds a value and returns its placeholder ($1, $2 …).</summary>
    public string Parameter(object value)
    {
        _command.Parameters.Add(new NpgsqlParameter { Value = value });
        return "$" + _command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>LIKE's escape character is the backslash by default.</summary>
    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
