using Dyad.Documents;
using Dyad.Pipeline;

namespace Dyad.Coding.Actors;

/// <summary>
/// Finds political actors in each sentence and codes them CAMEO-style (country + role), using the actor knowledge
/// base, the article date for who held which office, and the article so far for short references ("Mr Putin",
/// "the Russian leader", "he"). Works from tokens and sentences alone; uses part-of-speech and entity layers when
/// an earlier stage has filled them.
/// </summary>
public sealed class ActorCodingStage(ActorKnowledgeBase knowledgeBase) : IStage
{
    public ActorCodingStage() : this(ActorKnowledgeBase.LoadDefault()) { }

    public string Name => "actors";
    public Layers Requires => Layers.Tokens | Layers.Sentences;
    public Layers Produces => Layers.Actors;

    public ActorKnowledgeBase KnowledgeBase { get; } = knowledgeBase;

    public void Process(Document document)
    {
        var run = new ActorCodingRun(KnowledgeBase, document);
        run.Code();
        document.Actors.Clear();
        document.Actors.AddRange(run.Mentions.OrderBy(m => m.Span.Start).ThenBy(m => m.Span.End));
    }
}

/// <summary>The state of coding one document: lives for one call of <see cref="ActorCodingStage.Process"/>.</summary>
internal sealed class ActorCodingRun(ActorKnowledgeBase kb, Document doc)
{
    public List<ActorMention> Mentions { get; } = [];

    private readonly DateOnly? _day = doc.Article.Published;
    private readonly HashSet<PersonEntry> _seenPeople = [];
    private readonly bool _georgiaIsUsState = GeorgiaIsUsState(doc.Text);

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase) { "the", "a", "an" };
    private static readonly HashSet<string> Honorifics = new(StringComparer.Ordinal)
    { "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Miss", "Sir", "Dame", "Lord" };
    private static readonly HashSet<string> Modifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "senior", "top", "former", "ex", "deputy", "acting", "chief", "interim", "local", "outgoing", "incoming", "then",
        "late", "new", "veteran", "high-ranking", "unnamed", "current", "vice", "assistant", "socialist", "hardline",
        "conservative", "liberal", "pro-government", "pro-Russian", "regional", "federal", "national", "central", "own",
        "ruling", "main", "armed", "exiled", "moderate", "more", "other", "many", "some", "several", "Democrat",
        "Republican", "Democratic", "defense", "defence", "foreign", "intelligence", "naval", "border", "counterterrorism",
        "nuclear", "high-level", "top-level", "career", "special", "presidential", "two", "both", "all", "ordinary",
    };
    // State names that are also given names or surnames ("Michael Jordan", "Chad Smith", "Israel Katz" is in the tables).
    private static readonly HashSet<string> AlsoPersonalNames = new(StringComparer.Ordinal) { "Jordan", "Chad", "Georgia", "Israel", "Kenya", "Guyana" };
    /// <summary>Prepositions of place: a name after one is where something happens (the event coder reads it too).</summary>
    internal static readonly HashSet<string> PlacePrepositions = new(StringComparer.OrdinalIgnoreCase)
    { "in", "at", "inside", "near", "outside", "across", "throughout", "around", "via", "within" };
    // he/she and him/her ("her" also as a possessive: "rejected her plan"); "his" stays out: as the possessive of act nouns ("his support") it gave those acts sources of their own and lowered dev event F1
    private static bool IsPersonPronoun(ReadOnlySpan<char> word) => word is "he" or "He" or "she" or "She" or "him" or "Him" or "her" or "Her";
    // Role nouns that make an actor even when no country is named ("rebels said", "protesters gathered").
    private static readonly HashSet<string> StandaloneNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "rebels", "rebel groups", "rebel factions", "insurgents", "militants", "separatists", "separatist rebels", "jihadists",
        "guerrillas", "militias", "militiamen", "terrorists", "protesters", "protestors", "demonstrators", "civilians", "refugees",
        "migrants", "asylum seekers", "police", "riot police", "troops", "soldiers", "opposition", "armed opposition",
        "lawmakers", "senators", "journalists",
    };

    private enum Part { Person, UnknownName, State, StateAdjective, StatePeople, Seat, Region, RegionAdjective, Organisation, Role, Possessive, OfState, Led }

    private sealed record Element(Part Part, int First, int End)
    {
        public KbEntry? Entry { get; init; }
        public RoleWord? Word { get; init; }
        public PersonEntry? Person { get; init; }
    }

    public void Code()
    {
        foreach (var sentence in doc.Sentences())
        {
            int t = sentence.FirstToken;
            while (t < sentence.EndToken)
            {
                if (doc.IsRemoved(doc.TokenStart[t])) { t++; continue; }
                int next = CodeAt(t, sentence.EndToken, sentence.FirstToken);
                t = next > t ? next : t + 1;
            }
        }
    }

    // every word is read as the start of a phrase and again inside the phrases before it: one string per token, made
    // when first asked for, instead of a new substring at each read
    private string[]? _tokenTexts;
    private string Tok(int t) => (_tokenTexts ??= new string[doc.TokenCount])[t] ??= doc.TokenText(t);
    // the phrase being parsed by CodeAt; one list for the whole run, since a phrase starts at every word
    private readonly List<Element> _parts = [];
    private bool IsCapitalised(int t) { var s = doc.TokenSpan(t); return s.Length > 0 && char.IsUpper(s[0]); }
    private bool IsPossessive(int t) => doc.TokenSpan(t) is "'s" or "\u2019s" or "'S" or "'" or "\u2019";

    /// <summary>Parses the phrase that starts at <paramref name="start"/> and records a mention for it; returns where parsing goes on.</summary>
    private int CodeAt(int start, int limit, int sentenceStart)
    {
        var word = doc.TokenSpan(start);
        if (IsPersonPronoun(word)) { CodePronoun(start); return start + 1; }
        if (word is "it" or "It" or "its" or "Its") { CodeNeuterPronoun(start); return start + 1; }
        if (word is "they" or "They") { CodePluralPronoun(start); return start + 1; }
        if (word is "who" && start > sentenceStart && doc.TokenSpan(start - 1) is ",") { CodeRelative(start); return start + 1; }

        int k = start;
        bool determiner = false;
        if (Determiners.Contains(Tok(start))) { determiner = true; k++; }
        var parts = _parts;
        parts.Clear();
        bool former = false, honorific = false, usParty = false, pair = false;
        int honorificAt = -1;
        while (k < limit)
        {
            var text = Tok(k);
            if (Honorifics.Contains(text) && k + 1 < limit && IsCapitalised(k + 1))
            {
                honorific = true;
                if (honorificAt < 0 && parts.Count == 0) honorificAt = k;
                k++;
                continue;
            }
            if ((Modifiers.Contains(text) || IsNumber(text)) && k + 1 < limit && !IsPossessive(k + 1))
            {
                if (text is "Democrat" or "Democratic" or "Republican") usParty = true;
                if (text is "two" or "both") pair = true;
                if (text.Equals("former", StringComparison.OrdinalIgnoreCase) || text == "ex") former = true;
                k++;
                continue;
            }
            var element = Match(k, limit, parts, honorific);
            if (element is null)
            {
                // "the government of Syria", "the armed forces of the DPRK": the country after "of" belongs to the head.
                if (text == "of" && parts.Count > 0 && parts[^1].Part == Part.Role && parts[^1].Word!.Kind != RoleWordKind.Group)
                {
                    int at = k + 1 < limit && Determiners.Contains(Tok(k + 1)) ? k + 2 : k + 1;
                    var of = at < limit ? Match(at, limit, parts, false) : null;
                    if (of is not null && of.Part is Part.State or Part.Person or Part.Organisation or Part.Seat)
                    {
                        parts.Add(of.Part is Part.State or Part.Seat ? of with { Part = Part.OfState } : of);
                        k = of.End;
                        continue;
                    }
                }
                // "the government in Damascus", "officials in Seoul": the seat after "in" places the head.
                if (text == "in" && parts.Count > 0 && parts[^1].Part == Part.Role && parts[^1].Word!.Kind == RoleWordKind.Noun && k + 1 < limit)
                {
                    // "separatist rebels in eastern Ukraine": a compass word before the state still places the head
                    int at = k + 1 < limit - 1 && CompassWords.Contains(Tok(k + 1)) ? k + 2 : k + 1;
                    var seat = Match(at, limit, parts, false);
                    if (seat is not null && seat.Part is Part.Seat or Part.State && !parts.Any(p => p.Part is Part.State or Part.StateAdjective or Part.Seat))
                    {
                        parts.Add(seat with { Part = Part.OfState });
                        k = seat.End;
                        continue;
                    }
                }
                // "US ambassador to Russia John Sullivan": the host country is not the ambassador's.
                if (text == "to" && parts.Count > 0 && parts[^1].Part == Part.Role && parts[^1].Word!.Text is "ambassador" or "envoy" && k + 1 < limit)
                {
                    var host = Match(k + 1, limit, parts, false);
                    if (host is not null && host.Part is Part.State or Part.Organisation) { k = host.End; continue; }
                }
                break;
            }
            if (element.Part == Part.Possessive)
            {
                parts.Add(element);
                k = element.End;
                // Keep going only when a role or a name follows the possessive ("Assad's forces", "Russia's Deputy Foreign Minister").
                var after = k < limit ? Match(k, limit, parts, false) : null;
                if (after is null && !(k < limit && Modifiers.Contains(Tok(k)))) break;
                continue;
            }
            // "Obama Putin meeting": two known people side by side (a headline without "and") are two actors.
            if (parts.Count > 0 && parts[^1].Part == Part.Person && element.Part == Part.Person && element.Person != parts[^1].Person)
                break;
            // "Coalition leaders Saudi Arabia and the UAE": a name after a plural noun starts a new phrase.
            if (parts.Count > 0 && parts[^1].Part == Part.Role && parts[^1].Word!.Kind != RoleWordKind.Title
                && parts[^1].Word!.Text.EndsWith('s') && element.Part is Part.State or Part.StateAdjective or Part.Seat or Part.Organisation or Part.Person)
                break;
            parts.Add(element);
            k = element.End;
            if (element.Part == Part.Led) continue;
            // "Assad's" as one token: a possessive follows the name even though no token holds it alone.
            if (element.Part != Part.Possessive && EndsWithPossessive(element.End - 1))
            {
                parts.Add(new Element(Part.Possessive, element.End, element.End));
                var after = k < limit ? Match(k, limit, parts, false) : null;
                if (after is null && !(k < limit && Modifiers.Contains(Tok(k)))) break;
            }
        }

        // "Saudi-backed government": the name before the participle is not the head's country.
        int backed = parts.FindLastIndex(p => p.Part == Part.Led && !IsLed(p));
        if (backed >= 0) parts.RemoveRange(0, backed + 1);
        parts.RemoveAll(p => p.Part == Part.Led);
        while (parts.Count > 0 && parts[^1].Part == Part.Possessive && parts.Count == 1) parts.RemoveAt(parts.Count - 1);
        if (parts.Count == 0) return k > start ? k : start + 1;

        int first = determiner && backed < 0 ? start : honorificAt >= 0 && backed < 0 ? honorificAt : parts[0].First;
        int end = parts[^1].Part == Part.Possessive ? parts[^1].First : parts[^1].End;
        if (end <= first) return k;
        // "Yemen's warring parties", "Sudan's warring sides": a civil war's two camps, its government and its rebels,
        // each its own actor so that an agreement between them is coded both ways
        if (k + 1 < limit && Tok(k) == "warring" && Tok(k + 1) is "parties" or "sides" or "factions"
            && parts.Count <= 2 && parts[0].Part is Part.State or Part.StateAdjective && parts.Skip(1).All(p => p.Part == Part.Possessive))
        {
            var state = parts[0].Entry!.State!;
            var campsSpan = new CharSpan(doc.TokenStart[first], doc.TokenEnd[k + 1]);
            string camps = doc.Text[campsSpan.Start..campsSpan.End];
            foreach (var role in new[] { "GOV", "REB" })
                Mentions.Add(Make(campsSpan, first, k + 2, camps, $"{state.Name} ({role})", state.Iso3, role, ActorKind.Group,
                    $"compose:state({parts[0].Entry!.Text})+warring({Tok(k + 1)})"));
            return k + 2;
        }
        if (pair && parts.Count == 1 && parts[0].Part == Part.Role && PairNouns.Contains(parts[0].Word!.Text))
        {
            Mentions.AddRange(ResolvePair(parts[0].Word!.Text, first, end));
            return Math.Max(k, start + 1);
        }
        var mention = Interpret(parts, first, end, determiner, former, usParty);
        if (mention is not null) Mentions.Add(mention);
        return Math.Max(k, start + 1);
    }

    private bool EndsWithPossessive(int t)
    {
        var span = doc.TokenSpan(t);
        return span.Length > 2 && (span.EndsWith("'s") || span.EndsWith("\u2019s"));
    }

    private bool IsLed(Element e) => doc.TokenSpan(e.End - 1) is "led";

    private Element? Match(int k, int limit, List<Element> before, bool afterHonorific)
    {
        if (IsPossessive(k) && before.Count > 0) return new Element(Part.Possessive, k, k + 1);
        if (doc.TokenSpan(k) is "-" && k + 1 < limit && before.Count > 0 && before[^1].Part is Part.State or Part.StateAdjective or Part.Organisation or Part.Seat)
            return new Element(Part.Led, k, k + 2);

        var name = kb.Names.Longest(doc, k, limit);
        var role = kb.Roles.Longest(doc, k, limit);
        // A name may follow a title ("President X") or a singular role noun ("diplomat X", "spokesman X").
        bool afterTitle = afterHonorific || (before.Count > 0 && before[^1].Part == Part.Role
            && (before[^1].Word!.Kind == RoleWordKind.Title || (before[^1].Word!.Kind == RoleWordKind.Noun && !before[^1].Word!.Text.EndsWith('s'))));

        if (name is { } n && (role is null || n.End >= role.Value.End))
        {
            var chosen = Choose(n.Values, k, n.End, afterTitle);
            if (chosen is not null)
            {
                var part = chosen.Kind switch
                {
                    KbEntryKind.Person => Part.Person,
                    KbEntryKind.State => Part.State,
                    KbEntryKind.StateAdjective => Part.StateAdjective,
                    KbEntryKind.StatePeople => Part.StatePeople,
                    KbEntryKind.Seat => Part.Seat,
                    KbEntryKind.Region => Part.Region,
                    KbEntryKind.RegionAdjective => Part.RegionAdjective,
                    _ => Part.Organisation,
                };
                int end = n.End;
                // A known name followed by more capitalised words is a longer, unknown name ("Chad Smith", "Jordan Peterson").
                if (part is Part.State && end == k + 1 && AlsoPersonalNames.Contains(Tok(k)) && end < limit && IsUnknownCapitalised(end, limit)) return null;
                return new Element(part, k, end) { Entry = chosen, Person = chosen.Person };
            }
        }
        if (role is { } r)
        {
            var wordEntry = r.Values[0];
            // Capitalised role words inside a name we do not know ("Security Council" is matched as a name before this).
            return new Element(Part.Role, k, r.End) { Word = wordEntry };
        }
        if (afterTitle && IsCapitalised(k) && !IsSentenceWord(k))
        {
            int e = k;
            while (e < limit && (IsCapitalised(e) || IsInitial(e)) && !IsPossessive(e) && kb.Roles.Longest(doc, e, e + 1) is null) e++;
            if (e > k) return new Element(Part.UnknownName, k, e);
        }
        if (doc.Has(Layers.Entities))
        {
            var (firstAt, next) = PersonEntitiesByStart();
            for (int e = k < firstAt.Length ? firstAt[k] : -1; e >= 0; e = next[e])
                if (doc.Entities[e] is var entity && entity.EndToken <= limit)
                {
                    // the recogniser's span can run on past the name ("Iran Tuesday, declaring he was"): keep the name words only
                    int end = k;
                    while (end < entity.EndToken && IsNameWord(end)) end++;
                    if (end > k && !CalendarWords.Contains(Tok(k))) return new Element(Part.UnknownName, k, end);
                }
        }
        return null;
    }

    private (int[] FirstAt, int[] Next)? _personEntities;

    /// <summary>
    /// The recogniser's person spans by first token, in document order: firstAt[t] is the first one starting at
    /// token t (-1 for none), next[e] the following one with the same start. Built once per article, since every
    /// unmatched word asks, and scanning all entities for each made this stage quadratic in article length.
    /// </summary>
    private (int[] FirstAt, int[] Next) PersonEntitiesByStart()
    {
        if (_personEntities is { } built) return built;
        var firstAt = new int[doc.TokenCount];
        Array.Fill(firstAt, -1);
        var next = new int[doc.Entities.Count];
        Array.Fill(next, -1);
        var lastAt = new int[doc.TokenCount];
        for (int e = 0; e < doc.Entities.Count; e++)
        {
            var entity = doc.Entities[e];
            if (entity.Label is not ("PERSON" or "PER") || entity.FirstToken < 0 || entity.FirstToken >= firstAt.Length) continue;
            int t = entity.FirstToken;
            if (firstAt[t] < 0) firstAt[t] = e; else next[lastAt[t]] = e;
            lastAt[t] = e;
        }
        _personEntities = (firstAt, next);
        return (firstAt, next);
    }

    private bool IsNameWord(int t)
    {
        var span = doc.TokenSpan(t);
        if (span.Length == 0 || !char.IsUpper(span[0]) && !(span.Length > 1 && span[0] is 'a' or 'd' or 'e' or 'v' && span.Contains('-'))) return false;
        return !doc.Has(Layers.PartOfSpeech) || doc.Upos[t] is "PROPN" or "NOUN" or "ADJ" or "X";
    }

    private bool IsInitial(int t) { var s = doc.TokenSpan(t); return s.Length == 2 && char.IsUpper(s[0]) && s[1] == '.'; }

    private bool IsSentenceWord(int t) => doc.TokenSpan(t) is "The" or "A" or "An" or "In" or "On" or "He" or "She" or "It";

    private bool IsUnknownCapitalised(int t, int limit)
    {
        if (!IsCapitalised(t) || doc.TokenSpan(t).Length < 2) return false;
        if (kb.Names.Longest(doc, t, limit) is not null || kb.Roles.Longest(doc, t, limit) is not null) return false;
        if (doc.Has(Layers.PartOfSpeech) && doc.Upos[t] is not "PROPN") return false;
        return !AllUpper(doc.TokenSpan(t));
    }

    /// <summary>Picks what a matched name stands for here, or null when it stands for nothing in this context.</summary>
    private KbEntry? Choose(IReadOnlyList<KbEntry> entries, int first, int end, bool afterTitle)
    {
        if (LooksLikeShoutedWord(first, end)) return null;
        KbEntry? best = null;
        int bestRank = -1;
        foreach (var e in entries)
        {
            int rank;
            if (e.Kind == KbEntryKind.Person)
            {
                if (!e.Strong && !afterTitle && !_seenPeople.Contains(e.Person!)) continue;
                // "in May", "on Monday": a bare surname that is also a date word needs a title before it.
                if (!e.Strong && !afterTitle && CalendarWords.Contains(e.Text)) continue;
                rank = 40 + PersonPreference(e.Person!);
            }
            else rank = e.Kind switch
            {
                KbEntryKind.Organisation => 50,
                KbEntryKind.State => 30,
                KbEntryKind.Seat => 25,
                KbEntryKind.StatePeople => 24,
                KbEntryKind.StateAdjective => 20,
                KbEntryKind.Region => 15,
                _ => 10,
            };
            if (rank > bestRank) { best = e; bestRank = rank; }
        }
        return best;
    }

    // Among people sharing a name: one already in the article, then one in office on the article date, then one who held office most recently.
    private int PersonPreference(PersonEntry p)
    {
        if (_seenPeople.Contains(p)) return 9;
        if (p.TermAt(_day) is not null && _day is not null) return 8;
        if (_day is null) return 7;
        return p.FormerTermAt(_day.Value) is not null ? 5 : 1;
    }

    // "IS", "WHO", "US" in an all-capitals headline are words, not names.
    private bool LooksLikeShoutedWord(int first, int end)
    {
        if (end - first != 1) return false;
        var span = doc.TokenSpan(first);
        if (span.Length > 3 || !AllUpper(span)) return false;
        if (doc.Has(Layers.PartOfSpeech) && doc.Upos[first] is "AUX" or "VERB" or "PRON" or "ADP") return true;
        int s = doc.TokenSentence[first];
        int a = doc.SentenceFirstToken[s], b = doc.SentenceEndToken[s];
        bool prevShout = first > a && IsShout(first - 1), nextShout = end < b && IsShout(end);
        if (prevShout || nextShout) return true;
        // "IS" as the verb of an ordinary sentence: followed by a lower-case participle or adjective, not a noun of the group.
        if (span is "IS" && end < b && first > a && doc.TokenSpan(first - 1) is "it" or "It" or "this" or "This" or "that" or "there" or "what" or "What" or "which" or "he" or "she")
        {
            var next = doc.TokenSpan(end);
            if (next.Length > 0 && char.IsLower(next[0]) && (next.EndsWith("ed") || next.EndsWith("ing") || next is "not" or "a" or "the" or "also" or "still"))
                return true;
        }
        return false;
    }

    private bool IsShout(int t)
    {
        var s = doc.TokenSpan(t);
        if (s.Length < 2) return false;
        int letters = 0;
        foreach (char c in s)
        {
            if (!char.IsLetter(c)) continue;
            if (!char.IsUpper(c)) return false;
            letters++;
        }
        if (letters < 2) return false;
        return kb.Names.Longest(doc, t, t + 1) is null;
    }

    private static readonly HashSet<string> CalendarWords = new(StringComparer.Ordinal)
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    };

    /// <summary>"in Syria", "across eastern Ukraine": a place named as where something happens, not as an actor.</summary>
    private bool AfterLocativePreposition(int place)
    {
        // "in Syria", "in eastern Syria", "in key parts of Syria": a locative preposition a few words before
        for (int t = place - 1; t >= 0 && t >= place - 5 && doc.TokenSentence[t] == doc.TokenSentence[place]; t--)
        {
            var word = Tok(t);
            if (word is "in" or "inside" or "across" or "throughout") return true;
            if (word is "," or ";" or ":" or "and" or "or" || doc.Has(Layers.PartOfSpeech) && doc.Upos[t] is "VERB" or "AUX" or "PROPN") return false;
        }
        return false;
    }

    private static readonly HashSet<string> CompassWords = new(StringComparer.OrdinalIgnoreCase)
    { "eastern", "western", "northern", "southern", "central", "northeastern", "northwestern", "southeastern", "southwestern", "north", "south", "east", "west" };

    private static readonly HashSet<string> PairNouns = new(StringComparer.OrdinalIgnoreCase)
    { "leaders", "countries", "nations", "sides", "parties", "governments", "states", "presidents", "ministers", "foreign ministers" };

    /// <summary>
    /// "the two leaders", "both countries": one mention per member, each resolved to one of the two most recent
    /// distinct actors of the right sort, so a later stage can code one event per member.
    /// </summary>
    private IEnumerable<ActorMention> ResolvePair(string noun, int first, int end)
    {
        bool people = noun is "leaders" or "presidents" or "ministers" or "foreign ministers";
        bool states = noun is "countries" or "nations" or "states" or "governments";
        // The pair is the two actors the article has named most so far (the story's protagonists, not whoever was
        // quoted last), among those named in the last few sentences; ties go to the more recent.
        var candidates = new Dictionary<string, (ActorMention Member, int Count, int Last, bool Recent)>(StringComparer.Ordinal);
        int sentence = doc.TokenSentence[first];
        for (int i = 0; i < Mentions.Count; i++)
        {
            var m = Mentions[i];
            var root = m.Antecedent ?? m;
            if (m.FirstToken >= first) continue;
            if (m.InPlacePhrase || root.Role is "MED" || root.Country is null && (people ? root.Role is not "IGO" : root.Role is not ("REB" or "IMG"))) continue;
            bool fits = people ? root.Kind == ActorKind.Person
                : states ? root.Kind is ActorKind.State or ActorKind.Person
                : root.Kind is ActorKind.State or ActorKind.Person or ActorKind.Group or ActorKind.Organisation;
            if (!fits) continue;
            string key = people ? root.Name : root.Country ?? root.Name;
            bool recent = doc.TokenSentence[m.FirstToken] >= sentence - 4;
            candidates[key] = candidates.TryGetValue(key, out var c)
                ? (c.Member, c.Count + 1, i, c.Recent || recent)
                : (states && root.Kind == ActorKind.Person ? StateOf(root) : root, 1, i, recent);
        }
        var members = candidates.Values.Where(c => c.Recent).OrderByDescending(c => c.Count).ThenByDescending(c => c.Last)
            .Take(2).OrderBy(c => c.Last).Select(c => c.Member).ToList();
        if (members.Count < 2) yield break;
        var span = new CharSpan(doc.TokenStart[first], doc.TokenEnd[end - 1]);
        string text = doc.Text[span.Start..span.End];
        foreach (var member in members)
            yield return Refer(span, first, end, text, member, ActorKind.Group, $"coref:pair({noun})");
    }

    private ActorMention StateOf(ActorMention person) =>
        person with { Name = kb.State(person.Country!)?.Name ?? person.Country!, Kind = ActorKind.State, Role = "GOV", Code = person.Country + "GOV", Antecedent = null };

    private static bool IsNumber(string text) =>
        AllDigits(text) || text is "two" or "three" or "four" or "five" or "six" or "seven" or "eight" or "nine" or "ten" or "dozens" or "hundreds" or "thousands";

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text) if (!char.IsDigit(c)) return false;
        return true;
    }

    private static bool AllUpper(ReadOnlySpan<char> text)
    {
        foreach (char c in text) if (!char.IsUpper(c)) return false;
        return true;
    }

    private static readonly HashSet<string> DefiniteGovernmentNouns = new(StringComparer.OrdinalIgnoreCase)
    { "government", "regime", "ministry", "defense ministry", "defence ministry", "foreign ministry", "administration", "cabinet", "authorities" };

    private ActorMention? Interpret(List<Element> parts, int first, int end, bool determiner, bool former, bool usParty)
    {
        var span = new CharSpan(doc.TokenStart[first], doc.TokenEnd[end - 1]);
        string text = doc.Text[span.Start..span.End];
        var roleWords = parts.Where(p => p.Part == Part.Role).ToList();
        int lastPersonIndex = parts.FindLastIndex(p => p.Part is Part.Person or Part.UnknownName);
        int lastNounIndex = parts.FindLastIndex(p => p.Part == Part.Role && p.Word!.Kind != RoleWordKind.Title);
        var stateEl = parts.FirstOrDefault(p => p.Part is Part.State or Part.StateAdjective or Part.StatePeople or Part.Seat or Part.OfState);
        var orgEl = parts.LastOrDefault(p => p.Part == Part.Organisation);
        var regionEl = parts.FirstOrDefault(p => p.Part is Part.Region or Part.RegionAdjective);
        var title = roleWords.LastOrDefault(p => p.Word!.Kind == RoleWordKind.Title);
        var head = lastNounIndex >= 0 ? parts[lastNounIndex] : null;

        // A person named in the phrase, and no noun after them that makes the phrase about something else ("Obama administration").
        if (lastPersonIndex >= 0 && lastNounIndex < lastPersonIndex)
        {
            var p = parts[lastPersonIndex];
            var nameSpan = new CharSpan(doc.TokenStart[p.First], doc.TokenEnd[p.End - 1]);
            if (p.Part == Part.Person) return CodeKnownPerson(p.Person!, span, first, end, text, title, former, p.Entry!, nameSpan);
            var describedAs = parts.Take(lastPersonIndex).LastOrDefault(e => e.Part == Part.Role);
            return CodeUnknownPerson(span, first, end, text, doc.Text[nameSpan.Start..nameSpan.End], stateEl, orgEl, describedAs);
        }

        // "Obama administration official", "Assad's forces": the person gives the country, the noun the role.
        if (lastPersonIndex >= 0 && head is not null && stateEl is null && orgEl is null)
        {
            var person = parts[lastPersonIndex].Person;
            var term = person?.TermAt(_day) ?? person?.TermAt(null);
            if (term?.Country is { } c && kb.State(c) is { } st)
                return Make(span, first, end, text, st.Name, c, head.Word!.Role, ActorKind.State,
                    $"compose:person({person!.Name})+role({head.Word.Text})");
        }

        if (orgEl is not null)
        {
            var org = orgEl.Entry!.Organisation!;
            if (org.Role == "IGO" && head?.Word!.Text is "leaders" or "ministers" or "countries" or "states" or "members" or "governments")
                return Make(span, first, end, text, StripDeterminer(text, determiner), null, "GOV", ActorKind.Group,
                    $"compose:org({org.Name})+group({head.Word.Text})", code: null);
            string? role = org.Role;
            string why = $"kb:org:{org.Name}";
            if (head is not null && org.Role is "GOV" or "LEG" && head.Word!.Role is "MIL" or "COP") { role = head.Word.Role; why += $"+role({head.Word.Text})"; }
            var kind = org.Role is "REB" or "IMG" ? ActorKind.Group : ActorKind.Organisation;
            string code = org.Code.Length == 3 && org.Role != "MED" ? org.Code + role : org.Code;
            return Make(span, first, end, text, org.Name, org.Country, role, kind, why, code: role == org.Role ? org.Code : (org.Country ?? "") + role);
        }

        // "the north African country", "the country": a state named before, in that region when one is given.
        if (stateEl is null && orgEl is null && head?.Word!.Text is "country" or "nation" && determiner)
        {
            var antecedent = Enumerable.Reverse(Mentions).FirstOrDefault(m => m.Kind == ActorKind.State && m.Country is { } c
                && (regionEl is null || (kb.State(c)?.Regions.Contains(regionEl.Entry!.Region!) ?? false)));
            return antecedent is null ? null : Refer(span, first, end, text, antecedent, ActorKind.State, $"coref:description({StripDeterminer(text, determiner)})");
        }

        if (regionEl is not null && stateEl is null)
        {
            string region = regionEl.Entry!.Region!;
            string role = head?.Word!.Role ?? "GOV";
            return Make(span, first, end, text, StripDeterminer(text, determiner), null, role, ActorKind.Group,
                $"compose:region({regionEl.Entry.Text}){(head is null ? "" : $"+role({head.Word!.Text})")}", code: region + role);
        }

        if (stateEl is not null)
        {
            var state = stateEl.Entry!.State!;
            if (stateEl.Part == Part.Seat && parts.Count == 1 && ModifiesCommonNoun(end)) return null;
            bool place = stateEl.Part is Part.State or Part.Seat && parts.Count == 1 && IsPlace(first, stateEl);
            if (state.Iso3 == "GEO" && _georgiaIsUsState) return null;
            if (head is not null && head.Word!.Kind == RoleWordKind.Group)
                return Make(span, first, end, text, StripDeterminer(text, determiner), null, "GOV", ActorKind.Group,
                    $"compose:state({stateEl.Entry.Text})+group({head.Word.Text})", code: null);

            // "the Russian president", "the Iranian foreign minister": a title with a country but no name is a person.
            if (head is null && title?.Word!.Office is { } office && parts.IndexOf(title) > parts.IndexOf(stateEl))
            {
                var resolved = ResolveTitle(office, state.Iso3, span);
                if (resolved is not null)
                    return Refer(span, first, end, text, resolved, ActorKind.Person, $"coref:title({StripDeterminer(text, determiner)})");
                var holder = kb.OfficeHolder(state.Iso3, office, _day);
                if (holder is not null)
                    return CodeKnownPerson(holder, span, first, end, text, title, former, null, span, $"kb:office({state.Iso3} {office})");
            }
            string role = head?.Word!.Role ?? title?.Word!.Role ?? (stateEl.Part == Part.Seat ? stateEl.Entry.Role! : "GOV");
            string why = stateEl.Part switch
            {
                Part.Seat => $"kb:seat({stateEl.Entry.Text})",
                Part.StateAdjective => $"compose:adjective({stateEl.Entry.Text})",
                _ => $"kb:state({stateEl.Entry.Text})",
            };
            var roleWord = head ?? title;
            if (roleWord is not null) why += $"+role({roleWord.Word!.Text})";
            if (place) why += "+after-place-preposition";
            return Make(span, first, end, text, state.Name, state.Iso3, role, ActorKind.State, why) with { InPlacePhrase = place };
        }

        // A title or description with no name or country: someone named earlier ("the secretary of state").
        if (title?.Word!.Office is { } onlyOffice && head is null && determiner)
        {
            var resolved = ResolveTitle(onlyOffice, null, span);
            if (resolved is not null)
                return Refer(span, first, end, text, resolved, ActorKind.Person, $"coref:title({StripDeterminer(text, false)})");
            return null;
        }
        if (head is not null && StandaloneNouns.Contains(head.Word!.Text) && parts.All(p => p.Part == Part.Role))
        {
            // "opposition demonstrators", "rebel fighters": an armed or political modifier outranks the plain noun.
            var modifier = parts.FirstOrDefault(p => p != head && p.Word!.Role is "OPP" or "REB");
            string role = modifier?.Word!.Role ?? head.Word.Role;
            // "met with Speaker Nancy Pelosi and other senators": an actor of the same role just named in the sentence
            // places them before the article's main state does
            int sentenceOfPhrase = doc.TokenSentence[first];
            string? sameRole = Enumerable.Reverse(Mentions).TakeWhile(m => doc.TokenSentence[m.FirstToken] == sentenceOfPhrase)
                .FirstOrDefault(m => m.Role == role && m.Country is not null && m.FirstToken < first)?.Country;
            // "Coalition troops" after "the Saudi-led coalition": the coalition the article has named, led by that state
            string? coalition = parts.Any(p => p.Word!.Text.Equals("coalition", StringComparison.OrdinalIgnoreCase))
                ? Enumerable.Reverse(Mentions).FirstOrDefault(m => m.Country is not null && m.FirstToken < first
                    && m.Text.Contains("coalition", StringComparison.OrdinalIgnoreCase))?.Country
                : null;
            // "the terrorists have laid down their arms in Syria": local armed groups and civilians belong where the
            // sentence places them, before the article's most-named state
            string? placed = role is "REB" or "CVL" or "OPP" or "REF" && doc.Places.FirstOrDefault(p => p.Country is not null
                && doc.TokenSentence[p.FirstToken] == sentenceOfPhrase && p.FirstToken >= end && AfterLocativePreposition(p.FirstToken)) is { } where
                ? where.Country : null;
            string? context = usParty ? "USA" : coalition ?? sameRole ?? placed ?? ContextCountry(role);
            string why = $"role({head.Word.Text})" + (modifier is null ? "" : $"+modifier({modifier.Word!.Text})")
                + (context is null ? "" : $"+context-country({context})");
            return Make(span, first, end, text, StripDeterminer(text, determiner), context, role, ActorKind.Unknown, why);
        }
        if (head is not null && parts.All(p => p.Part == Part.Role))
        {
            // "world powers", "those remaining countries": several states, none in particular.
            if (head.Word!.Kind == RoleWordKind.Group)
                return Make(span, first, end, text, StripDeterminer(text, determiner), null, "GOV", ActorKind.Group, $"group({head.Word.Text})", code: null);
            // "the official", "the spokesman": the one described the same way before ("a US defense official").
            if (determiner && head.Word.Role == "GOV" && !head.Word.Text.EndsWith('s'))
            {
                var same = Enumerable.Reverse(Mentions).FirstOrDefault(m => m.Kind != ActorKind.Pronoun && m.Country is not null
                    && m.Text.EndsWith(head.Word.Text, StringComparison.OrdinalIgnoreCase));
                if (same is not null) return Refer(span, first, end, text, same, same.Kind, $"coref:same-description({head.Word.Text})");
            }
            // "the government", "the defense ministry" with no country: the state the article is about.
            if (determiner && DefiniteGovernmentNouns.Contains(head.Word.Text) && ContextCountry("GOV") is { } context)
                return Make(span, first, end, text, kb.State(context)?.Name ?? context, context, "GOV", ActorKind.State,
                    $"role({head.Word.Text})+context-country({context})");
        }
        return null;
    }

    // Outside powers: when rebels, protesters or refugees are not placed, they are rarely these states' own.
    private static readonly HashSet<string> OutsidePowers = new(StringComparer.Ordinal) { "USA", "RUS", "GBR", "FRA", "CHN" };

    /// <summary>The state the article has named most so far — where unplaced rebels, civilians or refugees most likely belong.</summary>
    private string? ContextCountry(string role)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in Mentions)
            if (m.Country is { } c && m.Kind is ActorKind.State or ActorKind.Person or ActorKind.Group)
                counts[c] = counts.GetValueOrDefault(c) + 1;
        if (counts.Count == 0) return null;
        bool local = role is "REB" or "CVL" or "OPP" or "REF" or "COP";
        var ranked = counts.OrderByDescending(kv => kv.Value).Select(kv => kv.Key).ToList();
        return local ? ranked.FirstOrDefault(c => !OutsidePowers.Contains(c)) ?? ranked[0] : ranked[0];
    }

    private static string StripDeterminer(string text, bool determiner)
    {
        if (!determiner) return text;
        int space = text.IndexOf(' ');
        return space > 0 ? text[(space + 1)..] : text;
    }

    /// <summary>"the Kabul airport", "Damascus countryside": a capital naming where something is, not who acts.</summary>
    private bool ModifiesCommonNoun(int end)
    {
        if (!doc.Has(Layers.PartOfSpeech) || end >= doc.TokenCount || doc.TokenSentence[end] != doc.TokenSentence[end - 1]) return false;
        return doc.Upos[end] is "NOUN" or "PROPN" && char.IsLower(doc.Text[doc.TokenStart[end]]);
    }

    private bool IsPlace(int first, Element stateEl)
    {
        int s = doc.TokenSentence[stateEl.First];
        int prev = first - 1;
        if (prev < doc.SentenceFirstToken[s]) return false;
        return PlacePrepositions.Contains(Tok(prev));
    }

    private ActorMention CodeKnownPerson(PersonEntry person, CharSpan span, int first, int end, string text, Element? title,
        bool former, KbEntry? entry, CharSpan nameSpan, string? whyPrefix = null)
    {
        var term = person.TermAt(_day);
        string why = whyPrefix ?? $"kb:person:{person.Name}";
        if (entry is not null && !entry.Strong) why += $"(surname {entry.Text})";
        string? country, role, code;
        string? body = null;
        if (term is not null && !former)
        {
            country = term.Country;
            role = term.Role;
            body = term.Body;
            code = IgoCode(term) ?? country + role;
            why += $"({term.Describe()})";
        }
        else
        {
            var past = _day is null ? null : person.FormerTermAt(_day.Value);
            var any = past ?? person.TermAt(null);
            country = any?.Country;
            role = null;
            body = any?.Body;
            if (past is not null) { code = (IgoCode(past) is { } ic ? ic[..3] : country) + "ELI"; why += $"(former {past.Describe()})"; }
            else { role = title?.Word!.Role; code = country + role; why += "(no office on the article date)"; }
        }
        _seenPeople.Add(person);
        var mention = new ActorMention
        {
            Span = span, FirstToken = first, EndToken = end, Text = text, Name = person.Name, Code = NullIfEmpty(code),
            Country = country, Role = role, Kind = ActorKind.Person, Why = why, Body = body,
        };
        return mention;
    }

    private string? IgoCode(OfficeTerm term) =>
        term.Role == "IGO" && term.Body is not null ? kb.Organisation(term.Body)?.Code ?? "IGO" : null;

    private ActorMention CodeUnknownPerson(CharSpan span, int first, int end, string text, string name, Element? stateEl, Element? orgEl, Element? title)
    {
        // "Mr Grayling" after "Chris Grayling": the same person as an earlier mention.
        string surname = name.Split(' ')[^1];
        foreach (var earlier in Enumerable.Reverse(Mentions))
            if (earlier.Kind == ActorKind.Person && earlier.Name.Split(' ')[^1] == surname && earlier.Name != name || earlier.Kind == ActorKind.Person && earlier.Name == name)
                return Refer(span, first, end, text, earlier, ActorKind.Person, $"coref:name({name})");
        string? country = orgEl?.Entry!.Organisation!.Country ?? stateEl?.Entry!.State!.Iso3;
        string? role = orgEl?.Entry!.Organisation!.Role is "REB" or "IMG" or "IGO" ? orgEl.Entry.Organisation.Role : title?.Word!.Role;
        role ??= orgEl?.Entry!.Organisation!.Role;
        string why = "unknown-person" + (stateEl is null ? "" : $"+state({stateEl.Entry!.Text})") + (orgEl is null ? "" : $"+org({orgEl.Entry!.Text})")
            + (title is null ? "" : $"+title({title.Word!.Text})");
        return Make(span, first, end, text, name, country, role, ActorKind.Person, why);
    }

    private ActorMention Make(CharSpan span, int first, int end, string text, string name, string? country, string? role, ActorKind kind, string why, string? code = "")
    {
        code = code == "" ? NullIfEmpty((country ?? "") + (role ?? "")) : code;
        return new ActorMention
        {
            Span = span, FirstToken = first, EndToken = end, Text = text, Name = name, Code = code,
            Country = country, Role = role, Kind = kind, Why = why,
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private ActorMention Refer(CharSpan span, int first, int end, string text, ActorMention antecedent, ActorKind kind, string why)
    {
        var root = antecedent.Antecedent ?? antecedent;
        return new ActorMention
        {
            Span = span, FirstToken = first, EndToken = end, Text = text, Name = root.Name, Code = root.Code,
            Country = root.Country, Role = root.Role, Kind = kind, Why = $"{why}->{root.Name}", Antecedent = root, Body = root.Body,
        };
    }

    /// <summary>The latest person mention whose office on the article date fits the title (and country, when one is given).</summary>
    private ActorMention? ResolveTitle(string office, string? country, CharSpan before)
    {
        for (int i = Mentions.Count - 1; i >= 0; i--)
        {
            var m = Mentions[i];
            if (m.Kind != ActorKind.Person || m.Span.Start >= before.Start) continue;
            if (country is not null && m.Country != country) continue;
            var person = kb.Person((m.Antecedent ?? m).Name);
            var term = person?.TermAt(_day);
            if (term is not null && ActorKnowledgeBase.OfficeMatches(office, term.Office, term.Country)) return m;
            if (person is null && m.Why.Contains($"title({office})", StringComparison.OrdinalIgnoreCase)) return m;
        }
        return null;
    }

    private void CodePronoun(int t)
    {
        var word = doc.TokenSpan(t);
        char gender = word is "she" or "She" or "her" or "Her" ? 'f' : 'm';
        int sentence = doc.TokenSentence[t];
        // Subjects first: the leftmost fitting person earlier in this sentence, then in each sentence before it
        // (a pronoun usually continues the topic, and the topic is usually the subject).
        ActorMention? antecedent = ReportingSubject(t, gender);
        for (int s = sentence; s >= Math.Max(0, sentence - 3) && antecedent is null; s--)
            antecedent = Mentions.FirstOrDefault(m => doc.TokenSentence[m.FirstToken] == s && m.FirstToken < t && IsPersonOf(m, gender));
        if (antecedent is null) return;
        var span = new CharSpan(doc.TokenStart[t], doc.TokenEnd[t]);
        Mentions.Add(Refer(span, t, t + 1, doc.TokenText(t), antecedent, ActorKind.Pronoun, $"coref:pronoun({doc.TokenText(t)})"));
    }

    /// <summary>
    /// "it"/"its" for a state or organisation: only when this sentence names one before it ("China says it has"),
    /// or the pronoun opens a sentence whose predecessor opens with one — "it" is too often no actor at all.
    /// </summary>
    private void CodeNeuterPronoun(int t)
    {
        int sentence = doc.TokenSentence[t];
        static bool Fits(ActorMention m) => m.Kind is ActorKind.State or ActorKind.Organisation or ActorKind.Group && !m.InPlacePhrase && m.Role != "MED";
        // Unlike he/she, "it" mostly points back to the nearest state or body ("Russia has backed the Syrian government and provided it with arms").
        var antecedent = Mentions.LastOrDefault(m => doc.TokenSentence[m.FirstToken] == sentence && m.FirstToken < t && Fits(m));
        if (antecedent is null && t == doc.SentenceFirstToken[sentence] && sentence > 0)
        {
            var previous = Mentions.FirstOrDefault(m => doc.TokenSentence[m.FirstToken] == sentence - 1);
            if (previous is not null && Fits(previous) && previous.FirstToken <= doc.SentenceFirstToken[sentence - 1] + 1) antecedent = previous;
        }
        if (antecedent is null) return;
        var span = new CharSpan(doc.TokenStart[t], doc.TokenEnd[t]);
        Mentions.Add(Refer(span, t, t + 1, doc.TokenText(t), antecedent, ActorKind.Pronoun, $"coref:pronoun({doc.TokenText(t)})"));
    }

    /// <summary>
    /// "they": the members of a pair named in this sentence or the one before ("both sides … They"), else the
    /// nearest group or body there ("EU leaders … they"). Several mentions of one span, like a pair.
    /// </summary>
    private void CodePluralPronoun(int t)
    {
        int sentence = doc.TokenSentence[t];
        var span = new CharSpan(doc.TokenStart[t], doc.TokenEnd[t]);
        var near = Mentions.Where(m => m.FirstToken < t && doc.TokenSentence[m.FirstToken] >= sentence - 1 && !m.InPlacePhrase && m.Role != "MED").ToList();
        for (int i = near.Count - 1; i >= 0; i--)
        {
            var m = near[i];
            if (m.Kind == ActorKind.Group && m.Why.StartsWith("coref:pair", StringComparison.Ordinal))
            {
                foreach (var member in near.Where(x => x.Span == m.Span))
                    Mentions.Add(Refer(span, t, t + 1, doc.TokenText(t), member, ActorKind.Pronoun, $"coref:pronoun({doc.TokenText(t)})"));
                return;
            }
            if (m.Kind is ActorKind.Group or ActorKind.Organisation && m.Kind != ActorKind.Pronoun)
            {
                Mentions.Add(Refer(span, t, t + 1, doc.TokenText(t), m, ActorKind.Pronoun, $"coref:pronoun({doc.TokenText(t)})"));
                return;
            }
        }
    }

    /// <summary>
    /// "Khalilzad said he warned the Taliban": the subject of a reported clause is, first of all, the one whose
    /// report it is — the subject of the verb the clause hangs from — however many people the sentence named before.
    /// </summary>
    private ActorMention? ReportingSubject(int t, char gender)
    {
        if (doc.Head.Length == 0 || doc.Relation[t] is not ("nsubj" or "nsubj:pass")) return null;
        int clause = doc.Head[t];
        if (clause < 0 || doc.Relation[clause] != "ccomp") return null;
        int governor = doc.Head[clause];
        if (governor < 0) return null;
        int sentence = doc.TokenSentence[t];
        for (int k = doc.SentenceFirstToken[sentence]; k < t; k++)
        {
            if (doc.Head[k] != governor || doc.Relation[k] is not ("nsubj" or "nsubj:pass")) continue;
            var subject = Mentions.FirstOrDefault(m => m.FirstToken <= k && k < m.EndToken && IsPersonOf(m, gender));
            if (subject is not null) return subject;
        }
        return null;
    }

    private bool IsPersonOf(ActorMention m, char gender)
    {
        if (m.Kind is not (ActorKind.Person or ActorKind.Pronoun)) return false;
        var root = m.Antecedent ?? m;
        if (root.Kind != ActorKind.Person) return false;
        var person = kb.Person(root.Name);
        return person is null || person.Gender == '?' || person.Gender == gender;
    }

    private void CodeRelative(int t)
    {
        int comma = t - 1;
        var antecedent = Mentions.LastOrDefault(m => m.EndToken == comma && m.Kind is ActorKind.Person or ActorKind.Pronoun);
        if (antecedent is null) return;
        var span = new CharSpan(doc.TokenStart[t], doc.TokenEnd[t]);
        Mentions.Add(Refer(span, t, t + 1, "who", antecedent, ActorKind.Pronoun, "coref:relative(who)"));
    }

    // Georgia the US state: the article talks about American state politics and nothing of the Caucasus.
    private static bool GeorgiaIsUsState(string text)
    {
        if (!text.Contains("Georgia", StringComparison.Ordinal)) return false;
        string[] usCues = ["Atlanta", "Savannah", "Peach State", "Gov.", "governor", "Democrat", "Republican", "county", "County", "Ga.", "state legislature", "Senate race", "Fulton"];
        string[] countryCues = ["Tbilisi", "Georgian", "Saakashvili", "Ossetia", "Abkhazia", "Caucasus", "Kremlin", "Moscow", "Ivanishvili", "Georgian Dream"];
        return usCues.Any(c => text.Contains(c, StringComparison.Ordinal)) && !countryCues.Any(c => text.Contains(c, StringComparison.Ordinal));
    }
}
