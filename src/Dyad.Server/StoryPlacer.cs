using Dyad.Documents;
using Dyad.Storage;
using Dyad.Stories;

namespace Dyad.Server;

/// <summary>
/// Places articles ingested over HTTP in stories, as 'dyad ingest' and the queue workers do: one desk on a store
/// of its own, built on first use, used under the pool's write lock. When another writer holds the store's story
/// lock, that writer places the articles instead.
/// </summary>
public sealed class StoryPlacer(Func<IAnalyticsStore> open) : IDisposable
{
    private IAnalyticsStore? _store;
    private StoryDesk? _desk;

    /// <summary>
    /// Places what is pending; callers serialise (the pool's write lock). A failure is not the request's: the
    /// articles are stored and stay pending for the next writer, and the desk is rebuilt from the store.
    /// </summary>
    public int Place(IReadOnlyList<Document> stored)
    {
        try
        {
            _store ??= open();
            _desk ??= new StoryDesk(_store);
            return _desk.AddPending(stored).Count;
        }
        catch (Errors.DyadException)
        {
            _desk = null;
            return 0;
        }
    }

    public void Dispose() => _store?.Dispose();
}
