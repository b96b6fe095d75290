using Dyad.Coding.Events.Dictionary;
using Dyad.Errors;

namespace Dyad.Tests.Cameo;

public class ModalityCuesTests
{
    private static readonly ModalityCues Cues = ModalityCues.Default;

    [Theory]
    [InlineData("he be expect to soften his stance", 1, ModalityKind.Expectation, 3)]
    [InlineData("putin be due to meet obama", 1, ModalityKind.Expectation, 3)]
    [InlineData("they do not meet", 2, ModalityKind.Negation, 1)]
    [InlineData("they will meet", 1, ModalityKind.Intent, 1)]
    [InlineData("they will not abandon taiwan", 1, ModalityKind.Refusal, 2)]
    [InlineData("moscow plan to send troop", 1, ModalityKind.Intent, 2)]
    [InlineData("the alleged violation", 1, ModalityKind.Hedge, 1)]
    [InlineData("assad must go", 1, ModalityKind.Obligation, 1)]
    [InlineData("it could not be confirm", 1, ModalityKind.Hedge, 4)]
    public void Longest_cue_at_a_position(string sentence, int index, ModalityKind kind, int length)
    {
        var match = Cues.Match(sentence.Split(' '), index);
        Assert.NotNull(match);
        Assert.Equal(kind, match.Cue.Kind);
        Assert.Equal(length, match.Span.Length);
    }

    [Fact]
    public void FindAll_walks_a_clause_without_overlaps()
    {
        var found = Cues.FindAll("russia reportedly will not be able to meet".Split(' '));
        Assert.Equal([ModalityKind.Hedge, ModalityKind.Refusal, ModalityKind.Possibility], found.Select(f => f.Cue.Kind));
        Assert.Empty(Cues.FindAll("obama meet putin".Split(' ')));
    }

    [Fact]
    public void Every_kind_has_cues()
    {
        foreach (var kind in Enum.GetValues<ModalityKind>())
            Assert.Contains(Cues.Cues, c => c.Kind == kind);
    }

    [Fact]
    public void Parse_rejects_an_unknown_kind()
    {
        var error = Assert.Throws<DyadException>(() => ModalityCues.Parse("cue\tkind\tnotes\nnot\tdoubt\t\n", "m.tsv"));
        Assert.Equal(ErrorCode.DataFormat, error.Code);
    }
}
