using System.Collections.Concurrent;
using Dyad.Storage;

namespace Dyad.Server;

/// <summary>
/// The embedded store holds one connection and is not thread-safe, so every request rents its own; idle ones
/// are kept for the next request. A shared store (PostgreSQL, which pools connections itself) is opened once
/// and lent to every request. Writes go through one lock so ingest batches never interleave.
/// </summary>
public sealed class StorePool(Func<IAnalyticsStore> open, bool shareOne = false) : IDisposable
{
    private const int MaxIdle = 8;
    private readonly ConcurrentBag<IAnalyticsStore> _idle = [];
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lazy<IAnalyticsStore>? _shared = shareOne ? new(open, LazyThreadSafetyMode.ExecutionAndPublication) : null;

    public Lease Rent() => new(this, _shared?.Value ?? (_idle.TryTake(out var store) ? store : open()));

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
        if (_shared is not null) return;
        if (_idle.Count < MaxIdle) _idle.Add(store);
        else store.Dispose();
    }

    public void Dispose()
    {
        if (_shared is { IsValueCreated: true }) _shared.Value.Dispose();
        while (_idle.TryTake(out var store)) store.Dispose();
        _writer.Dispose();
    }

    public readonly struct Lease(StorePool pool, IAnalyticsStore store) : IDisposable
    {
        public IAnalyticsStore Store { get; } = store;
        public void Dispose() => pool.Return(Store);
    }
}
