using Dyad.Stories.Dedup;

namespace Dyad.Tests.Stories;

public class NearDuplicateFinderTests
{
    private const string Wire =
        "A massive fire engulfed the upper reaches of the old cathedral on Monday as it was undergoing renovations, threatening one of the " +
        "great architectural treasures of the city as tourists and residents looked on aghast from the streets below. The blaze collapsed " +
        "the spire and spread to one of the landmark towers, but the fire chief said the structure had been saved after firefighters managed " +
        "to stop the flames spreading to the northern belfry. The mayor called it a terrible fire and asked people to respect the security perimeter.";

    private const string Rewrite =
        "PARIS -- A fire engulfed the upper reaches of the old cathedral on Monday as it was undergoing renovations, threatening one of the " +
        "great architectural treasures of the city as tourists and residents looked on from the streets below. The blaze collapsed " +
        "the spire and spread to one of the landmark towers, but the Fire Chief said the structure had been saved after firefighters managed " +
        "to stop the flames spreading to the northern belfry. Officials said the cause was not yet known.";

    private const string Independent =
        "Firefighters in the capital fought through the night to save the cathedral, whose wooden roof was lost to flames on Monday evening. " +
        "Crowds gathered along the river and sang hymns as the spire fell. The president promised that the building would be rebuilt and " +
        "called on the nation to contribute, while investigators began to question workers from the renovation company about the cause.";

    [Fact]
    public void A_light_rewrite_is_linked_to_the_first_copy()
    {
        var finder = new NearDuplicateFinder();
        Assert.Null(finder.Add("a", Wire));
        var link = finder.Add("b", Rewrite);
        Assert.NotNull(link);
        Assert.Equal("a", link.CanonicalId);
        Assert.Equal("a", finder.CanonicalOf("b"));
    }

    [Fact]
    public void An_independent_report_of_the_same_event_is_not_a_copy()
    {
        var finder = new NearDuplicateFinder();
        finder.Add("a", Wire);
        Assert.Null(finder.Add("c", Independent, alsoCompare: ["a"]));
        Assert.Equal("c", finder.CanonicalOf("c"));
    }

    [Fact]
    public void A_copy_of_a_copy_points_to_the_canonical_article()
    {
        var finder = new NearDuplicateFinder();
        finder.Add("a", Wire);
        finder.Add("b", Rewrite);
        var link = finder.Add("c", Rewrite + " Photos of the scene were shared widely.");
        Assert.Equal("a", link?.CanonicalId);
    }

    [Fact]
    public void Shingles_ignore_case_and_punctuation()
    {
        Assert.Equal(Shingles.Of("The Fire, said the chief: it is out now and safe again."), Shingles.Of("the fire said the Chief -- it is out now and safe again"));
        var overlap = ShingleOverlap.Of(Shingles.Of(Wire), Shingles.Of(Independent));
        Assert.True(overlap.Resemblance < 0.05, $"resemblance {overlap.Resemblance}");
    }

    [Fact]
    public void MinHash_estimates_resemblance()
    {
        var minHash = new MinHash(bands: 64, rowsPerBand: 2);
        var a = Shingles.Of(Wire);
        Assert.Equal(1.0, MinHash.Estimate(minHash.Signature(a), minHash.Signature(a)));
        double exact = ShingleOverlap.Of(a, Shingles.Of(Rewrite)).Resemblance;
        double estimate = MinHash.Estimate(minHash.Signature(a), minHash.Signature(Shingles.Of(Rewrite)));
        Assert.InRange(estimate, exact - 0.15, exact + 0.15);
    }
}
