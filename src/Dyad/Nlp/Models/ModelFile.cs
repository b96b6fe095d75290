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

    /// <summary>
    /// The largest file a model is committed as: the repository keeps every file under 20 MB, so a larger model
    /// (the parser) is written as numbered parts, "parser.part0.bin", "parser.part1.bin", … beside the path its
    /// manifest names. The checksum and every reader see the parts joined, byte for byte the same model.
    /// </summary>
    public const int MaxPartBytes = 16 << 20;

    public static string PartPath(string path, int index)
        => Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}.part{index}{Path.GetExtension(path)}");

    /// <summary>Write a model whole, or in parts when it is larger than <see cref="MaxPartBytes"/>; returns the file names written.</summary>
    public static List<string> Write(string path, byte[] bytes)
    {
        var stale = ExistingParts(path);
        foreach (var old in stale) File.Delete(old);
        if (bytes.Length <= MaxPartBytes)
        {
            File.WriteAllBytes(path, bytes);
            return [Path.GetFileName(path)];
        }
        if (File.Exists(path)) File.Delete(path);
        var written = new List<string>();
        for (int offset = 0, index = 0; offset < bytes.Length; offset += MaxPartBytes, index++)
        {
            var part = PartPath(path, index);
            using (var file = File.Create(part)) file.Write(bytes, offset, Math.Min(MaxPartBytes, bytes.Length - offset));
            written.Add(Path.GetFileName(part));
        }
        return written;
    }

    /// <summary>A model's bytes, whole or joined from its parts.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        using var stream = Open(path, out long length);
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static List<string> ExistingParts(string path)
    {
        var parts = new List<string>();
        for (int i = 0; File.Exists(PartPath(path, i)); i++) parts.Add(PartPath(path, i));
        return parts;
    }

    /// <summary>The model file, or its parts read one after another.</summary>
    private static Stream Open(string path, out long length)
    {
        if (File.Exists(path))
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            length = file.Length;
            return file;
        }
        var parts = ExistingParts(path);
        if (parts.Count == 0) throw new DyadException(ErrorCode.ModelMissing, $"model file not found: {path}");
        length = parts.Sum(p => new FileInfo(p).Length);
        return new PartsStream(parts);
    }

    /// <summary>Read a model, refusing it when its checksum differs from the manifest's or its header is wrong.</summary>
    /// <remarks>
    /// The file is hashed as it is read, through a small buffer, instead of being read whole first: fresh memory
    /// is what start-up pays for most (on the 2-core VM touching a new page costs ~16 µs, 4 ms per MB), and a
    /// parser file is 25 MB. Nothing read is handed out before the whole file's checksum has been compared;
    /// when the checksum differs, that is the error reported, whatever the body made of the bytes.
    /// </remarks>
    public static T Load<T>(string path, string kind, string? expectedSha256, Func<BinaryReader, T> body)
    {
        var file = Open(path, out long length);
        using var hashed = new HashingStream(new BufferedStream(file, 1 << 16), length);
        using var r = new BinaryReader(hashed, Encoding.UTF8);
        T model;
        try
        {
            model = ReadBody(r, path, kind, body);
        }
        catch (Exception e) when (expectedSha256 != null && e is DyadException or EndOfStreamException or OutOfMemoryException or ArgumentException or OverflowException)
        {
            if (!MatchesAfterDraining(hashed, expectedSha256)) throw Mismatch(path);
            throw;
        }
        if (expectedSha256 != null && !MatchesAfterDraining(hashed, expectedSha256)) throw Mismatch(path);
        return model;
    }

    private static DyadException Mismatch(string path)
        => new(ErrorCode.ModelChecksum, $"model {path} does not match the sha256 in its manifest");

    private static bool MatchesAfterDraining(HashingStream hashed, string expectedSha256)
    {
        hashed.Drain();
        return string.Equals(hashed.Sha256(), expectedSha256, StringComparison.OrdinalIgnoreCase);
    }

    private static T ReadBody<T>(BinaryReader r, string path, string kind, Func<BinaryReader, T> body)
    {
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

    /// <summary>A read-only stream over a model's parts, one after another.</summary>
    private sealed class PartsStream(List<string> parts) : Stream
    {
        private int _next;
        private FileStream? _current;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (true)
            {
                if (_current is null)
                {
                    if (_next == parts.Count) return 0;
                    _current = new FileStream(parts[_next++], FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
                }
                int n = _current.Read(buffer);
                if (n > 0 || buffer.IsEmpty) return n;
                _current.Dispose();
                _current = null;
            }
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _current?.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>A read-only stream that feeds every byte read through SHA-256 and knows how many bytes are left.</summary>
    private sealed class HashingStream(Stream inner, long length) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            _position += n;
            return n;
        }

        public override int ReadByte()
        {
            Span<byte> one = stackalloc byte[1];
            return Read(one) == 1 ? one[0] : -1;
        }

        /// <summary>Hash whatever the reader left unread, so the checksum covers the whole file.</summary>
        public void Drain()
        {
            Span<byte> buffer = stackalloc byte[4096];
            while (Read(buffer) > 0) { }
        }

        public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) { _hash.Dispose(); inner.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
