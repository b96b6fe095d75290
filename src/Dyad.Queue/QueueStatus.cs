using System.Globalization;
using System.Text;
using RabbitMQ.Client;

namespace Dyad.Queue;

/// <summary>A dead-lettered article with the error that sent it there.</summary>
public sealed record DeadLetter(string? Id, string? Error, string? Worker, int? Attempts);

/// <summary>Queue depths, each worker's throughput and the latest errors, as <c>dyad status</c> shows them.</summary>
public sealed record QueueStatus
{
    public long Waiting { get; init; }
    public long Consumers { get; init; }
    public long DeadLettered { get; init; }
    public IReadOnlyList<DeadLetter> RecentDeadLetters { get; init; } = [];
    /// <summary>The latest snapshot of each worker seen in the stats window, with its rate over that window.</summary>
    public IReadOnlyList<(WorkerStats Latest, double PerSecond)> Workers { get; init; } = [];

    public double PerSecond => Workers.Where(w => DateTime.UtcNow - w.Latest.At < TimeSpan.FromSeconds(15)).Sum(w => w.PerSecond);

    /// <summary>Reads the status without consuming anything: peeked messages are handed back when the channel closes.</summary>
    public static async Task<QueueStatus> ReadAsync(string brokerUrl, int deadLetterSamples = 5, CancellationToken cancellation = default)
    {
        await using var connection = await Broker.ConnectAsync(brokerUrl, "dyad-status", cancellation);
        long waiting, consumers, dead;
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellation))
        {
            await Broker.DeclareAsync(channel, cancellation);
            var articles = await channel.QueueDeclarePassiveAsync(Broker.Articles, cancellation);
            var deadLetters = await channel.QueueDeclarePassiveAsync(Broker.DeadLetters, cancellation);
            (waiting, consumers, dead) = (articles.MessageCount, articles.ConsumerCount, deadLetters.MessageCount);
        }
        var samples = new List<DeadLetter>();
        var snapshots = new List<WorkerStats>();
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellation))
        {
            for (int i = 0; i < deadLetterSamples; i++)
            {
                var got = await channel.BasicGetAsync(Broker.DeadLetters, autoAck: false, cancellation);
                if (got is null) break;
                var p = got.BasicProperties;
                samples.Add(new DeadLetter(p.MessageId, Broker.Header(p, "x-dyad-error") ?? DeathReason(p), Broker.Header(p, "x-dyad-worker"),
                    int.TryParse(Broker.Header(p, "x-dyad-attempts"), CultureInfo.InvariantCulture, out var a) ? a : null));
            }
            while (snapshots.Count < 5000)
            {
                var got = await channel.BasicGetAsync(Broker.Stats, autoAck: false, cancellation);
                if (got is null) break;
                if (WorkerStats.Decode(got.Body.Span) is { } stats) snapshots.Add(stats);
            }
            // closing without acknowledging returns every peeked message to its queue
        }
        var workers = snapshots.GroupBy(s => s.Worker).Select(g =>
        {
            var ordered = g.OrderBy(s => s.At).ToList();
            var (first, last) = (ordered[0], ordered[^1]);
            double seconds = (last.At - first.At).TotalSeconds;
            if (seconds < 1) (first, seconds) = (last with { Handled = 0 }, Math.Max(1, (last.At - last.StartedAt).TotalSeconds));
            return (last, (last.Handled - first.Handled) / seconds);
        }).OrderBy(w => w.last.Worker, StringComparer.Ordinal).ToList();
        return new QueueStatus { Waiting = waiting, Consumers = consumers, DeadLettered = dead, RecentDeadLetters = samples, Workers = workers };
    }

    /// <summary>Why the broker itself dead-lettered a message (too many deliveries): its x-death header.</summary>
    private static string? DeathReason(IReadOnlyBasicProperties p) =>
        p.Headers is { } h && h.ContainsKey("x-death") ? $"dead-lettered by the broker after {Broker.BrokerDeliveryLimit} deliveries (a worker died on it each time)" : null;

    public string Format()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"queue {Broker.Articles}: {Waiting} waiting, {Consumers} consumer{(Consumers == 1 ? "" : "s")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"dead letters {Broker.DeadLetters}: {DeadLettered}");
        if (Workers.Count == 0) sb.AppendLine("workers: none reported in the last two minutes");
        else
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"throughput: {PerSecond:0.0} articles/s (workers seen in the last 15 s)");
            sb.AppendLine("workers (last two minutes):");
            foreach (var (w, rate) in Workers)
            {
                var age = (DateTime.UtcNow - w.At).TotalSeconds;
                var average = w.Handled / Math.Max(1, (w.At - w.StartedAt).TotalSeconds);
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"  {w.Worker,-24} {rate,7:0.0}/s now, {average,6:0.0}/s since start; handled {w.Handled}, stored {w.Stored}, duplicates {w.Duplicates}, events {w.Events}, retried {w.Retried}, dead-lettered {w.DeadLettered}, reconnects {w.Reconnects}, placed in stories {w.Placed} ({w.StorySeconds:0.0} s); seen {age:0} s ago");
                if (w.LastError is { } error) sb.AppendLine(CultureInfo.InvariantCulture, $"      last error: {error}");
            }
        }
        if (RecentDeadLetters.Count > 0)
        {
            sb.AppendLine("oldest dead letters:");
            foreach (var d in RecentDeadLetters)
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {d.Id ?? "(no id)"}: {d.Error ?? "(no error recorded)"}{(d.Attempts is int n ? $" [{n} attempts]" : "")}");
        }
        return sb.ToString();
    }
}
