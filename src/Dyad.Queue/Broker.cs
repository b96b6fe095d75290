using System.Text;
using Dyad.Errors;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Dyad.Queue;

/// <summary>
/// The queues Dyad uses on a RabbitMQ broker and how to reach it. Articles wait in a durable quorum queue
/// (it survives broker restarts and counts deliveries); articles that fail too often go to the dead-letter
/// queue with their error; workers post their counters to a short, self-trimming stats queue for
/// <c>dyad status</c>.
/// </summary>
public static class Broker
{
    public const string DefaultUrl = "amqp://guest:guest@127.0.0.1:5672/";
    public const string Articles = "dyad.articles";
    public const string DeadLetters = "dyad.articles.dead";
    public const string Stats = "dyad.stats";

    /// <summary>Deliveries after which the broker itself dead-letters a message, even one that kills every worker that takes it.</summary>
    public const int BrokerDeliveryLimit = 20;

    public static string UrlFrom(string? option) =>
        !string.IsNullOrWhiteSpace(option) ? option : Environment.GetEnvironmentVariable("DYAD_BROKER") is { Length: > 0 } env ? env : DefaultUrl;

    public static async Task<IConnection> ConnectAsync(string url, string name, CancellationToken cancellation = default)
    {
        ConnectionFactory factory;
        try
        {
            factory = new ConnectionFactory
            {
                Uri = new Uri(url),
                ClientProvidedName = name,
                // workers reconnect themselves, so that nothing acknowledges a delivery from a dead channel
                AutomaticRecoveryEnabled = false,
                RequestedHeartbeat = TimeSpan.FromSeconds(10),
                RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
            };
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            throw new DyadException(ErrorCode.UsageInvalid, $"'{Redact(url)}' is not a broker address (amqp://user:password@host:port/vhost): {e.Message}", e);
        }
        try
        {
            return await factory.CreateConnectionAsync(cancellation);
        }
        catch (BrokerUnreachableException e)
        {
            throw new DyadException(ErrorCode.QueueUnavailable, $"cannot reach the broker at {Redact(url)}: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    public static string Redact(string url) => System.Text.RegularExpressions.Regex.Replace(url, "(://[^:/@]+:)[^@]*@", "$1***@");

    /// <summary>Declares every queue (idempotent; the arguments must never change, or the broker refuses).</summary>
    public static async Task DeclareAsync(IChannel channel, CancellationToken cancellation = default)
    {
        await channel.QueueDeclareAsync(DeadLetters, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: cancellation);
        await channel.QueueDeclareAsync(Articles, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            ["x-delivery-limit"] = BrokerDeliveryLimit,
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-routing-key"] = DeadLetters,
        }, cancellationToken: cancellation);
        await channel.QueueDeclareAsync(Stats, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
        {
            ["x-max-length"] = 2000,
            ["x-overflow"] = "drop-head",
            ["x-message-ttl"] = 120_000,
        }, cancellationToken: cancellation);
    }

    /// <summary>Reads a header the way the broker sends it (strings arrive as bytes).</summary>
    public static string? Header(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers is { } headers && headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        } : null;

    public static bool IsConnectionFailure(Exception e) =>
        e is AlreadyClosedException or OperationInterruptedException or BrokerUnreachableException or IOException
            or System.Net.Sockets.SocketException or ObjectDisposedException or TimeoutException
        || e is DyadException { Code: ErrorCode.QueueUnavailable };
}
