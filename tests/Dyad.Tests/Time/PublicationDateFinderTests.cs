using Dyad.Time;

namespace Dyad.Tests.Time;

public class PublicationDateFinderTests
{
    private const string Filler = "A caption that runs on for a while so that the standalone date is well past the first few hundred characters of the article, "
        + "as happens when photo captions and credits come first in an extracted page, and the leading-date rule does not reach it.";

    [Theory]
    [InlineData("Kerry, Lavrov talk Syria\nLast Updated : Jul 14 2016 | 3:08 PM IST\nSecretary of State John Kerry said", "2016-07-14", "byline-updated")]
    [InlineData("First Published: Sep 28 2015 11:02 PM\nLast Updated: Sep 29 2015 01:00 AM\nText", "2015-09-28", "byline-published")]
    [InlineData("China warns US\nPublished: 0419 GMT July 14, 2019\nBeijing said", "2019-07-14", "byline-published")]
    [InlineData("Monday 16 Aug 2021\nKabul airport was overrun", "2021-08-16", "date-line")]
    [InlineData("Kabul falls. Monday 16 Aug 2021 was a dark day for the city", "2021-08-16", "leading-date")]
    [InlineData(" date 2021-06-16\nGeneva summit ends", "2021-06-16", "leading-date")]
    [InlineData("WASHINGTON, Sep 17 (Reuters) - Kerry said the 2015 refugee crisis", "2015-09-17", "dateline")]
    [InlineData("Yemen talks end\nFILE PHOTO: A convoy near Hodeidah, Yemen November 23, 2018. Picture taken November 23, 2018.\n" + Filler + "\nDecember 13, 2018\nBy Aziz\nRIMBO, Sweden (Reuters) - Yemen's parties agreed", "2018-12-13", "date-line")]
    [InlineData("Washington, Sep 17 (IANS) - Kerry said. In 2014 and 2015 talks stalled; 2015 was hard.", "2015-09-17", "dateline")]
    public void FindsTheDateInTheText(string text, string date, string kind)
    {
        var (found, clue) = PublicationDateFinder.Find(text, null);
        Assert.Equal(DateOnly.Parse(date), found);
        Assert.Equal(kind, clue?.Kind);
        Assert.False(string.IsNullOrWhiteSpace(clue?.Evidence));
    }

    [Theory]
    [InlineData("https://www.stabroeknews.com/2015/07/13/news/iran-deal/", "2015-07-13")]
    [InlineData("https://www.abc.net.au/news/2017-08-07/tillerson-lavrov/8780000", "2017-08-07")]
    [InlineData("https://example.com/world/20180612/singapore-summit", "2018-06-12")]
    [InlineData("https://www.stabroeknews.com/2015/news/world/07/13/iran-powers-nearing-nuclear-deal/", "2015-07-13")]
    public void ReadsDatedUrlPaths(string url, string date)
    {
        var (found, clue) = PublicationDateFinder.Find("Leaders met to discuss the deal.", url);
        Assert.Equal(DateOnly.Parse(date), found);
        Assert.Equal("url", clue?.Kind);
    }

    [Fact]
    public void BylineBeatsUrl()
    {
        var (found, _) = PublicationDateFinder.Find("Published: July 14, 2019\nText", "https://x.com/2019/07/13/a");
        Assert.Equal(new DateOnly(2019, 7, 14), found);
    }

    [Theory]
    [InlineData("Leaders met to discuss the deal.", null)]
    [InlineData("WASHINGTON, Sep 17 (Reuters) - Kerry said talks went well.", null)]
    [InlineData("The plant made 2000 cars.", "https://x.com/world/story-123")]
    public void ReturnsNullWithoutAClue(string text, string? url)
    {
        var (found, clue) = PublicationDateFinder.Find(text, url);
        Assert.Null(found);
        Assert.Null(clue);
    }
}
