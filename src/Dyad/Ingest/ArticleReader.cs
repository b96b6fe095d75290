using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dyad.Documents;
using Dyad.Errors;

namespace Dyad.Ingest;

/// <summary>Turns HTML bytes into an article; supplied by the extraction feature.</summary>
public delegate Article HtmlExtractor(byte[] html, string? url, string id, string origin);

public sealed record ReaderOptions
{
    /// <summary>Files (after decompression) larger than this are refused rather than read.</summary>
    public long MaxBytes { get; init; } = 16 * 1024 * 1024;
    public HtmlExtractor? Html { get; init; }
}

/// <summary>
/// Reads every supported input — .txt (first line is the title), .html/.htm, .jsonl in the docs.jsonl layout,
/// .gz of any of these, directories (recursively, in name order) and "-" for standard input — and yields one
/// <see cref="ReadItem"/> per article or per problem. Never throws for bad input: the batch goes on.
/// </summary>
public sealed class ArticleReader(ReaderOptions? options = null)
{
    private readonly ReaderOptions _options = options ?? new ReaderOptions();

    public static readonly string[] SupportedExtensions = [".txt", ".html", ".htm", ".jsonl", ".json", ".gz"];

    public IEnumerable<ReadItem> Read(IEnumerable<string> paths, TextReader? stdin = null)
    {
        foreach (var path in paths)
        {
            if (path == "-")
            {
                foreach (var item in ReadStandardInput(stdin ?? Console.In)) yield return item;
                continue;
            }
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(IsSupported)
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                    foreach (var item in ReadFile(file)) yield return item;
                continue;
            }
            if (!File.Exists(path))
            {
                yield return ReadItem.Fail(new InputProblem(path, null, ErrorCode.InputNotFound, "no such file or directory"));
                continue;
            }
            foreach (var item in ReadFile(path)) yield return item;
        }
    }

    private static bool IsSupported(string file)
    {
        var name = Path.GetFileName(file);
        if (name.StartsWith('.')) return false;
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (ext == ".gz") ext = Path.GetExtension(Path.GetFileNameWithoutExtension(name)).ToLowerInvariant();
        return ext is ".txt" or ".html" or ".htm" or ".jsonl";
    }

    private IEnumerable<ReadItem> ReadStandardInput(TextReader stdin)
    {
        var text = stdin.ReadToEnd();
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
            return ReadJsonLines(new StringReader(text), "<stdin>");
        if (trimmed.StartsWith('<'))
            return [FromHtml(Encoding.UTF8.GetBytes(text), "<stdin>", null, null)];
        return [FromPlainText(text, "<stdin>")];
    }

    public IEnumerable<ReadItem> ReadFile(string path)
    {
        byte[] bytes;
        string logicalName = path;
        ReadItem? failure = null;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > _options.MaxBytes && !path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                bytes = [];
                failure = TooLarge(path, null, info.Length);
            }
            else
            {
                bytes = File.ReadAllBytes(path);
                if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                {
                    logicalName = path[..^3];
                    bytes = Gunzip(bytes, _options.MaxBytes * 8);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            bytes = [];
            failure = ReadItem.Fail(new InputProblem(path, null, ErrorCode.InputUnreadable, e.Message));
        }
        if (failure is { } f)
            return [f];

        var ext = Path.GetExtension(logicalName).ToLowerInvariant();
        if (ext is ".jsonl" or ".json")
        {
            if (TextDecoder.LooksBinary(bytes))
                return [ReadItem.Fail(new InputProblem(path, null, ErrorCode.InputBinary, "file is binary, not JSON lines"))];
            var (text, _) = TextDecoder.Decode(bytes);
            return ReadJsonLines(new StringReader(text), path);
        }
        if (bytes.Length > _options.MaxBytes)
            return [TooLarge(path, null, bytes.Length)];
        if (TextDecoder.LooksBinary(bytes))
            return [ReadItem.Fail(new InputProblem(path, null, ErrorCode.InputBinary, "file is binary, not text or HTML"))];
        if (ext is ".html" or ".htm")
            return [FromHtml(bytes, path, null, null)];
        var (plain, _) = TextDecoder.Decode(bytes);
        return [FromPlainText(plain, path)];
    }

    private static byte[] Gunzip(byte[] compressed, long limit)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, n);
            if (output.Length > limit) throw new InvalidDataException($"decompressed size exceeds {limit} bytes");
        }
        return output.ToArray();
    }

    private ReadItem TooLarge(string path, int? line, long size) =>
        ReadItem.Fail(new InputProblem(path, line, ErrorCode.InputTooLarge,
            $"{size:N0} bytes is over the limit of {_options.MaxBytes:N0} (--max-bytes)"));

    private ReadItem FromPlainText(string text, string origin)
    {
        text = NormaliseNewlines(text);
        if (string.IsNullOrWhiteSpace(text))
            return ReadItem.Fail(new InputProblem(origin, null, ErrorCode.InputEmpty, "the text is empty"));
        var firstLine = text.TrimStart().Split('\n', 2)[0].Trim();
        return ReadItem.Ok(new Article
        {
            Id = ContentId(text),
            Text = text,
            Title = firstLine.Length > 0 ? firstLine : null,
            Origin = origin,
            Raw = null,
        });
    }

    private ReadItem FromHtml(byte[] bytes, string origin, string? url, string? id)
    {
        if (_options.Html is null)
            return ReadItem.Fail(new InputProblem(origin, null, ErrorCode.InputUnsupported, "HTML input needs the extraction feature, which is not configured"));
        try
        {
            var article = _options.Html(bytes, url, id ?? "", origin);
            if (string.IsNullOrWhiteSpace(article.Text))
                return ReadItem.Fail(new InputProblem(origin, null, ErrorCode.InputNoArticle, "no article text found in the page"));
            if (string.IsNullOrEmpty(article.Id))
                article = article with { Id = ContentId(article.Text) };
            return ReadItem.Ok(article with { Origin = origin });
        }
        catch (DyadException e)
        {
            return ReadItem.Fail(new InputProblem(origin, null, e.Code, e.Detail));
        }
    }

    private IEnumerable<ReadItem> ReadJsonLines(TextReader reader, string origin)
    {
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (line.Length > _options.MaxBytes)
            {
                yield return TooLarge(origin, lineNumber, line.Length);
                continue;
            }
            yield return ParseJsonLine(line, origin, lineNumber);
        }
    }

    private ReadItem ParseJsonLine(string line, string origin, int lineNumber)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return ReadItem.Fail(new InputProblem(origin, lineNumber, ErrorCode.InputInvalidJson, $"not valid JSON: {e.Message}"));
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return ReadItem.Fail(new InputProblem(origin, lineNumber, ErrorCode.InputInvalidJson, "a line must hold one JSON object"));
            string? Field(string name) =>
                root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

            var text = Field("text");
            var html = Field("html");
            var id = Field("id");
            var url = Field("url");
            if (text is null && html is not null)
            {
                var item = FromHtml(Encoding.UTF8.GetBytes(html), origin, url, id);
                return item.Problem is { } p ? ReadItem.Fail(p with { Line = lineNumber }) : item;
            }
            if (text is null)
                return ReadItem.Fail(new InputProblem(origin, lineNumber, ErrorCode.InputMissingField, "no \"text\" field"));
            text = NormaliseNewlines(text);
            if (string.IsNullOrWhiteSpace(text))
                return ReadItem.Fail(new InputProblem(origin, lineNumber, ErrorCode.InputEmpty, "the text is empty"));
            var published = ParseDate(Field("published"));
            return ReadItem.Ok(new Article
            {
                Id = string.IsNullOrWhiteSpace(id) ? ContentId(text) : id,
                Text = text,
                Title = Field("title"),
                Published = published,
                PublishedClue = published is null ? null : new MetadataClue("input", "published field"),
                Source = Field("source"),
                Url = url,
                Origin = $"{origin}:{lineNumber}",
            });
        }
    }

    public static DateOnly? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length < 10) return null;
        return DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", out var day) ? day : null;
    }

    /// <summary>Windows and old Mac line ends become \n, so offsets agree whatever the source was.</summary>
    public static string NormaliseNewlines(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;

    /// <summary>A stable id from the content: the same text always gets the same id.</summary>
    public static string ContentId(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.Trim()), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
