using Dyad.Coding.Events;
using Dyad.Documents;
using Dyad.Pipeline;

namespace Dyad.Tests.Coding;

/// <summary>
/// The coder reads a predicate through a wrong lemma: the lemmatiser's guess for an unseen form is replaced, for
/// matching only, by the first reading of the surface form that heads a dictionary entry. Each test gives the
/// predicate a bad lemma by hand, so it holds whatever the shipped lemmatiser guesses.
/// </summary>
public class EventCoderLemmaRepairTests
{
    private static readonly DateOnly Published = new(2015, 9, 29);

    private static List<string> Code(string text, string word, string? lemma)
    {
        var doc = DyadPipeline.Default.Process(new Article { Id = "t", Text = text, Published = Published });
        int t = Enumerable.Range(0, doc.TokenCount).First(i => doc.TokenSpan(i).SequenceEqual(word));
        if (lemma is not null) doc.Lemma[t] = lemma;
        doc.Events.Clear();
        new EventCoder().Process(doc);
        return doc.Events.Select(e => $"{e.Source.Country ?? e.Source.Name} {e.Cameo} {(e.Target is null ? "-" : e.Target.Country ?? e.Target.Name)}").ToList();
    }

    [Theory]
    [InlineData("Russia threatened Ukraine on Monday.", "threatened", "threatene")] // "ed" → ""
    [InlineData("Russia is threatening Ukraine.", "threatening", "threatenin")] // "ing" → ""
    [InlineData("Russia threatens Ukraine.", "threatens", "threatenss")] // "s" → ""
    [InlineData("Russia accused Ukraine of shelling.", "accused", "accuse_")] // "ed" → "e"
    [InlineData("Russia is feuding with Ukraine.", "feuding", "feude")] // the guess the lemmatiser once made
    [InlineData("Russia is banning Ukraine from the talks.", "banning", "bann")] // doubled final consonant
    public void A_wrong_lemma_is_read_through_the_surface_form(string text, string word, string wrongLemma)
    {
        var repaired = Code(text, word, wrongLemma);
        Assert.NotEmpty(repaired);
        Assert.Equal(Code(text, word, null), repaired);
    }

    [Fact]
    public void A_word_that_no_reading_makes_a_head_codes_nothing()
    {
        // "table" heads no entry under any of its readings, so no lemma makes it a predicate
        Assert.Empty(Code("Russia tabled Ukraine.", "tabled", "tabl"));
    }
}
