using System.Globalization;
using System.Text.Json;
using Dyad.Documents;
using Dyad.Errors;
using Dyad.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Dyad.Postgres;

/// <summary>
/// The server store: the same contract as the embedded SQLite store on PostgreSQL, for many writers at once
/// (queue workers). Articles are inserted with ON CONFLICT DO NOTHING on both id and content hash, so a
/// redelivered or duplicated article is a no-op, even when two workers write it at the same moment; events and
/// actor mentions go in with binary COPY in the same transaction, and each new article joins the list of
/// articles waiting for a story. Thread-safe: each call takes a pooled connection.
/// </summary>
public sealed partial class PostgresStore : IAnalyticsStore
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Where the store is, without the password, for messages.</summary>
    public string Location { get; }

    private PostgresStore(NpgsqlDataSource dataSource, string location)
    {
        _dataSource = dataSource;
        Location = location;
    }

    /// <summary>Opens (and migrates) the database named by a postgres:// URL or an Npgsql connection string.</summary>
    public static PostgresStore Open(string database)
    {
        var builder = PostgresAddress.Parse(database);
        var location = $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
            using var connection = dataSource.OpenConnection();
            PostgresSchema.Migrate(connection);
        }
        catch (Exception e) when (e is NpgsqlException or PostgresException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            throw new DyadException(ErrorCode.StoreOpen, $"cannot open database '{location}': {e.Message}", e);
        }
        return new PostgresStore(dataSource, location);
    }

    public int SchemaVersion
    {
        get
        {
            using var connection = _dataSource.OpenConnection();
            return PostgresSchema.CurrentVersion(connection);
        }
    }

    internal void Execute(string sql)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public bool Contains(string articleId)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT 1 FROM articles WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = articleId });
        return command.ExecuteScalar() is not null;
    }

    public IReadOnlyList<StoreOutcome> Store(IReadOnlyList<Document> documents)
    {
        if (documents.Count == 0) return [];
        // Two workers inserting overlapping articles in different orders can deadlock; PostgreSQL then aborts
        // one, and running the whole batch again is correct because it is one transaction.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return StoreOnce(documents);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 5)
            {
                Thread.Sleep(20 * attempt);
            }
            catch (Exception e) when (e is NpgsqlException or PostgresException or InvalidOperationException)
            {
                throw new DyadException(ErrorCode.StoreWrite, $"writing {documents.Count} article(s) to '{Location}' failed: {e.Message}", e);
            }
        }
    }

    private StoreOutcome[] StoreOnce(IReadOnlyList<Document> documents)
    {
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var outcomes = new StoreOutcome[documents.Count];
        using (var batch = new NpgsqlBatch(connection, transaction))
        {
            var now = DateTime.UtcNow;
            foreach (var document in documents)
                batch.BatchCommands.Add(InsertArticle(document, now));
            using var reader = batch.ExecuteReader();
            for (int i = 0; i < documents.Count; i++)
            {
                outcomes[i] = reader.Read() ? StoreOutcome.Stored : StoreOutcome.Duplicate;
                while (reader.Read()) { }
                if (i < documents.Count - 1) reader.NextResult();
            }
        }
        var stored = documents.Where((_, i) => outcomes[i] == StoreOutcome.Stored).ToList();
        if (stored.Any(d => d.Actors.Count > 0)) CopyMentions(connection, stored);
        if (stored.Any(d => d.Events.Count > 0)) CopyEvents(connection, stored);
        if (stored.Count > 0)
        {
            // in the same transaction: an article is never stored without waiting for its story
            using var pending = new NpgsqlCommand("INSERT INTO story_pending (article_id) SELECT unnest($1::text[])", connection, transaction);
            pending.Parameters.Add(new NpgsqlParameter { Value = stored.Select(d => Clean(d.Id)!).ToArray() });
            pending.ExecuteNonQuery();
        }
        transaction.Commit();
        return outcomes;
    }

    public static string ContentHash(string text) => Ingest.ArticleReader.ContentId(text);

    /// <summary>PostgreSQL text cannot hold NUL; U+FFFD keeps every offset where it was.</summary>
    private static string? Clean(string? text) => text is null || !text.Contains('\0') ? text : text.Replace('\0', '\uFFFD');

    private static NpgsqlBatchCommand InsertArticle(Document document, DateTime now)
    {
        var article = document.Article;
        var command = new NpgsqlBatchCommand("""
            INSERT INTO articles (id, hash, title, published, published_clue, source, url, origin, authors, language, raw, text, clean_text, removed, ingested_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT DO NOTHING RETURNING 1
            """);
        void Add(object? value, NpgsqlDbType type) =>
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value is string s ? Clean(s) : value ?? DBNull.Value });
        Add(Clean(document.Id), NpgsqlDbType.Text);
        Add(ContentHash(document.Text), NpgsqlDbType.Text);
        Add(article.Title, NpgsqlDbType.Text);
        Add(document.Published, NpgsqlDbType.Date);
        Add(document.PublishedClue is { } c ? $"{c.Kind}: {c.Evidence}" : null, NpgsqlDbType.Text);
        Add(article.Source, NpgsqlDbType.Text);
        Add(article.Url, NpgsqlDbType.Text);
        Add(article.Origin, NpgsqlDbType.Text);
        Add(article.Authors.Count == 0 ? null : string.Join("; ", article.Authors), NpgsqlDbType.Text);
        Add(article.Language, NpgsqlDbType.Text);
        Add(article.Raw, NpgsqlDbType.Text);
        Add(document.Text, NpgsqlDbType.Text);
        Add(document.CleanText(), NpgsqlDbType.Text);
        Add(JsonSerializer.Serialize(document.Removed.Select(r => new RemovedRow(r.Span.Start, r.Span.End, r.Line, r.Reason))), NpgsqlDbType.Text);
        Add(now, NpgsqlDbType.TimestampTz);
        return command;
    }

    private sealed record RemovedRow(int Start, int End, int Line, string Reason);

    private static void CopyMentions(NpgsqlConnection connection, List<Document> documents)
    {
        using var importer = connection.BeginBinaryImport(
            "COPY actor_mentions (article_id, start, \"end\", text, name, code, country, role, kind, why) FROM STDIN (FORMAT BINARY)");
        foreach (var document in documents)
        {
            foreach (var m in document.Actors)
            {
                importer.StartRow();
                Text(importer, document.Id);
                importer.Write(m.Span.Start, NpgsqlDbType.Integer);
                importer.Write(m.Span.End, NpgsqlDbType.Integer);
                Text(importer, m.Text);
                Text(importer, m.Name);
                Text(importer, m.Code);
                Text(importer, m.Country);
                Text(importer, m.Role);
                Text(importer, m.Kind.ToString());
                Text(importer, m.Why);
            }
        }
        importer.Complete();
    }

    private static void CopyEvents(NpgsqlConnection connection, List<Document> documents)
    {
        using var importer = connection.BeginBinaryImport("""
            COPY events (article_id, sentence_index, sentence,
              source_text, source_name, source_code, source_country, source_role, source_why, source_start, source_end,
              target_text, target_name, target_code, target_country, target_role, target_why, target_start, target_end,
              cameo, root, quad, goldstein, plover, date, location_name, location_country, lat, lon,
              negated, modality, predicate_start, predicate_end, entry, confidence) FROM STDIN (FORMAT BINARY)
            """);
        foreach (var document in documents)
        {
            foreach (var e in document.Events)
            {
                importer.StartRow();
                Text(importer, document.Id);
                importer.Write(e.SentenceIndex, NpgsqlDbType.Integer);
                Text(importer, e.Sentence);
                var s = e.Source;
                Text(importer, s.Text); Text(importer, s.Name); Text(importer, s.Code); Text(importer, s.Country);
                Text(importer, s.Role); Text(importer, s.Why);
                Int(importer, s.Span.Start); Int(importer, s.Span.End);
                var t = e.Target;
                Text(importer, t?.Text); Text(importer, t?.Name); Text(importer, t?.Code); Text(importer, t?.Country);
                Text(importer, t?.Role); Text(importer, t?.Why);
                Int(importer, t?.Span.Start); Int(importer, t?.Span.End);
                Text(importer, e.Cameo);
                Text(importer, e.Root);
                importer.Write(e.Quad, NpgsqlDbType.Integer);
                importer.Write(e.Goldstein, NpgsqlDbType.Double);
                Text(importer, e.Plover);
                if (e.Date is DateOnly date) importer.Write(date, NpgsqlDbType.Date); else importer.WriteNull();
                Text(importer, e.Location?.Name);
                Text(importer, e.Location?.Country);
                Double(importer, e.Location?.Lat);
                Double(importer, e.Location?.Lon);
                importer.Write(e.Negated, NpgsqlDbType.Boolean);
                Text(importer, e.Modality.ToString().ToLowerInvariant());
                importer.Write(e.Predicate.Start, NpgsqlDbType.Integer);
                importer.Write(e.Predicate.End, NpgsqlDbType.Integer);
                Text(importer, e.Entry);
                importer.Write(e.Confidence, NpgsqlDbType.Double);
            }
        }
        importer.Complete();
    }

    private static void Text(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null) importer.WriteNull();
        else importer.Write(Clean(value)!, NpgsqlDbType.Text);
    }

    private static void Int(NpgsqlBinaryImporter importer, int? value)
    {
        if (value is int v) importer.Write(v, NpgsqlDbType.Integer);
        else importer.WriteNull();
    }

    private static void Double(NpgsqlBinaryImporter importer, double? value)
    {
        if (value is double v) importer.Write(v, NpgsqlDbType.Double);
        else importer.WriteNull();
    }

    public IReadOnlyList<StoredEvent> QueryEvents(EventQuery query)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand { Connection = connection };
        var filter = new EventFilterSql(command, query);
        string direction = query.Descending ? "DESC" : "ASC";
        // text sorts in byte order ("C"), as in the embedded store, whatever the database's locale
        string order = query.Sort switch
        {
            EventSort.Goldstein => $"goldstein {direction}, id",
            EventSort.Cameo => $"cameo COLLATE \"C\" {direction}, id",
            EventSort.Source => $"source_code IS NULL, source_code COLLATE \"C\" {direction}, id",
            EventSort.Target => $"target_code IS NULL, target_code COLLATE \"C\" {direction}, id",
            EventSort.Article => $"article_id {direction}, sentence_index, id",
            EventSort.Confidence => $"confidence {direction}, id",
            EventSort.Id => $"id {direction}",
            _ => $"date IS NULL, date {direction}, article_id, sentence_index, id",
        };
        var limit = filter.Parameter(Math.Clamp(query.Limit, 1, 100_000));
        var offset = filter.Parameter(Math.Max(0, query.Offset));
        command.CommandText = $"SELECT * FROM events{filter.Where} ORDER BY {order} LIMIT {limit} OFFSET {offset}";
        using var reader = command.ExecuteReader();
        var events = new List<StoredEvent>();
        while (reader.Read()) events.Add(ReadEvent(reader));
        return events;
    }

    private static StoredEvent ReadEvent(NpgsqlDataReader r)
    {
        string? S(string column) { int i = r.GetOrdinal(column); return r.IsDBNull(i) ? null : r.GetString(i); }
        int? I(string column) { int i = r.GetOrdinal(column); return r.IsDBNull(i) ? null : r.GetInt32(i); }
        double? D(string column) { int i = r.GetOrdinal(column); return r.IsDBNull(i) ? null : r.GetDouble(i); }
        StoredActor? Actor(string side) =>
            S(side + "_text") is null && S(side + "_name") is null && S(side + "_code") is null ? null
            : new StoredActor(S(side + "_text"), S(side + "_name"), S(side + "_code"), S(side + "_country"), S(side + "_role"), S(side + "_why"), I(side + "_start"), I(side + "_end"));
        var location = S("location_name") is { } ln ? new StoredPlace(ln, S("location_country"), D("lat"), D("lon")) : null;
        int dateOrdinal = r.GetOrdinal("date");
        return new StoredEvent
        {
            Id = r.GetInt64(r.GetOrdinal("id")),
            ArticleId = S("article_id")!,
            SentenceIndex = I("sentence_index") ?? 0,
            Sentence = S("sentence") ?? "",
            Source = Actor("source") ?? new StoredActor(null, null, null, null, null, null, null, null),
            Target = Actor("target"),
            Cameo = S("cameo")!,
            Quad = I("quad") ?? 0,
            Goldstein = D("goldstein") ?? 0,
            Plover = S("plover"),
            Date = r.IsDBNull(dateOrdinal) ? null : r.GetFieldValue<DateOnly>(dateOrdinal),
            Location = location,
            Negated = r.GetBoolean(r.GetOrdinal("negated")),
            Modality = S("modality") ?? "asserted",
            PredicateStart = I("predicate_start") ?? 0,
            PredicateEnd = I("predicate_end") ?? 0,
            Entry = S("entry"),
            Confidence = D("confidence") ?? 0,
        };
    }

    public IReadOnlyList<ArticleHit> Search(string query, int limit = 20)
    {
        using var connection = _dataSource.OpenConnection();
        // websearch_to_tsquery takes what users type ("quoted phrases", or, -word) and never fails on syntax
        using var command = new NpgsqlCommand("""
            SELECT id, title, published, source,
                   ts_headline('english', clean_text, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "')
            FROM articles, websearch_to_tsquery('english', $1) q
            WHERE search @@ q
            ORDER BY ts_rank(search, q) DESC, id
            LIMIT $2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Clean(query) ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(limit, 1, 1000) });
        using var reader = command.ExecuteReader();
        var hits = new List<ArticleHit>();
        while (reader.Read())
        {
            hits.Add(new ArticleHit(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)));
        }
        return hits;
    }

    public StoredArticle? GetArticle(string id)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand(
            "SELECT id, title, published, source, url, origin, text, clean_text, raw, removed FROM articles WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Clean(id) ?? "" });
        using var r = command.ExecuteReader();
        if (!r.Read()) return null;
        var removed = JsonSerializer.Deserialize<List<RemovedRow>>(r.GetString(9)) ?? [];
        return new StoredArticle(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1),
            r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2),
            r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
            r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
            removed.Select(x => new RemovedBlock(new CharSpan(x.Start, x.End), x.Reason, x.Line)).ToList());
    }

    public StoreCounts Counts()
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM actor_mentions)", connection);
        using var r = command.ExecuteReader();
        r.Read();
        return new StoreCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
    }

    public void Dispose() => _dataSource.Dispose();

    private DyadException WriteFailed(string what, Exception e) =>
        new(ErrorCode.StoreWrite, $"writing {what} to '{Location}' failed: {e.Message}", e);
}
