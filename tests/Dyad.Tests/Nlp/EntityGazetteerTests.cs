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

    private static readonly Lazy<EntityGazetteer> Built = new(Dyad.Training.EntityGazetteerBuilder.Build);

    [Theory]
    [InlineData("Federal Reserve")]
    [InlineData("Department of Housing and Urban Development")]
    [InlineData("Washington Post")]
    [InlineData("Bharatiya Janata Party")]
    public void TheBuilderTakesTheOrganisationList(string name)
    {
        var kinds = Built.Value.KindsOf(EntityGazetteer.KeyOf(Lower(name.Split(' '))));
        Assert.True((kinds & EntityGazetteer.Kinds.Organisation) != 0, $"{name}: {kinds}");
    }

    [Fact]
    public void TheShippedRecogniserWasTrainedWithTheOrganisationList()
    {
        var shipped = TestModels.Models.EntityRecognizer.Gazetteer;
        foreach (var name in new[] { "Bharatiya Janata Party", "Centers for Disease Control and Prevention", "Sydney Morning Herald" })
            Assert.True((shipped.KindsOf(EntityGazetteer.KeyOf(Lower(name.Split(' ')))) & EntityGazetteer.Kinds.Organisation) != 0, name);
    }

    [Fact]
    public void TheOrganisationListIsCapitalisedAndHasNoNameTwice()
    {
        var assembly = typeof(Dyad.Training.EntityGazetteerBuilder).Assembly;
        using var stream = assembly.GetManifestResourceStream("Gazetteer/organisation-names.tsv");
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            foreach (var name in line.Split('|'))
            {
                count++;
                Assert.False(string.IsNullOrWhiteSpace(name), $"empty name in '{line}'");
                Assert.True(char.IsUpper(name[0]) || char.IsDigit(name[0]) || name.StartsWith("iHeart", StringComparison.Ordinal),
                    $"'{name}' does not start with a capital");
                Assert.True(seen.Add(name), $"'{name}' is listed twice");
            }
        }
        Assert.True(count > 1000, $"{count} names");
    }
}
