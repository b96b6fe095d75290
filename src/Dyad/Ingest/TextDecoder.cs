using System.Text;
using Dyad.Errors;

namespace Dyad.Ingest;

/// <summary>
/// Turns bytes into text the way scraped news needs: a BOM wins, then strict UTF-8, then the charset the page
/// declares, then Windows-1252 (the usual culprit when UTF-8 fails). Binary files are refused, not decoded.
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>True when the bytes look like a binary file (NUL bytes, or many control characters, or a known magic number).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 8192)];
        if (head.StartsWith("%PDF"u8) || head.StartsWith("\x89PNG"u8) || head.StartsWith("\xFF\xD8\xFF"u8)
            || head.StartsWith("GIF8"u8) || head.StartsWith("PK\x03\x04"u8))
            return true;
        if (head.StartsWith("\xFF\xFE"u8) || head.StartsWith("\xFE\xFF"u8))
            return false; // UTF-16 text carries NULs by design
        int control = 0;
        foreach (var b in head)
        {
            if (b == 0) return true;
            if (b < 9 || (b > 13 && b < 32)) control++;
        }
        return head.Length > 0 && control * 20 > head.Length;
    }

    /// <summary>Decode, reporting which encoding was used.</summary>
    public static (string Text, string EncodingName) Decode(byte[] bytes, string? declaredCharset = null)
    {
        if (bytes.AsSpan().StartsWith("\xEF\xBB\xBF"u8))
            return (StrictDecodeOrLoose(bytes.AsSpan(3)), "utf-8 (bom)");
        if (bytes.AsSpan().StartsWith("\xFF\xFE"u8))
            return (Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), "utf-16le (bom)");
        if (bytes.AsSpan().StartsWith("\xFE\xFF"u8))
            return (Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2), "utf-16be (bom)");
        try
        {
            return (StrictUtf8.GetString(bytes), "utf-8");
        }
        catch (DecoderFallbackException)
        {
        }
        if (declaredCharset is not null && !declaredCharset.Contains("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var declared = Encoding.GetEncoding(declaredCharset.Trim().Trim('"', '\''));
                return (declared.GetString(bytes), declared.WebName);
            }
            catch (ArgumentException)
            {
                // unknown charset name: fall through to the usual suspect
            }
        }
        return (Windows1252.GetString(bytes), "windows-1252 (fallback)");
    }

    private static string StrictDecodeOrLoose(ReadOnlySpan<byte> bytes)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { return Encoding.UTF8.GetString(bytes); }
    }

    /// <summary>The charset a page declares in a meta tag, looked for in its first 4 KB only.</summary>
    public static string? DeclaredCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        int i = head.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (i < 0) return null;
        int start = i + "charset=".Length;
        while (start < head.Length && (head[start] == '"' || head[start] == '\'')) start++;
        int end = start;
        while (end < head.Length && (char.IsLetterOrDigit(head[end]) || head[end] == '-' || head[end] == '_')) end++;
        return end > start ? head[start..end] : null;
    }

    public static DyadException Binary(string what) => new(ErrorCode.InputBinary, $"{what} is binary, not text");
}
