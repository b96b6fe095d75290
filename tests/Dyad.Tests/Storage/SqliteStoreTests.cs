using Dyad.Storage;
using Xunit.Abstractions;

namespace Dyad.Tests.Storage;

public sealed class SqliteStoreTests(ITestOutputHelper output) : AnalyticsStoreContract(output), IDisposable
{
    private readonly TempFolder _folder = new();

    private string PathOf(string name) => Path.Combine(_folder.Path, name + ".db");

    protected override IArticleStore? NewStore(string name) => SqliteStore.Open(PathOf(name));
    protected override IArticleStore Reopen(string name) => SqliteStore.Open(PathOf(name));
    protected override int SchemaVersion(IArticleStore store) => ((SqliteStore)store).SchemaVersion;
    protected override int LatestSchema => SqliteSchema.Latest;
    protected override void WriteNewerSchemaVersion(IArticleStore store) => ((SqliteStore)store).Execute("INSERT INTO schema_version VALUES (999)");

    protected override void FailEventsOf(IArticleStore store, string articleId) =>
        ((SqliteStore)store).Execute($"CREATE TRIGGER fail_{articleId} BEFORE INSERT ON events WHEN NEW.article_id = '{articleId}' BEGIN SELECT RAISE(ABORT, 'boom'); END;");

    public void Dispose() => _folder.Dispose();
}
