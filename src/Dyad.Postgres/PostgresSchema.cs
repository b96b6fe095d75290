using Dyad.Errors;
using Npgsql;

namespace Dyad.Postgres;

/// <summary>
/// Versioned schema, as in the embedded store: each migration runs once in its own transaction and records its
/// number; a database written by a newer Dyad is refused. An advisory lock makes workers that start together
/// migrate one after another instead of racing.
/// </summary>
internal static class PostgresSchema
{
    // Ids sort byte-wise ("C" collation) so event order is the same as in the embedded store whatever the
    // cluster's locale.
    private static readonly string[] Migrations =
    [
        // 1: articles with a generated full-text vector, events with provenance, actor mentions
        """
        CREATE TABLE articles (
          id text COLLATE "C" PRIMARY KEY, hash text NOT NULL UNIQUE, title text, published date, published_clue text,
          source text, url text, origin text, authors text, language text,
          raw text, text text NOT NULL, clean_text text NOT NULL, removed text NOT NULL, ingested_at timestamptz NOT NULL,
          search tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', clean_text), 'B')) STORED);
        CREATE INDEX articles_search ON articles USING gin (search);
        CREATE TABLE events (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          sentence_index integer NOT NULL, sentence text NOT NULL,
          source_text text, source_name text, source_code text, source_country text, source_role text, source_why text,
          source_start integer, source_end integer,
          target_text text, target_name text, target_code text, target_country text, target_role text, target_why text,
          target_start integer, target_end integer,
          cameo text NOT NULL, root text NOT NULL, quad integer NOT NULL, goldstein double precision NOT NULL, plover text,
          date date, location_name text, location_country text, lat double precision, lon double precision,
          negated boolean NOT NULL, modality text NOT NULL, predicate_start integer NOT NULL, predicate_end integer NOT NULL,
          entry text, confidence double precision NOT NULL);
        CREATE INDEX events_article ON events (article_id, sentence_index);
        CREATE INDEX events_order ON events ((date IS NULL), date, article_id, sentence_index, id);
        CREATE INDEX events_root ON events (root);
        CREATE INDEX events_quad ON events (quad);
        CREATE INDEX events_source ON events (source_country, source_code text_pattern_ops);
        CREATE INDEX events_target ON events (target_country, target_code text_pattern_ops);
        CREATE INDEX events_source_code ON events (source_code text_pattern_ops);
        CREATE INDEX events_target_code ON events (target_code text_pattern_ops);
        CREATE TABLE actor_mentions (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          start integer NOT NULL, "end" integer NOT NULL, text text NOT NULL, name text, code text, country text, role text,
          kind text, why text);
        CREATE INDEX actor_mentions_article ON actor_mentions (article_id);
        CREATE INDEX actor_mentions_code ON actor_mentions (code);
        """,
        // 2: stories, story membership with duplicate links, events merged across articles, the articles waiting
        //    for a story (written with the article, removed when it is placed), and indexes for the dashboard
        """
        CREATE TABLE stories (
          id text COLLATE "C" PRIMARY KEY, title text NOT NULL, summary text NOT NULL, first_date date, last_date date,
          articles integer NOT NULL, updated_at timestamptz NOT NULL);
        CREATE INDEX stories_recent ON stories ((last_date IS NULL), last_date DESC, articles DESC, id);
        CREATE TABLE story_articles (
          seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
          article_id text COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
          story_id text COLLATE "C" NOT NULL, similarity double precision NOT NULL, duplicate_of text COLLATE "C");
        CREATE INDEX story_articles_story ON story_articles (story_id, seq);
        CREATE INDEX story_articles_duplicate ON story_articles (duplicate_of);
        CREATE TABLE merged_events (
          id text COLLATE "C" PRIMARY KEY, story_id text COLLATE "C" NOT NULL, source_code text, target_code text, cameo text NOT NULL,
          root text NOT NULL, quad integer NOT NULL, goldstein double precision NOT NULL, date date, location text,
          mentions integer NOT NULL, sources integer NOT NULL, articles integer NOT NULL, independent integer NOT NULL,
          confidence double precision NOT NULL);
        CREATE INDEX merged_events_story ON merged_events (story_id);
        CREATE TABLE merged_event_mentions (
          merged_id text COLLATE "C" NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
          event_id bigint NOT NULL REFERENCES events(id) ON DELETE CASCADE, PRIMARY KEY (merged_id, event_id));
        CREATE INDEX merged_event_mentions_event ON merged_event_mentions (event_id);
        CREATE TABLE story_pending (
          seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
          article_id text COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE);
        INSERT INTO story_pending (article_id) SELECT id FROM articles ORDER BY published NULLS LAST, id;
        CREATE INDEX articles_recent ON articles ((published IS NULL), published DESC, id);
        CREATE INDEX events_source_role ON events (source_role);
        CREATE INDEX events_target_role ON events (target_role);
        CREATE INDEX events_place ON events (lower(location_name));
        CREATE INDEX events_place_country ON events (location_country);
        -- substring filters (words of a sentence, part of an actor's name) use trigram indexes when the server
        -- has pg_trgm (a trusted extension in contrib); without it they scan, and everything else still works
        DO $$
        BEGIN
          CREATE EXTENSION IF NOT EXISTS pg_trgm;
          CREATE INDEX events_sentence_words ON events USING gin (lower(sentence) gin_trgm_ops);
          CREATE INDEX events_source_name_words ON events USING gin (source_name gin_trgm_ops);
          CREATE INDEX events_target_name_words ON events USING gin (target_name gin_trgm_ops);
        EXCEPTION WHEN OTHERS THEN
          RAISE NOTICE 'pg_trgm is not available (%); substring filters will scan the events table', SQLERRM;
        END $$;
        """,
    ];

    public static int Latest => Migrations.Length;

    private const long MigrationLock = 0x44796164; // "Dyad"

    public static int CurrentVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        using var command = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL); SELECT max(version) FROM schema_version",
            connection, transaction);
        var value = command.ExecuteScalar();
        return value is DBNull or null ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void Migrate(NpgsqlConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLock})", connection, transaction))
            lockCommand.ExecuteNonQuery();
        int current = CurrentVersion(connection, transaction);
        if (current > Latest)
            throw new DyadException(ErrorCode.StoreSchema, $"the database has schema version {current}, newer than this Dyad knows ({Latest}); upgrade Dyad");
        for (int version = current + 1; version <= Latest; version++)
        {
            using var command = new NpgsqlCommand(Migrations[version - 1] + $"; INSERT INTO schema_version (version) VALUES ({version});", connection, transaction);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
