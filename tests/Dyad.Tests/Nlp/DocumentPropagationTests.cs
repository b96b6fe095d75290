using Dyad.Nlp.Entities;
using Dyad.Nlp.Models;
using Dyad.Nlp.Tagging;

namespace Dyad.Tests.Nlp;

public class DocumentPropagationTests
{
    /// <summary>Sentences joined into one flat word array with their start offsets (plus the end).</summary>
    private static (WordInfo[] Words, int[] Starts) Document(params string[] sentences)
    {
        var split = sentences.Select(s => s.Split(' ')).ToArray();
        var starts = new int[split.Length + 1];
        for (int i = 0; i < split.Length; i++) starts[i + 1] = starts[i] + split[i].Length;
        return ([.. split.SelectMany(s => s).Select(w => WordInfo.Of(w))], starts);
    }

    [Fact]
    public void ANameFoundOnceIsLabelledAtItsOtherCapitalisedOccurrences()
    {
        var (words, starts) = Document("Google Maps is down", "I asked Google Maps and google maps", "Now Google works");
        var spans = new List<(int Start, int End, string Type)> { (0, 2, "ORG") };
        int added = DocumentPropagation.Propagate(words, starts, spans);
        // "Google Maps" in sentence two; not the lower-case "google maps", and not "Google" alone (another name)
        Assert.Equal(1, added);
        Assert.Contains((6, 8, "ORG"), spans);
        Assert.Equal(2, spans.Count);
    }

    [Fact]
    public void ANameFoundWholeReplacesThePartOfItFoundElsewhere()
    {
        var (words, starts) = Document("Foreign Minister Wang Yi spoke", "Wang Yi met Lavrov");
        var spans = new List<(int Start, int End, string Type)> { (2, 4, "PER"), (6, 7, "PER") };
        int added = DocumentPropagation.Propagate(words, starts, spans);
        Assert.Equal(1, added);
        Assert.Equal([(2, 4, "PER"), (5, 7, "PER")], spans.OrderBy(s => s.Start));
    }

    [Fact]
    public void APartOfAnotherTypeIsNotReplaced()
    {
        // "Indiana" found as a place is not made part of a person named "Indiana Wang", nor is a span reaching past the name
        var (words, starts) = Document("Indiana Wang spoke", "Indiana Wang met Lavrov", "Indiana Wang Jones left");
        var spans = new List<(int Start, int End, string Type)> { (0, 2, "PER"), (3, 4, "LOC"), (8, 10, "PER") };
        DocumentPropagation.Propagate(words, starts, spans);
        // (the third sentence's "Indiana", left out, is labelled as the place found in the second)
        Assert.Equal([(0, 2, "PER"), (3, 4, "LOC"), (7, 8, "LOC"), (8, 10, "PER")], spans.OrderBy(s => s.Start));
    }

    [Fact]
    public void APlaceRightBeforeAnOrganisationOpensItsName()
    {
        var (words, starts) = Document("the United States Department of Housing said", "US officials met Hamas leaders", "In Kosovo . Liberation Army");
        // joined: adjacent place and organisation; kept apart: words or a stop between them
        var spans = new List<(int Start, int End, string Type)> { (1, 3, "LOC"), (3, 6, "ORG"), (7, 8, "LOC"), (9, 10, "ORG"), (13, 14, "LOC"), (15, 17, "ORG") };
        DocumentPropagation.Propagate(words, starts, spans);
        Assert.Equal([(1, 6, "ORG"), (7, 8, "LOC"), (9, 10, "ORG"), (13, 14, "LOC"), (15, 17, "ORG")], spans.OrderBy(s => s.Start));
        // an organisation before a place, a person before an organisation, or a place ending the sentence before
        // one that opens with an organisation stays as it was
        (words, starts) = Document("Hamas Gaza said", "Smith Reuters wrote", "He flew to Kosovo", "Liberation Army fighters left");
        spans = [(0, 1, "ORG"), (1, 2, "LOC"), (3, 4, "PER"), (4, 5, "ORG"), (9, 10, "LOC"), (10, 12, "ORG")];
        DocumentPropagation.Propagate(words, starts, spans);
        Assert.Equal([(0, 1, "ORG"), (1, 2, "LOC"), (3, 4, "PER"), (4, 5, "ORG"), (9, 10, "LOC"), (10, 12, "ORG")], spans.OrderBy(s => s.Start));
    }

    [Fact]
    public void APlaceJoinedIntoAnOrganisationIsNotCarriedOnAsAPlace()
    {
        // "Dorvale" (place) + "Inc." (organisation) are one organisation; the lone "Dorvale" later is not a place
        var (words, starts) = Document("Dorvale Inc. struck", "Few remember Dorvale now");
        var spans = new List<(int Start, int End, string Type)> { (0, 1, "LOC"), (1, 2, "ORG") };
        DocumentPropagation.Propagate(words, starts, spans);
        Assert.Equal([(0, 2, "ORG")], spans);
    }

    [Fact]
    public void ANameTheTablesKnowOnlyAsAnOrganisationIsOne()
    {
        static ulong Key(params string[] words) => EntityGazetteer.KeyOf([.. words.Select(w => FeatureHash.OfLower(w))]);
        var gazetteer = new EntityGazetteer(
            new Dictionary<ulong, byte>
            {
                [Key("Washington", "Post")] = (byte)EntityGazetteer.Kinds.Organisation,
                [Key("Washington")] = (byte)EntityGazetteer.Kinds.Location,
                [Key("Jordan")] = (byte)EntityGazetteer.Kinds.Location,
                [Key("Georgia")] = (byte)(EntityGazetteer.Kinds.Location | EntityGazetteer.Kinds.Organisation),
            },
            new Dictionary<ulong, byte>());
        var (words, starts) = Document("The Washington Post said", "Jordan scored in Washington", "Georgia won");
        var spans = new List<(int Start, int End, string Type)> { (1, 3, "LOC"), (4, 5, "PER"), (7, 8, "LOC"), (8, 9, "PER") };
        DocumentPropagation.Propagate(words, starts, spans, gazetteer);
        // only towards organisations, and only for names known as nothing else
        Assert.Equal([(1, 3, "ORG"), (4, 5, "PER"), (7, 8, "LOC"), (8, 9, "PER")], spans.OrderBy(s => s.Start));
    }

    [Fact]
    public void ASurnameAloneAfterThePersonsFullNameIsThatPerson()
    {
        // a known place name as a surname: "Paris" typed a place where it stands alone becomes the person
        var (words, starts) = Document("Valeska Paris left the group", "Paris said she was held", "In Paris Hilton spoke");
        var spans = new List<(int Start, int End, string Type)> { (0, 2, "PER"), (5, 6, "LOC"), (11, 13, "PER") };
        DocumentPropagation.Propagate(words, starts, spans);
        Assert.Equal([(0, 2, "PER"), (5, 6, "PER"), (11, 13, "PER")], spans.OrderBy(s => s.Start));
        // a name given in full as something else, and a one-word name of another word, keep their types
        (words, starts) = Document("The Paris Agreement held", "Paris said no", "Valeska Paris left");
        spans = [(1, 3, "ORG"), (4, 5, "LOC"), (7, 9, "PER")];
        DocumentPropagation.Propagate(words, starts, spans);
        Assert.Equal([(1, 3, "ORG"), (4, 5, "PER"), (7, 9, "PER")], spans.OrderBy(s => s.Start));
        (words, starts) = Document("Valeska Paris left", "Brussels said no");
        spans = [(0, 2, "PER"), (3, 4, "LOC")];
        DocumentPropagation.Propagate(words, starts, spans);
        Assert.Equal([(0, 2, "PER"), (3, 4, "LOC")], spans.OrderBy(s => s.Start));
    }

    [Fact]
    public void ExistingSpansAreKeptAndNotOverlapped()
    {
        var (words, starts) = Document("Paris Hilton visited Paris", "Paris is big");
        var spans = new List<(int Start, int End, string Type)> { (0, 2, "PER"), (3, 4, "LOC") };
        DocumentPropagation.Propagate(words, starts, spans);
        Assert.Equal([(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC")], spans);
    }

    [Fact]
    public void ANameTypedOneWayTwiceTakesThatTypeWhereItWasTypedOtherwise()
    {
        var (words, starts) = Document("Talks in Belgrade failed", "Belgrade said no", "Holbrooke left Belgrade", "Jordan met Jordan");
        var spans = new List<(int Start, int End, string Type)> { (2, 3, "LOC"), (4, 5, "LOC"), (9, 10, "PER"), (10, 11, "PER"), (12, 13, "LOC") };
        DocumentPropagation.Propagate(words, starts, spans);
        Assert.Contains((9, 10, "LOC"), spans);
        // one against one is a tie: each "Jordan" keeps its own type
        Assert.Contains((10, 11, "PER"), spans);
        Assert.Contains((12, 13, "LOC"), spans);
    }

    [Fact]
    public void AKnownPlaceIsNotTurnedIntoAPersonByTheMajority()
    {
        var (words, starts) = Document("Georgia said no", "Georgia left", "Troops entered Georgia");
        var spans = new List<(int Start, int End, string Type)> { (0, 1, "PER"), (3, 4, "PER"), (7, 8, "LOC") };
        DocumentPropagation.Propagate(words, starts, spans, TestModels.Models.EntityRecognizer.Gazetteer);
        Assert.Contains((7, 8, "LOC"), spans);
        // without the gazetteer the majority wins
        var bare = new List<(int Start, int End, string Type)> { (0, 1, "PER"), (3, 4, "PER"), (7, 8, "LOC") };
        DocumentPropagation.Propagate(words, starts, bare);
        Assert.Contains((7, 8, "PER"), bare);
    }

    [Fact]
    public void ANameWithTiedTypesIsNotCarried()
    {
        var (words, starts) = Document("Jordan said", "in Jordan", "Jordan again");
        var spans = new List<(int Start, int End, string Type)> { (0, 1, "PER"), (3, 4, "LOC") };
        Assert.Equal(0, DocumentPropagation.Propagate(words, starts, spans));
        Assert.Equal(2, spans.Count);
    }

    /// <summary>The words of the sentences, flat, as the token-text accessor the stage gives.</summary>
    private static DocumentPropagation.TokenText TextOf(params string[] sentences)
    {
        var flat = sentences.SelectMany(s => s.Split(' ')).ToArray();
        return t => flat[t];
    }

    [Fact]
    public void AnAcronymInParenthesesTakesTheTypeOfTheNameBeforeIt()
    {
        string[] text = ["The World Health Organisation ( WHO ) said so", "Later WHO added more", "Rapid Support Forces ( RSF ) fought"];
        var (words, starts) = Document(text);
        // the long form found: the acronym gets its type and is then carried to "WHO" in the next sentence; only the
        // acronym found: the long form takes its type in place of the part ("Rapid" as a place) found inside it
        var spans = new List<(int Start, int End, string Type)> { (1, 4, "ORG"), (13, 14, "LOC"), (17, 18, "ORG") };
        DocumentPropagation.Propagate(words, starts, spans, null, TextOf(text));
        Assert.Equal([(1, 4, "ORG"), (5, 6, "ORG"), (10, 11, "ORG"), (13, 16, "ORG"), (17, 18, "ORG")], spans.OrderBy(s => s.Start));
        // without the accessor (or with it) nothing happens when the letters do not match, or neither is found
        text = ["The World Health Organisation ( UN ) said", "Basic Travel Allowance ( BTA ) rose"];
        (words, starts) = Document(text);
        spans = [(1, 4, "ORG")];
        DocumentPropagation.Propagate(words, starts, spans, null, TextOf(text));
        Assert.Equal([(1, 4, "ORG")], spans);
    }

    [Fact]
    public void AnAcronymMayCountTheConnectivesOfTheName()
    {
        string[] text = ["the Housing Authority of New Orleans ( HANO ) met", "Bank of America ( BOA ) fell"];
        var (words, starts) = Document(text);
        var spans = new List<(int Start, int End, string Type)> { (1, 6, "ORG"), (10, 13, "ORG") };
        DocumentPropagation.Propagate(words, starts, spans, null, TextOf(text));
        Assert.Equal([(1, 6, "ORG"), (7, 8, "ORG"), (10, 13, "ORG"), (14, 15, "ORG")], spans.OrderBy(s => s.Start));
    }

    [Fact]
    public void ACompanyDesignatorAfterACommaJoinsTheName()
    {
        string[] text = ["sent to CCNG , Inc. today", "Acme Widgets , Ltd. said", "in Paris , Inc. is a word", "Smith , Jones and Co. left"];
        var (words, starts) = Document(text);
        // the designator alone found, or the name before the comma: one organisation through the designator; a
        // span reaching across the name (here "Inc. is") or neither part found stays as it was
        var spans = new List<(int Start, int End, string Type)> { (4, 5, "ORG"), (6, 8, "PER"), (12, 13, "LOC"), (14, 16, "ORG") };
        DocumentPropagation.Propagate(words, starts, spans, null, TextOf(text));
        Assert.Equal([(2, 5, "ORG"), (6, 10, "ORG"), (12, 13, "LOC"), (14, 16, "ORG")], spans.OrderBy(s => s.Start));
    }
}

public class EntityRecognizerFileTests
{
    private static EntityRecognizer Recognizer(Dictionary<ulong, uint> clusters) => new(
        new LinearModel(["O", "U-PER"], [EntityFeatures.Bias], [0, 1], [0], [1f]),
        new Dictionary<ulong, ulong> { [FeatureHash.OfLower("smith")] = 7 }, EntityGazetteer.Empty, clusters);

    private static byte[] Bytes(EntityRecognizer r)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) r.Write(w);
        return stream.ToArray();
    }

    private static EntityRecognizer Read(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        return EntityRecognizer.Read(r);
    }

    [Fact]
    public void WordClustersSurviveWriteAndRead()
    {
        var clusters = new Dictionary<ulong, uint> { [FeatureHash.OfLower("google")] = 5 | (2 << 16), [FeatureHash.OfLower("the")] = 1 | (1 << 16) };
        var read = Read(Bytes(Recognizer(clusters)));
        Assert.Equal(clusters.OrderBy(p => p.Key), read.Clusters.OrderBy(p => p.Key));
        var found = new uint[2];
        read.ClustersOf([WordInfo.Of("Google"), WordInfo.Of("unknownword")], found);
        Assert.Equal([5u | (2u << 16), 0u], found);
    }

    [Fact]
    public void AFileWrittenBeforeWordClustersReadsWithNone()
    {
        var bytes = Bytes(Recognizer([]));
        // the older layout ended after the gazetteer, without the cluster count
        var read = Read(bytes[..^4]);
        Assert.Empty(read.Clusters);
        Assert.Single(read.Lexicon);
    }

    [Fact]
    public void ClusterFeaturesAreExtractedOnlyWhenTheModelHasClusters()
    {
        var words = new[] { WordInfo.Of("Google"), WordInfo.Of("said") };
        var tags = new ulong[2];
        var names = new ulong[2];
        Span<ulong> features = stackalloc ulong[EntityFeatures.MaxFeatures];
        int without = EntityFeatures.Extract(new EntityFeatures.Context(words, tags, names, names, []), 0, -1, -2, features);
        int with = EntityFeatures.Extract(new EntityFeatures.Context(words, tags, names, names, [3u, 4u]), 0, -1, -2, features);
        Assert.True(with > without);
        Assert.True(with <= EntityFeatures.MaxFeatures);
    }
}
