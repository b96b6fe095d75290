using Dyad.Nlp.Models;

namespace Dyad.Nlp.Lemmatization;

/// <summary>What an irregular verb form can be: its simple past, its participle, or both ("fled").</summary>
[Flags]
public enum IrregularForm : byte { None = 0, Past = 1, Participle = 2 }

/// <summary>
/// English verbs whose past and participle are not made with -ed. The treebank holds most of them, but news uses
/// ones it never saw ("froze", "overthrew", "forbade"), and the learned suffix rules then mangle them ("fled" →
/// "fl"); event coding matches verb lemmas, so the lemmatiser asks this table for unseen verb forms, and the
/// event-date resolver asks it whether an untagged word is a simple past; the tagger asks what an unseen form is.
/// </summary>
public static class IrregularVerbs
{
    // base past participle; alternatives with '/'. Written by the team from English grammar.
    private const string Table = """
        arise arose arisen
        awake awoke awoken
        be was/were been
        bear bore borne/born
        beat beat beaten
        become became become
        begin began begun
        bend bent bent
        bet bet bet
        bid bid bid
        bind bound bound
        bite bit bitten
        bleed bled bled
        blow blew blown
        break broke broken
        breed bred bred
        bring brought brought
        broadcast broadcast broadcast
        build built built
        burn burnt burnt
        burst burst burst
        buy bought bought
        cast cast cast
        catch caught caught
        choose chose chosen
        cling clung clung
        come came come
        cost cost cost
        creep crept crept
        cut cut cut
        deal dealt dealt
        dig dug dug
        do did done
        draw drew drawn
        dream dreamt dreamt
        drink drank drunk
        drive drove driven
        eat ate eaten
        fall fell fallen
        feed fed fed
        feel felt felt
        fight fought fought
        find found found
        flee fled fled
        fling flung flung
        fly flew flown
        forbid forbade forbidden
        forecast forecast forecast
        foresee foresaw foreseen
        forget forgot forgotten
        forgive forgave forgiven
        freeze froze frozen
        get got got/gotten
        give gave given
        go went gone
        grow grew grown
        hang hung hung
        have had had
        hear heard heard
        hide hid hidden
        hit hit hit
        hold held held
        hurt hurt hurt
        keep kept kept
        kneel knelt knelt
        know knew known
        lay laid laid
        lead led led
        lean leant leant
        leap leapt leapt
        learn learnt learnt
        leave left left
        lend lent lent
        let let let
        lie lay lain
        light lit lit
        lose lost lost
        make made made
        mean meant meant
        meet met met
        mislead misled misled
        mistake mistook mistaken
        outrun outran outrun
        overcome overcame overcome
        overhear overheard overheard
        override overrode overridden
        overrun overran overrun
        oversee oversaw overseen
        overtake overtook overtaken
        overthrow overthrew overthrown
        pay paid paid
        put put put
        quit quit quit
        read read read
        rebuild rebuilt rebuilt
        redo redid redone
        rethink rethought rethought
        rewrite rewrote rewritten
        rid rid rid
        ride rode ridden
        ring rang rung
        rise rose risen
        run ran run
        say said said
        see saw seen
        seek sought sought
        sell sold sold
        send sent sent
        set set set
        shake shook shaken
        shed shed shed
        shine shone shone
        shoot shot shot
        show showed shown
        shrink shrank shrunk
        shut shut shut
        sing sang sung
        sink sank sunk
        sit sat sat
        slay slew slain
        sleep slept slept
        slide slid slid
        slit slit slit
        speak spoke spoken
        speed sped sped
        spend spent spent
        spill spilt spilt
        spin spun spun
        spit spat spat
        split split split
        spread spread spread
        spring sprang sprung
        stand stood stood
        steal stole stolen
        stick stuck stuck
        sting stung stung
        stink stank stunk
        stride strode stridden
        strike struck struck/stricken
        string strung strung
        strive strove striven
        swear swore sworn
        sweep swept swept
        swim swam swum
        swing swung swung
        take took taken
        teach taught taught
        tear tore torn
        tell told told
        think thought thought
        throw threw thrown
        thrust thrust thrust
        tread trod trodden
        undergo underwent undergone
        understand understood understood
        undertake undertook undertaken
        undo undid undone
        uphold upheld upheld
        upset upset upset
        wake woke woken
        wear wore worn
        weave wove woven
        weep wept wept
        win won won
        withdraw withdrew withdrawn
        withhold withheld withheld
        withstand withstood withstood
        wring wrung wrung
        write wrote written
        """;

    private static readonly Dictionary<string, string> BaseByForm = new(StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> PastForms = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BaseByFormSpan;
    private static readonly Dictionary<ulong, IrregularForm> FormsByLowerHash = new();

    static IrregularVerbs()
    {
        var bases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rows = new List<string[]>();
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ');
            rows.Add(parts);
            bases.Add(parts[0]);
        }
        foreach (var parts in rows)
            for (int column = 1; column <= 2; column++)
                foreach (var form in parts[column].Split('/'))
                {
                    if (column == 1) PastForms.Add(form);
                    // a form that is itself a base ("lay", "found", "ground", "wound") or already claimed stays
                    // ambiguous: the table gives no lemma for it rather than a wrong one
                    if (string.Equals(form, parts[0], StringComparison.OrdinalIgnoreCase)) continue;
                    if (bases.Contains(form)) continue;
                    BaseByForm.TryAdd(form, parts[0]);
                    ulong key = FeatureHash.OfLower(form);
                    FormsByLowerHash[key] = FormsByLowerHash.GetValueOrDefault(key) | (column == 1 ? IrregularForm.Past : IrregularForm.Participle);
                }
        BaseByFormSpan = BaseByForm.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The base of an irregular past or participle ("froze" → "freeze"); null when the form is not one, or is ambiguous.</summary>
    public static string? BaseOf(ReadOnlySpan<char> form) => BaseByFormSpan.TryGetValue(form, out var lemma) ? lemma : null;

    /// <summary>
    /// What a word (by its lower-cased hash, as <see cref="FeatureHash.OfLower"/> gives it) is when it is an
    /// irregular past or participle that is not also a base form; None otherwise ("cut", "lay", "walked").
    /// </summary>
    public static IrregularForm FormOf(ulong lowerHash) => FormsByLowerHash.GetValueOrDefault(lowerHash);

    /// <summary>Whether the word is the simple past of an irregular verb ("fled", "was", "cut").</summary>
    public static bool IsPast(string form) => PastForms.Contains(form);
}
