using System.CommandLine;
using System.Globalization;
using System.Text;
using Dyad.Output;
using Dyad.Storage;

namespace Dyad.Cli.Commands;

internal static class QueryCommands
{
    public static Command Events()
    {
        var db = Shared.Database();
        var filters = new EventFilterOptions();
        var limit = new Option<int>("--limit") { Description = "at most this many events", DefaultValueFactory = _ => 100 };
        var format = Shared.Format(OutputFormat.Table);
        var command = new Command("events", "List stored events, filtered") { db };
        filters.AddTo(command);
        command.Options.Add(limit);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            if (!StoreFactory.Exists(parse.GetValue(db)!)) return Shared.Fail($"no database at {parse.GetValue(db)}; run 'dyad ingest' or 'dyad demo' first");
            EventQuery query;
            try { query = filters.Query(parse) with { Limit = parse.GetValue(limit) }; }
            catch (ArgumentException e) { return Shared.Fail(e.Message); }
            using var store = StoreFactory.Open(parse.GetValue(db)!);
            using var writer = new EventWriter(Console.Out, parse.GetValue(format), Shared.Width());
            foreach (var e in store.QueryEvents(query)) writer.Write(e);
            if (writer.Written == 0) Console.Error.WriteLine("no events match");
            return 0;
        });
        return command;
    }

    public static Command Search()
    {
        var db = Shared.Database();
        var text = new Argument<string>("query") { Description = "words to find; \"quoted phrases\" stay together" };
        var limit = new Option<int>("--limit") { Description = "at most this many articles", DefaultValueFactory = _ => 20 };
        var command = new Command("search", "Full-text search over stored articles, with highlighted snippets") { text, db, limit };
        command.SetAction(parse =>
        {
            if (!StoreFactory.Exists(parse.GetValue(db)!)) return Shared.Fail($"no database at {parse.GetValue(db)}");
            using var store = StoreFactory.Open(parse.GetValue(db)!);
            var hits = store.Search(parse.GetValue(text)!, parse.GetValue(limit));
            bool color = !Console.IsOutputRedirected;
            foreach (var hit in hits)
            {
                Console.WriteLine($"{hit.Id}  {hit.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "----------"}  {hit.Title}");
                var snippet = hit.Snippet.ReplaceLineEndings(" ");
                if (color) snippet = snippet.Replace("[", "\u001b[1;33m").Replace("]", "\u001b[0m");
                Console.WriteLine($"    {snippet}");
            }
            Console.Error.WriteLine($"{hits.Count} article{(hits.Count == 1 ? "" : "s")}");
            return 0;
        });
        return command;
    }

    public static Command Show()
    {
        var db = Shared.Database();
        var id = new Argument<string>("article-id") { Description = "the article's id (see 'dyad search' or 'dyad events --format jsonl')" };
        var command = new Command("show", "Show one article with its events marked and the noise that was dropped") { id, db };
        command.SetAction(parse =>
        {
            if (!StoreFactory.Exists(parse.GetValue(db)!)) return Shared.Fail($"no database at {parse.GetValue(db)}");
            using var store = StoreFactory.Open(parse.GetValue(db)!);
            var article = store.GetArticle(parse.GetValue(id)!);
            if (article is null) return Shared.Fail($"no article with id '{parse.GetValue(id)}'");
            var events = store.QueryEvents(new EventQuery { ArticleId = article.Id, Limit = 10_000 });
            Console.Write(Render(article, events, !Console.IsOutputRedirected));
            return 0;
        });
        return command;
    }

    /// <summary>The article text with predicates in [brackets], sources in «», targets in ‹›, and dropped lines listed.</summary>
    public static string Render(StoredArticle article, IReadOnlyList<StoredEvent> events, bool color)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{article.Title}");
        sb.AppendLine($"id {article.Id} · published {article.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown"} · {article.Source ?? article.Origin}");
        sb.AppendLine();
        var marks = new List<(int At, int Order, string Text)>();
        foreach (var e in events)
        {
            Add(e.Source.Start, e.Source.End, color ? "\u001b[1;34m" : "«", color ? "\u001b[0m" : "»");
            Add(e.PredicateStart, e.PredicateEnd, color ? "\u001b[1;31m" : "[", color ? "\u001b[0m" : $"]{{{e.Cameo}}}");
            if (e.Target is { } t) Add(t.Start, t.End, color ? "\u001b[1;32m" : "‹", color ? "\u001b[0m" : "›");
        }
        void Add(int? start, int? end, string open, string close)
        {
            if (start is not int s || end is not int x || x <= s || x > article.Text.Length) return;
            if (marks.Any(m => m.At == s && m.Order == 1)) return;
            marks.Add((s, 1, open));
            marks.Add((x, 0, close));
        }
        var removed = article.Removed.OrderBy(r => r.Span.Start).ToList();
        int pos = 0;
        foreach (var (at, _, text) in marks.OrderBy(m => m.At).ThenBy(m => m.Order))
        {
            if (at < pos) continue;
            sb.Append(article.Text, pos, at - pos).Append(text);
            pos = at;
        }
        sb.Append(article.Text, pos, article.Text.Length - pos).AppendLine().AppendLine();
        sb.AppendLine($"{events.Count} event{(events.Count == 1 ? "" : "s")}:");
        foreach (var e in events)
        {
            sb.AppendLine($"  {e.Source.Name ?? e.Source.Text} ({e.Source.Code}) {e.Cameo} {Coding.Cameo.CameoLabels.Label(e.Cameo)} → {e.Target?.Name ?? e.Target?.Text ?? "-"} ({e.Target?.Code}) {e.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}  [{e.Entry}]");
            // why each actor got its code: the knowledge-base entry or the rule
            sb.AppendLine($"      source: {e.Source.Why}{(e.Target is { } t ? $"  · target: {t.Why}" : "")}");
        }
        if (removed.Count > 0)
        {
            sb.AppendLine().AppendLine($"{removed.Count} block{(removed.Count == 1 ? "" : "s")} dropped as noise:");
            foreach (var r in removed)
            {
                var text = article.Text.Substring(r.Span.Start, Math.Min(r.Span.Length, 70)).ReplaceLineEndings(" ");
                sb.AppendLine($"  line {r.Line,4}  {r.Reason,-18} {text}");
            }
        }
        return sb.ToString();
    }
}
