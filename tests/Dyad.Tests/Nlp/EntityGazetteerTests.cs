using Dyad.Nlp.Entities;
using Dyad.Nlp.Models;
using Dyad.Nlp.Tagging;

namespace Dyad.Tests.Nlp;

public class EntityGazetteerTests
{
    private static ulong[] Lower(params string[] words) => [.. words.Select(w => FeatureHash.OfLower(w))];

    private static EntityGazetteer Small() => new(
        new Dictionary<ulong, byte>
        {
            [EntityGazetteer.KeyOf(Lower("New", "York"))] = (byte)EntityGazetteer.Kinds.Location,
            [EntityGazetteer.KeyOf(Lower("New", "York", "Times"))] = (byte)EntityGazetteer.Kinds.Organisation,
            [EntityGazetteer.KeyOf(Lower("York"))] = (byte)EntityGazetteer.Kinds.Location,
        },
        new Dictionary<ulong, byte>
        {
            [FeatureHash.OfLower("new")] = (byte)(EntityGazetteer.Kinds.Location | EntityGazetteer.Kinds.Organisation),
            [FeatureHash.OfLower("york")] = (byte)(EntityGazetteer.Kinds.Location | EntityGazetteer.Kinds.Organisation),
            [FeatureHash.OfLower("times")] = (byte)EntityGazetteer.Kinds.Organisation,
        });

    private static (ulong[] Match, ulong[] Part) Describe(EntityGazetteer g, params string[] sentence)
    {
        var words = sentence.Select(w => WordInfo.Of(w)).ToArray();
        var match = new ulong[words.Length];
        var part = new ulong[words.Length];
        g.Describe(words, match, part);
        return (match, part);
    }

    [Fact]
    public void TheLongestNameWinsAndEachWordKnowsItsPlaceInIt()
    {
        var (match, part) = Describe(Small(), "the", "New", "York", "Times", "said");
        Assert.Equal(0UL, match[0]);
        Assert.Equal(0UL, match[4]);
        // all three words carry the organisation kind, with begin, inside and last positions
        for (int i = 1; i <= 3; i++) Assert.Equal((ulong)EntityGazetteer.Kinds.Organisation, (match[i] >> 8) & 0xFF);
        Assert.Equal([1UL, 2UL, 3UL], match[1..4].Select(m => (m >> 4) & 0xF));
        Assert.Equal(3UL, part[2]);
        Assert.Equal(2UL, part[3]);
        Assert.Equal(0UL, part[0]);
    }

    [Fact]
    public void ANameStopsAtAWordNoLongerNameKnows()
    {
        // "york" is a name word, "city" is not: "New York" is found, not cut short or run on
        var (match, _) = Describe(Small(), "New", "York", "City", "Times");
        Assert.Equal((ulong)EntityGazetteer.Kinds.Location, (match[0] >> 8) & 0xFF);
        Assert.Equal([1UL, 3UL], match[0..2].Select(m => (m >> 4) & 0xF));
        Assert.Equal(0UL, match[2]);
        Assert.Equal(0UL, match[3]);
    }

    [Fact]
    public void CaseIsIgnoredForMatchingButRecorded()
    {
        var (upper, _) = Describe(Small(), "in", "New", "York");
        var (lower, _) = Describe(Small(), "in", "new", "york");
        Assert.Equal((ulong)EntityGazetteer.Kinds.Location, (lower[1] >> 8) & 0xFF);
        Assert.Equal(1UL, upper[1] & 1);
        Assert.Equal(0UL, lower[1] & 1);
    }

    [Fact]
    public void ShippedRecogniserCarriesDyadsOwnNames()
    {
        var recognizer = TestModels.Models.EntityRecognizer;
        Assert.True(recognizer.Gazetteer.NameCount > 10_000);
        var words = new[] { "He", "flew", "to", "Kabul", "." }.Select(w => recognizer.Describe(w)).ToArray();
        var match = new ulong[words.Length];
        recognizer.Gazetteer.Describe(words, match, new ulong[words.Length]);
        Assert.NotEqual(0UL, match[3] & ((ulong)EntityGazetteer.Kinds.Location << 8));
        // a name of several words is found only if the builder made each of its words a name word
        words = new[] { "at", "the", "United", "Nations", "in", "New", "York" }.Select(w => recognizer.Describe(w)).ToArray();
        match = new ulong[words.Length];
        recognizer.Gazetteer.Describe(words, match, new ulong[words.Length]);
        Assert.Equal([1UL, 3UL], match[2..4].Select(m => (m >> 4) & 0xF));
        Assert.Equal([1UL, 3UL], match[5..7].Select(m => (m >> 4) & 0xF));
    }
}
