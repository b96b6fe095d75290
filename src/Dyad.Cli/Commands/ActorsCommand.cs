using System.CommandLine;
using System.Globalization;
using Dyad.Coding.Actors;
using Dyad.Documents;

namespace Dyad.Cli.Commands;

/// <summary>
/// <c>dyad actors [file] [--date yyyy-MM-dd]</c>: codes the actors in a text (a file, or standard input) and
/// prints one mention a line — text, code, country, role, kind, canonical name and the reason — so the actor
/// tables can be checked by hand.
/// </summary>
public static class ActorsCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "Text file to read; standard input when left out", Arity = ArgumentArity.ZeroOrOne };
        var date = new Option<string?>("--date") { Description = "Article date (yyyy-MM-dd) that decides who held which office" };
        var command = new Command("actors", "Code the political actors mentioned in a text");
        command.Arguments.Add(file);
        command.Options.Add(date);
        command.SetAction(parse =>
        {
            var input = parse.GetValue(file);
            string text = input is null ? Console.In.ReadToEnd() : File.ReadAllText(input.FullName);
            DateOnly? published = null;
            if (parse.GetValue(date) is { } d)
            {
                if (!DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    Console.Error.WriteLine($"--date: '{d}' is not a yyyy-MM-dd date");
                    return 2;
                }
                published = day;
            }
            var document = new Document(new Article { Id = input?.Name ?? "stdin", Text = text, Published = published });
            SimpleTokenizer.Tokenize(document);
            new ActorCodingStage().Process(document);
            foreach (var m in document.Actors)
                Console.WriteLine(string.Join('\t', m.Text.ReplaceLineEndings(" "), m.Code ?? "-", m.Country ?? "-", m.Role ?? "-", m.Kind, m.Name, m.Why));
            return 0;
        });
        return command;
    }
}
