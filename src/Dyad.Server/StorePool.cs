using System.Collections.Concurrent;
using Dyad.Storage;

namespace Dyad.Server;

/// <summary>
/// Stores hold one connection each and are not thread-safe, so every request rents its own; idle ones are
/// kept for the next request. Writes go through one lock so ingest batches never interleave.
/// </summary>
public sealed class StorePool(Func<IAnalyticsStore> open) : IDisposable
{
    private const int MaxIdle = 8;
    private readonly ConcurrentBag<IAnalyticsStore> _idle = [];
    private readonly SemaphoreSlim _writer = new(1, 1);

    public Lease Rent() => new(this, _idle.TryTake(out var store) ? store : open());

    public async Task<T> WriteAsync<T>(Func<IAnalyticsStore, T> write, CancellationToken cancellation)
    {
        await _writer.WaitAsync(cancellation);
        try
        {
            using var lease = Rent();
            return write(lease.Store);
        }
        finally { _writer.Release(); }
    }

    private void Return(IAnalyticsStore store)
    {
        if (_idle.Count < MaxIdle) _idle.Add(store);
        else store.Dispose();
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var store)) store.Dispose();
        _writer.Dispose();
    }

    public readonly struct Lease(StorePool pool, IAnalyticsStore store) : IDisposable
    {
        public IAnalyticsStore Store { get; } = store;
        public void Dispose() => pool.Return(Store);
    }
}
