using Dyad.Documents;
using Dyad.Nlp.Tokenization;

namespace Dyad.Tests.Nlp;

public class NewsTokenizerTests
{
    private static string[] Tokens(string text)
    {
        var t = NewsTokenizer.Tokenize(text);
        return Enumerable.Range(0, t.Count).Select(i => text[t.Starts[i]..t.Ends[i]]).ToArray();
    }

    private static string[] Sentences(string text)
    {
        var t = NewsTokenizer.Tokenize(text);
        var result = new List<string>();
        int start = -1;
        for (int i = 0; i <= t.Count; i++)
        {
            if (i == t.Count || t.SentenceStarts[i])
            {
                if (start >= 0) result.Add(text[t.Starts[start]..t.Ends[i - 1]]);
                start = i;
            }
        }
        return [.. result];
    }

    [Theory]
    [InlineData("Russia's army", "Russia|'s|army")]
    [InlineData("Russia\u2019s army", "Russia|\u2019s|army")]
    [InlineData("They don't know", "They|do|n't|know")]
    [InlineData("I can't, we won't", "I|ca|n't|,|we|wo|n't")]
    [InlineData("we'll see, they're here, I'm sure", "we|'ll|see|,|they|'re|here|,|I|'m|sure")]
    [InlineData("O'Neill met the protesters' leaders", "O'Neill|met|the|protesters|'|leaders")]
    [InlineData("Mr. Putin and Dr. Smith", "Mr.|Putin|and|Dr.|Smith")]
    [InlineData("the U.S. and the U.N. agreed", "the|U.S.|and|the|U.N.|agreed")]
    [InlineData("on Sept. 12, Gen. Mark A. Milley said", "on|Sept.|12|,|Gen.|Mark|A.|Milley|said")]
    [InlineData("a $1.2bn deal", "a|$|1.2|bn|deal")]
    [InlineData("7.6 million people and 220,000 troops", "7.6|million|people|and|220,000|troops")]
    [InlineData("\u201cWe will fight,\u201d he said", "\u201c|We|will|fight|,|\u201d|he|said")]
    [InlineData("Gaza \u2014 Israeli strikes", "Gaza|\u2014|Israeli|strikes")]
    [InlineData("pages 10\u201312", "pages|10|\u2013|12")]
    [InlineData("see https://example.com/a?b=1. Then", "see|https://example.com/a?b=1|.|Then")]
    [InlineData("mail press@un.org today", "mail|press@un.org|today")]
    [InlineData("a well-known pro-Kremlin site", "a|well|-|known|pro|-|Kremlin|site")]
    [InlineData("in the 1990s and on the 21st day", "in|the|1990s|and|on|the|21st|day")]
    [InlineData("AT&T cannot pay 5%", "AT&T|can|not|pay|5|%")]
    [InlineData("Wait... what?!", "Wait|...|what|?!")]
    public void SplitsTokensTheUdWay(string text, string expected)
        => Assert.Equal(expected.Split('|'), Tokens(text));

    [Fact]
    public void OffsetsPointIntoTheText()
    {
        const string text = "  Russia\u2019s army, said Mr. Putin.\n";
        var t = NewsTokenizer.Tokenize(text);
        Assert.Equal(2, t.Starts[0]);
        Assert.Equal("Russia", text[t.Starts[0]..t.Ends[0]]);
        Assert.Equal(t.Ends[0], t.Starts[1]);
        Assert.Equal(text.LastIndexOf('.'), t.Starts[t.Count - 1]);
    }

    [Fact]
    public void AWireDatelineIsAFragmentOfItsOwn()
    {
        Assert.Equal(["KABUL \u2014", "The Taliban attacked a second city on Sunday."],
            Sentences("KABUL \u2014 The Taliban attacked a second city on Sunday."));
        Assert.Equal(["RIMBO, Sweden (Reuters) \u2013", "Yemen's warring parties agreed to a ceasefire."],
            Sentences("RIMBO, Sweden (Reuters) \u2013 Yemen's warring parties agreed to a ceasefire."));
        Assert.Equal(["WASHINGTON, Sept 17 (AP) -", "The Senate voted."], Sentences("WASHINGTON, Sept 17 (AP) - The Senate voted."));
    }

    [Fact]
    public void ADashInsideASentenceIsNoDateline()
    {
        Assert.Single(Sentences("The talks \u2014 which began on Monday \u2014 ended."));
        Assert.Single(Sentences("Russia and Ukraine \u2014 both at war \u2014 met."));
        Assert.Single(Sentences("NATO allies \u2014 led by the US \u2014 agreed."));
    }

    [Fact]
    public void AbbreviationsDoNotEndSentences()
        => Assert.Equal(["Mr. Smith met Gen. Jones in the U.S. capital on Sept. 3.", "The talks failed."],
            Sentences("Mr. Smith met Gen. Jones in the U.S. capital on Sept. 3. The talks failed."));

    [Fact]
    public void A_lower_case_sentence_after_a_plain_stop_or_question_mark_starts_its_own_sentence()
    {
        Assert.Equal(["no pet is easy to care for.", "they all need love."], Sentences("no pet is easy to care for. they all need love."));
        Assert.Equal(["any lounges?", "im 15 btw"], Sentences("any lounges? im 15 btw"));
        Assert.Equal(["great food!!", "will go again"], Sentences("great food!! will go again"));
    }

    [Fact]
    public void A_lower_case_word_after_a_quoted_question_an_ellipsis_or_an_abbreviation_goes_on()
    {
        Assert.Single(Sentences("\"Why now?\" asked the minister."));
        Assert.Single(Sentences("The food was beautiful... and cheap."));
        Assert.Single(Sentences("They sell tea, coffee, etc. and cakes."));
        Assert.Single(Sentences("They met U.S. officials."));
    }

    [Fact]
    public void AbbreviationAtSentenceEndBeforeAStarter()
        => Assert.Equal(["He moved to the U.S.", "The move was quick."], Sentences("He moved to the U.S. The move was quick."));

    [Fact]
    public void ClosingQuoteStaysWithItsSentence()
        => Assert.Equal(["\u201cWe will not leave.\u201d", "He said so."], Sentences("\u201cWe will not leave.\u201d He said so."));

    [Fact]
    public void StraightQuotesAfterTheStop()
        => Assert.Equal(["\"We will not leave.\"", "He said so."], Sentences("\"We will not leave.\" He said so."));

    [Fact]
    public void HeadlineAndCaptionLinesEndSentences()
        => Assert.Equal(["Protests spread across Iran", "Police fire tear gas", "Thousands marched on Monday."],
            Sentences("Protests spread across Iran\nPolice fire tear gas\nThousands marched on Monday."));

    [Fact]
    public void HardWrappedLineEndingInCommaContinues()
        => Assert.Equal(["The minister said,\non Monday, that talks would resume."],
            Sentences("The minister said,\non Monday, that talks would resume."));

    [Fact]
    public void BlankLineAlwaysEndsASentence()
        => Assert.Equal(["Officials met on,", "and"], Sentences("Officials met on,\n\nand"));

    [Fact]
    public void BulletsStartSentences()
        => Assert.Equal(["Key points:", "\u2022 Troops withdrew", "\u2022 Talks resume"],
            Sentences("Key points:\n\u2022 Troops withdrew\n\u2022 Talks resume"));

    [Fact]
    public void LowercaseAfterStopDoesNotSplit()
        => Assert.Equal(["It rose 3.5 per cent. to 12 points."], Sentences("It rose 3.5 per cent. to 12 points."));

    [Fact]
    public void RemovedBlocksAreSkippedAndBreakSentences()
    {
        const string text = "Troops advanced\nADVERTISEMENT\non the town.";
        int start = text.IndexOf("ADVERTISEMENT", StringComparison.Ordinal);
        var t = NewsTokenizer.Tokenize(text, [new CharSpan(start, start + "ADVERTISEMENT".Length)]);
        var tokens = Enumerable.Range(0, t.Count).Select(i => text[t.Starts[i]..t.Ends[i]]).ToArray();
        Assert.DoesNotContain("ADVERTISEMENT", tokens);
        Assert.True(t.SentenceStarts[Array.IndexOf(tokens, "on")]);
    }

    [Fact]
    public void StageFillsTokensAndSentences()
    {
        var document = new Document(new Article { Id = "t", Text = "Kyiv was shelled. Russia denied it." });
        new TokenizerStage().Process(document);
        Assert.True(document.Has(Layers.Tokens | Layers.Sentences));
        Assert.Equal(2, document.SentenceCount);
        Assert.Equal("Russia denied it.", document.SentenceAt(1).Text);
    }
}
