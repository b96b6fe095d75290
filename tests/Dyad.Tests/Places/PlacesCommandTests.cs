using System.Text.Json;
using Dyad.Tests.Cli;

namespace Dyad.Tests.Places;

public class PlacesCommandTests
{
    private static List<JsonElement> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public void PipelineModeResolvesTheRecognisersPlaceSpans()
    {
        using var tmp = new TempFolder();
        var file = Path.Combine(tmp.Path, "article.txt");
        File.WriteAllText(file, "Fighting spreads in Helmand\n\nTaliban fighters attacked police posts in Helmand on Monday, officials in Kabul said. "
            + "Ships waiting in the Strait of Hormuz were not affected.");
        var result = CliRunner.Run(tmp.Path, "places", "--pipeline", file);
        Assert.True(result.ExitCode == 0, result.Error);
        var places = Lines(result.Out);
        Assert.Contains(places, p => p.GetProperty("text").GetString() == "Kabul" && p.GetProperty("country").GetString() == "AFG");
        Assert.Contains(places, p => p.GetProperty("text").GetString() == "Helmand" && p.GetProperty("country").GetString() == "AFG");
        // offsets point into the file's text, headline included
        var text = File.ReadAllText(file);
        Assert.All(places, p => Assert.Equal(p.GetProperty("text").GetString(),
            text[p.GetProperty("start").GetInt32()..p.GetProperty("end").GetInt32()]));
    }

    [Fact]
    public void GivenSpansAndPipelineTogetherAreRefused()
    {
        using var tmp = new TempFolder();
        var file = Path.Combine(tmp.Path, "article.txt");
        File.WriteAllText(file, "Talks in Vienna ended.");
        var result = CliRunner.Run(tmp.Path, "places", "--pipeline", "--given-spans", file);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--given-spans and --pipeline", result.Error);
    }
}
