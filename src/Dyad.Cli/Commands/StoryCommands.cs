using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dyad.Output;
using Dyad.Pipeline;
using Dyad.Processing;
using Dyad.Stories;
using Dyad.Stories.Clustering;

namespace Dyad.Cli.Commands;

internal static class StoryCommands
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Cluster()
    {
        var paths = Shared.Paths("files or directories of articles (.txt, .html, .jsonl, .gz; '-' for standard input)");
        var format = Shared.Format(OutputFormat.Jsonl);
        var output = Shared.Out();
        var threads = Shared.Threads();
        var maxBytes = Shared.MaxBytes();
        var command = new Command("cluster", "Group articles into stories and mark near-duplicate copies (one line per article)")
        {
            paths, format, output, threads, maxBytes,
        };
        command.SetAction(parse =>
        {
            var articles = new List<StoryArticle>();
            var reader = DyadPipeline.CreateReader(parse.GetValue(maxBytes));
            var runner = new BatchRunner(DyadPipeline.Default, parse.GetValue(threads));
            int rejected = 0;
            foreach (var item in runner.Run(reader.Read(parse.GetValue(paths)!)))
            {
                if (item.Problem is { } problem) { rejected++; Console.Error.WriteLine($"rejected {problem}"); continue; }
                articles.Add(StoryArticle.From(item.Document!));
            }
            var result = StoryBatch.Cluster(articles);
            using var writer = Shared.OpenOutput(parse.GetValue(output));
            var fmt = parse.GetValue(format);
            if (fmt == OutputFormat.Tsv) writer.WriteLine("doc\tstory\tduplicate_of");
            foreach (var article in articles)
            {
                var a = result.Assignments[article.Id];
                switch (fmt)
                {
                    case OutputFormat.Jsonl:
                        writer.WriteLine(JsonSerializer.Serialize(new ClusterLine(a.ArticleId, a.StoryId, a.DuplicateOf), Json));
                        break;
                    case OutputFormat.Tsv:
                        writer.WriteLine($"{a.ArticleId}\t{a.StoryId}\t{a.DuplicateOf}");
                        break;
                    default:
                        writer.WriteLine($"{a.ArticleId,-24} {a.StoryId,-28} {(a.Opened ? "new" : a.Similarity.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)),6} {article.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-",-10} {a.DuplicateOf ?? "-",-24} {Trim(article.Title ?? article.Sentences.FirstOrDefault(), 60)}");
                        break;
                }
            }
            Console.Error.WriteLine($"{articles.Count} articles in {result.Clusterer.Stories.Count} stories, {result.Assignments.Values.Count(a => a.DuplicateOf is not null)} duplicates, {rejected} rejected");
            return rejected == 0 ? 0 : 2;
        });
        return command;
    }

    private sealed record ClusterLine(
        [property: System.Text.Json.Serialization.JsonPropertyName("doc")] string Doc,
        [property: System.Text.Json.Serialization.JsonPropertyName("story")] string Story,
        [property: System.Text.Json.Serialization.JsonPropertyName("duplicate_of")] string? DuplicateOf);

    private static string Trim(string? text, int width) =>
        text is null ? "" : text.Length <= width ? text : text[..(width - 1)] + "…";
}
