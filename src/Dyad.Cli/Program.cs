using System.CommandLine;
using Dyad.Cli.Commands;
using Dyad.Errors;

namespace Dyad.Cli;

public static class Program
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("Dyad: political event data from news articles — who did what to whom, when and where.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(ExtractCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(QueryCommands.Events());
        root.Subcommands.Add(QueryCommands.Search());
        root.Subcommands.Add(QueryCommands.Show());
        root.Subcommands.Add(CleanCommand.Create());
        root.Subcommands.Add(TimeCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(PlacesCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ActorsCommand.Create());
        root.Subcommands.Add(NlpCommand.Create());
        root.Subcommands.Add(StoryCommands.Cluster());
        root.Subcommands.Add(StoryCommands.Stories());
        root.Subcommands.Add(StoryCommands.Story());
        root.Subcommands.Add(StoryCommands.Timeline());
        root.Subcommands.Add(QueueCommands.Enqueue());
        root.Subcommands.Add(QueueCommands.Worker());
        root.Subcommands.Add(QueueCommands.Status());
        root.Subcommands.Add(ExportCommand.Create());
        return root;
    }

    public static int Main(string[] args)
    {
        Console.OutputEncoding = new System.Text.UTF8Encoding(false);
        try
        {
            // Dyad's own errors reach the catch below and print as one line; System.CommandLine's default handler
            // would print them as a crash with a stack trace
            return CreateRoot().Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (DyadException e)
        {
            Console.Error.WriteLine($"dyad: {e.Message}");
            return 1;
        }
        catch (Exception e)
        {
            // a bug, not bad input: the whole exception, for the report
            Console.Error.WriteLine($"dyad: unexpected error: {e}");
            return 1;
        }
    }
}
