using Dyad.Nlp.Lemmatization;

namespace Dyad.Tests.Nlp;

public class IrregularVerbsTests
{
    [Theory]
    [InlineData("froze", "freeze")]
    [InlineData("overthrew", "overthrow")]
    [InlineData("forbade", "forbid")]
    [InlineData("withdrawn", "withdraw")]
    [InlineData("Fled", "flee")]
    [InlineData("left", "leave")]
    public void GivesTheBaseOfPastAndParticipleForms(string form, string expected) =>
        Assert.Equal(expected, IrregularVerbs.BaseOf(form));

    [Theory]
    [InlineData("lay")]      // past of "lie" but a verb of its own
    [InlineData("walked")]   // regular
    [InlineData("take")]     // already a base
    public void GivesNothingForBasesRegularOrAmbiguousForms(string form) => Assert.Null(IrregularVerbs.BaseOf(form));

    [Fact]
    public void KnowsSimplePastsButNotParticiples()
    {
        Assert.True(IrregularVerbs.IsPast("fled"));
        Assert.True(IrregularVerbs.IsPast("were"));
        Assert.False(IrregularVerbs.IsPast("frozen"));
        Assert.False(IrregularVerbs.IsPast("freeze"));
    }

    [Theory]
    // forms the suffix rules mangled ("fled" → "fl") or kept, under the tags the tagger gives unseen verbs
    [InlineData("fled", "VBD", "flee")]
    [InlineData("froze", "VB", "freeze")]
    [InlineData("overthrew", "VBP", "overthrow")]
    [InlineData("forbade", "VBD", "forbid")]
    public void LemmatiserTakesUnseenIrregularVerbsFromTheTable(string form, string xpos, string expected) =>
        Assert.Equal(expected, TestModels.Models.Lemmatizer.Lemmatize(form, xpos));

    [Fact]
    public void AdjectivesKeepTheirForm() => Assert.Equal("frozen", TestModels.Models.Lemmatizer.Lemmatize("frozen", "JJ"));
}
