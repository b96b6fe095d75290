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

    [Fact]
    public void UnknownNameGivesNothing() => Assert.True(PlaceGazetteer.Shared.Find("Qwxzzy").IsEmpty);
}
