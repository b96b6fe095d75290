using System.Globalization;
using System.Threading.Channels;
using Dyad.Documents;
using Dyad.Errors;
using Dyad.Ingest;
using Dyad.Pipeline;
using Dyad.Processing;
using Dyad.Storage;
using Dyad.Stories;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Dyad.Queue;

public sealed record WorkerOptions
{
    public required string BrokerUrl { get; init; }
    public string Name { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";
    public int Threads { get; init; }
    /// <summary>Articles written to the store in one transaction (and acknowledged together).</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Deliveries of a failing article before it goes to the dead-letter queue.</summary>
    public int MaxAttempts { get; init; } = 3;
    /// <summary>Stop once the queue has been empty this long; null to run until cancelled.</summary>
    public TimeSpan? ExitWhenIdle { get; init; }
    public TimeSpan StatsEvery { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Place stored articles in stories (when the store keeps stories); off leaves them pending for another writer.</summary>
    public bool Stories { get; init; } = true;
}

/// <summary>
/// Takes articles from the queue, runs the pipeline, writes each batch to the store in one transaction and only
/// then acknowledges it. Delivery is at least once (a worker that dies, or loses the broker, leaves its
/// unacknowledged articles to be delivered again) and the store's writes are idempotent on article id and
/// content hash, so every article and event ends up stored exactly once. An article that keeps failing goes to
/// the dead-letter queue with its error after <see cref="WorkerOptions.MaxAttempts"/> deliveries.
/// After acknowledging, a worker places the new articles in stories when it can take the store's story lock
/// (see <see cref="StoryDesk"/>); when another worker holds it, that one places them.
/// </summary>
public sealed class QueueWorker(IArticleStore store, WorkerOptions options, TextWriter log, DocumentPipeline? pipeline = null)
{
    private readonly BatchRunner _runner = new(pipeline ?? DyadPipeline.Default, options.Threads);
    private readonly DateTime _started = DateTime.UtcNow;
    private long _handled, _stored, _duplicates, _events, _retried, _deadLettered, _reconnects;
    private string? _lastError;
    private double _pipelineSeconds, _storeSeconds, _storySeconds;
    private long _placed;
    private StoryDesk? _desk;

    private sealed record Delivery(ulong Tag, byte[] Body, string? MessageId, long PreviousDeliveries);

    public WorkerStats Snapshot() => new()
    {
        Worker = options.Name, StartedAt = _started, At = DateTime.UtcNow, Handled = _handled, Stored = _stored,
        Duplicates = _duplicates, Events = _events, Retried = _retried, DeadLettered = _deadLettered,
        Reconnects = _reconnects, LastError = _lastError, PipelineSeconds = _pipelineSeconds, StoreSeconds = _storeSeconds,
        StorySeconds = _storySeconds, Placed = _placed,
    };

    /// <summary>Runs until cancelled, or until the queue stays empty when <see cref="WorkerOptions.ExitWhenIdle"/> is set; reconnects after broker failures.</summary>
    public async Task<WorkerStats> RunAsync(CancellationToken cancellation)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                if (await RunConnectedAsync(cancellation)) break;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (Broker.IsConnectionFailure(e) || e is ChannelClosedException)
            {
                _reconnects++;
                log.WriteLine($"worker {options.Name}: broker connection lost ({e.GetType().Name}: {e.Message}); reconnecting in {backoff.TotalSeconds:0.#} s");
                try { await Task.Delay(backoff, cancellation); } catch (OperationCanceledException) { break; }
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 5000));
            }
        }
        return Snapshot();
    }

    /// <summary>One connection's life; true when the worker is done, false never (failures throw).</summary>
    private async Task<bool> RunConnectedAsync(CancellationToken cancellation)
    {
        await using var connection = await Broker.ConnectAsync(options.BrokerUrl, $"dyad-worker {options.Name}", cancellation);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellation);
        await Broker.DeclareAsync(channel, cancellation);
        await channel.BasicQosAsync(0, (ushort)Math.Clamp(options.BatchSize * 2, 1, ushort.MaxValue), false, cancellation);
        log.WriteLine($"worker {options.Name}: consuming {Broker.Articles} at {Broker.Redact(options.BrokerUrl)}");

        var inbox = System.Threading.Channels.Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, e) =>
        {
            inbox.Writer.TryWrite(new Delivery(e.DeliveryTag, e.Body.ToArray(), e.BasicProperties.MessageId, PreviousDeliveries(e.BasicProperties)));
            return Task.CompletedTask;
        };
        channel.ChannelShutdownAsync += (_, e) =>
        {
            inbox.Writer.TryComplete(new IOException($"channel closed: {e.ReplyCode} {e.ReplyText}"));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(Broker.Articles, autoAck: false, consumer, cancellation);

        var lastStats = DateTime.UtcNow;
        var idleSince = DateTime.UtcNow;
        var batch = new List<Delivery>(options.BatchSize);
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (DateTime.UtcNow - lastStats >= options.StatsEvery)
            {
                await PostStatsAsync(channel, cancellation);
                lastStats = DateTime.UtcNow;
            }
            batch.Clear();
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                wait.CancelAfter(TimeSpan.FromMilliseconds(500));
                try
                {
                    batch.Add(await inbox.Reader.ReadAsync(wait.Token));
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    // idle: place what a worker that stopped, or one that was busy, left pending
                    PlaceInStories([], onlyIfPending: true);
                    if (options.ExitWhenIdle is { } idle && DateTime.UtcNow - idleSince >= idle
                        && (await channel.QueueDeclarePassiveAsync(Broker.Articles, cancellation)).MessageCount == 0)
                    {
                        await PostStatsAsync(channel, cancellation);
                        return true;
                    }
                    continue;
                }
            }
            // let a batch fill for a moment: fewer, larger transactions
            var fillUntil = DateTime.UtcNow.AddMilliseconds(50);
            while (batch.Count < options.BatchSize)
            {
                if (inbox.Reader.TryRead(out var more)) { batch.Add(more); continue; }
                var left = fillUntil - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) break;
                using var fill = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                fill.CancelAfter(left);
                try { await inbox.Reader.WaitToReadAsync(fill.Token); }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested) { break; }
            }
            // deliveries from a channel that has closed will come again: storing them now would only make duplicates
            if (!channel.IsOpen) throw new IOException("channel closed with deliveries unprocessed");
            await HandleBatchAsync(channel, batch, cancellation);
            idleSince = DateTime.UtcNow;
        }
    }

    /// <summary>Deliveries before this one, from the quorum queue's count (absent on the first delivery).</summary>
    private static long PreviousDeliveries(IReadOnlyBasicProperties properties) =>
        long.TryParse(Broker.Header(properties, "x-delivery-count"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private async Task HandleBatchAsync(IChannel channel, List<Delivery> batch, CancellationToken cancellation)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = Process(batch);
        _pipelineSeconds += clock.Elapsed.TotalSeconds;
        clock.Restart();
        var documents = results.Where(r => r.Document is not null).Select(r => r.Document!).ToList();
        IReadOnlyList<StoreOutcome> outcomes = [];
        if (documents.Count > 0)
        {
            // the store may be briefly away (restart, failover): retry before giving the batch back
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    outcomes = store.Store(documents);
                    _storeSeconds += clock.Elapsed.TotalSeconds;
                    break;
                }
                catch (DyadException e) when (e.Code is ErrorCode.StoreWrite or ErrorCode.StoreOpen)
                {
                    _lastError = e.Message;
                    log.WriteLine($"worker {options.Name}: {e.Message}");
                    if (attempt == 3)
                    {
                        foreach (var d in batch) await channel.BasicNackAsync(d.Tag, false, requeue: true, cancellation);
                        _retried += batch.Count;
                        await Task.Delay(TimeSpan.FromSeconds(2), cancellation);
                        return;
                    }
                    await Task.Delay(TimeSpan.FromSeconds(attempt), cancellation);
                }
            }
        }
        // acknowledge only now: the batch has committed
        int stored = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            var delivery = batch[i];
            var (document, problem, permanent) = results[i];
            _handled++;
            if (document is not null)
            {
                if (outcomes[stored++] == StoreOutcome.Stored) { _stored++; _events += document.Events.Count; }
                else _duplicates++;
                await channel.BasicAckAsync(delivery.Tag, false, cancellation);
                continue;
            }
            _lastError = problem!.ToString();
            int attempts = (int)delivery.PreviousDeliveries + 1;
            if (permanent || attempts >= options.MaxAttempts)
            {
                await DeadLetterAsync(channel, delivery, problem, attempts, cancellation);
                await channel.BasicAckAsync(delivery.Tag, false, cancellation);
                _deadLettered++;
                log.WriteLine($"worker {options.Name}: dead-lettered {delivery.MessageId ?? "(no id)"} after {attempts} attempt(s): {problem}");
            }
            else
            {
                await channel.BasicNackAsync(delivery.Tag, false, requeue: true, cancellation);
                _retried++;
            }
        }
        PlaceInStories(documents.Where((_, i) => outcomes[i] == StoreOutcome.Stored).ToList());
    }

    /// <summary>
    /// The story step, after the batch is acknowledged: its articles are stored and wait in the store's pending
    /// list, so a failure here loses nothing; the desk is rebuilt from the store on the next try.
    /// </summary>
    private void PlaceInStories(IReadOnlyList<Document> stored, bool onlyIfPending = false)
    {
        if (!options.Stories || store is not IAnalyticsStore analytics) return;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // an idle worker asks once, cheaply, before taking the lock and catching up
            if (onlyIfPending && analytics.PendingStoryArticles(1).Count == 0) return;
            _desk ??= new StoryDesk(analytics);
            _placed += _desk.AddPending(stored).Count;
        }
        catch (DyadException e)
        {
            _desk = null;
            _lastError = e.Message;
            log.WriteLine($"worker {options.Name}: placing articles in stories failed, they stay pending: {e.Message}");
        }
        _storySeconds += clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Decodes and processes a batch of deliveries in order, through the runner's batches (several articles a stage
    /// at a time, as ingest runs them). A message that cannot be decoded is a permanent problem; a pipeline failure
    /// is not (another worker, or a later version, may process it).
    /// </summary>
    private List<(Document? Document, InputProblem? Problem, bool Permanent)> Process(List<Delivery> deliveries)
    {
        var items = new List<ReadItem>(deliveries.Count);
        foreach (var delivery in deliveries)
        {
            try
            {
                items.Add(ReadItem.Ok(ArticleMessage.Decode(delivery.Body)));
            }
            catch (DyadException e)
            {
                items.Add(ReadItem.Fail(new InputProblem($"message {delivery.MessageId ?? delivery.Tag.ToString(CultureInfo.InvariantCulture)}", null, e.Code, e.Detail)));
            }
        }
        var processed = _runner.Run(items).ToList();
        var results = new List<(Document?, InputProblem?, bool)>(deliveries.Count);
        for (int i = 0; i < deliveries.Count; i++)
            results.Add((processed[i].Document, processed[i].Problem, items[i].Problem is not null));
        return results;
    }

    private async Task DeadLetterAsync(IChannel channel, Delivery delivery, InputProblem problem, int attempts, CancellationToken cancellation)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = delivery.MessageId,
            Headers = new Dictionary<string, object?>
            {
                ["x-dyad-error"] = problem.ToString(),
                ["x-dyad-error-code"] = problem.Code.Format(),
                ["x-dyad-attempts"] = attempts,
                ["x-dyad-worker"] = options.Name,
            },
        };
        await channel.BasicPublishAsync("", Broker.DeadLetters, mandatory: true, properties, delivery.Body, cancellation);
    }

    private async Task PostStatsAsync(IChannel channel, CancellationToken cancellation) =>
        await channel.BasicPublishAsync("", Broker.Stats, mandatory: false, new BasicProperties { Persistent = false }, Snapshot().Encode(), cancellation);
}
