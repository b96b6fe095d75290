using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using System.Text.Json;
using Dyad.Documents;
using Dyad.Extraction;
using Dyad.Ingest;
using Dyad.Pipeline;
using Dyad.Processing;
using Dyad.Storage;
using Dyad.Stories.Clustering;

namespace Dyad.Cli.Commands;

/// <summary>
/// <c>dyad bench</c>: text to stored events over a generated corpus, on one thread and on all, with the
/// start-up cost, peak memory and each stage's share of the time. <c>--stages</c> times only some stages (the
/// ones a peer tool does, for side-by-side runs), <c>--stories</c> streams articles through story clustering.
/// Figures, not a test: compare runs made side by side on the same machine.
/// </summary>
internal static class BenchCommand
{
    /// <summary>Not a pipeline stage: HTML pages to articles (<see cref="HtmlArticleExtractor"/>), for the Readability comparison.</summary>
    private const string ExtractStage = "extract";

    public static Command Create()
    {
        var articles = new Option<int>("--articles") { Description = "articles to generate", DefaultValueFactory = _ => 10_000 };
        var samples = new Option<string?>("--samples") { Description = "folder of articles the corpus is made from (default: samples/)", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object" };
        var corpus = new Option<string?>("--write-corpus")
        {
            Description = "write the generated articles to DIR (.txt each, corpus.jsonl with dates, html/ as news pages) and stop, for peers",
            HelpName = "DIR",
        };
        var stages = new Option<string?>("--stages")
        {
            Description = "time only these stages, on one thread, articles in batches run stage by stage as ingest runs them (comma-separated, e.g. parse,entities; the stages before them run untimed to make their input; 'extract' times HTML extraction of the pages --write-corpus writes)",
            HelpName = "LIST",
        };
        var stories = new Option<bool>("--stories") { Description = "stream --articles generated articles through story clustering: articles/s and memory" };
        var threads = Shared.Threads();
        var command = new Command("bench", "End-to-end benchmark: generated news-like articles to stored events, one core and all cores")
        {
            articles, samples, json, corpus, stages, stories, threads,
        };
        command.SetAction(parse =>
        {
            var entered = DateTime.Now;
            var folder = parse.GetValue(samples) ?? Path.Combine(Shared.RepoRoot() ?? ".", "samples");
            var sources = new ArticleReader().Read([folder]).Where(i => i.Article is not null).Select(i => i.Article!).ToList();
            if (sources.Count == 0) return Shared.Fail($"no sample articles in {folder}; pass --samples DIR");
            int count = Math.Max(1, parse.GetValue(articles));
            Dictionary<string, object> figures;
            if (parse.GetValue(stories)) figures = Stories(sources, count);
            else
            {
                var generated = BenchmarkCorpus.Generate(sources, count).ToList();
                if (parse.GetValue(corpus) is { } dir)
                {
                    WriteCorpus(generated, dir);
                    return 0;
                }
                figures = parse.GetValue(stages) is { } list
                    ? Stages(generated, list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    : Run(generated, parse.GetValue(threads));
            }
            figures["process_start_ms"] = Math.Round((entered - Process.GetCurrentProcess().StartTime).TotalMilliseconds);
            figures["peak_memory_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0);
            // the collector's settings move these figures by a few per cent (./dyad sets a 96 MB gen-0 budget)
            var gc = GC.GetConfigurationVariables();
            if (gc.TryGetValue("GCGen0MaxBudget", out var budget)) figures["gc_gen0_budget_mb"] = Math.Round(Convert.ToDouble(budget) / 1048576.0);
            figures["gc_server"] = GCSettings.IsServerGC;
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(figures));
            else Print(figures);
            return 0;
        });
        return command;
    }

    private static void WriteCorpus(List<Article> generated, string dir)
    {
        Directory.CreateDirectory(dir);
        var html = Path.Combine(dir, "html");
        Directory.CreateDirectory(html);
        using var jsonl = new StreamWriter(Path.Combine(dir, "corpus.jsonl"), false, new UTF8Encoding(false));
        foreach (var a in generated)
        {
            File.WriteAllText(Path.Combine(dir, a.Id + ".txt"), a.Text);
            File.WriteAllText(Path.Combine(html, a.Id + ".html"), BenchmarkCorpus.ToHtml(a));
            jsonl.WriteLine(JsonSerializer.Serialize(new
            {
                id = a.Id,
                text = a.Text,
                published = a.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }));
        }
        Console.Error.WriteLine($"wrote {generated.Count} articles to {dir} (.txt, corpus.jsonl, html/)");
    }

    private static Dictionary<string, object> Run(List<Article> corpus, int threads)
    {
        var startup = Stopwatch.StartNew();
        var startupCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (pipeline, timings) = StageTimings.Wrap(DyadPipeline.Default);
        pipeline.Process(new Article { Id = "warm-up", Text = corpus[0].Text, Published = corpus[0].Published });
        startup.Stop();
        // CPU time of every thread (JIT and GC included): steadier than wall clock when other jobs share the cores
        startupCpu = Process.GetCurrentProcess().TotalProcessorTime - startupCpu;
        long words = corpus.Sum(a => (long)BenchmarkCorpus.CountWords(a.Text));
        var figures = new Dictionary<string, object>
        {
            ["articles"] = corpus.Count,
            ["words"] = words,
            ["startup_ms"] = Math.Round(startup.Elapsed.TotalMilliseconds),
            ["startup_cpu_ms"] = Math.Round(startupCpu.TotalMilliseconds),
            ["cores"] = Environment.ProcessorCount,
        };
        // one core on a slice (a tenth, at least 50 articles), then all cores on the whole corpus, each into a fresh store
        var slice = corpus.Take(Math.Max(50, corpus.Count / 10)).ToList();
        foreach (var (label, input, parallelism) in new[] { ("one_core", slice, 1), ("all_cores", corpus, threads > 0 ? threads : Environment.ProcessorCount) })
        {
            var path = Path.Combine(Path.GetTempPath(), $"dyad-bench-{Environment.ProcessId}-{label}.db");
            timings.Reset();
            var storeClock = new Stopwatch();
            long storeAllocated = 0;
            var clock = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var pauseBefore = GC.GetTotalPauseDuration();
            int gen0Before = GC.CollectionCount(0), gen2Before = GC.CollectionCount(2);
            int events = 0;
            using (var store = SqliteStore.Open(path))
            {
                var batch = new List<Document>(64);
                foreach (var item in new BatchRunner(pipeline, parallelism).Run(input.Select(ReadItem.Ok)))
                {
                    if (item.Document is null) continue;
                    events += item.Document.Events.Count;
                    batch.Add(item.Document);
                    if (batch.Count == 64) storeAllocated += Store(store, batch, storeClock);
                }
                if (batch.Count > 0) storeAllocated += Store(store, batch, storeClock);
            }
            clock.Stop();
            double cpuSeconds = Math.Max(1e-6, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
            double seconds = Math.Max(1e-6, clock.Elapsed.TotalSeconds);
            long inputWords = input.Sum(a => (long)BenchmarkCorpus.CountWords(a.Text));
            figures[$"{label}_threads"] = parallelism;
            figures[$"{label}_articles_per_s"] = Math.Round(input.Count / seconds, 1);
            figures[$"{label}_words_per_s"] = Math.Round(inputWords / seconds);
            figures[$"{label}_events_per_s"] = Math.Round(events / seconds, 1);
            // per second of CPU time over all threads (GC and the store included): what the run costs, steadier
            // than the wall-clock rate when other jobs share the machine; a perfect scaling keeps it level
            figures[$"{label}_articles_per_cpu_s"] = Math.Round(input.Count / cpuSeconds, 1);
            // time every thread stood still for the garbage collector, as a share of the run, and how often it ran
            figures[$"{label}_gc_pause_pct"] = Math.Round(100 * (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds / seconds, 1);
            figures[$"{label}_gc_gen0_collections"] = GC.CollectionCount(0) - gen0Before;
            figures[$"{label}_gc_gen2_collections"] = GC.CollectionCount(2) - gen2Before;
            figures[$"{label}_stages"] = StageRows(timings.Snapshot(), inputWords, ("store", storeClock.Elapsed, input.Count, storeAllocated));
        }
        return figures;
    }

    /// <summary>Stores the batch on the clock; returns the bytes that allocated.</summary>
    private static long Store(SqliteStore store, List<Document> batch, Stopwatch clock)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        clock.Start();
        store.Store(batch);
        clock.Stop();
        batch.Clear();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>
    /// One row per stage: seconds summed over threads, the words it gets through per second of its own time
    /// (one thread's rate), and its share of the time of all the stages listed.
    /// </summary>
    internal static List<Dictionary<string, object>> StageRows(IReadOnlyList<StageTime> stages, long words, params (string Name, TimeSpan Elapsed, long Documents, long AllocatedBytes)[] extra)
    {
        var all = stages.Select(s => (Name: s.Stage, s.Elapsed, s.Documents, s.AllocatedBytes)).Concat(extra).ToList();
        double total = all.Sum(s => s.Elapsed.TotalSeconds);
        return all.Select(s => new Dictionary<string, object>
        {
            ["stage"] = s.Name,
            ["seconds"] = Math.Round(s.Elapsed.TotalSeconds, 3),
            ["words_per_s"] = s.Elapsed.TotalSeconds > 0 ? Math.Round(words / s.Elapsed.TotalSeconds) : 0,
            ["share_pct"] = total > 0 ? Math.Round(100 * s.Elapsed.TotalSeconds / total, 1) : 0,
            ["kb_allocated_per_article"] = s.Documents > 0 ? Math.Round(s.AllocatedBytes / 1024.0 / s.Documents, 1) : 0,
        }).ToList();
    }

    /// <summary>
    /// The named stages, one thread, after a warm-up: the stages before them in the default order run too (they make
    /// the layers the named ones read) but are not counted.
    /// </summary>
    private static Dictionary<string, object> Stages(List<Article> corpus, string[] names)
    {
        long words = corpus.Sum(a => (long)BenchmarkCorpus.CountWords(a.Text));
        var figures = new Dictionary<string, object> { ["articles"] = corpus.Count, ["words"] = words, ["stages"] = string.Join(',', names) };
        if (names is [ExtractStage])
        {
            var pages = corpus.Select(a => (a.Id, Bytes: Encoding.UTF8.GetBytes(BenchmarkCorpus.ToHtml(a)))).ToList();
            HtmlArticleExtractor.Extract(pages[0].Bytes, null, "warm-up", TimeSpan.FromMinutes(1)); // cold start loads the parser: no 5 s budget
            var extractClock = Stopwatch.StartNew();
            long extractedWords = 0;
            foreach (var (id, bytes) in pages) extractedWords += BenchmarkCorpus.CountWords(HtmlArticleExtractor.Extract(bytes, null, id).Text);
            extractClock.Stop();
            figures["pages"] = pages.Count;
            figures["seconds"] = Math.Round(extractClock.Elapsed.TotalSeconds, 3);
            figures["pages_per_s"] = Math.Round(pages.Count / extractClock.Elapsed.TotalSeconds, 1);
            figures["words_per_s"] = Math.Round(words / extractClock.Elapsed.TotalSeconds);
            figures["extracted_words"] = extractedWords;
            return figures;
        }
        // the stages run in the default order up to the last one named, so each gets the layers it needs; only the
        // named ones are reported, and their own clocks give the figures
        var all = DyadPipeline.CreateBuilder().Stages;
        var order = all.Select(s => s.Name).ToList();
        foreach (var name in names)
            if (!order.Contains(name))
                throw new Errors.DyadException(Errors.ErrorCode.PipelineStageUnknown, $"no stage named '{name}' (stages: {string.Join(", ", order)}, {ExtractStage})");
        int last = names.Max(n => order.IndexOf(n));
        var builder = new PipelineBuilder();
        for (int i = 0; i <= last; i++) builder.Add(all[i]);
        var timed = new HashSet<string>(names, StringComparer.Ordinal);
        figures["untimed_prerequisites"] = string.Join(',', order.Take(last + 1).Where(n => !timed.Contains(n)));
        var (pipeline, timings) = StageTimings.Wrap(builder.Build());
        pipeline.Process(new Article { Id = "warm-up", Text = corpus[0].Text, Published = corpus[0].Published });
        timings.Reset();
        // as BatchRunner runs articles: a batch at a time, one stage after another (a failure stops the benchmark, with its own stack)
        foreach (var batch in corpus.Chunk(Processing.BatchRunner.DefaultArticlesPerBatch))
            pipeline.Process([.. batch.Select(a => new Document(a))], (_, e) => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e));
        var rows = timings.Snapshot().Where(t => timed.Contains(t.Stage)).ToList();
        double seconds = rows.Sum(t => t.Elapsed.TotalSeconds);
        figures["seconds"] = Math.Round(seconds, 3);
        figures["articles_per_s"] = Math.Round(corpus.Count / seconds, 1);
        figures["words_per_s"] = Math.Round(words / seconds);
        figures["per_stage"] = StageRows(rows, words);
        return figures;
    }

    /// <summary>Streams generated articles through the online clusterer; only the time spent clustering is counted.</summary>
    private static Dictionary<string, object> Stories(List<Article> sources, int count)
    {
        var clusterer = new OnlineStoryClusterer();
        var clock = new Stopwatch();
        var progress = new List<Dictionary<string, object>>();
        int step = Math.Max(1000, count / 10), added = 0, lastAdded = 0, duplicates = 0;
        long words = 0;
        double cpu = 0;
        var lastClock = TimeSpan.Zero;
        foreach (var article in BenchmarkCorpus.StoryStream(sources, count))
        {
            words += BenchmarkCorpus.CountWords(article.Text);
            double cpuBefore = ThreadCpuClock.Seconds();
            clock.Start();
            var assignment = clusterer.Add(article);
            clock.Stop();
            cpu += ThreadCpuClock.Seconds() - cpuBefore;
            if (assignment.DuplicateOf is not null) duplicates++;
            if (++added % step == 0 || added == count)
            {
                var chunk = clock.Elapsed - lastClock;
                lastClock = clock.Elapsed;
                progress.Add(new Dictionary<string, object>
                {
                    ["articles"] = added,
                    ["articles_per_s_recent"] = Math.Round((added - lastAdded) / Math.Max(1e-6, chunk.TotalSeconds), 1),
                    ["stories"] = clusterer.Stories.Count,
                    ["open_stories"] = clusterer.OpenStories,
                    ["working_set_mb"] = Math.Round(Environment.WorkingSet / 1048576.0),
                    // live objects after a full collection: what the clusterer really keeps (outside the clock)
                    ["live_heap_mb"] = Math.Round(GC.GetTotalMemory(forceFullCollection: true) / 1048576.0),
                });
                lastAdded = added;
                // one line per tenth when logged, so a long run shows how far it got
                var line = $"{added} articles, {clusterer.Stories.Count} stories ({clusterer.OpenStories} open), {added / Math.Max(1e-6, clock.Elapsed.TotalSeconds):0} articles/s, {cpu:0.0} s CPU";
                if (Console.IsErrorRedirected) Console.Error.WriteLine(line);
                else Console.Error.Write("\r" + line);
            }
        }
        if (!Console.IsErrorRedirected) Console.Error.WriteLine();
        double seconds = Math.Max(1e-6, clock.Elapsed.TotalSeconds);
        return new Dictionary<string, object>
        {
            ["mode"] = "stories",
            ["articles"] = added,
            ["words"] = words,
            ["stories"] = clusterer.Stories.Count,
            ["duplicates"] = duplicates,
            ["seconds"] = Math.Round(seconds, 2),
            ["articles_per_s"] = Math.Round(added / seconds, 1),
            // the clustering thread's own CPU time: what the figure would be on an idle core of this machine
            ["cpu_seconds"] = Math.Round(cpu, 2),
            ["articles_per_cpu_s"] = double.IsNaN(cpu) ? 0 : Math.Round(added / Math.Max(1e-6, cpu), 1),
            ["progress"] = progress,
        };
    }

    private static void Print(Dictionary<string, object> figures)
    {
        foreach (var (name, value) in figures)
        {
            if (value is List<Dictionary<string, object>> rows)
            {
                Console.WriteLine(name);
                if (rows.Count == 0) continue;
                var keys = rows[0].Keys.ToList();
                Console.WriteLine("  " + string.Join("", keys.Select((k, i) => i == 0 ? $"{k,-12}" : $" {k,15}")));
                foreach (var row in rows)
                    Console.WriteLine("  " + string.Join("", keys.Select((k, i) =>
                    {
                        var text = Convert.ToString(row[k], CultureInfo.InvariantCulture);
                        return i == 0 ? $"{text,-12}" : $" {text,15}";
                    })));
            }
            else Console.WriteLine($"{name,-26} {Convert.ToString(value, CultureInfo.InvariantCulture)}");
        }
    }
}
