namespace Dyad.Errors;

/// <summary>
/// The one catalogue of Dyad's error codes. Codes are stable: scripts and users match on them, so a code is
/// never renumbered or reused; new ones are appended.
/// </summary>
public enum ErrorCode
{
    // input: 1xx
    InputUnreadable = 101,
    InputBinary = 102,
    InputEncoding = 103,
    InputInvalidJson = 104,
    InputEmpty = 105,
    InputTooLarge = 106,
    InputMissingField = 107,
    InputNotFound = 108,
    InputUnsupported = 109,
    InputNoArticle = 110,
    InputTimeout = 111,
    /// <summary>Two files that should hold the same text or words (gold and a system's output) do not.</summary>
    InputMismatch = 112,
    // pipeline: 2xx
    PipelineOrder = 201,
    PipelineStageUnknown = 202,
    PipelineStageFailed = 203,
    // models and data: 3xx
    ModelMissing = 301,
    ModelChecksum = 302,
    ModelFormat = 303,
    DataMissing = 304,
    DataFormat = 305,
    // store: 4xx
    StoreOpen = 401,
    StoreSchema = 402,
    StoreWrite = 403,
    QueueUnavailable = 404,
    QueueMessage = 405,
    // usage: 5xx
    UsageInvalid = 501,
}

public static class ErrorCodes
{
    /// <summary>The printed form, e.g. DY104.</summary>
    public static string Format(this ErrorCode code) => $"DY{(int)code:D3}";
}

public sealed class DyadException(ErrorCode code, string message, Exception? inner = null)
    : Exception($"{code.Format()}: {message}", inner)
{
    public ErrorCode Code { get; } = code;
    public string Detail { get; } = message;
}
