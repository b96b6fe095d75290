using System.Text;
using Dyad.Extraction;

namespace Dyad.Ingest;

/// <summary>
/// Turns the bytes of plain-text inputs (.txt, .jsonl) into text: a BOM wins, then strict UTF-8, then
/// Windows-1252 (the usual culprit when UTF-8 fails). HTML pages are decoded by <see cref="HtmlDecoding"/>, which
/// also reads the page's declared charset; binary sniffing is shared with it.
/// </summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding Windows1252 => HtmlDecoding.Windows1252;

    /// <summary>True for a binary file: a known format's magic number, many control bytes, or a NUL in a file that is not UTF-16.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\xFF\xFE"u8) || bytes.StartsWith("\xFE\xFF"u8))
            return false; // UTF-16 text carries NULs by design
        if (HtmlDecoding.DescribeBinary(bytes) is not null) return true;
        return bytes[..Math.Min(bytes.Length, 8192)].Contains((byte)0);
    }

    /// <summary>Decode, reporting which encoding was used.</summary>
    public static (string Text, string EncodingName) Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith("\xEF\xBB\xBF"u8))
            return (StrictDecodeOrLoose(bytes.AsSpan(3)), "utf-8 (bom)");
        if (bytes.AsSpan().StartsWith("\xFF\xFE"u8))
            return (Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), "utf-16le (bom)");
        if (bytes.AsSpan().StartsWith("\xFE\xFF"u8))
            return (Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2), "utf-16be (bom)");
        if (HtmlDecoding.IsValidUtf8(bytes)) return (Encoding.UTF8.GetString(bytes), "utf-8");
        return (Windows1252.GetString(bytes), "windows-1252 (fallback)");
    }

    private static string StrictDecodeOrLoose(ReadOnlySpan<byte> bytes)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { return Encoding.UTF8.GetString(bytes); }
    }
}
