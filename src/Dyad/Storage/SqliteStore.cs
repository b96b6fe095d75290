using System.Globalization;
using System.Text.Json;
using Dyad.Coding.Actors;
using Dyad.Coding.Events;
using Dyad.Documents;
using Dyad.Errors;
using Microsoft.Data.Sqlite;

namespace Dyad.Storage;

/// <summary>
/// The embedded store: one SQLite file with articles (raw and clean text), events with provenance, actor
/// mentions and an FTS5 index. One connection per store; callers serialise writes (the CLI writes from one
/// thread), reads may come from anywhere through <see cref="Open"/>ing another store on the same file.
/// </summary>
public sealed class SqliteStore : IAnalyticsStore
{
    private readonly SqliteConnection _connection;

    public string Path { get; }

    private SqliteStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    public static SqliteStore Open(string path)
    {
        SqliteConnection connection;
        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new DyadException(ErrorCode.StoreOpen, $"cannot open database '{path}': {e.Message}", e);
        }
        var store = new SqliteStore(path, connection);
        store.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
        SqliteSchema.Migrate(connection);
        return store;
    }

    internal void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public int SchemaVersion => SqliteSchema.CurrentVersion(_connection);

    public bool Contains(string articleId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM articles WHERE id = $id";
        command.Parameters.AddWithValue("$id", articleId);
        return command.ExecuteScalar() is not null;
    }

    public IReadOnlyList<StoreOutcome> Store(IReadOnlyList<Document> documents)
    {
        var outcomes = new List<StoreOutcome>(documents.Count);
        using var transaction = _connection.BeginTransaction();
        try
        {
            using var exists = Command(transaction, "SELECT 1 FROM articles WHERE id = $id OR hash = $hash");
            var existsId = exists.Parameters.Add("$id", SqliteType.Text);
            var existsHash = exists.Parameters.Add("$hash", SqliteType.Text);
            // one set of statements for the whole batch: SQLite prepares each once, not once per article
            using var inserts = new ArticleInserts(this);
            foreach (var document in documents)
            {
                var hash = ContentHash(document.Text);
                existsId.Value = document.Id;
                existsHash.Value = hash;
                if (exists.ExecuteScalar() is not null)
                {
                    outcomes.Add(StoreOutcome.Duplicate);
                    continue;
                }
                inserts.Insert(document, hash);
                outcomes.Add(StoreOutcome.Stored);
            }
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            transaction.Rollback();
            throw new DyadException(ErrorCode.StoreWrite, $"writing {documents.Count} article(s) to '{Path}' failed: {e.Message}", e);
        }
        return outcomes;
    }

    public static string ContentHash(string text) => Ingest.ArticleReader.ContentId(text);

    private SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>The insert statements of one write transaction, with their parameters, reused for every article of the batch.</summary>
    private sealed class ArticleInserts : IDisposable
    {
        private readonly PreparedInsert _article, _search, _mention, _event;

        public ArticleInserts(SqliteStore store)
        {
            _article = new PreparedInsert(store._connection, """
                INSERT INTO articles (id, hash, title, published, published_clue, source, url, origin, authors, language, raw, text, clean_text, removed, ingested_at)
                VALUES ($id, $hash, $title, $published, $clue, $source, $url, $origin, $authors, $language, $raw, $text, $clean, $removed, $now)
                """);
            _search = new PreparedInsert(store._connection, "INSERT INTO article_search (article_id, title, body) VALUES ($id, $title, $body)");
            _mention = new PreparedInsert(store._connection, """
                INSERT INTO actor_mentions (article_id, start, "end", text, name, code, country, role, kind, why)
                VALUES ($a, $s, $e, $t, $n, $c, $co, $r, $k, $w)
                """);
            _event = new PreparedInsert(store._connection, """
                INSERT INTO events (article_id, sentence_index, sentence,
                  source_text, source_name, source_code, source_country, source_role, source_why, source_start, source_end,
                  target_text, target_name, target_code, target_country, target_role, target_why, target_start, target_end,
                  cameo, root, quad, goldstein, plover, date, location_name, location_country, lat, lon,
                  negated, modality, predicate_start, predicate_end, entry, confidence)
                VALUES ($a, $si, $sen, $st, $sn, $sc, $sco, $sr, $sw, $ss, $se, $tt, $tn, $tc, $tco, $tr, $tw, $ts, $te,
                  $cameo, $root, $quad, $gold, $plover, $date, $ln, $lc, $lat, $lon, $neg, $mod, $ps, $pe, $entry, $conf)
                """);
        }

        public void Insert(Document document, string hash)
        {
            var article = document.Article;
            var clean = document.CleanText();
            _article.Execute(document.Id, hash, article.Title,
                document.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                document.PublishedClue is { } c ? $"{c.Kind}: {c.Evidence}" : null,
                article.Source, article.Url, article.Origin,
                article.Authors.Count == 0 ? null : string.Join("; ", article.Authors),
                article.Language, article.Raw, document.Text, clean,
                JsonSerializer.Serialize(document.Removed.Select(r => new RemovedRow(r.Span.Start, r.Span.End, r.Line, r.Reason))),
                DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture));
            _search.Execute(document.Id, article.Title ?? "", clean);
            foreach (var m in document.Actors)
                _mention.Execute(document.Id, m.Span.Start, m.Span.End, m.Text, m.Name, m.Code, m.Country, m.Role, m.Kind.ToString(), m.Why);
            foreach (var e in document.Events)
            {
                var s = e.Source;
                var t = e.Target;
                _event.Execute(document.Id, e.SentenceIndex, e.Sentence,
                    s.Text, s.Name, s.Code, s.Country, s.Role, s.Why, s.Span.Start, s.Span.End,
                    t?.Text, t?.Name, t?.Code, t?.Country, t?.Role, t?.Why, t?.Span.Start, t?.Span.End,
                    e.Cameo, e.Root, e.Quad, e.Goldstein, e.Plover, e.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    e.Location?.Name, e.Location?.Country, e.Location?.Lat, e.Location?.Lon,
                    e.Negated ? 1 : 0, e.Modality.ToString().ToLowerInvariant(), e.Predicate.Start, e.Predicate.End, e.Entry, e.Confidence);
            }
        }

        public void Dispose()
        {
            _article.Dispose();
            _search.Dispose();
            _mention.Dispose();
            _event.Dispose();
        }
    }

    private sealed record RemovedRow(int Start, int End, int Line, string Reason);

    private static SqliteParameter[] AddParameters(SqliteCommand command, params string[] names) =>
        names.Select(n => command.Parameters.Add(n, SqliteType.Text)).ToArray();

    private static void Set(SqliteParameter[] parameters, params object?[] values)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            var v = values[i];
            parameters[i].SqliteType = v switch { int or long or bool => SqliteType.Integer, double => SqliteType.Real, _ => SqliteType.Text };
            parameters[i].Value = v ?? DBNull.Value;
        }
    }

    public IReadOnlyList<StoredEvent> QueryEvents(EventQuery query)
    {
        using var command = _connection.CreateCommand();
        var where = Where(query, command);
        string direction = query.Descending ? "DESC" : "ASC";
        string order = query.Sort switch
        {
            EventSort.Goldstein => $"goldstein {direction}, id",
            EventSort.Cameo => $"cameo {direction}, id",
            EventSort.Source => $"source_code IS NULL, source_code {direction}, id",
            EventSort.Target => $"target_code IS NULL, target_code {direction}, id",
            EventSort.Article => $"article_id {direction}, sentence_index, id",
            EventSort.Confidence => $"confidence {direction}, id",
            EventSort.Id => $"id {direction}",
            _ => $"date IS NULL, date {direction}, article_id, sentence_index, id",
        };
        command.CommandText = "SELECT * FROM events" + where + " ORDER BY " + order + " LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, 100_000));
        command.Parameters.AddWithValue("$offset", Math.Max(0, query.Offset));
        using var reader = command.ExecuteReader();
        var events = new List<StoredEvent>();
        while (reader.Read()) events.Add(ReadEvent(reader));
        return events;
    }

    /// <summary>The WHERE clause for a query, with every value bound as a parameter on the command.</summary>
    private static string Where(EventQuery query, SqliteCommand command)
    {
        var where = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            where.Add("(source_code LIKE $actorCode ESCAPE '\\' OR target_code LIKE $actorCode ESCAPE '\\' OR source_name LIKE $actorName ESCAPE '\\' OR target_name LIKE $actorName ESCAPE '\\')");
            command.Parameters.AddWithValue("$actorCode", EscapeLike(query.Actor.Trim().ToUpperInvariant()) + "%");
            command.Parameters.AddWithValue("$actorName", "%" + EscapeLike(query.Actor.Trim()) + "%");
        }
        if (!string.IsNullOrWhiteSpace(query.Country))
        {
            where.Add("(source_country = $country OR target_country = $country)");
            command.Parameters.AddWithValue("$country", query.Country.Trim().ToUpperInvariant());
        }
        if (!string.IsNullOrWhiteSpace(query.Root))
        {
            where.Add("root = $root");
            command.Parameters.AddWithValue("$root", query.Root.Trim().PadLeft(2, '0'));
        }
        if (query.Quad is int quad)
        {
            where.Add("quad = $quad");
            command.Parameters.AddWithValue("$quad", quad);
        }
        if (query.Since is DateOnly since)
        {
            where.Add("date >= $since");
            command.Parameters.AddWithValue("$since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (query.Until is DateOnly until)
        {
            where.Add("date <= $until");
            command.Parameters.AddWithValue("$until", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (!string.IsNullOrWhiteSpace(query.ArticleId))
        {
            where.Add("article_id = $article");
            command.Parameters.AddWithValue("$article", query.ArticleId);
        }
        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            where.Add("(source_role = $role OR target_role = $role)");
            command.Parameters.AddWithValue("$role", query.Role.Trim().ToUpperInvariant());
        }
        bool hasSource = !string.IsNullOrWhiteSpace(query.SourceCode), hasTarget = !string.IsNullOrWhiteSpace(query.TargetCode);
        if (hasSource) command.Parameters.AddWithValue("$sourceCode", EscapeLike(query.SourceCode!.Trim().ToUpperInvariant()) + "%");
        if (hasTarget) command.Parameters.AddWithValue("$targetCode", EscapeLike(query.TargetCode!.Trim().ToUpperInvariant()) + "%");
        if (hasSource && hasTarget && query.EitherDirection)
            where.Add("((source_code LIKE $sourceCode ESCAPE '\\' AND target_code LIKE $targetCode ESCAPE '\\') OR (source_code LIKE $targetCode ESCAPE '\\' AND target_code LIKE $sourceCode ESCAPE '\\'))");
        else
        {
            if (hasSource) where.Add("source_code LIKE $sourceCode ESCAPE '\\'");
            if (hasTarget) where.Add("target_code LIKE $targetCode ESCAPE '\\'");
        }
        if (!string.IsNullOrWhiteSpace(query.Place))
        {
            where.Add("(lower(location_name) = lower($place) OR location_country = upper($place))");
            command.Parameters.AddWithValue("$place", query.Place.Trim());
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            where.Add("instr(lower(sentence), lower($text)) > 0");
            command.Parameters.AddWithValue("$text", query.Text.Trim());
        }
        if (query.Ids is { } ids)
        {
            // ids arrive as one JSON array parameter, so no SQL is ever built from values
            where.Add("id IN (SELECT value FROM json_each($ids))");
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids));
        }
        if (query.WithCoordinates) where.Add("lat IS NOT NULL AND lon IS NOT NULL");
        return where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "";
    }

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public long CountEvents(EventQuery query)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM events" + Where(query, command);
        return (long)command.ExecuteScalar()!;
    }

    public StoredEvent? GetEvent(long id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT * FROM events WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadEvent(reader) : null;
    }

    public IReadOnlyList<StoredMention> ActorMentions(string articleId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT start, \"end\", text, name, code, country, role, kind, why FROM actor_mentions WHERE article_id = $id ORDER BY start, id";
        command.Parameters.AddWithValue("$id", articleId);
        using var r = command.ExecuteReader();
        var mentions = new List<StoredMention>();
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (r.Read())
            mentions.Add(new StoredMention(r.GetInt32(0), r.GetInt32(1), r.GetString(2), S(3), S(4), S(5), S(6), S(7), S(8)));
        return mentions;
    }

    public IReadOnlyList<FacetCount> Facet(EventQuery query, EventFacet facet, int limit = 20)
    {
        using var command = _connection.CreateCommand();
        var where = Where(query, command);
        // a two-sided grouping counts an event once per side it appears on
        string sql = facet switch
        {
            EventFacet.Root => $"SELECT root AS v, count(*) AS n FROM events{where} GROUP BY v",
            EventFacet.Quad => $"SELECT CAST(quad AS TEXT) AS v, count(*) AS n FROM events{where} GROUP BY v",
            EventFacet.Source => $"SELECT source_code AS v, count(*) AS n FROM events{where} GROUP BY v",
            EventFacet.Target => $"SELECT target_code AS v, count(*) AS n FROM events{where} GROUP BY v",
            EventFacet.Place => $"SELECT location_name AS v, count(*) AS n FROM events{where} GROUP BY v",
            EventFacet.Modality => $"SELECT modality AS v, count(*) AS n FROM events{where} GROUP BY v",
            EventFacet.Country => $"SELECT v, count(DISTINCT id) AS n FROM (SELECT id, source_country AS v FROM events{where} UNION ALL SELECT id, target_country AS v FROM events{where}) GROUP BY v",
            _ => $"SELECT v, count(DISTINCT id) AS n FROM (SELECT id, source_role AS v FROM events{where} UNION ALL SELECT id, target_role AS v FROM events{where}) GROUP BY v",
        };
        command.CommandText = $"SELECT v, n FROM ({sql}) WHERE v IS NOT NULL AND v <> '' ORDER BY n DESC, v LIMIT $facetLimit";
        command.Parameters.AddWithValue("$facetLimit", Math.Clamp(limit, 1, 1000));
        using var r = command.ExecuteReader();
        var counts = new List<FacetCount>();
        while (r.Read()) counts.Add(new FacetCount(r.GetString(0), r.GetInt64(1)));
        return counts;
    }

    public IReadOnlyList<SeriesBucket> Series(EventQuery query, SeriesInterval interval)
    {
        using var command = _connection.CreateCommand();
        var where = Where(query, command);
        string period = interval switch
        {
            SeriesInterval.Month => "strftime('%Y-%m-01', date)",
            // the Monday on or before the date
            SeriesInterval.Week => "date(date, '-6 days', 'weekday 1')",
            _ => "date",
        };
        command.CommandText = $"""
            SELECT {period} AS p, count(*), sum(quad = 1), sum(quad = 2), sum(quad = 3), sum(quad = 4), avg(goldstein)
            FROM events{where}{(where.Length == 0 ? " WHERE" : " AND")} date IS NOT NULL GROUP BY p ORDER BY p
            """;
        using var r = command.ExecuteReader();
        var buckets = new List<SeriesBucket>();
        while (r.Read())
            buckets.Add(new SeriesBucket(DateOnly.ParseExact(r.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), Math.Round(r.GetDouble(6), 3)));
        return buckets;
    }

    public IReadOnlyList<ActorPair> ActorPairs(EventQuery query, int limit = 200)
    {
        using var command = _connection.CreateCommand();
        var where = Where(query, command);
        command.CommandText = $"""
            SELECT source_code, target_code, count(*), sum(quad <= 2), sum(quad >= 3), avg(goldstein)
            FROM events{where}{(where.Length == 0 ? " WHERE" : " AND")} source_code IS NOT NULL AND target_code IS NOT NULL
            GROUP BY source_code, target_code ORDER BY count(*) DESC, source_code, target_code LIMIT $pairLimit
            """;
        command.Parameters.AddWithValue("$pairLimit", Math.Clamp(limit, 1, 10_000));
        using var r = command.ExecuteReader();
        var pairs = new List<ActorPair>();
        while (r.Read())
            pairs.Add(new ActorPair(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), Math.Round(r.GetDouble(5), 3)));
        return pairs;
    }

    public IReadOnlyList<ActorSummary> Actors(string? match, int limit = 100, int offset = 0)
    {
        using var command = _connection.CreateCommand();
        string filter = "";
        if (!string.IsNullOrWhiteSpace(match))
        {
            filter = "WHERE code LIKE $code ESCAPE '\\' OR name LIKE $name ESCAPE '\\'";
            command.Parameters.AddWithValue("$code", EscapeLike(match.Trim().ToUpperInvariant()) + "%");
            command.Parameters.AddWithValue("$name", "%" + EscapeLike(match.Trim()) + "%");
        }
        command.CommandText = $"""
            WITH sides AS (
              SELECT source_code AS code, source_name AS name, source_country AS country, source_role AS role, 1 AS s, 0 AS t, 0 AS m FROM events WHERE source_code IS NOT NULL
              UNION ALL SELECT target_code, target_name, target_country, target_role, 0, 1, 0 FROM events WHERE target_code IS NOT NULL
              UNION ALL SELECT code, name, country, role, 0, 0, 1 FROM actor_mentions WHERE code IS NOT NULL),
            named AS (SELECT code, name, count(*) AS uses FROM sides WHERE name IS NOT NULL GROUP BY code, name),
            best AS (SELECT code, name FROM (SELECT code, name, row_number() OVER (PARTITION BY code ORDER BY uses DESC, name) AS k FROM named) WHERE k = 1)
            SELECT a.code, best.name, max(a.country), max(a.role), sum(a.s), sum(a.t), sum(a.m)
            FROM (SELECT * FROM sides {filter}) a LEFT JOIN best ON best.code = a.code
            GROUP BY a.code ORDER BY sum(a.s) + sum(a.t) DESC, sum(a.m) DESC, a.code LIMIT $limit OFFSET $offset
            """;
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 10_000));
        command.Parameters.AddWithValue("$offset", Math.Max(0, offset));
        using var r = command.ExecuteReader();
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var actors = new List<ActorSummary>();
        while (r.Read()) actors.Add(new ActorSummary(r.GetString(0), S(1), S(2), S(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6)));
        return actors;
    }

    public IReadOnlyList<PlaceCount> Places(EventQuery query, int limit = 500)
    {
        using var command = _connection.CreateCommand();
        var where = Where(query, command);
        command.CommandText = $"""
            SELECT location_name, location_country, avg(lat), avg(lon), count(*), avg(goldstein)
            FROM events{where}{(where.Length == 0 ? " WHERE" : " AND")} location_name IS NOT NULL
            GROUP BY location_name, location_country ORDER BY count(*) DESC, location_name LIMIT $placeLimit
            """;
        command.Parameters.AddWithValue("$placeLimit", Math.Clamp(limit, 1, 10_000));
        using var r = command.ExecuteReader();
        var places = new List<PlaceCount>();
        while (r.Read())
            places.Add(new PlaceCount(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetDouble(2),
                r.IsDBNull(3) ? null : r.GetDouble(3), r.GetInt64(4), Math.Round(r.GetDouble(5), 3)));
        return places;
    }

    public IReadOnlyList<ArticleSummary> ListArticles(int limit = 50, int offset = 0)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT a.id, a.title, a.published, a.source, a.url, (SELECT count(*) FROM events e WHERE e.article_id = a.id)
            FROM articles a ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT $limit OFFSET $offset
            """;
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 10_000));
        command.Parameters.AddWithValue("$offset", Math.Max(0, offset));
        using var r = command.ExecuteReader();
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var articles = new List<ArticleSummary>();
        while (r.Read())
            articles.Add(new ArticleSummary(r.GetString(0), S(1), S(2) is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                S(3), S(4), r.GetInt64(5)));
        return articles;
    }

    private static StoredEvent ReadEvent(SqliteDataReader r)
    {
        string? S(string column) => r[column] is DBNull ? null : Convert.ToString(r[column], CultureInfo.InvariantCulture);
        int? I(string column) => r[column] is DBNull ? null : Convert.ToInt32(r[column], CultureInfo.InvariantCulture);
        double? D(string column) => r[column] is DBNull ? null : Convert.ToDouble(r[column], CultureInfo.InvariantCulture);
        StoredActor? Actor(string side) =>
            S(side + "_text") is null && S(side + "_name") is null && S(side + "_code") is null ? null
            : new StoredActor(S(side + "_text"), S(side + "_name"), S(side + "_code"), S(side + "_country"), S(side + "_role"), S(side + "_why"), I(side + "_start"), I(side + "_end"));
        var location = S("location_name") is { } ln ? new StoredPlace(ln, S("location_country"), D("lat"), D("lon")) : null;
        return new StoredEvent
        {
            Id = Convert.ToInt64(r["id"], CultureInfo.InvariantCulture),
            ArticleId = S("article_id")!,
            SentenceIndex = I("sentence_index") ?? 0,
            Sentence = S("sentence") ?? "",
            Source = Actor("source") ?? new StoredActor(null, null, null, null, null, null, null, null),
            Target = Actor("target"),
            Cameo = S("cameo")!,
            Quad = I("quad") ?? 0,
            Goldstein = D("goldstein") ?? 0,
            Plover = S("plover"),
            Date = S("date") is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            Location = location,
            Negated = I("negated") == 1,
            Modality = S("modality") ?? "asserted",
            PredicateStart = I("predicate_start") ?? 0,
            PredicateEnd = I("predicate_end") ?? 0,
            Entry = S("entry"),
            Confidence = D("confidence") ?? 0,
        };
    }

    public IReadOnlyList<ArticleHit> Search(string query, int limit = 20)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT s.article_id, a.title, a.published, a.source,
                   snippet(article_search, 2, '[', ']', ' … ', 16)
            FROM article_search s JOIN articles a ON a.id = s.article_id
            WHERE article_search MATCH $q ORDER BY rank LIMIT $limit
            """;
        command.Parameters.AddWithValue("$q", FtsQuery(query));
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 1000));
        using var reader = command.ExecuteReader();
        var hits = new List<ArticleHit>();
        while (reader.Read())
        {
            hits.Add(new ArticleHit(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : DateOnly.ParseExact(reader.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)));
        }
        return hits;
    }

    /// <summary>
    /// Users type plain words, not FTS syntax: each word becomes a quoted term (so "U.S." or "al-Assad" cannot
    /// break the query), and a phrase in double quotes stays a phrase.
    /// </summary>
    internal static string FtsQuery(string query)
    {
        var terms = new List<string>();
        int i = 0;
        while (i < query.Length)
        {
            if (char.IsWhiteSpace(query[i])) { i++; continue; }
            if (query[i] == '"')
            {
                int close = query.IndexOf('"', i + 1);
                var phrase = close < 0 ? query[(i + 1)..] : query[(i + 1)..close];
                if (phrase.Trim().Length > 0) terms.Add("\"" + phrase.Replace("\"", "") + "\"");
                i = close < 0 ? query.Length : close + 1;
                continue;
            }
            int end = i;
            while (end < query.Length && !char.IsWhiteSpace(query[end])) end++;
            var word = query[i..end].Replace("\"", "");
            if (word is "OR" or "AND" or "NOT") terms.Add(word);
            else if (word.Length > 0) terms.Add("\"" + word + "\"");
            i = end;
        }
        return terms.Count == 0 ? "\"\"" : string.Join(' ', terms);
    }

    public StoredArticle? GetArticle(string id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, title, published, source, url, origin, text, clean_text, raw, removed FROM articles WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var r = command.ExecuteReader();
        if (!r.Read()) return null;
        var removed = JsonSerializer.Deserialize<List<RemovedRow>>(r.GetString(9)) ?? [];
        return new StoredArticle(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1),
            r.IsDBNull(2) ? null : DateOnly.ParseExact(r.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
            r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
            removed.Select(x => new RemovedBlock(new CharSpan(x.Start, x.End), x.Reason, x.Line)).ToList());
    }

    public StoreCounts Counts()
    {
        long Count(string table)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM {table}";
            return (long)command.ExecuteScalar()!;
        }
        return new StoreCounts(Count("articles"), Count("events"), Count("actor_mentions"));
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static DateOnly? ParseDay(SqliteDataReader r, int column) =>
        r.IsDBNull(column) ? null : DateOnly.ParseExact(r.GetString(column), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void InTransaction(string what, Action<SqliteTransaction> write)
    {
        using var transaction = _connection.BeginTransaction();
        try
        {
            write(transaction);
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            transaction.Rollback();
            throw new DyadException(ErrorCode.StoreWrite, $"writing {what} to '{Path}' failed: {e.Message}", e);
        }
    }

    private void WriteStoryLinks(SqliteTransaction transaction, IReadOnlyList<StoryLink> links)
    {
        using var upsert = Command(transaction, """
            INSERT INTO story_articles (article_id, story_id, similarity, duplicate_of) VALUES ($a, $s, $sim, $d)
            ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id, similarity = excluded.similarity, duplicate_of = excluded.duplicate_of
            """);
        var p = AddParameters(upsert, "$a", "$s", "$sim", "$d");
        foreach (var link in links)
        {
            Set(p, link.ArticleId, link.StoryId, link.Similarity, link.DuplicateOf);
            upsert.ExecuteNonQuery();
        }
    }

    private void WriteStories(SqliteTransaction transaction, IReadOnlyList<StoryRecord> stories)
    {
        using var upsert = Command(transaction, """
            INSERT OR REPLACE INTO stories (id, title, summary, first_date, last_date, articles, updated_at)
            VALUES ($id, $t, $s, $f, $l, $n, $now)
            """);
        var p = AddParameters(upsert, "$id", "$t", "$s", "$f", "$l", "$n", "$now");
        foreach (var story in stories)
        {
            Set(p, story.Id, story.Title, JsonSerializer.Serialize(story.Summary), Day(story.First), Day(story.Last), story.Articles,
                DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture));
            upsert.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<StoryRecord> QueryStories(int limit = 50, int offset = 0)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, title, summary, first_date, last_date, articles FROM stories ORDER BY last_date IS NULL, last_date DESC, articles DESC, id LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 100_000));
        command.Parameters.AddWithValue("$offset", Math.Max(0, offset));
        return ReadStories(command);
    }

    public StoryRecord? GetStory(string id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, title, summary, first_date, last_date, articles FROM stories WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return ReadStories(command).FirstOrDefault();
    }

    private static List<StoryRecord> ReadStories(SqliteCommand command)
    {
        using var r = command.ExecuteReader();
        var stories = new List<StoryRecord>();
        while (r.Read())
            stories.Add(new StoryRecord(r.GetString(0), r.GetString(1), JsonSerializer.Deserialize<List<string>>(r.GetString(2)) ?? [],
                ParseDay(r, 3), ParseDay(r, 4), r.GetInt32(5)));
        return stories;
    }

    public IReadOnlyList<StoryLink> StoryLinks(string? storyId = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT article_id, story_id, similarity, duplicate_of FROM story_articles"
            + (storyId is null ? "" : " WHERE story_id = $s") + " ORDER BY rowid";
        if (storyId is not null) command.Parameters.AddWithValue("$s", storyId);
        using var r = command.ExecuteReader();
        var links = new List<StoryLink>();
        while (r.Read()) links.Add(new StoryLink(r.GetString(0), r.GetString(1), r.GetDouble(2), r.IsDBNull(3) ? null : r.GetString(3)));
        return links;
    }

    private void WriteMergedEvents(SqliteTransaction transaction, string storyId, IReadOnlyList<Stories.Merging.MergedEvent> events)
    {
        using (var delete = Command(transaction, "DELETE FROM merged_events WHERE story_id = $s"))
        {
            delete.Parameters.AddWithValue("$s", storyId);
            delete.ExecuteNonQuery();
        }
        using var insert = Command(transaction, """
            INSERT OR REPLACE INTO merged_events (id, story_id, source_code, target_code, cameo, root, quad, goldstein, date, location,
              mentions, sources, articles, independent, confidence)
            VALUES ($id, $s, $sc, $tc, $c, $r, $q, $g, $d, $l, $m, $so, $a, $i, $conf)
            """);
        var p = AddParameters(insert, "$id", "$s", "$sc", "$tc", "$c", "$r", "$q", "$g", "$d", "$l", "$m", "$so", "$a", "$i", "$conf");
        using var link = Command(transaction, "INSERT OR IGNORE INTO merged_event_mentions (merged_id, event_id) VALUES ($m, $e)");
        var lp = AddParameters(link, "$m", "$e");
        foreach (var e in events)
        {
            Set(p, e.Id, storyId, e.SourceCode, e.TargetCode, e.Cameo, e.Root, e.Quad, e.Goldstein, Day(e.Date), e.Location,
                e.Mentions, e.Sources, e.Articles, e.IndependentReports, e.Confidence);
            insert.ExecuteNonQuery();
            foreach (var mention in e.Links)
            {
                if (mention.Event.Id <= 0) continue;
                Set(lp, e.Id, mention.Event.Id);
                link.ExecuteNonQuery();
            }
        }
    }

    public void SaveStoryStep(StoryStep step) => InTransaction($"a story step of {step.Links.Count} article(s)", transaction =>
    {
        WriteStoryLinks(transaction, step.Links);
        foreach (var (storyId, events) in step.MergedEvents) WriteMergedEvents(transaction, storyId, events);
        WriteStories(transaction, step.Stories);
    });

    /// <summary>
    /// The story lock of a SQLite file is an exclusive lock on a file beside it (dyad.db-stories.lock): it keeps
    /// apart two desks of one process and of two (say 'dyad ingest' and 'dyad serve' taking articles over HTTP),
    /// and the system drops it when the holder dies.
    /// </summary>
    public IDisposable? TryLockStories()
    {
        try
        {
            return new FileStream(System.IO.Path.GetFullPath(Path) + "-stories.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Articles below this rowid are all in stories: rowids only grow, so the scan for pending ones starts here.</summary>
    private long _placedThrough;

    public IReadOnlyList<string> PendingStoryArticles(int limit)
    {
        // one read transaction, so the highest rowid is read from the same snapshot as the pending ones
        using var transaction = _connection.BeginTransaction(deferred: true);
        using var command = Command(transaction, "");
        command.CommandText = """
            SELECT a.rowid, a.id FROM articles a
            WHERE a.rowid > $after AND NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id)
            ORDER BY a.rowid LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", _placedThrough);
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 100_000));
        var ids = new List<string>();
        long first = -1;
        using (var r = command.ExecuteReader())
            while (r.Read())
            {
                if (first < 0) first = r.GetInt64(0);
                ids.Add(r.GetString(1));
            }
        if (first >= 0) _placedThrough = first - 1;
        else
        {
            using var max = Command(transaction, "SELECT coalesce(max(rowid), 0) FROM articles");
            _placedThrough = Math.Max(_placedThrough, (long)max.ExecuteScalar()!);
        }
        transaction.Commit();
        return ids;
    }

    public IReadOnlyList<SequencedStoryLink> StoryLinksAfter(long after, int limit)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT rowid, article_id, story_id, similarity, duplicate_of FROM story_articles WHERE rowid > $after ORDER BY rowid LIMIT $limit";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, int.MaxValue));
        using var r = command.ExecuteReader();
        var links = new List<SequencedStoryLink>();
        while (r.Read())
            links.Add(new SequencedStoryLink(r.GetInt64(0), new StoryLink(r.GetString(1), r.GetString(2), r.GetDouble(3), r.IsDBNull(4) ? null : r.GetString(4))));
        return links;
    }

    public IReadOnlyList<StoredMergedEvent> MergedEvents(string storyId)
    {
        var ids = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        using (var links = _connection.CreateCommand())
        {
            links.CommandText = "SELECT m.merged_id, m.event_id FROM merged_event_mentions m JOIN merged_events e ON e.id = m.merged_id WHERE e.story_id = $s ORDER BY m.event_id";
            links.Parameters.AddWithValue("$s", storyId);
            using var r = links.ExecuteReader();
            while (r.Read())
            {
                if (!ids.TryGetValue(r.GetString(0), out var list)) ids[r.GetString(0)] = list = [];
                list.Add(r.GetInt64(1));
            }
        }
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT id, story_id, source_code, target_code, cameo, quad, goldstein, date, location, mentions, sources, articles, independent, confidence
            FROM merged_events WHERE story_id = $s ORDER BY date IS NULL, date, id
            """;
        command.Parameters.AddWithValue("$s", storyId);
        using var reader = command.ExecuteReader();
        var events = new List<StoredMergedEvent>();
        while (reader.Read())
        {
            string? S(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            events.Add(new StoredMergedEvent(reader.GetString(0), reader.GetString(1), S(2), S(3), reader.GetString(4), reader.GetInt32(5),
                reader.GetDouble(6), ParseDay(reader, 7), S(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12),
                reader.GetDouble(13), ids.GetValueOrDefault(reader.GetString(0)) ?? []));
        }
        return events;
    }

    public void Dispose() => _connection.Dispose();
}
