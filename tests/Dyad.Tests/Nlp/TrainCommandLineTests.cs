using Dyad.Training;

namespace Dyad.Tests.Nlp;

/// <summary>`dyad train`'s command line: help, and mistakes refused with a message before any work starts.</summary>
public class TrainCommandLineTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Help_lists_every_command_and_succeeds()
    {
        var (code, output, error) = Run("--help");
        Assert.Equal(0, code);
        Assert.Empty(error);
        foreach (var command in new[] { "tagger", "lemmatizer", "parser", "ner", "all", "eval", "news", "speed", "dev-ner" })
            Assert.Contains($"  {command} ", output);
    }

    [Theory]
    [InlineData(new[] { "nerx" }, "unknown command 'nerx'")]
    [InlineData(new[] { "ner", "--seed", "x" }, "--seed needs a whole number")]
    [InlineData(new[] { "ner", "--seed" }, "option --seed needs a value")]
    [InlineData(new[] { "ner", "--epochs", "3" }, "unknown option --epochs")]
    [InlineData(new[] { "ner", "--data", "/nonexistent/treebanks", "--models", "/nonexistent/models" }, "/nonexistent/treebanks does not exist")]
    public void Mistakes_are_refused_with_a_message_and_exit_code_2(string[] args, string message)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, error);
    }

    [Fact]
    public void No_command_prints_the_usage_as_an_error()
    {
        var (code, _, error) = Run();
        Assert.Equal(2, code);
        Assert.StartsWith("usage: dyad train COMMAND", error);
    }
}
