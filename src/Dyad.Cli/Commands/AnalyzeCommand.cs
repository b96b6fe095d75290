using System.CommandLine;
using System.Globalization;
using Dyad.Documents;
using Dyad.Pipeline;

namespace Dyad.Cli.Commands;

/// <summary><c>dyad analyze</c>: every layer of one text, token by token — what the event coder saw and why it decided.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("text") { Description = "text to analyse (default: standard input)", Arity = ArgumentArity.ZeroOrOne };
        var published = new Option<string?>("--published") { Description = "publication date, YYYY-MM-DD", HelpName = "DATE" };
        var command = new Command("analyze", "Show every annotation layer of a text: tokens, tags, parse, entities, times, places, actors, events") { text, published };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(text) ?? Console.In.ReadToEnd();
            DateOnly? day = null;
            if (parse.GetValue(published) is { } p)
            {
                if (!DateOnly.TryParseExact(p, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return Shared.Fail($"--published takes YYYY-MM-DD, not '{p}'");
                day = d;
            }
            var doc = DyadPipeline.Default.Process(new Article { Id = "input", Text = input, Published = day });
            Console.Write(Render(doc));
            return 0;
        });
        return command;
    }

    public static string Render(Document doc)
    {
        var w = new StringWriter();
        foreach (var removed in doc.Removed)
            w.WriteLine($"removed line {removed.Line} ({removed.Reason}): {doc.Text.Substring(removed.Span.Start, removed.Span.Length).ReplaceLineEndings(" ")}");
        foreach (var sentence in doc.Sentences())
        {
            w.WriteLine($"# sentence {sentence.Index}: {sentence.Text.ReplaceLineEndings(" ")}");
            for (int t = sentence.FirstToken; t < sentence.EndToken; t++)
            {
                var token = doc.TokenAt(t);
                var head = token.Head < 0 ? 0 : token.Head - sentence.FirstToken + 1;
                var entity = doc.Entities.FirstOrDefault(e => e.FirstToken <= t && t < e.EndToken)?.Label ?? "";
                var actor = doc.Actors.FirstOrDefault(a => a.FirstToken <= t && t < a.EndToken);
                w.WriteLine($"{t - sentence.FirstToken + 1,3} {token.Text,-16} {token.Upos,-6} {token.Xpos,-5} {token.Lemma,-14} {head,3} {token.Relation,-12} {entity,-7} {(actor is null ? "" : actor.Code ?? actor.Name)}");
            }
        }
        w.WriteLine();
        w.WriteLine($"published: {doc.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown"} {doc.PublishedClue?.Kind}");
        foreach (var time in doc.Times) w.WriteLine($"time  {time.Text,-24} {time.Type,-9} {time.Value}");
        foreach (var place in doc.Places) w.WriteLine($"place {doc.Text[place.Span.Start..place.Span.End],-24} {place.Name}, {place.Country} ({place.Lat:0.00}, {place.Lon:0.00})");
        foreach (var a in doc.Actors) w.WriteLine($"actor {a.Text,-32} {a.Code,-10} {a.Country,-4} {a.Role,-4} {a.Name}  [{a.Why}]");
        foreach (var e in doc.Events)
            w.WriteLine($"event {e.Source.Name} ({e.Source.Code}) {e.Cameo} → {e.Target?.Name ?? "-"} ({e.Target?.Code}) date {e.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"} {(e.Negated ? "NEGATED " : "")}{e.Modality} [{e.Entry}] «{doc.Text[e.Predicate.Start..e.Predicate.End]}»");
        return w.ToString();
    }
}
