using System.CommandLine;
using Dyad.Cli.Commands;

namespace Dyad.Tests.Actors;

public class ActorsCommandTests
{
    [Fact]
    public void Prints_one_line_per_mention_coded_for_the_given_date()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dyad-actors-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "Barack Obama met Russian officials.");
        var output = new StringWriter();
        var saved = Console.Out;
        try
        {
            Console.SetOut(output);
            var root = new RootCommand { ActorsCommand.Create() };
            int code = root.Parse(["actors", path, "--date", "2019-01-01"]).Invoke();
            Assert.Equal(0, code);
        }
        finally
        {
            Console.SetOut(saved);
            File.Delete(path);
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Barack Obama\tUSAELI\tUSA\t-\tPerson", lines[0]);
        Assert.StartsWith("Russian officials\tRUSGOV\tRUS\tGOV\tState", lines[1]);
    }
}
