using Dyad.Errors;
using Microsoft.Data.Sqlite;

namespace Dyad.Storage;

/// <summary>
/// Versioned schema. Each migration runs once, in its own transaction, and records its number; a database
/// written by a newer Dyad is refused rather than silently misread.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        // 1: articles, events with provenance, actor mentions, full-text index
        """
        CREATE TABLE articles (
          id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, title TEXT, published TEXT, published_clue TEXT,
          source TEXT, url TEXT, origin TEXT, authors TEXT, language TEXT,
          raw TEXT, text TEXT NOT NULL, clean_text TEXT NOT NULL, removed TEXT NOT NULL, ingested_at TEXT NOT NULL);
        CREATE TABLE events (
          id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          sentence_index INTEGER NOT NULL, sentence TEXT NOT NULL,
          source_text TEXT, source_name TEXT, source_code TEXT, source_country TEXT, source_role TEXT, source_why TEXT,
          source_start INTEGER, source_end INTEGER,
          target_text TEXT, target_name TEXT, target_code TEXT, target_country TEXT, target_role TEXT, target_why TEXT,
          target_start INTEGER, target_end INTEGER,
          cameo TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL, plover TEXT,
          date TEXT, location_name TEXT, location_country TEXT, lat REAL, lon REAL,
          negated INTEGER NOT NULL, modality TEXT NOT NULL, predicate_start INTEGER NOT NULL, predicate_end INTEGER NOT NULL,
          entry TEXT, confidence REAL NOT NULL);
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_root ON events(root);
        CREATE INDEX events_source ON events(source_country, source_code);
        CREATE INDEX events_target ON events(target_country, target_code);
        CREATE TABLE actor_mentions (
          id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, name TEXT, code TEXT, country TEXT, role TEXT,
          kind TEXT, why TEXT);
        CREATE INDEX actor_mentions_code ON actor_mentions(code);
        CREATE VIRTUAL TABLE article_search USING fts5(article_id UNINDEXED, title, body);
        """,
        // 2: stories, story membership with duplicate links, events merged across articles
        """
        CREATE TABLE stories (
          id TEXT PRIMARY KEY, title TEXT NOT NULL, summary TEXT NOT NULL, first_date TEXT, last_date TEXT,
          articles INTEGER NOT NULL, updated_at TEXT NOT NULL);
        CREATE INDEX stories_last ON stories(last_date);
        CREATE TABLE story_articles (
          article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, story_id TEXT NOT NULL,
          similarity REAL NOT NULL, duplicate_of TEXT);
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE INDEX story_articles_duplicate ON story_articles(duplicate_of);
        CREATE TABLE merged_events (
          id TEXT PRIMARY KEY, story_id TEXT NOT NULL, source_code TEXT, target_code TEXT, cameo TEXT NOT NULL,
          root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL, date TEXT, location TEXT,
          mentions INTEGER NOT NULL, sources INTEGER NOT NULL, articles INTEGER NOT NULL, independent INTEGER NOT NULL,
          confidence REAL NOT NULL);
        CREATE INDEX merged_events_story ON merged_events(story_id);
        CREATE TABLE merged_event_mentions (
          merged_id TEXT NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
          event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE, PRIMARY KEY (merged_id, event_id));
        """,
    ];

    public static int Latest => Migrations.Length;

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL); SELECT max(version) FROM schema_version";
        var value = command.ExecuteScalar();
        return value is DBNull or null ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void Migrate(SqliteConnection connection)
    {
        int current = CurrentVersion(connection);
        if (current > Latest)
            throw new DyadException(ErrorCode.StoreSchema, $"the database has schema version {current}, newer than this Dyad knows ({Latest}); upgrade Dyad");
        for (int version = current + 1; version <= Latest; version++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[version - 1] + $"; INSERT INTO schema_version (version) VALUES ({version});";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
