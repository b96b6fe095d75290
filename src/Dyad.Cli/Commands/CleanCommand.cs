using System.CommandLine;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dyad.Cleaning;
using Dyad.Documents;
using Dyad.Errors;
using Dyad.Extraction;

namespace Dyad.Cli.Commands;

/// <summary>
/// <c>dyad clean PATH…</c>: reads .txt (first line is the title), .html/.htm (also .html.gz) and .jsonl documents,
/// extracts and cleans each, and writes one JSON line per document with its metadata, clean text and the removed
/// lines with their reasons.
/// </summary>
public static class CleanCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders (.txt, .html, .htm, .html.gz, .jsonl)", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "Output format (jsonl)", DefaultValueFactory = _ => "jsonl" };
        var keepNoise = new Option<bool>("--keep-noise") { Description = "Skip the noise cleaner: print the extracted text as is" };
        var command = new Command("clean", "Extract article text and metadata, mark noise lines, print JSON lines");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.Options.Add(keepNoise);
        command.SetAction(parse =>
        {
            if (parse.GetValue(format) is not "jsonl")
            {
                Console.Error.WriteLine($"{ErrorCode.UsageInvalid.Format()}: unknown --format '{parse.GetValue(format)}' (only jsonl)");
                return 2;
            }
            return Run(parse.GetValue(paths) ?? [], parse.GetValue(keepNoise), Console.OpenStandardOutput(), Console.Error);
        });
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, bool keepNoise, Stream output, TextWriter errors)
    {
        var cleaner = new ScrapedTextCleaner();
        var encoderOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        int written = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        using (var writer = new Utf8JsonWriter(output, encoderOptions))
        {
            foreach (var file in ExpandPaths(paths, errors, ref failed))
            {
                foreach (var (article, error) in Read(file))
                {
                    if (error is not null)
                    {
                        failed++;
                        errors.WriteLine($"{file}: {error.Message}");
                        continue;
                    }
                    var document = new Document(article!);
                    if (!keepNoise) cleaner.Process(document);
                    Write(writer, document);
                    writer.Flush();
                    output.WriteByte((byte)'\n');
                    writer.Reset();
                    written++;
                }
            }
        }
        output.Flush();
        var seconds = clock.Elapsed.TotalSeconds;
        errors.WriteLine($"clean: {written} documents, {failed} failed, {seconds:0.00} s ({(written + failed) / Math.Max(seconds, 1e-9):0.0} docs/s)");
        return failed == 0 ? 0 : 1;
    }

    private static IEnumerable<string> ExpandPaths(IReadOnlyList<string> paths, TextWriter errors, ref int failed)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(IsSupported).Order(StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else
            {
                failed++;
                errors.WriteLine($"{ErrorCode.InputNotFound.Format()}: {path} does not exist");
            }
        }
        return files;
    }

    private static bool IsSupported(string path) =>
        path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
        || IsHtml(path);

    private static bool IsHtml(string path) =>
        path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".html.gz", StringComparison.OrdinalIgnoreCase);

    private static string IdOf(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in new[] { ".html.gz", ".html", ".htm", ".txt" })
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return name[..^suffix.Length];
        return name;
    }

    /// <summary>A minimal reader for the three input kinds; the shared ingest layer will replace it.</summary>
    private static IEnumerable<(Article? Article, Exception? Error)> Read(string path)
    {
        if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var item in ReadJsonl(path)) yield return item;
            yield break;
        }
        Article? article = null;
        Exception? error = null;
        try
        {
            article = IsHtml(path) ? ReadHtml(path) : ReadText(path);
        }
        catch (Exception e) when (e is DyadException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error = e;
        }
        yield return (article, error);
    }

    private static Article ReadHtml(string path)
    {
        byte[] bytes;
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gz.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        else bytes = File.ReadAllBytes(path);
        return HtmlArticleExtractor.Extract(bytes, url: null, id: IdOf(path)) with { Origin = path };
    }

    private static Article ReadText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (HtmlDecoding.DescribeBinary(bytes) is { } kind)
            throw new DyadException(ErrorCode.InputBinary, $"{path} is {kind}, not text");
        var text = HtmlDecoding.IsValidUtf8(bytes) ? Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF') : HtmlDecoding.Windows1252.GetString(bytes);
        if (text.Trim().Length == 0) throw new DyadException(ErrorCode.InputEmpty, $"{path} is empty");
        var firstLine = text.Split('\n', 2)[0].Trim();
        return new Article { Id = IdOf(path), Text = text, Title = firstLine.Length > 0 ? firstLine : null, Origin = path };
    }

    private static IEnumerable<(Article?, Exception?)> ReadJsonl(string path)
    {
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            Article? article = null;
            Exception? error = null;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                string? Field(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                var text = Field("text") ?? throw new DyadException(ErrorCode.InputMissingField, $"line {lineNumber}: no \"text\"");
                var published = DateOnly.TryParse(Field("published"), System.Globalization.CultureInfo.InvariantCulture, out var day) ? day : (DateOnly?)null;
                article = new Article
                {
                    Id = Field("id") ?? $"{IdOf(path)}:{lineNumber}",
                    Text = text,
                    Title = Field("title"),
                    Url = Field("url"),
                    Source = Field("source"),
                    Published = published,
                    PublishedClue = published is null ? null : new MetadataClue("input", "published " + Field("published")),
                    Origin = $"{path}:{lineNumber}",
                };
            }
            catch (JsonException e)
            {
                error = new DyadException(ErrorCode.InputInvalidJson, $"line {lineNumber}: {e.Message}", e);
            }
            catch (DyadException e)
            {
                error = e;
            }
            yield return (article, error);
        }
    }

    private static void Write(Utf8JsonWriter writer, Document document)
    {
        var article = document.Article;
        var published = article.Published;
        var clue = article.PublishedClue;
        if (published is null && ScrapedTextCleaner.PublishedFromBylines(document) is { } fromByline)
            (published, clue) = (fromByline.Day, fromByline.Clue);

        writer.WriteStartObject();
        writer.WriteString("id", article.Id);
        writer.WriteString("title", article.Title);
        writer.WriteString("published", published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (clue is null) writer.WriteNull("published_clue");
        else
        {
            writer.WriteStartObject("published_clue");
            writer.WriteString("kind", clue.Kind);
            writer.WriteString("evidence", clue.Evidence);
            writer.WriteEndObject();
        }
        writer.WriteStartArray("authors");
        foreach (var author in article.Authors) writer.WriteStringValue(author);
        writer.WriteEndArray();
        writer.WriteString("site", article.SiteName ?? article.Source);
        writer.WriteString("url", article.Url);
        writer.WriteString("language", article.Language);
        writer.WriteString("text", document.CleanText());
        writer.WriteStartArray("removed");
        foreach (var block in document.Removed.OrderBy(r => r.Span.Start))
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", block.Line);
            writer.WriteString("reason", block.Reason);
            writer.WriteString("text", document.Text.Substring(block.Span.Start, block.Span.Length).Trim());
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
