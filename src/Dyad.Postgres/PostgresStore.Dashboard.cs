using Dyad.Storage;
using Npgsql;

namespace Dyad.Postgres;

/// <summary>The read models of the HTTP API and dashboard: counts, facets, series, actor pairs, places, article lists.</summary>
public sealed partial class PostgresStore
{
    /// <summary>Runs a read on a pooled connection: <paramref name="build"/> writes the SQL and binds its values.</summary>
    private List<T> Read<T>(Func<NpgsqlCommand, string> build, Func<NpgsqlDataReader, T> row)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand { Connection = connection };
        command.CommandText = build(command);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(row(reader));
        return rows;
    }

    private static string? Text(NpgsqlDataReader r, int column) => r.IsDBNull(column) ? null : r.GetString(column);
    private static double? Number(NpgsqlDataReader r, int column) => r.IsDBNull(column) ? null : r.GetDouble(column);
    private static DateOnly? Day(NpgsqlDataReader r, int column) => r.IsDBNull(column) ? null : r.GetFieldValue<DateOnly>(column);

    public long CountEvents(EventQuery query) =>
        Read(command => "SELECT count(*) FROM events" + new EventFilterSql(command, query).Where, r => r.GetInt64(0))[0];

    public StoredEvent? GetEvent(long id) =>
        Read(command =>
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            return "SELECT * FROM events WHERE id = $1";
        }, ReadEvent).FirstOrDefault();

    public IReadOnlyList<StoredMention> ActorMentions(string articleId) =>
        Read(command =>
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Clean(articleId) ?? "" });
            return "SELECT start, \"end\", text, name, code, country, role, kind, why FROM actor_mentions WHERE article_id = $1 ORDER BY start, id";
        }, r => new StoredMention(r.GetInt32(0), r.GetInt32(1), r.GetString(2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8)));

    public IReadOnlyList<FacetCount> Facet(EventQuery query, EventFacet facet, int limit = 20) =>
        Read(command =>
        {
            var filter = new EventFilterSql(command, query);
            var where = filter.Where;
            // a two-sided grouping counts an event once per side it appears on
            string grouped = facet switch
            {
                EventFacet.Root => $"SELECT root AS v, count(*) AS n FROM events{where} GROUP BY 1",
                EventFacet.Quad => $"SELECT quad::text AS v, count(*) AS n FROM events{where} GROUP BY 1",
                EventFacet.Source => $"SELECT source_code AS v, count(*) AS n FROM events{where} GROUP BY 1",
                EventFacet.Target => $"SELECT target_code AS v, count(*) AS n FROM events{where} GROUP BY 1",
                EventFacet.Place => $"SELECT location_name AS v, count(*) AS n FROM events{where} GROUP BY 1",
                EventFacet.Modality => $"SELECT modality AS v, count(*) AS n FROM events{where} GROUP BY 1",
                EventFacet.Country => $"SELECT v, count(DISTINCT id) AS n FROM (SELECT id, source_country AS v FROM events{where} UNION ALL SELECT id, target_country FROM events{where}) sides GROUP BY v",
                _ => $"SELECT v, count(DISTINCT id) AS n FROM (SELECT id, source_role AS v FROM events{where} UNION ALL SELECT id, target_role FROM events{where}) sides GROUP BY v",
            };
            var top = filter.Parameter(Math.Clamp(limit, 1, 1000));
            return $"SELECT v, n FROM ({grouped}) f WHERE v IS NOT NULL AND v <> '' ORDER BY n DESC, v COLLATE \"C\" LIMIT {top}";
        }, r => new FacetCount(r.GetString(0), r.GetInt64(1)));

    public IReadOnlyList<SeriesBucket> Series(EventQuery query, SeriesInterval interval) =>
        Read(command =>
        {
            string period = interval switch
            {
                SeriesInterval.Month => "date_trunc('month', date)::date",
                // the Monday on or before the date
                SeriesInterval.Week => "date - (extract(isodow FROM date)::int - 1)",
                _ => "date",
            };
            var where = new EventFilterSql(command, query).WhereAnd("date IS NOT NULL");
            return $"""
                SELECT {period} AS p, count(*), count(*) FILTER (WHERE quad = 1), count(*) FILTER (WHERE quad = 2),
                       count(*) FILTER (WHERE quad = 3), count(*) FILTER (WHERE quad = 4), avg(goldstein)
                FROM events{where} GROUP BY 1 ORDER BY 1
                """;
        }, r => new SeriesBucket(r.GetFieldValue<DateOnly>(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
            Math.Round(r.GetDouble(6), 3)));

    public IReadOnlyList<ActorPair> ActorPairs(EventQuery query, int limit = 200) =>
        Read(command =>
        {
            var filter = new EventFilterSql(command, query);
            var where = filter.WhereAnd("source_code IS NOT NULL AND target_code IS NOT NULL");
            var top = filter.Parameter(Math.Clamp(limit, 1, 10_000));
            return $"""
                SELECT source_code, target_code, count(*), count(*) FILTER (WHERE quad <= 2), count(*) FILTER (WHERE quad >= 3), avg(goldstein)
                FROM events{where} GROUP BY 1, 2 ORDER BY 3 DESC, source_code COLLATE "C", target_code COLLATE "C" LIMIT {top}
                """;
        }, r => new ActorPair(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), Math.Round(r.GetDouble(5), 3)));

    public IReadOnlyList<ActorSummary> Actors(string? match, int limit = 100, int offset = 0) =>
        Read(command =>
        {
            var filter = new EventFilterSql(command, new EventQuery());
            string where = "";
            if (!string.IsNullOrWhiteSpace(match))
            {
                var code = filter.Parameter(EscapeLike(match.Trim().ToUpperInvariant()) + "%");
                var name = filter.Parameter("%" + EscapeLike(match.Trim()) + "%");
                where = $"WHERE code LIKE {code} OR name ILIKE {name}";
            }
            var top = filter.Parameter(Math.Clamp(limit, 1, 10_000));
            var skip = filter.Parameter(Math.Max(0, offset));
            return $"""
                WITH sides AS (
                  SELECT source_code AS code, source_name AS name, source_country AS country, source_role AS role, 1 AS s, 0 AS t, 0 AS m FROM events WHERE source_code IS NOT NULL
                  UNION ALL SELECT target_code, target_name, target_country, target_role, 0, 1, 0 FROM events WHERE target_code IS NOT NULL
                  UNION ALL SELECT code, name, country, role, 0, 0, 1 FROM actor_mentions WHERE code IS NOT NULL),
                named AS (SELECT code, name, count(*) AS uses FROM sides WHERE name IS NOT NULL GROUP BY code, name),
                best AS (SELECT code, name FROM (SELECT code, name, row_number() OVER (PARTITION BY code ORDER BY uses DESC, name COLLATE "C") AS k FROM named) ranked WHERE k = 1)
                SELECT a.code, min(best.name), max(a.country COLLATE "C"), max(a.role COLLATE "C"), sum(a.s), sum(a.t), sum(a.m)
                FROM (SELECT * FROM sides {where}) a LEFT JOIN best ON best.code = a.code
                GROUP BY a.code ORDER BY sum(a.s) + sum(a.t) DESC, sum(a.m) DESC, a.code COLLATE "C" LIMIT {top} OFFSET {skip}
                """;
        }, r => new ActorSummary(r.GetString(0), Text(r, 1), Text(r, 2), Text(r, 3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6)));

    public IReadOnlyList<PlaceCount> Places(EventQuery query, int limit = 500) =>
        Read(command =>
        {
            var filter = new EventFilterSql(command, query);
            var where = filter.WhereAnd("location_name IS NOT NULL");
            var top = filter.Parameter(Math.Clamp(limit, 1, 10_000));
            return $"""
                SELECT location_name, location_country, avg(lat), avg(lon), count(*), avg(goldstein)
                FROM events{where} GROUP BY 1, 2 ORDER BY 5 DESC, location_name COLLATE "C" LIMIT {top}
                """;
        }, r => new PlaceCount(r.GetString(0), Text(r, 1), Number(r, 2), Number(r, 3), r.GetInt64(4), Math.Round(r.GetDouble(5), 3)));

    public IReadOnlyList<ArticleSummary> ListArticles(int limit = 50, int offset = 0) =>
        Read(command =>
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(limit, 1, 10_000) });
            command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(0, offset) });
            return """
                SELECT a.id, a.title, a.published, a.source, a.url, (SELECT count(*) FROM events e WHERE e.article_id = a.id)
                FROM articles a ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT $1 OFFSET $2
                """;
        }, r => new ArticleSummary(r.GetString(0), Text(r, 1), Day(r, 2), Text(r, 3), Text(r, 4), r.GetInt64(5)));

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
