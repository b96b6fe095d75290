using Dyad.Documents;
using Dyad.Errors;
using Dyad.Ingest;
using RabbitMQ.Client;

namespace Dyad.Queue;

/// <summary>What <see cref="Enqueuer"/> did.</summary>
public sealed class EnqueueSummary
{
    public int Read { get; set; }
    public int Published { get; set; }
    public List<InputProblem> Rejected { get; } = [];
}

/// <summary>
/// Publishes articles to the durable queue as persistent messages and waits for the broker to confirm them, so
/// that an article reported as queued is on disk at the broker.
/// </summary>
public sealed class Enqueuer(string brokerUrl)
{
    private const int Window = 256;

    public async Task<EnqueueSummary> RunAsync(IEnumerable<ReadItem> items, TextWriter log, bool quiet, CancellationToken cancellation = default)
    {
        var summary = new EnqueueSummary();
        await using var connection = await Broker.ConnectAsync(brokerUrl, "dyad-enqueue", cancellation);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellation);
        await Broker.DeclareAsync(channel, cancellation);
        var pending = new List<ValueTask>(Window);
        async Task Drain()
        {
            foreach (var confirm in pending) await confirm;
            summary.Published += pending.Count;
            pending.Clear();
        }
        foreach (var item in items)
        {
            summary.Read++;
            if (item.Problem is { } problem)
            {
                summary.Rejected.Add(problem);
                if (!quiet) log.WriteLine($"rejected {problem}");
                continue;
            }
            pending.Add(Publish(channel, item.Article!, cancellation));
            if (pending.Count >= Window) await Drain();
        }
        await Drain();
        return summary;
    }

    private static ValueTask Publish(IChannel channel, Article article, CancellationToken cancellation)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = article.Id,
            ContentType = "application/json",
            Type = "dyad.article",
        };
        return channel.BasicPublishAsync("", Broker.Articles, mandatory: true, properties, ArticleMessage.Encode(article), cancellation);
    }

    /// <summary>Sends one already encoded article; used by tests that need messages the reader would refuse.</summary>
    public static async Task PublishRawAsync(string brokerUrl, IEnumerable<(string Id, byte[] Body)> messages, CancellationToken cancellation = default)
    {
        await using var connection = await Broker.ConnectAsync(brokerUrl, "dyad-enqueue-raw", cancellation);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellation);
        await Broker.DeclareAsync(channel, cancellation);
        foreach (var (id, body) in messages)
            await channel.BasicPublishAsync("", Broker.Articles, mandatory: true, new BasicProperties { Persistent = true, MessageId = id }, body, cancellation);
    }
}
