using System.Text.Json;
using Dyad.Storage;
using Dyad.Stories.Merging;
using Npgsql;
using NpgsqlTypes;

namespace Dyad.Postgres;

/// <summary>
/// Stories on PostgreSQL. Placing articles in stories is one writer at a time: the writer holding a session
/// advisory lock (<see cref="TryLockStories"/>). Each placement step is one transaction that records the links,
/// rewrites the touched stories and their merged events (binary COPY), and takes the placed articles off the
/// pending list, so a step is either all there or not at all, and a writer that dies leaves its articles pending
/// for the next one.
/// </summary>
public sealed partial class PostgresStore
{
    private const long StoryLock = 0x44796164_53746f72; // "DyadStor"

    public IDisposable? TryLockStories()
    {
        var connection = _dataSource.OpenConnection();
        try
        {
            using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = StoryLock });
            if ((bool)command.ExecuteScalar()!) return new StoryLockHandle(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        connection.Dispose();
        return null;
    }

    /// <summary>Holds the session that holds the lock; unlocking before the connection goes back to the pool.</summary>
    private sealed class StoryLockHandle(NpgsqlConnection connection) : IDisposable
    {
        private bool _released;

        public void Dispose()
        {
            if (_released) return;
            _released = true;
            try
            {
                using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = StoryLock });
                command.ExecuteNonQuery();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // the session is gone, and the server released its lock with it
            }
            finally { connection.Dispose(); }
        }
    }

    public IReadOnlyList<string> PendingStoryArticles(int limit) =>
        Read(command =>
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(limit, 1, 100_000) });
            return "SELECT article_id FROM story_pending ORDER BY seq LIMIT $1";
        }, r => r.GetString(0));

    public IReadOnlyList<SequencedStoryLink> StoryLinksAfter(long after, int limit) =>
        Read(command =>
        {
            command.Parameters.Add(new NpgsqlParameter { Value = after });
            command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(limit, 1, int.MaxValue) });
            return "SELECT seq, article_id, story_id, similarity, duplicate_of FROM story_articles WHERE seq > $1 ORDER BY seq LIMIT $2";
        }, r => new SequencedStoryLink(r.GetInt64(0), new StoryLink(r.GetString(1), r.GetString(2), r.GetDouble(3), Text(r, 4))));

    public IReadOnlyList<StoryLink> StoryLinks(string? storyId = null) =>
        Read(command =>
        {
            if (storyId is null) return "SELECT article_id, story_id, similarity, duplicate_of FROM story_articles ORDER BY seq";
            command.Parameters.Add(new NpgsqlParameter { Value = Clean(storyId) ?? "" });
            return "SELECT article_id, story_id, similarity, duplicate_of FROM story_articles WHERE story_id = $1 ORDER BY seq";
        }, r => new StoryLink(r.GetString(0), r.GetString(1), r.GetDouble(2), Text(r, 3)));

    public IReadOnlyList<StoryRecord> QueryStories(int limit = 50, int offset = 0) =>
        Read(command =>
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(limit, 1, 100_000) });
            command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(0, offset) });
            return "SELECT id, title, summary, first_date, last_date, articles FROM stories ORDER BY last_date IS NULL, last_date DESC, articles DESC, id LIMIT $1 OFFSET $2";
        }, ReadStory);

    public StoryRecord? GetStory(string id) =>
        Read(command =>
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Clean(id) ?? "" });
            return "SELECT id, title, summary, first_date, last_date, articles FROM stories WHERE id = $1";
        }, ReadStory).FirstOrDefault();

    private static StoryRecord ReadStory(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), JsonSerializer.Deserialize<List<string>>(r.GetString(2)) ?? [], Day(r, 3), Day(r, 4), r.GetInt32(5));

    public IReadOnlyList<StoredMergedEvent> MergedEvents(string storyId)
    {
        var ids = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var (merged, eventId) in Read(command =>
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Clean(storyId) ?? "" });
            return "SELECT m.merged_id, m.event_id FROM merged_event_mentions m JOIN merged_events e ON e.id = m.merged_id WHERE e.story_id = $1 ORDER BY m.event_id";
        }, r => (r.GetString(0), r.GetInt64(1))))
        {
            if (!ids.TryGetValue(merged, out var list)) ids[merged] = list = [];
            list.Add(eventId);
        }
        return Read(command =>
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Clean(storyId) ?? "" });
            return """
                SELECT id, story_id, source_code, target_code, cameo, quad, goldstein, date, location, mentions, sources, articles, independent, confidence
                FROM merged_events WHERE story_id = $1 ORDER BY date IS NULL, date, id
                """;
        }, r => new StoredMergedEvent(r.GetString(0), r.GetString(1), Text(r, 2), Text(r, 3), r.GetString(4), r.GetInt32(5), r.GetDouble(6),
            Day(r, 7), Text(r, 8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), r.GetDouble(13),
            ids.GetValueOrDefault(r.GetString(0)) ?? []));
    }

    public void SaveStoryStep(StoryStep step)
    {
        try
        {
            using var connection = _dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            if (step.Links.Count > 0)
            {
                using var links = new NpgsqlCommand("""
                    INSERT INTO story_articles (article_id, story_id, similarity, duplicate_of)
                    SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::text[])
                    ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, similarity = excluded.similarity, duplicate_of = excluded.duplicate_of
                    """, connection, transaction);
                links.Parameters.Add(new NpgsqlParameter { Value = step.Links.Select(l => Clean(l.ArticleId)!).ToArray() });
                links.Parameters.Add(new NpgsqlParameter { Value = step.Links.Select(l => Clean(l.StoryId)!).ToArray() });
                links.Parameters.Add(new NpgsqlParameter { Value = step.Links.Select(l => l.Similarity).ToArray() });
                links.Parameters.Add(new NpgsqlParameter { Value = step.Links.Select(l => Clean(l.DuplicateOf)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                links.ExecuteNonQuery();
                using var placed = new NpgsqlCommand("DELETE FROM story_pending WHERE article_id = ANY($1)", connection, transaction);
                placed.Parameters.Add(new NpgsqlParameter { Value = step.Links.Select(l => Clean(l.ArticleId)!).ToArray() });
                placed.ExecuteNonQuery();
            }
            if (step.MergedEvents.Count > 0)
            {
                using (var delete = new NpgsqlCommand("DELETE FROM merged_events WHERE story_id = ANY($1)", connection, transaction))
                {
                    delete.Parameters.Add(new NpgsqlParameter { Value = step.MergedEvents.Keys.Select(k => Clean(k)!).ToArray() });
                    delete.ExecuteNonQuery();
                }
                CopyMergedEvents(connection, step.MergedEvents);
            }
            if (step.Stories.Count > 0)
            {
                using var stories = new NpgsqlCommand("""
                    INSERT INTO stories (id, title, summary, first_date, last_date, articles, updated_at)
                    SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::int[])
                    ON CONFLICT (id) DO UPDATE SET title = excluded.title, summary = excluded.summary, first_date = excluded.first_date,
                      last_date = excluded.last_date, articles = excluded.articles, updated_at = excluded.updated_at
                    """, connection, transaction);
                stories.Parameters.Add(new NpgsqlParameter { Value = step.Stories.Select(s => Clean(s.Id)!).ToArray() });
                stories.Parameters.Add(new NpgsqlParameter { Value = step.Stories.Select(s => Clean(s.Title)!).ToArray() });
                stories.Parameters.Add(new NpgsqlParameter { Value = step.Stories.Select(s => Clean(JsonSerializer.Serialize(s.Summary))!).ToArray() });
                stories.Parameters.Add(new NpgsqlParameter { Value = step.Stories.Select(s => s.First).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
                stories.Parameters.Add(new NpgsqlParameter { Value = step.Stories.Select(s => s.Last).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
                stories.Parameters.Add(new NpgsqlParameter { Value = step.Stories.Select(s => s.Articles).ToArray() });
                stories.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        catch (Exception e) when (e is NpgsqlException or PostgresException or InvalidOperationException)
        {
            throw WriteFailed($"a story step of {step.Links.Count} article(s)", e);
        }
    }

    private static void CopyMergedEvents(NpgsqlConnection connection, IReadOnlyDictionary<string, IReadOnlyList<MergedEvent>> byStory)
    {
        // two groups of one story may start at the same sentence with the same code: the later one stands, as in
        // the embedded store's INSERT OR REPLACE
        var rows = new Dictionary<string, (string Story, MergedEvent Event)>(StringComparer.Ordinal);
        foreach (var (storyId, events) in byStory)
            foreach (var e in events) rows[e.Id] = (storyId, e);
        using (var importer = connection.BeginBinaryImport("""
            COPY merged_events (id, story_id, source_code, target_code, cameo, root, quad, goldstein, date, location,
              mentions, sources, articles, independent, confidence) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var (story, e) in rows.Values)
            {
                importer.StartRow();
                Text(importer, e.Id);
                Text(importer, story);
                Text(importer, e.SourceCode);
                Text(importer, e.TargetCode);
                Text(importer, e.Cameo);
                Text(importer, e.Root);
                importer.Write(e.Quad, NpgsqlDbType.Integer);
                importer.Write(e.Goldstein, NpgsqlDbType.Double);
                if (e.Date is DateOnly date) importer.Write(date, NpgsqlDbType.Date); else importer.WriteNull();
                Text(importer, e.Location);
                importer.Write(e.Mentions, NpgsqlDbType.Integer);
                importer.Write(e.Sources, NpgsqlDbType.Integer);
                importer.Write(e.Articles, NpgsqlDbType.Integer);
                importer.Write(e.IndependentReports, NpgsqlDbType.Integer);
                importer.Write(e.Confidence, NpgsqlDbType.Double);
            }
            importer.Complete();
        }
        using (var importer = connection.BeginBinaryImport("COPY merged_event_mentions (merged_id, event_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (_, e) in rows.Values)
                foreach (var eventId in e.Links.Select(l => l.Event.Id).Where(id => id > 0).Distinct())
                {
                    importer.StartRow();
                    Text(importer, e.Id);
                    importer.Write(eventId, NpgsqlDbType.Bigint);
                }
            importer.Complete();
        }
    }
}
