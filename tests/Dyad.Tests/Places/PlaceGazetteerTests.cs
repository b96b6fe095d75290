using Dyad.Places;

namespace Dyad.Tests.Places;

public class PlaceGazetteerTests
{
    [Fact]
    public void LoadsCountriesRegionsAndCities()
    {
        var gazetteer = PlaceGazetteer.Shared;
        Assert.Contains(gazetteer.Find("Syria").ToArray(), e => e.Kind == PlaceKind.Country && e.Country == "SYR");
        Assert.Contains(gazetteer.Find("Texas").ToArray(), e => e.Kind == PlaceKind.Region && e.Admin1 == "TX");
        var homs = Assert.Single(gazetteer.Find("Homs").ToArray(), e => e.Kind == PlaceKind.City);
        Assert.Equal("SYR", homs.Country);
        Assert.True(homs.Population > 100_000);
        Assert.NotNull(homs.GeonameId);
    }

    [Theory]
    [InlineData("Geneva", "CHE")]
    [InlineData("geneve", "CHE")]
    [InlineData("Kiev", "UKR")]
    [InlineData("Raqqa", "SYR")]
    [InlineData("U.S.", "USA")]
    [InlineData("Britain", "GBR")]
    public void FindsNamesCaseAndAccentInsensitively(string name, string country) =>
        Assert.Contains(PlaceGazetteer.Shared.Find(name).ToArray(), e => e.Country == country);

    [Fact]
    public void ReadsDemonymsAndStateAbbreviations()
    {
        Assert.Equal("SYR", PlaceGazetteer.Shared.CountryOfDemonym("Syrian")?.Country);
        Assert.Equal("FL", PlaceGazetteer.Shared.RegionOfAbbreviation("Fla.")?.Admin1);
        Assert.Null(PlaceGazetteer.Shared.RegionOfAbbreviation("in"));
    }

    [Theory]
    // first-level divisions outside the US, Canada and Australia, and places that are no city or country
    [InlineData("Kerala", "IND")]
    [InlineData("Sindh", "PAK")]
    [InlineData("Helmand", "AFG")]
    [InlineData("Xinjiang", "CHN")]
    [InlineData("Bavaria", "DEU")]
    [InlineData("Tigray", "ETH")]
    [InlineData("North Kivu", "COD")]
    [InlineData("Suez Canal", "EGY")]
    public void KnowsDivisionsAndFeaturesAsRegions(string name, string country) =>
        Assert.Contains(PlaceGazetteer.Shared.Find(name).ToArray(), e => e.Kind == PlaceKind.Region && e.Country == country);

    [Fact]
    public void SeasAndStraitsBelongToNoCountry()
    {
        var hormuz = Assert.Single(PlaceGazetteer.Shared.Find("Strait of Hormuz").ToArray());
        Assert.Equal(PlaceKind.Region, hormuz.Kind);
        Assert.Null(hormuz.Country);
        Assert.InRange(hormuz.Lat, 26, 27.5);
    }

    [Theory]
    // a division's code is its capital's admin1 code, so "City, Division" can find the city
    [InlineData("Kerala", "IND", "Thiruvananthapuram")]
    [InlineData("Bavaria", "DEU", "Munich")]
    [InlineData("Sindh", "PAK", "Karachi")]
    public void DivisionCodeIsItsCapitalsAdmin1(string division, string country, string capital)
    {
        var region = Assert.Single(PlaceGazetteer.Shared.Find(division).ToArray(), e => e.Kind == PlaceKind.Region && e.Country == country);
        Assert.Contains(PlaceGazetteer.Shared.Find(capital).ToArray(), e => e.Kind == PlaceKind.City && e.Country == country && e.Admin1 == region.Admin1);
    }

    [Fact]
    public void UnknownNameGivesNothing() => Assert.True(PlaceGazetteer.Shared.Find("Qwxzzy").IsEmpty);
}
