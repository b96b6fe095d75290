using Dyad.Nlp.Models;
using Dyad.Nlp.Entities;
using Dyad.Nlp.Conllu;
using Dyad.Training;

namespace Dyad.Tests.Nlp;

/// <summary>GUM's entity mentions cut down to names as UNER marks them, the recogniser's news check (`dyad train news`).</summary>
public class GumNamesTests
{
    // columns: form, UPOS, head, entity brackets of the MISC column ("_" for none); a relation after a colon in the
    // UPOS ("PROPN:nmod:desc"), else dep
    private static ConlluSentence Sentence(params (string Form, string Upos, int Head, string Entity)[] words)
    {
        var text = string.Join('\n', words.Select((w, i) =>
        {
            var upos = w.Upos.Split(':', 2);
            return $"{i + 1}\t{w.Form}\t{w.Form.ToLowerInvariant()}\t{upos[0]}\t_\t_\t{w.Head}\t{(upos.Length > 1 ? upos[1] : "dep")}\t_\t{(w.Entity == "_" ? "_" : "Entity=" + w.Entity)}";
        }));
        return ConlluReader.Read(new StringReader("# sent_id = t-1\n" + text + "\n\n")).Single();
    }

    private static List<(int Start, int End, string Label)> Names(ConlluSentence s) => Iob2Reader.Spans(GumEntities.Names(s).Tags);

    [Fact]
    public void A_title_and_a_nested_organisation_before_a_person_are_cut_off_and_the_organisation_kept()
    {
        // [NASA Administrator Charles Bolden]person with [NASA]organization inside it
        var s = Sentence(("NASA", "PROPN", 4, "(1-person-new(2-organization-new)"), ("Administrator", "PROPN:nmod:desc", 4, "_"),
            ("Charles", "PROPN", 4, "_"), ("Bolden", "PROPN", 5, "1)"), ("spoke", "VERB", 0, "_"));
        Assert.Equal([(0, 1, "ORG"), (2, 4, "PER")], Names(s).OrderBy(n => n.Start).ToList());
        // the same title as a common noun
        s = Sentence(("Administrator", "NOUN", 3, "(1-person-new"), ("Charles", "PROPN", 3, "_"), ("Bolden", "PROPN", 4, "1)"), ("spoke", "VERB", 0, "_"));
        Assert.Equal([(1, 3, "PER")], Names(s));
    }

    [Fact]
    public void An_organisation_stops_at_the_comma_before_its_place_and_the_place_is_kept()
    {
        // [the University of [Portsmouth]place , [United Kingdom]place]organization
        var s = Sentence(("the", "DET", 2, "(1-organization-new"), ("University", "PROPN", 0, "_"), ("of", "ADP", 4, "_"),
            ("Portsmouth", "PROPN", 2, "(2-place-new)"), (",", "PUNCT", 7, "_"), ("United", "VERB", 7, "(3-place-new"),
            ("Kingdom", "PROPN", 2, "3)1)"));
        Assert.Equal([(1, 4, "ORG"), (5, 7, "LOC")], Names(s).OrderBy(n => n.Start).ToList());
    }

    [Fact]
    public void Mentions_headed_by_common_nouns_or_pronouns_are_not_names()
    {
        var s = Sentence(("The", "DET", 2, "(1-organization-new"), ("company", "NOUN", 3, "1)"), ("said", "VERB", 0, "_"),
            ("it", "PRON", 3, "(1-organization-giv)"));
        Assert.Empty(Names(s));
    }

    private static ConlluSentence Tagged(params (string Form, string Upos, string Xpos, int Head, string Entity)[] words)
        => ConlluReader.Read(new StringReader("# sent_id = t-2\n" + string.Join('\n', words.Select((w, i) =>
            $"{i + 1}\t{w.Form}\t{w.Form.ToLowerInvariant()}\t{w.Upos}\t{w.Xpos}\t_\t{w.Head}\tdep\t_\t{(w.Entity == "_" ? "_" : "Entity=" + w.Entity)}")) + "\n\n")).Single();

    [Fact]
    public void Training_sentences_type_known_places_as_places_and_leave_out_sentences_naming_a_person()
    {
        static ulong Key(params string[] words) => EntityGazetteer.KeyOf([.. words.Select(w => FeatureHash.OfLower(w))]);
        var gazetteer = new EntityGazetteer(new Dictionary<ulong, byte> { [Key("South", "Korea")] = (byte)EntityGazetteer.Kinds.Location }, []);
        // [South Korea]organization signed with [Interpol]organization: the country is a place by name, the other stays
        var s = Tagged(("South", "PROPN", "NNP", 2, "(1-organization-new"), ("Korea", "PROPN", "NNP", 3, "1)"), ("signed", "VERB", "VBD", 0, "_"),
            ("with", "ADP", "IN", 5, "_"), ("Interpol", "PROPN", "NNP", 3, "(2-organization-new)"));
        var named = GumEntities.TrainingSentence(s, gazetteer);
        Assert.NotNull(named);
        Assert.Equal([(0, 2, "LOC"), (4, 5, "ORG")], Iob2Reader.Spans(named.Tags));
        // a person's name: the sentence is left out
        s = Tagged(("Kim", "PROPN", "NNP", 2, "(1-person-new)"), ("left", "VERB", "VBD", 0, "_"));
        Assert.Null(GumEntities.TrainingSentence(s, gazetteer));
        // a plural group is no name: the sentence stays, unmarked
        s = Tagged(("Democrats", "PROPN", "NNPS", 2, "(1-person-new)"), ("won", "VERB", "VBD", 0, "_"));
        named = GumEntities.TrainingSentence(s, gazetteer);
        Assert.NotNull(named);
        Assert.Empty(Iob2Reader.Spans(named.Tags));
    }
}
