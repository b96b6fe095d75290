using Dyad.Coding.Events;
using Dyad.Documents;
using Dyad.Pipeline;

namespace Dyad.Tests.Coding;

/// <summary>
/// The coder on parses with a known attachment error: the sentence goes through the default pipeline, then the
/// named words are rehung as a greedy parser is seen to hang them, and the events are coded again. So each rule
/// that reads through a misparse is pinned whatever the shipped parser does with the sentence, and each test
/// also checks the plain reading, where the rule must not be needed.
/// </summary>
public class EventCoderParseErrorTests
{
    private static readonly DateOnly Published = new(2015, 9, 29);

    /// <summary>Rehang: (word, its new head word or "ROOT", relation); the first occurrence of each word.</summary>
    private static List<string> Code(string text, params (string Word, string Head, string Rel)[] rehang)
    {
        var doc = DyadPipeline.Default.Process(new Article { Id = "t", Text = text, Published = Published });
        int Find(string word)
        {
            for (int t = 0; t < doc.TokenCount; t++)
                if (doc.Text.AsSpan(doc.TokenStart[t], doc.TokenEnd[t] - doc.TokenStart[t]).SequenceEqual(word)) return t;
            throw new ArgumentException($"no token '{word}' in: {text}");
        }
        foreach (var (word, head, rel) in rehang)
        {
            int t = Find(word);
            doc.Head[t] = head == "ROOT" ? -1 : Find(head);
            doc.Relation[t] = rel;
        }
        doc.Events.Clear();
        new EventCoder().Process(doc);
        return doc.Events.Select(e => $"{e.Source.Country ?? e.Source.Name} {e.Root} {(e.Target is null ? "-" : e.Target.Country ?? e.Target.Name)}"
            + (e.Negated ? " not" : "")).ToList();
    }

    private const string Urged = "The leaders of Britain and France urged the U.S. not to leave the accord.";

    [Fact]
    public void A_subject_hung_on_a_to_infinitive_is_the_object_of_the_verb_before_it()
    {
        Assert.Contains("GBR 02 USA", Code(Urged, ("U.S.", "urged", "obj"), ("leave", "urged", "xcomp")));
        Assert.Contains("GBR 02 USA", Code(Urged, ("U.S.", "leave", "nsubj"), ("leave", "urged", "advcl")));
        Assert.Contains("FRA 02 USA", Code(Urged, ("U.S.", "leave", "nsubj"), ("leave", "urged", "xcomp")));
    }

    [Fact]
    public void A_not_before_a_to_infinitive_negates_the_infinitive_not_the_verb_it_hangs_on()
    {
        Assert.Contains("GBR 02 USA", Code(Urged, ("U.S.", "urged", "obj"), ("not", "urged", "advmod"), ("leave", "urged", "xcomp")));
        Assert.Contains("GBR 02 USA", Code(Urged, ("U.S.", "urged", "obj"), ("not", "leave", "advmod"), ("leave", "urged", "xcomp")));
        // a "not" of the verb itself still negates it
        Assert.Contains("GBR 02 USA not", Code("The leaders of Britain and France did not urge the U.S. to leave the accord.",
            ("not", "urge", "advmod"), ("U.S.", "urge", "obj"), ("leave", "urge", "xcomp")));
    }

    private const string Refusal = "German Chancellor Angela Merkel ruled out sending ground troops.";

    [Fact]
    public void A_gerund_read_as_an_adjective_of_the_object_keeps_the_object_out_of_the_target()
    {
        var misparsed = Code(Refusal, ("sending", "troops", "amod"), ("troops", "ruled", "obj"));
        Assert.Contains("DEU 12 -", misparsed);
        Assert.DoesNotContain("DEU 12 DEU", misparsed);
        Assert.Contains("DEU 12 -", Code(Refusal, ("sending", "ruled", "xcomp"), ("troops", "sending", "obj")));
    }

    private const string Deploy = "Japan holds drills as US plans to deploy missiles to the Philippines";

    [Fact]
    public void A_phrase_after_an_infinitive_hung_on_the_verb_it_completes_belongs_to_the_infinitive()
    {
        Assert.Contains("USA 13 PHL", Code(Deploy, ("plans", "holds", "advcl"), ("deploy", "plans", "xcomp"), ("Philippines", "plans", "obl")));
        Assert.Contains("USA 13 PHL", Code(Deploy, ("plans", "holds", "advcl"), ("deploy", "plans", "xcomp"), ("Philippines", "deploy", "obl")));
    }

    private const string Asked = "Asked if he wanted to comment on the offer, Kerry said he would wait.";

    [Fact]
    public void A_bare_past_form_opening_the_sentence_is_passive_so_the_main_subject_is_not_the_asker()
    {
        // as a passive participle, "Asked" has no agent in the sentence: Kerry was asked, he asked nothing
        var events = Code(Asked, ("Asked", "said", "advcl"), ("Kerry", "said", "nsubj"), ("said", "ROOT", "root"));
        Assert.DoesNotContain(events, e => e.StartsWith("USA 02", StringComparison.Ordinal));
        Assert.Contains("USA 01 -", events);
    }

    private const string Armed = "The talks came after warnings from officials in Seoul that nuclear-armed North Korea was preparing a test.";

    [Fact]
    public void A_participle_joined_to_a_word_by_a_hyphen_is_an_adjective_not_an_act()
    {
        // the greedy parser was seen to hang "armed" on "warnings" as a relative clause
        var events = Code(Armed, ("armed", "warnings", "acl:relcl"));
        Assert.DoesNotContain(events, e => e.Contains(" 07 ", StringComparison.Ordinal));
    }

    private const string Drills = "Iran has carried out air and naval drills near the Strait of Hormuz.";

    [Fact]
    public void A_conjunct_of_a_light_verbs_object_takes_the_verbs_subject()
    {
        Assert.Contains("IRN 15 -", Code(Drills, ("air", "carried", "obj"), ("drills", "air", "conj"), ("naval", "drills", "amod")));
        Assert.Contains("IRN 15 -", Code(Drills, ("air", "drills", "compound"), ("drills", "carried", "obj"), ("naval", "drills", "amod")));
    }

    private const string Warned = "A US envoy said he warned the Taliban during talks in Qatar that the attacks must stop.";

    [Fact]
    public void A_place_named_inside_reported_speech_is_not_whom_the_demand_is_aimed_at()
    {
        var events = Code(Warned);
        Assert.Contains("USA 10 AFG", events);
        Assert.DoesNotContain("USA 10 QAT", events);
    }
}
