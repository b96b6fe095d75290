using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dyad.Documents;
using Dyad.Ingest;
using Dyad.Pipeline;
using Dyad.Processing;
using Dyad.Storage;

namespace Dyad.Cli.Commands;

/// <summary>
/// <c>dyad bench</c>: text to stored events over a generated corpus, on one thread and on all, with the
/// start-up cost and peak memory. Figures, not a test: compare runs made side by side on the same machine.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var articles = new Option<int>("--articles") { Description = "articles to generate", DefaultValueFactory = _ => 10_000 };
        var samples = new Option<string?>("--samples") { Description = "folder of articles the corpus is made from (default: samples/)", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object" };
        var corpus = new Option<string?>("--write-corpus") { Description = "write the generated articles as .txt files to DIR and stop (for peers)", HelpName = "DIR" };
        var threads = Shared.Threads();
        var command = new Command("bench", "End-to-end benchmark: generated news-like articles to stored events, one core and all cores")
        {
            articles, samples, json, corpus, threads,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(samples) ?? Path.Combine(Shared.RepoRoot() ?? ".", "samples");
            var sources = new ArticleReader().Read([folder]).Where(i => i.Article is not null).Select(i => i.Article!).ToList();
            if (sources.Count == 0) return Shared.Fail($"no sample articles in {folder}; pass --samples DIR");
            var generated = BenchmarkCorpus.Generate(sources, Math.Max(1, parse.GetValue(articles))).ToList();
            if (parse.GetValue(corpus) is { } dir)
            {
                Directory.CreateDirectory(dir);
                foreach (var a in generated) File.WriteAllText(Path.Combine(dir, a.Id + ".txt"), a.Text);
                Console.Error.WriteLine($"wrote {generated.Count} articles to {dir}");
                return 0;
            }
            var figures = Run(generated, parse.GetValue(threads));
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(figures));
            else
            {
                foreach (var (name, value) in figures) Console.WriteLine($"{name,-26} {Convert.ToString(value, CultureInfo.InvariantCulture)}");
            }
            return 0;
        });
        return command;
    }

    private static Dictionary<string, object> Run(List<Article> corpus, int threads)
    {
        var startup = Stopwatch.StartNew();
        var pipeline = DyadPipeline.Default;
        pipeline.Process(new Article { Id = "warm-up", Text = corpus[0].Text, Published = corpus[0].Published });
        startup.Stop();
        long words = corpus.Sum(a => (long)BenchmarkCorpus.CountWords(a.Text));
        var figures = new Dictionary<string, object>
        {
            ["articles"] = corpus.Count,
            ["words"] = words,
            ["startup_ms"] = Math.Round(startup.Elapsed.TotalMilliseconds),
            ["cores"] = Environment.ProcessorCount,
        };
        // one core on a slice (a tenth, at least 50 articles), then all cores on the whole corpus, each into a fresh store
        var slice = corpus.Take(Math.Max(50, corpus.Count / 10)).ToList();
        foreach (var (label, input, parallelism) in new[] { ("one_core", slice, 1), ("all_cores", corpus, threads > 0 ? threads : Environment.ProcessorCount) })
        {
            var path = Path.Combine(Path.GetTempPath(), $"dyad-bench-{Environment.ProcessId}-{label}.db");
            var clock = Stopwatch.StartNew();
            int events = 0;
            using (var store = SqliteStore.Open(path))
            {
                var batch = new List<Document>(64);
                foreach (var item in new BatchRunner(pipeline, parallelism).Run(input.Select(ReadItem.Ok)))
                {
                    if (item.Document is null) continue;
                    events += item.Document.Events.Count;
                    batch.Add(item.Document);
                    if (batch.Count == 64) { store.Store(batch); batch.Clear(); }
                }
                if (batch.Count > 0) store.Store(batch);
            }
            clock.Stop();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
            double seconds = Math.Max(1e-6, clock.Elapsed.TotalSeconds);
            long inputWords = input.Sum(a => (long)BenchmarkCorpus.CountWords(a.Text));
            figures[$"{label}_threads"] = parallelism;
            figures[$"{label}_articles_per_s"] = Math.Round(input.Count / seconds, 1);
            figures[$"{label}_words_per_s"] = Math.Round(inputWords / seconds);
            figures[$"{label}_events_per_s"] = Math.Round(events / seconds, 1);
        }
        figures["peak_memory_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0);
        return figures;
    }
}
