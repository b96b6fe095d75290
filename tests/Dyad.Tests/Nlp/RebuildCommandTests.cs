using Dyad.Training;

namespace Dyad.Tests.Nlp;

/// <summary>The command a model's manifest entry gives for rebuilding it bit for bit.</summary>
public class RebuildCommandTests
{
    [Fact]
    public void Training_switches_come_first_in_name_order_and_the_default_seed_is_left_out()
    {
        var command = TrainingContext.RebuildCommand("parser", TrainingContext.DefaultSeed,
            [("PARSER_SEEDS", "3"), ("HOME", "/root"), ("PARSER_PSEUDO_PROJECTIVE", "1"), ("DYAD_JACKKNIFE_CACHE", "/tmp/j.tags")]);
        Assert.Equal("PARSER_PSEUDO_PROJECTIVE=1 PARSER_SEEDS=3 ./dyad train parser", command);
    }

    [Fact]
    public void Switches_that_only_score_or_dump_are_left_out_and_another_seed_is_given()
    {
        var command = TrainingContext.RebuildCommand("ner", 7,
            [("NER_DUMP", "/tmp/errors.txt"), ("NER_BEAM", "8"), ("NER_BEAMS", "1,2"), ("PARSER_CHECKPOINTS", "8,10")]);
        Assert.Equal("NER_BEAM=8 ./dyad train ner --seed 7", command);
    }
}
