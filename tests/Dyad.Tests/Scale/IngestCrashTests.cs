using Dyad.Storage;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Dyad.Tests.Scale;

/// <summary>The embedded store under a killed ingest, and bad input mixed into a large batch.</summary>
public sealed class IngestCrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    private static long CountArticles(string path)
    {
        if (!File.Exists(path)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM articles";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException) { return 0; } // not created yet
    }

    [Fact]
    public void A_killed_ingest_rerun_leaves_the_database_consistent_and_complete()
    {
        const int n = 200;
        var input = ArticleGenerator.WriteJsonl(Path.Combine(_folder.Path, "articles.jsonl"), n, first: 20_000);
        var db = Path.Combine(_folder.Path, "crash.db");

        using (var ingest = DyadProcess.Start("ingest", _folder.Path, "ingest", input, "--db", db, "--quiet"))
        {
            var until = DateTime.UtcNow.AddMinutes(10);
            while (CountArticles(db) < 64)
            {
                Assert.False(ingest.HasExited, "ingest finished before it could be killed:\n" + ingest.Output);
                Assert.True(DateTime.UtcNow < until, "timed out:\n" + ingest.Output);
                Thread.Sleep(100);
            }
            ingest.Kill();
        }
        long before = CountArticles(db);
        output.WriteLine($"killed with {before} of {n} articles stored");
        Assert.InRange(before, 64, n - 1);

        var (code, rerun) = DyadProcess.Run(_folder.Path, 900_000, "ingest", input, "--db", db, "--quiet");
        output.WriteLine(rerun);
        Assert.Equal(0, code);
        Assert.Contains($"{n} read, {n - before} stored, {before} duplicates, 0 rejected", rerun);

        var reference = Path.Combine(_folder.Path, "reference.db");
        var (refCode, refOut) = DyadProcess.Run(_folder.Path, 900_000, "ingest", input, "--db", reference, "--quiet");
        Assert.True(refCode == 0, refOut);
        using var crashed = SqliteStore.Open(db);
        using var expected = SqliteStore.Open(reference);
        Assert.Equal(StoreFingerprint.Of(expected), StoreFingerprint.Of(crashed));

        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
        check.CommandText = "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)";
        Assert.Equal(0L, check.ExecuteScalar());
        check.CommandText = "SELECT count(*) FROM article_search";
        Assert.Equal((long)n, check.ExecuteScalar());
    }

    [Fact]
    public void Bad_input_at_scale_is_reported_and_nothing_good_is_lost()
    {
        var files = BadInput.Write(_folder.Path, good: 60);
        var db = Path.Combine(_folder.Path, "bad.db");
        var (code, run) = DyadProcess.Run(_folder.Path, 900_000,
            ["ingest", .. files.Paths, "--db", db, "--max-bytes", BadInput.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        output.WriteLine(run);
        Assert.Equal(2, code);
        Assert.Contains($"{files.Total} read, {files.Distinct} stored, {files.Duplicates} duplicates, {files.Rejected} rejected", run);
        foreach (var expected in BadInput.RejectedCodes) Assert.Contains(expected, run);
        Assert.Equal(files.Rejected, run.Split('\n').Count(l => l.StartsWith("rejected ", StringComparison.Ordinal)));
        using var store = SqliteStore.Open(db);
        Assert.Equal(files.Distinct, store.Counts().Articles);
        Assert.True(store.Contains(ArticleGenerator.Id(50_000)));
        Assert.True(store.Contains(ArticleGenerator.Id(50_059)));
    }

    public void Dispose() => _folder.Dispose();
}
