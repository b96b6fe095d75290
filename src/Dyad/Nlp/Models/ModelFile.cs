using System.Security.Cryptography;
using System.Text;
using Dyad.Errors;

namespace Dyad.Nlp.Models;

/// <summary>
/// The binary container every NLP model uses: a fixed header ("DYADNLP", format number, model kind) followed by
/// the model's own body. Files are written whole into memory first so their bytes are deterministic.
/// </summary>
public static class ModelFile
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "DYADNLP"u8.ToArray();

    public static byte[] Serialize(string kind, Action<BinaryWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(kind);
            body(w);
        }
        return stream.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Read a model, refusing it when its checksum differs from the manifest's or its header is wrong.</summary>
    public static T Load<T>(string path, string kind, string? expectedSha256, Func<BinaryReader, T> body)
    {
        if (!File.Exists(path)) throw new DyadException(ErrorCode.ModelMissing, $"model file not found: {path}");
        var bytes = File.ReadAllBytes(path);
        if (expectedSha256 != null && !string.Equals(Sha256(bytes), expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new DyadException(ErrorCode.ModelChecksum, $"model {path} does not match the sha256 in its manifest");
        using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        try
        {
            var magic = r.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic)) throw new DyadException(ErrorCode.ModelFormat, $"{path} is not a Dyad NLP model");
            int version = r.ReadInt32();
            if (version != FormatVersion) throw new DyadException(ErrorCode.ModelFormat, $"{path} has format {version}, expected {FormatVersion}");
            string actualKind = r.ReadString();
            if (actualKind != kind) throw new DyadException(ErrorCode.ModelFormat, $"{path} holds a {actualKind} model, expected {kind}");
            return body(r);
        }
        catch (EndOfStreamException e)
        {
            throw new DyadException(ErrorCode.ModelFormat, $"{path} is truncated", e);
        }
    }
}
