using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dyad.Output;
using Dyad.Pipeline;
using Dyad.Processing;
using Dyad.Stories;
using Dyad.Storage;
using Dyad.Stories.Clustering;
using Dyad.Stories.Timelines;
using System.Globalization;

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

    public static Command Stories()
    {
        var db = Shared.Database();
        var limit = new Option<int>("--limit") { Description = "at most this many stories", DefaultValueFactory = _ => 50 };
        var format = Shared.Format(OutputFormat.Table);
        var command = new Command("stories", "List stored stories, most recent first") { db, limit, format };
        command.SetAction(parse =>
        {
            if (!StoreFactory.Exists(parse.GetValue(db)!)) return Shared.Fail($"no database at {parse.GetValue(db)}; run 'dyad ingest' first");
            using var store = StoreFactory.Open(parse.GetValue(db)!);
            var stories = store.QueryStories(parse.GetValue(limit));
            var fmt = parse.GetValue(format);
            if (fmt == OutputFormat.Tsv) Console.WriteLine("story\tfirst\tlast\tarticles\ttitle");
            foreach (var story in stories)
            {
                switch (fmt)
                {
                    case OutputFormat.Jsonl:
                        Console.WriteLine(JsonSerializer.Serialize(new
                        {
                            story = story.Id, title = story.Title, first = Day(story.First), last = Day(story.Last),
                            articles = story.Articles, summary = story.Summary,
                        }, Json));
                        break;
                    case OutputFormat.Tsv:
                        Console.WriteLine($"{story.Id}\t{Day(story.First)}\t{Day(story.Last)}\t{story.Articles}\t{story.Title.ReplaceLineEndings(" ")}");
                        break;
                    default:
                        Console.WriteLine($"{story.Id,-28} {Day(story.First) ?? "----------"} {Day(story.Last) ?? "----------"} {story.Articles,4}  {Trim(story.Title, Math.Max(20, Shared.Width() - 62))}");
                        break;
                }
            }
            if (stories.Count == 0) Console.Error.WriteLine("no stories; 'dyad ingest' assigns them as it stores articles");
            return 0;
        });
        return command;
    }

    public static Command Story()
    {
        var db = Shared.Database();
        var id = new Argument<string>("story-id") { Description = "the story's id (see 'dyad stories')" };
        var format = Shared.Format(OutputFormat.Table);
        var command = new Command("story", "Show one story: summary, articles with their copies, merged events and timeline") { id, db, format };
        command.SetAction(parse =>
        {
            if (!StoreFactory.Exists(parse.GetValue(db)!)) return Shared.Fail($"no database at {parse.GetValue(db)}");
            using var store = StoreFactory.Open(parse.GetValue(db)!);
            var story = store.GetStory(parse.GetValue(id)!);
            if (story is null) return Shared.Fail($"no story with id '{parse.GetValue(id)}'");
            var links = store.StoryLinks(story.Id);
            var merged = store.MergedEvents(story.Id);
            if (parse.GetValue(format) == OutputFormat.Jsonl)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    story = story.Id, title = story.Title, first = Day(story.First), last = Day(story.Last), summary = story.Summary,
                    articles = links.Select(l => new { doc = l.ArticleId, duplicate_of = l.DuplicateOf, similarity = l.Similarity }),
                    events = merged.Select(e => new
                    {
                        id = e.Id, source = e.SourceCode, target = e.TargetCode, cameo = e.Cameo, quad = e.Quad, goldstein = e.Goldstein,
                        date = Day(e.Date), location = e.Location, mentions = e.Mentions, sources = e.Sources, articles = e.Articles,
                        independent = e.IndependentReports, confidence = e.Confidence, event_ids = e.EventIds,
                    }),
                }, Json));
                return 0;
            }
            Console.WriteLine(story.Title);
            Console.WriteLine($"{story.Id} · {Day(story.First) ?? "?"} – {Day(story.Last) ?? "?"} · {story.Articles} article{(story.Articles == 1 ? "" : "s")}");
            Console.WriteLine();
            foreach (var sentence in story.Summary) Console.WriteLine($"  • {sentence}");
            Console.WriteLine();
            Console.WriteLine("articles:");
            foreach (var link in links)
            {
                var article = store.GetArticle(link.ArticleId);
                Console.WriteLine($"  {link.ArticleId,-20} {Day(article?.Published) ?? "----------"} {article?.Source ?? "",-24} {(link.DuplicateOf is null ? "" : "copy of " + link.DuplicateOf + "  ")}{Trim(article?.Title, 70)}");
            }
            Console.WriteLine();
            Console.WriteLine($"{merged.Count} merged event{(merged.Count == 1 ? "" : "s")} (mentions/sources/articles, confidence):");
            foreach (var e in merged)
                Console.WriteLine($"  {Day(e.Date) ?? "----------"} {e.SourceCode ?? "-",-10} {e.Cameo,-5} {Coding.Cameo.CameoLabels.Label(e.Cameo),-32} {e.TargetCode ?? "-",-10} {e.Mentions,3}/{e.Sources}/{e.Articles}  {e.Confidence:0.00}");
            return 0;
        });
        return command;
    }

    public static Command Timeline()
    {
        var db = Shared.Database();
        var actor = new Option<string[]>("--actor") { Description = "actor code prefix; give two for a dyad (--actor RUS --actor USA)", AllowMultipleArgumentsPerToken = false };
        var storyId = new Option<string?>("--story") { Description = "the events of one story" };
        var by = new Option<TimelineBucket>("--by") { Description = "period: day, week or month", DefaultValueFactory = _ => TimelineBucket.Month };
        var format = Shared.Format(OutputFormat.Table);
        var events = new Option<bool>("--events") { Description = "list the dated events after the periods (table format)" };
        var command = new Command("timeline", "Counts by CAMEO root and QuadClass and mean Goldstein per period, for an actor, a dyad or a story")
        {
            db, actor, storyId, by, format, events,
        };
        command.SetAction(parse =>
        {
            if (!StoreFactory.Exists(parse.GetValue(db)!)) return Shared.Fail($"no database at {parse.GetValue(db)}");
            var actors = parse.GetValue(actor) ?? [];
            var story = parse.GetValue(storyId);
            if (actors.Length == 0 && story is null) return Shared.Fail("give --actor CODE (once, or twice for a dyad) or --story ID");
            if (actors.Length > 2) return Shared.Fail("--actor takes one actor or two (a dyad)");
            using var store = StoreFactory.Open(parse.GetValue(db)!);
            IEnumerable<StoredEvent> selected;
            if (story is not null)
                selected = store.StoryLinks(story).SelectMany(l => store.QueryEvents(new EventQuery { ArticleId = l.ArticleId, Limit = 100_000 }));
            else
                selected = store.QueryEvents(new EventQuery { Actor = actors[0], Limit = 100_000 });
            if (actors.Length > 0) selected = selected.Where(e => Involves(e, actors));
            var timeline = TimelineBuilder.Build(selected, parse.GetValue(by));
            var fmt = parse.GetValue(format);
            var roots = timeline.Periods.SelectMany(p => p.ByRoot.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            switch (fmt)
            {
                case OutputFormat.Jsonl:
                    foreach (var p in timeline.Periods)
                        Console.WriteLine(JsonSerializer.Serialize(new { period = p.Label, start = Day(p.Start), events = p.Events, by_root = p.ByRoot, by_quad = p.ByQuad, mean_goldstein = p.MeanGoldstein }, Json));
                    break;
                case OutputFormat.Tsv:
                    Console.WriteLine("period\tevents\t" + string.Join('\t', roots.Select(r => "root_" + r)) + "\tquad1\tquad2\tquad3\tquad4\tmean_goldstein");
                    foreach (var p in timeline.Periods)
                        Console.WriteLine($"{p.Label}\t{p.Events}\t{string.Join('\t', roots.Select(r => p.ByRoot.GetValueOrDefault(r)))}\t{string.Join('\t', p.ByQuad)}\t{p.MeanGoldstein.ToString(CultureInfo.InvariantCulture)}");
                    break;
                default:
                    Console.WriteLine($"{"period",-10} {"events",6}  {"Q1 Q2 Q3 Q4",-15} {"Goldstein",9}  roots");
                    foreach (var p in timeline.Periods)
                        Console.WriteLine($"{p.Label,-10} {p.Events,6}  {string.Join(' ', p.ByQuad.Select(q => q.ToString(CultureInfo.InvariantCulture).PadLeft(2))),-15} {p.MeanGoldstein,9:0.00}  {string.Join(' ', p.ByRoot.Select(r => $"{r.Key}:{r.Value}"))}");
                    if (parse.GetValue(events))
                    {
                        Console.WriteLine();
                        using var writer = new EventWriter(Console.Out, OutputFormat.Table, Shared.Width());
                        foreach (var e in timeline.Events) writer.Write(e);
                    }
                    break;
            }
            Console.Error.WriteLine($"{timeline.Events.Count} dated event{(timeline.Events.Count == 1 ? "" : "s")}, {timeline.Undated} undated left out");
            return 0;
        });
        return command;
    }

    /// <summary>One actor: either side matches. Two: one side matches each, in either direction.</summary>
    private static bool Involves(StoredEvent e, string[] actors)
    {
        bool Match(StoredActor? side, string code) =>
            side is not null && ((side.Code?.StartsWith(code, StringComparison.OrdinalIgnoreCase) ?? false) || string.Equals(side.Country, code, StringComparison.OrdinalIgnoreCase));
        if (actors.Length == 1) return Match(e.Source, actors[0]) || Match(e.Target, actors[0]);
        return (Match(e.Source, actors[0]) && Match(e.Target, actors[1])) || (Match(e.Source, actors[1]) && Match(e.Target, actors[0]));
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record ClusterLine(
        [property: System.Text.Json.Serialization.JsonPropertyName("doc")] string Doc,
        [property: System.Text.Json.Serialization.JsonPropertyName("story")] string Story,
        [property: System.Text.Json.Serialization.JsonPropertyName("duplicate_of")] string? DuplicateOf);

    private static string Trim(string? text, int width) =>
        text is null ? "" : text.Length <= width ? text : text[..(width - 1)] + "…";
}
