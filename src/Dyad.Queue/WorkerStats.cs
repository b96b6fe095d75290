using System.Text.Json;

namespace Dyad.Queue;

/// <summary>One worker's running counters, posted to the stats queue every few seconds and read by <c>dyad status</c>.</summary>
public sealed record WorkerStats
{
    public required string Worker { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime At { get; init; }
    /// <summary>Deliveries handled (stored, duplicate, retried or dead-lettered).</summary>
    public long Handled { get; init; }
    public long Stored { get; init; }
    public long Duplicates { get; init; }
    public long Events { get; init; }
    public long Retried { get; init; }
    public long DeadLettered { get; init; }
    public long Reconnects { get; init; }
    /// <summary>Wall-clock seconds spent in the pipeline and in store writes: where a worker's time goes.</summary>
    public double PipelineSeconds { get; init; }
    public double StoreSeconds { get; init; }
    /// <summary>Seconds spent placing articles in stories (while holding the store's story lock), and how many it placed.</summary>
    public double StorySeconds { get; init; }
    public long Placed { get; init; }
    public string? LastError { get; init; }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public byte[] Encode() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static WorkerStats? Decode(ReadOnlySpan<byte> bytes)
    {
        try { return JsonSerializer.Deserialize<WorkerStats>(bytes, Json); }
        catch (JsonException) { return null; }
    }
}
