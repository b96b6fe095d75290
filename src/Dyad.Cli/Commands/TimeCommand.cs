using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dyad.Documents;
using Dyad.Errors;
using Dyad.Time;

namespace Dyad.Cli.Commands;

/// <summary><c>dyad time PATH… [--dct YYYY-MM-DD] [--month-first] [--publication]</c>: one JSON line per time expression (or per article's publication date).</summary>
public static class TimeCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Files (.txt, .jsonl) or folders of them" };
        var dct = new Option<string?>("--dct") { Description = "Document creation time (YYYY-MM-DD) for every input, overriding published dates and clues" };
        var monthFirst = new Option<bool>("--month-first") { Description = "Read 04/07/2016 as April 7 (US sources); the default is day first" };
        var publication = new Option<bool>("--publication")
        {
            Description = "Print one line per article with the publication date found in its text or URL (ignoring any given date) and the clue",
        };
        var stats = new Option<bool>("--stats") { Description = "Print a STATS line on stderr: documents, words, expressions, and seconds spent in the tagger alone" };
        var command = new Command("time", "Find time expressions and resolve them against the publication date") { paths, dct, monthFirst, publication, stats };
        command.SetAction(parse =>
        {
            DateOnly? fixedDct = null;
            if (parse.GetValue(dct) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    throw new DyadException(ErrorCode.UsageInvalid, $"--dct must be YYYY-MM-DD, got '{text}'");
                fixedDct = d;
            }
            var tagger = new TemporalTagger(parse.GetValue(monthFirst) ? NumericDateOrder.MonthFirst : NumericDateOrder.DayFirst);
            using var stdout = Console.OpenStandardOutput();
            using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            bool publicationOnly = parse.GetValue(publication);
            bool printStats = parse.GetValue(stats);
            long words = 0, expressions = 0, documents = 0;
            var tagging = new System.Diagnostics.Stopwatch();
            foreach (var article in PlainArticleReader.Read(parse.GetValue(paths) ?? []))
            {
                if (publicationOnly)
                {
                    var (found, clue) = PublicationDateFinder.Find(article.Text, article.Url);
                    json.WriteStartObject();
                    json.WriteString("doc", article.Id);
                    if (found is { } f) json.WriteString("published", f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); else json.WriteNull("published");
                    if (clue is null) json.WriteNull("clue"); else { json.WriteString("clue", clue.Kind); json.WriteString("evidence", clue.Evidence); }
                    json.WriteEndObject();
                    json.Flush();
                    stdout.WriteByte((byte)'\n');
                    json.Reset();
                    continue;
                }
                var document = new Document(article);
                PlainTokenizer.Apply(document);
                var reference = fixedDct ?? TemporalTagger.ReferenceDate(document);
                tagging.Start();
                tagger.Process(document, reference);
                tagging.Stop();
                documents++;
                expressions += document.Times.Count;
                if (printStats) words += CountWords(document.Text);
                foreach (var t in document.Times)
                {
                    json.WriteStartObject();
                    json.WriteString("doc", document.Id);
                    json.WriteNumber("start", t.Span.Start);
                    json.WriteNumber("end", t.Span.End);
                    json.WriteString("text", t.Text);
                    json.WriteString("type", t.Type);
                    json.WriteString("value", t.Value);
                    if (t.Day is { } day) json.WriteString("day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    json.WriteEndObject();
                    json.Flush();
                    stdout.WriteByte((byte)'\n');
                    json.Reset();
                }
            }
            if (printStats)
                Console.Error.WriteLine(FormattableString.Invariant(
                    $"STATS documents={documents} words={words} expressions={expressions} tagger_seconds={tagging.Elapsed.TotalSeconds:F3} words_per_second={(tagging.Elapsed.TotalSeconds > 0 ? words / tagging.Elapsed.TotalSeconds : 0):F0}"));
            return 0;
        });
        return command;
    }

    /// <summary>Whitespace-separated words, as the peers count them.</summary>
    private static long CountWords(string text)
    {
        long n = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool space = char.IsWhiteSpace(c);
            if (!space && !inWord) n++;
            inWord = !space;
        }
        return n;
    }
}

/// <summary>
/// A minimal reader for the time and places commands: .txt files (id = file name) and .jsonl lines
/// {id, text, published?, url?, title?}; folders are read recursively in name order.
/// </summary>
internal static class PlainArticleReader
{
    public static IEnumerable<Article> Read(IEnumerable<string> paths) => ReadWithSpans(paths, null).Select(a => a.Article);

    /// <summary>Articles with the character spans listed under <paramref name="spanField"/> in JSONL lines ([{start,end}]).</summary>
    public static IEnumerable<(Article Article, List<(int Start, int End)> Spans)> ReadWithSpans(IEnumerable<string> paths, string? spanField)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    if (file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
                        foreach (var a in ReadFile(file, spanField)) yield return a;
            }
            else if (File.Exists(path))
            {
                foreach (var a in ReadFile(path, spanField)) yield return a;
            }
            else throw new DyadException(ErrorCode.InputNotFound, $"no such file or folder: {path}");
        }
    }

    private static IEnumerable<(Article, List<(int, int)>)> ReadFile(string file, string? spanField)
    {
        if (!file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            yield return (new Article { Id = Path.GetFileNameWithoutExtension(file), Text = File.ReadAllText(file, Encoding.UTF8), Origin = file }, []);
            yield break;
        }
        int lineNumber = 0;
        foreach (var line in File.ReadLines(file, Encoding.UTF8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonDocument parsed;
            try { parsed = JsonDocument.Parse(line); }
            catch (JsonException e) { throw new DyadException(ErrorCode.InputInvalidJson, $"{file}:{lineNumber}: {e.Message}", e); }
            using (parsed)
            {
                var root = parsed.RootElement;
                string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                string text = Str("text") ?? throw new DyadException(ErrorCode.InputMissingField, $"{file}:{lineNumber}: no \"text\"");
                DateOnly? published = null;
                if (Str("published") is { Length: >= 10 } p && DateOnly.TryParseExact(p[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    published = d;
                var spans = new List<(int, int)>();
                if (spanField is not null && root.TryGetProperty(spanField, out var list) && list.ValueKind == JsonValueKind.Array)
                    foreach (var item in list.EnumerateArray())
                        if (item.TryGetProperty("start", out var s) && item.TryGetProperty("end", out var e) && s.TryGetInt32(out int start) && e.TryGetInt32(out int end))
                            spans.Add((start, end));
                yield return (new Article
                {
                    Id = Str("id") ?? $"{Path.GetFileNameWithoutExtension(file)}:{lineNumber}",
                    Text = text,
                    Published = published,
                    Url = Str("url"),
                    Title = Str("title"),
                    Origin = $"{file}:{lineNumber}",
                }, spans);
            }
        }
    }
}
