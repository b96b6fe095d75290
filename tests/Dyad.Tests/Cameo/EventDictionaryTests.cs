using Dyad.Coding.Cameo;
using Dyad.Coding.Events.Dictionary;
using Dyad.Errors;

namespace Dyad.Tests.Cameo;

public class EventDictionaryTests
{
    private static readonly EventDictionary Dictionary = EventDictionary.Default;

    private static string[] Lemmas(string text) => text.Split(' ');

    private static PredicateMatch MatchAt(string lemmas, string head, PredicateKind kinds = PredicateKind.All)
    {
        var words = Lemmas(lemmas);
        var match = Dictionary.Match(words, Array.IndexOf(words, head), kinds);
        Assert.True(match is not null, $"no entry matched '{head}' in '{lemmas}'");
        return match;
    }

    [Fact]
    public void Every_code_in_the_file_exists_in_the_cameo_table()
    {
        // Read the raw resource, independently of the loader, so a loader that skipped rows cannot hide a bad code.
        using var stream = typeof(EventDictionary).Assembly.GetManifestResourceStream("Coding/Events/Dictionary/predicates.tsv")
            ?? typeof(EventDictionary).Assembly.GetManifestResourceStream("Coding\\Events\\Dictionary\\predicates.tsv");
        Assert.NotNull(stream);
        var rows = new StreamReader(stream).ReadToEnd().Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#').Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.All(rows, r => Assert.True(CameoTable.Default.IsValid(r[2]), $"'{r[0]}' has unknown code '{r[2]}'"));
        Assert.Equal(rows.Count, Dictionary.Count);
    }

    [Fact]
    public void All_twenty_roots_are_covered_with_several_hundred_entries()
    {
        var roots = Dictionary.Entries.GroupBy(e => e.Root).ToDictionary(g => g.Key, g => g.Count());
        foreach (var root in CameoTable.Default.Roots)
            Assert.True(roots.GetValueOrDefault(root.Code) >= 10, $"root {root.Code} has {roots.GetValueOrDefault(root.Code)} entries");
        Assert.True(Dictionary.Count >= 500, $"only {Dictionary.Count} entries");
        Assert.Contains(Dictionary.Entries, e => e.Kind == PredicateKind.Speech);
    }

    [Fact]
    public void Particle_verb_matches_with_the_object_between()
    {
        var match = MatchAt("moscow rule it out on monday", "rule");
        Assert.Equal("rule {obj} out", match.Entry.Pattern.Text);
        Assert.Equal("120", match.Entry.Cameo);
        Assert.Equal((1, 4), (match.Start, match.End));
        Assert.Equal((2, 3), (match.Span.ObjectStart, match.Span.ObjectEnd));
        Assert.Equal([1, 3], match.WordPositions);
    }

    [Fact]
    public void Particle_verb_matches_with_a_longer_object_and_adjacent_particle()
    {
        Assert.Equal("120", MatchAt("they turn the offer from kiev down", "turn").Entry.Cameo);
        var adjacent = MatchAt("he rule out a ground operation", "rule");
        Assert.Equal(2, adjacent.Entry.Pattern.WordCount);
        Assert.False(adjacent.Span.HasObject);
        // Five words between verb and particle are more than an object slot takes.
        Assert.Null(Dictionary.Match(Lemmas("they turn a b c d e down"), 1, PredicateKind.Verb));
    }

    [Fact]
    public void More_specific_entry_wins_over_the_bare_verb()
    {
        Assert.Equal("125", MatchAt("tehran rule out talk with washington", "rule").Entry.Cameo);
        Assert.Equal("011", MatchAt("the ministry decline to comment", "decline").Entry.Cameo);
        Assert.Equal("120", MatchAt("the ministry decline the request", "decline").Entry.Cameo);
        Assert.Equal("127", MatchAt("trump withdraw from the accord", "withdraw").Entry.Cameo);
        Assert.Equal("0874", MatchAt("nato withdraw its mission", "withdraw").Entry.Cameo);
        Assert.Equal("1312", MatchAt("china threaten to impose sanction on us firm", "threaten").Entry.Cameo);
    }

    [Fact]
    public void Optional_word_is_taken_only_when_needed()
    {
        var rare = MatchAt("putin will hold rare talk with obama", "hold");
        Assert.Equal("hold * * talk", rare.Entry.Pattern.Text);
        Assert.Equal("040", rare.Entry.Cameo);
        Assert.True(rare.Entry.Symmetric);
        Assert.Contains("with", rare.Entry.TargetPrepositions);
        Assert.Equal((2, 5), (rare.Start, rare.End));
        Assert.Equal([2, 4], rare.WordPositions);

        var plain = MatchAt("they hold talk", "hold");
        Assert.Equal((1, 3), (plain.Start, plain.End));
    }

    [Fact]
    public void Appeal_and_declaration_of_a_ceasefire_are_told_apart()
    {
        Assert.Equal("0256", MatchAt("un call for a ceasefire", "call").Entry.Cameo);
        Assert.Equal("0871", MatchAt("rebel call a ceasefire", "call").Entry.Cameo);
    }

    [Fact]
    public void Noun_compounds_match_backwards_from_their_head()
    {
        var strike = MatchAt("us air strike on mosul", "strike", PredicateKind.Noun);
        Assert.Equal("195", strike.Entry.Cameo);
        Assert.Equal((1, 3), (strike.Start, strike.End));
        Assert.Equal("190", MatchAt("a strike on mosul", "strike", PredicateKind.Noun).Entry.Cameo);
        Assert.Equal("0871", MatchAt("cessation of hostility", "hostility").Entry.Cameo);
        Assert.Equal("1724", MatchAt("a state of emergency", "emergency").Entry.Cameo);
    }

    [Fact]
    public void Unlemmatised_plurals_still_match()
    {
        Assert.Equal("195", MatchAt("air strikes", "strikes").Entry.Cameo);
        Assert.Equal("040", MatchAt("hold talks", "hold").Entry.Cameo);
        Assert.Equal("0871", MatchAt("cessation of hostilities", "hostilities").Entry.Cameo);
        Assert.True(Dictionary.IsHead("sanctions"));
        Assert.True(Dictionary.IsHead("hostilities"));
        Assert.False(Dictionary.IsHead("table"));
    }

    [Fact]
    public void Kind_filter_separates_nouns_from_verbs()
    {
        var verb = MatchAt("they talk", "talk", PredicateKind.VerbLike);
        Assert.Equal(PredicateKind.Verb, verb.Entry.Kind);
        var noun = MatchAt("the talk", "talk", PredicateKind.Noun);
        Assert.Equal(PredicateKind.Noun, noun.Entry.Kind);
        Assert.Equal("141", MatchAt("a protest", "protest", PredicateKind.Noun).Entry.Cameo);
        Assert.Equal("140", MatchAt("they protest", "protest", PredicateKind.Verb).Entry.Cameo);
    }

    [Fact]
    public void Meet_is_symmetric_but_meet_with_is_not()
    {
        var together = MatchAt("obama and putin meet", "meet");
        Assert.True(together.Entry.Symmetric);
        var with = MatchAt("obama meet with putin", "meet");
        Assert.Equal("meet with", with.Entry.Pattern.Text);
        Assert.False(with.Entry.Symmetric);
        Assert.Equal(["with"], with.Entry.TargetPrepositions);
    }

    [Fact]
    public void Dyad_conventions_are_encoded()
    {
        Assert.Equal("02", MatchAt("they urge restraint", "urge").Entry.Root);
        Assert.Equal("02", MatchAt("they press moscow", "press", PredicateKind.Verb).Entry.Root);
        Assert.Equal("10", MatchAt("they demand his removal", "demand").Entry.Root);
        Assert.Equal("11", MatchAt("russia and us disagree", "disagree").Entry.Root);
        Assert.True(MatchAt("russia and us disagree", "disagree").Entry.Symmetric);
        Assert.Equal("15", MatchAt("china hold drill", "hold").Entry.Root);
        Assert.Equal("010", MatchAt("the kremlin say", "say").Entry.Cameo);
        Assert.Equal(PredicateKind.Speech, MatchAt("the kremlin say", "say").Entry.Kind);
    }

    [Fact]
    public void No_match_off_the_sentence_or_without_a_head()
    {
        var words = Lemmas("they hammer nail");
        Assert.Null(Dictionary.Match(words, 1));
        Assert.Null(Dictionary.Match(words, 0));
        Assert.Null(Dictionary.Match(words, 3));
        Assert.Null(Dictionary.Match(words, -1));
        Assert.Empty(Dictionary.Candidates("zebra"));
    }

    [Fact]
    public void MatchAll_orders_best_first_and_scan_finds_each_predicate()
    {
        var all = Dictionary.MatchAll(Lemmas("they rule out talk"), 1);
        Assert.True(all.Count >= 3);
        Assert.Equal("125", all[0].Entry.Cameo);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Entry.Pattern.WordCount >= p.Second.Entry.Pattern.WordCount));

        var found = Dictionary.Scan(Lemmas("israel launch air strike after hamas rocket attack")).ToList();
        Assert.Contains(found, m => m.Entry.Cameo == "195");
        Assert.Contains(found, m => m.Entry.Pattern.Text == "rocket attack");
    }

    private const string Head = "pattern\tkind\tcameo\ttarget_prep\tsymmetric\tnotes\n";

    [Theory]
    [InlineData("meet\tverb\t999\t\t\t", "not a CAMEO event code")]
    [InlineData("meet\tverbal\t040\t\t\t", "kind")]
    [InlineData("meet\tverb\t040\t\tmaybe\t", "symmetric")]
    [InlineData("meet\tverb\t040\twith one\t\t", "target_prep")]
    [InlineData("* strike\tnoun\t190\t\t\t", "begin and end with a word")]
    [InlineData("air * strike\tnoun\t195\t\t\t", "before a noun head")]
    [InlineData("rule out {obj}\tverb\t120\t\t\t", "begin and end")]
    [InlineData("rule {obj} * out\tverb\t120\t\t\t", "followed by a word")]
    [InlineData("take {obj} to {obj} court\tverb\t115\t\t\t", "more than one")]
    [InlineData("meet\tverb\t040\t\t\t\nmeet\tverb\t040\t\t\t", "twice")]
    [InlineData("meet\tverb\t040\t\t", "columns")]
    public void Parse_rejects_broken_entries(string rows, string complaint)
    {
        var error = Assert.Throws<DyadException>(() => EventDictionary.Parse(Head + rows + "\n", "p.tsv", CameoTable.Default));
        Assert.Equal(ErrorCode.DataFormat, error.Code);
        Assert.Contains(complaint, error.Message);
    }

    [Fact]
    public void Parse_skips_comments_and_keeps_line_numbers()
    {
        var dict = EventDictionary.Parse("# heading\n" + Head + "# section\nmeet\tverb\t040\t\tyes\tmutual\n", "p.tsv", CameoTable.Default);
        var entry = Assert.Single(dict.Entries);
        Assert.Equal(4, entry.Line);
        Assert.Equal("mutual", entry.Notes);
        Assert.Equal("predicates.tsv:4", entry.Id);
    }

    [Fact]
    public void A_phrase_reaches_its_noun_through_the_parse_s_direct_object()
    {
        var words = Lemmas("they fire a unidentified new ballistic missile on sunday");
        // positionally "fire * * missile" allows two words between, so no phrase entry can match
        Assert.Equal(1, Dictionary.Match(words, 1, PredicateKind.VerbLike)?.Entry.Pattern.WordCount ?? 1);
        var match = Dictionary.Match(words, 1, PredicateKind.VerbLike, objects: [6]);
        Assert.NotNull(match);
        Assert.Equal("150", match.Entry.Cameo);
        // the longest entry wins: "fire * ballistic missile", its literal words right before the object noun
        Assert.Equal("fire * ballistic missile", match.Entry.Pattern.Text);
        Assert.Equal([1, 5, 6], match.Span.WordPositions);
        // a direct object that is not the phrase's noun, or one too far away, does not make the phrase match
        Assert.NotEqual("fire * * missile", Dictionary.Match(words, 1, PredicateKind.VerbLike, objects: [8])?.Entry.Pattern.Text);
        var far = Lemmas("they fire a b c d e f g h i missile");
        Assert.NotEqual("fire * * missile", Dictionary.Match(far, 1, PredicateKind.VerbLike, objects: [12])?.Entry.Pattern.Text);
    }
}
