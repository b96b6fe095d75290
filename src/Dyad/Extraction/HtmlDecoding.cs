using System.Text;
using System.Text.RegularExpressions;
using Dyad.Errors;

namespace Dyad.Extraction;

/// <summary>
/// Turns the bytes of a fetched page into text: refuses pictures, PDFs and other binaries saved under an .html
/// name, then picks the charset from the byte-order mark, the page's own meta declaration, UTF-8 validity, and
/// finally Windows-1252 (what browsers assume for unlabelled Western pages).
/// </summary>
public static partial class HtmlDecoding
{
    /// <summary>Pages above this size are refused; real articles are far smaller, and parsing cost grows with size.</summary>
    public const int DefaultMaxBytes = 16 * 1024 * 1024;

    /// <summary>How much of the page start is searched for a meta charset (the HTML spec says the first 1024 bytes; sites overrun it).</summary>
    private const int CharsetScanBytes = 4096;

    static HtmlDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 { get; } = GetWindows1252();

    private static Encoding GetWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    /// <summary>Decodes a page; the second value says which clue chose the charset (bom, meta, utf-8, fallback).</summary>
    public static (string Html, Encoding Encoding, string Clue) Decode(ReadOnlySpan<byte> bytes, int maxBytes = DefaultMaxBytes)
    {
        if (bytes.Length == 0) throw new DyadException(ErrorCode.InputEmpty, "the page is empty");
        if (bytes.Length > maxBytes)
            throw new DyadException(ErrorCode.InputTooLarge, $"the page has {bytes.Length:N0} bytes, more than the limit of {maxBytes:N0}");
        if (DescribeBinary(bytes) is { } kind)
            throw new DyadException(ErrorCode.InputBinary, $"the file is {kind}, not an HTML page");

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (Strict(Encoding.UTF8, bytes[3..]), Encoding.UTF8, "bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (Strict(Encoding.Unicode, bytes[2..]), Encoding.Unicode, "bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (Strict(Encoding.BigEndianUnicode, bytes[2..]), Encoding.BigEndianUnicode, "bom");

        if (DeclaredEncoding(bytes[..Math.Min(bytes.Length, CharsetScanBytes)]) is { } declared)
        {
            // Pages often say UTF-8 and are not; trust the declaration only when the bytes agree.
            if (declared.CodePage != Encoding.UTF8.CodePage) return (declared.GetString(bytes), declared, "meta");
            if (IsValidUtf8(bytes)) return (Encoding.UTF8.GetString(bytes), Encoding.UTF8, "meta");
        }
        if (IsValidUtf8(bytes)) return (Encoding.UTF8.GetString(bytes), Encoding.UTF8, "utf-8");
        return (Windows1252.GetString(bytes), Windows1252, "fallback");
    }

    private static string Strict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            var strict = (Encoding)encoding.Clone();
            strict.DecoderFallback = DecoderFallback.ExceptionFallback;
            return strict.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new DyadException(ErrorCode.InputEncoding, $"the page starts with a {encoding.WebName} byte-order mark but is not valid {encoding.WebName}", e);
        }
    }

    public static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>The charset named by &lt;meta charset&gt; or an http-equiv Content-Type, if the runtime knows it.</summary>
    public static Encoding? DeclaredEncoding(ReadOnlySpan<byte> head)
    {
        var ascii = Encoding.Latin1.GetString(head);
        var m = MetaCharset().Match(ascii);
        if (!m.Success) return null;
        var name = m.Groups["cs"].Value.Trim().ToLowerInvariant();
        // The HTML standard reads these labels as Windows-1252, a superset that browsers use for them.
        if (name is "iso-8859-1" or "latin1" or "latin-1" or "us-ascii" or "ascii" or "iso8859-1") return Windows1252;
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { return null; }
    }

    /// <summary>Names the binary format when the bytes start like one, or when control bytes show it is not text.</summary>
    public static string? DescribeBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("%PDF"u8)) return "a PDF document";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47])) return "a PNG image";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "a JPEG image";
        if (bytes.StartsWith("GIF8"u8)) return "a GIF image";
        if (bytes.Length > 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return "a WebP image";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04])) return "a ZIP archive (or Office document)";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return "gzip-compressed data (decompress it first)";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0])) return "an old Office document";
        if (bytes.StartsWith("ID3"u8) || bytes.StartsWith("OggS"u8) || bytes.StartsWith("fLaC"u8)) return "an audio file";
        if (bytes.Length > 8 && bytes[4..8].SequenceEqual("ftyp"u8)) return "a video or image file (ISO media)";
        bool utf16 = bytes.Length > 1 && (bytes[0] == 0 || bytes[1] == 0);
        if (utf16) return null;
        var sample = bytes[..Math.Min(bytes.Length, 4096)];
        int control = 0;
        foreach (var b in sample)
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0C) control++;
        return control * 20 > sample.Length ? "binary data" : null;
    }

    [GeneratedRegex(@"<meta[^>]+?charset\s*=\s*[""']?\s*(?<cs>[A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
