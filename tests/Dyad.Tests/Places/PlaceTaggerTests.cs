using Dyad.Documents;
using Dyad.Places;
using Dyad.Tests.Time;

namespace Dyad.Tests.Places;

public class PlaceTaggerTests
{
    private static List<PlaceMention> Tag(string text)
    {
        var document = TimeTestDocuments.Build(text);
        new PlaceTagger().Process(document);
        return document.Places;
    }

    private static PlaceMention Find(List<PlaceMention> places, string text) =>
        places.FirstOrDefault(p => p.Name == text || p.Name.StartsWith(text, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no place '{text}' among: {string.Join(", ", places.Select(p => p.Name + "/" + p.Country))}");

    [Theory]
    // Georgia: the country, unless the article is about US places
    [InlineData("Russian troops stayed in Georgia after the war.", "Georgia", "GEO")]
    [InlineData("Officials in Atlanta and Savannah said flooding hit Georgia and Alabama.", "Georgia", "USA")]
    // Paris: France by population, Texas when the text says so
    [InlineData("Leaders gathered in Paris for the climate talks.", "Paris", "FRA")]
    [InlineData("The storm damaged homes in Paris, Texas on Sunday.", "Paris", "USA")]
    // Tripoli: Libya's capital, Lebanon's city when the article is about Lebanon
    [InlineData("Militias clashed in Tripoli overnight.", "Tripoli", "LBY")]
    [InlineData("Clashes in Beirut spread to Tripoli in northern Lebanon, while Sidon stayed calm.", "Tripoli", "LBN")]
    // Jordan: the country
    [InlineData("Refugees crossed into Jordan from Syria.", "Jordan", "JOR")]
    // Washington: the US capital, the state when so called
    [InlineData("Lavrov flew to Washington for talks.", "Washington", "USA")]
    [InlineData("Wildfires spread across Washington state and Oregon.", "Washington State", "USA")]
    public void ResolvesAmbiguousNames(string text, string name, string country)
    {
        var place = Find(Tag(text), name);
        Assert.Equal(country, place.Country);
    }

    [Fact]
    public void WashingtonIsTheCapitalNotTheState()
    {
        var place = Find(Tag("Lavrov flew to Washington for talks."), "Washington");
        Assert.Equal("DC", place.Admin1);
        Assert.InRange(place.Lat!.Value, 38.5, 39.2);
    }

    [Fact]
    public void NeighbouringCountryNarrowsTheCity()
    {
        var places = Tag("Jets struck near Latakia, Syria, and in Idlib.");
        var latakia = Find(places, "Latakia");
        Assert.Equal("SYR", latakia.Country);
        Assert.NotNull(latakia.GeonameId);
        Assert.Contains(places, p => p.Name == "Syria" && p.Country == "SYR");
    }

    [Theory]
    // Hyderabad is a city of India's Telangana and of Pakistan's Sindh; the division after it says which
    [InlineData("Floods cut power in Hyderabad, Sindh on Tuesday.", "PAK")]
    [InlineData("Floods cut power in Hyderabad, Telangana on Tuesday.", "IND")]
    public void DivisionAfterACityPicksTheCityInIt(string text, string country)
    {
        var places = Tag(text);
        Assert.Equal(country, Find(places, "Hyderabad").Country);
        Assert.Contains(places, p => p.GeonameId == null && p.Country == country && (p.Name == "Sindh" || p.Name == "Telangana"));
    }

    [Fact]
    public void StateAbbreviationAfterACityPicksTheState()
    {
        var places = Tag("The fire started in Gainesville, Fla. on Monday. Crews from Gainesville stayed overnight.");
        Assert.All(places.Where(p => p.Name == "Gainesville"), p => Assert.Equal("FL", p.Admin1));
        Assert.Equal(2, places.Count(p => p.Name == "Gainesville"));
    }

    [Fact]
    public void DirectionalPhraseKeepsTheDirectionInTheSpan()
    {
        const string text = "Government forces advanced in northern Homs on Sunday.";
        var homs = Find(Tag(text), "Homs");
        Assert.Equal("northern Homs", text[homs.Span.Start..homs.Span.End]);
        Assert.Equal("SYR", homs.Country);
    }

    [Fact]
    public void DirectionThatIsPartOfTheNameIsKept()
    {
        var places = Tag("Coal mines closed in West Virginia.");
        Assert.Equal("West Virginia", Assert.Single(places).Name);
    }

    [Fact]
    public void DatelineIsAPlace()
    {
        var places = Tag("KANDAHAR, Aug 12 (Reuters) - Fighting continued.");
        Assert.Equal("AFG", Find(places, "Kandah").Country);
    }

    [Theory]
    [InlineData("The Washington Post reported the deal.")]
    [InlineData("Paris Hilton arrived late.")]
    [InlineData("Ships sailed the Gulf of Maine's colder waters.")]
    public void PartsOfLongerNamesAreNotPlaces(string text) => Assert.Empty(Tag(text));

    [Fact]
    public void ASeaIsOnePlaceNotTheCountryInItsName()
    {
        var place = Assert.Single(Tag("Ships sailed the Gulf of Mexico."));
        Assert.Equal("Gulf of Mexico", place.Name);
        Assert.Null(place.Country);
    }

    [Fact]
    public void UsesEntitySpansWhenTheEntityLayerIsPresent()
    {
        var document = TimeTestDocuments.Build("Talks in Vienna ended while Syrian delegates waited in Geneva.");
        int vienna = TimeTestDocuments.TokenIndex(document, "Vienna");
        int syrian = TimeTestDocuments.TokenIndex(document, "Syrian");
        document.Entities.Add(new EntitySpan(vienna, vienna + 1, "GPE"));
        document.Entities.Add(new EntitySpan(syrian, syrian + 1, "NORP"));
        document.MarkPresent(Layers.Entities);
        new PlaceTagger().Process(document);
        var place = Assert.Single(document.Places);
        Assert.Equal("Vienna", place.Name);
        Assert.Equal("AUT", place.Country);
    }

    [Fact]
    public void IsAPlacesStage()
    {
        var stage = new PlaceTagger();
        Assert.Equal("places", stage.Name);
        Assert.Equal(Layers.Tokens | Layers.Sentences, stage.Requires);
        Assert.Equal(Layers.Places, stage.Produces);
    }
}
