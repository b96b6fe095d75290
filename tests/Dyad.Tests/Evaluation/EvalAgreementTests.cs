using Xunit.Abstractions;

namespace Dyad.Tests.Evaluation;

/// <summary><c>dyad eval</c> must print what the reference scorer prints for the same system events.</summary>
public class EvalAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public void Dyad_eval_and_the_python_scorer_agree_on_the_dev_set()
    {
        var dev = Repo.Shared(output, "eval/dev");
        var scorer = Repo.Shared(output, "eval/score_events.py");
        if (dev is null || scorer is null) return;
        using var tmp = new TempFolder();
        var saved = Path.Combine(tmp.Path, "system.jsonl");
        var result = Cli.CliRunner.Run(tmp.Path, "eval", dev, "--save", saved);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(new FileInfo(saved).Length > 0, "the pipeline wrote no events for the dev set");
        var python = EventScorerTests.RunPython(scorer, dev, saved);
        if (python is null) { output.WriteLine("SKIP: python3 is not available"); return; }
        output.WriteLine(result.Out);
        Assert.Equal(python.TrimEnd(), result.Out.TrimEnd());
    }
}
