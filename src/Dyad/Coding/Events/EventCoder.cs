using Dyad.Coding.Actors;
using Dyad.Coding.Cameo;
using Dyad.Coding.Events.Dictionary;
using Dyad.Documents;
using Dyad.Nlp.Lemmatization;
using Dyad.Pipeline;

namespace Dyad.Coding.Events;

/// <summary>
/// Codes CAMEO events sentence by sentence: finds dictionary predicates, then their source and target on the
/// dependency parse (subjects through control, coordination and relative clauses; passive agents; objects and the
/// obliques a predicate takes), reads negation and modality off the predicate's dependents, and attaches date
/// and place. Without a parse it falls back to the nearest actors before and after the predicate.
/// </summary>
public sealed class EventCoder(EventDictionary lexicon, CameoTable cameo) : IStage
{
    public EventCoder() : this(EventDictionary.Default, CameoTable.Default) { }

    /// <summary>A dictionary match as the coder uses it: sentence-relative token positions and what the entry says.</summary>
    private sealed record FoundPredicate(string Cameo, bool IsNoun, bool IsSpeech, IReadOnlyList<string> TargetPrepositions,
        bool Symmetric, int Head, IReadOnlyList<int> Tokens, string Entry)
    {
        public static FoundPredicate From(Dictionary.PredicateMatch m) => new(
            m.Entry.Cameo, m.Entry.Kind == PredicateKind.Noun, m.Entry.Kind == PredicateKind.Speech, m.Entry.TargetPrepositions,
            m.Entry.Symmetric, m.HeadIndex, m.WordPositions, m.Entry.Id);
    }

    public string Name => "events";
    public Layers Requires => Layers.Tokens | Layers.Sentences | Layers.Actors;
    public Layers Produces => Layers.Events;

    public void Process(Document document)
    {
        var mentionAt = new int[document.TokenCount];
        Array.Fill(mentionAt, -1);
        for (int m = 0; m < document.Actors.Count; m++)
        {
            var mention = document.Actors[m];
            for (int t = mention.FirstToken; t < mention.EndToken && t < mentionAt.Length; t++)
                if (mentionAt[t] < 0) mentionAt[t] = m;
        }
        bool parsed = document.Has(Layers.Dependencies);
        var newsDay = RecentDayIn(document, 0, int.MaxValue); // one day per article, whatever sentence asks
        for (int s = 0; s < document.SentenceCount; s++)
        {
            var sentence = new SentenceView(document, s, mentionAt, parsed) { NewsDay = newsDay };
            var events = CodeSentence(sentence);
            document.Events.AddRange(events);
        }
    }

    private List<CodedEvent> CodeSentence(SentenceView view)
    {
        var doc = view.Document;
        var results = new List<Candidate>();
        var consumed = new bool[view.Count];
        RepairHeadLemmas(view);
        for (int i = 0; i < view.Count; i++)
        {
            if (consumed[i]) continue;
            var upos = view.Upos(i);
            // a participle used as an adjective ("the U.N.-recognized government", "Saudi-backed forces") names an actor, not an act
            bool isVerb = upos is "VERB" or null && !(view.Parsed && view.Rel(i) == "amod" && view.Head(i) > i && view.Xpos(i) == "VBN")
                && !IsHyphenatedModifier(view, i);
            bool isNoun = upos is "NOUN" or "PROPN" or null;
            Dictionary.PredicateMatch? found = null;
            // IsHead first: it is Match's own filter, and spares the direct objects' lookups for the many verbs that head no entry
            if (isVerb && lexicon.IsHead(view.Lemma(i))) found = lexicon.Match(view.Lemmas, i, PredicateKind.VerbLike, DirectObjects(view, i));
            if (found is null && isNoun) found = lexicon.Match(view.Lemmas, i, PredicateKind.Noun);
            // a verb the tagger took for a noun ("Russia and the US disagree"): a finite-looking word with a subject before it
            if (found is null && upos == "NOUN" && view.Rel(i) is "conj" or "root" && i > 0 && view.Upos(i - 1) is "PROPN" or "PRON" or "NOUN")
                found = lexicon.Match(view.Lemmas, i, PredicateKind.Verb);
            if (found is null) continue;
            var match = FoundPredicate.From(found);
            // the words a phrase's wildcards skipped belong to it too: "proposed holding military talks" is one act, not two
            int from = Math.Max(0, match.Tokens.Where(t => t >= 0).DefaultIfEmpty(match.Head).Min());
            int to = Math.Min(consumed.Length - 1, match.Tokens.DefaultIfEmpty(match.Head).Max());
            for (int t = from; t <= to; t++) consumed[t] = true;
            results.AddRange(CodePredicate(view, match));
            // "Pakistan denied India's accusations": the answered act, with its own agent, is an event of its own
            // (guideline: nominal events with an explicit agent are coded)
            if (view.Parsed)
                foreach (var t in match.Tokens)
                    if (t != match.Head && t >= 0 && t < view.Count && view.Upos(t) == "NOUN"
                        && view.Children(t).Any(c => view.Rel(c) == "nmod:poss" && view.MentionAt(c) is not null)
                        && lexicon.Match(view.Lemmas, t, PredicateKind.Noun) is { } owned && owned.HeadIndex == t)
                        results.AddRange(CodePredicate(view, FoundPredicate.From(owned)));
        }
        // A speaker who is also the source of another event in the sentence gets no separate statement event.
        var others = results.Where(r => !r.Match.IsSpeech).Select(r => r.Source).ToList();
        results.RemoveAll(r => r.Match.IsSpeech && others.Any(o => o.Name == r.Source.Name || (o.Country is not null && o.Country == r.Source.Country)));

        var seen = new HashSet<(string, string, string?)>();
        var events = new List<CodedEvent>();
        foreach (var c in results)
        {
            var code = cameo.Lookup(c.Cameo) ?? cameo.Lookup(c.Cameo[..2]);
            if (code is null) continue;
            var key = (c.Source.Code ?? c.Source.Name, code.Root, c.Target?.Code ?? c.Target?.Name);
            if (!seen.Add(key)) continue;
            var predicateTokens = c.Match.Tokens.Where(t => t >= 0 && t < view.Count).ToList();
            int first = view.First + (predicateTokens.Count > 0 ? predicateTokens.Min() : c.Match.Head);
            int last = view.First + (predicateTokens.Count > 0 ? predicateTokens.Max() : c.Match.Head);
            events.Add(new CodedEvent
            {
                DocId = doc.Id,
                SentenceIndex = view.Index,
                Sentence = view.Text,
                Source = c.Source,
                Target = c.Target,
                Cameo = code.Code,
                Quad = code.Quad,
                Goldstein = code.Goldstein,
                Plover = code.Plover,
                Date = c.Date,
                Location = c.Place,
                Negated = c.Negated,
                Modality = c.Modality,
                Predicate = new CharSpan(doc.TokenStart[first], doc.TokenEnd[last]),
                Entry = c.Match.Entry,
                Confidence = c.Confidence,
            });
        }
        return events;
    }

    /// <summary>
    /// The lemmatiser guesses unseen forms ("feuding" → "feude"); when its lemma is no dictionary head, try the
    /// regular English inflections of the surface form instead, so one bad guess does not hide a predicate.
    /// </summary>
    private void RepairHeadLemmas(SentenceView view)
    {
        // most words are no predicate head under any reading: their forms are tried on the stack, and a string is
        // made only for the one that is a head
        Span<char> stackWord = stackalloc char[64];
        Span<char> stackCandidate = stackalloc char[66];
        for (int i = 0; i < view.Count; i++)
        {
            if (view.Upos(i) is not ("VERB" or "NOUN" or null) || lexicon.IsHead(view.Lemma(i))) continue;
            var token = view.Document.TokenSpan(view.First + i);
            bool fits = token.Length <= stackWord.Length;
            var word = fits ? stackWord[..token.Length] : new char[token.Length];
            token.ToLowerInvariant(word);
            if (view.Upos(i) is "VERB" or null && IrregularVerbs.BaseOf(word) is { } stem && lexicon.IsHead(stem))
            {
                view.SetLemma(i, stem);
                continue;
            }
            if (HeadReading(word, fits ? stackCandidate : new char[token.Length + 2]) is { } head) view.SetLemma(i, head);
        }
    }

    /// <summary>
    /// The first reading of a lower-cased word that is a predicate head: the word itself, then its regular
    /// inflections undone ("ied" → "y", "ing" → "" or "e", …, and a doubled final consonant: "stopped" → "stop",
    /// "hitting" → "hit"); null when none is. <paramref name="candidate"/> holds at least two more characters than the word.
    /// </summary>
    private string? HeadReading(ReadOnlySpan<char> word, Span<char> candidate)
    {
        if (lexicon.IsHead(word)) return word.ToString();
        foreach (var (suffix, replacements) in Inflections)
        {
            if (word.Length <= suffix.Length + 2 || !word.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var stem = word[..^suffix.Length];
            stem.CopyTo(candidate);
            foreach (var r in replacements)
            {
                r.CopyTo(candidate[stem.Length..]);
                if (lexicon.IsHead(candidate[..(stem.Length + r.Length)])) return candidate[..(stem.Length + r.Length)].ToString();
            }
            if (stem.Length > 2 && stem[^1] == stem[^2] && !"aeiou".Contains(stem[^1]) && lexicon.IsHead(stem[..^1])) return stem[..^1].ToString();
        }
        return null;
    }

    private static readonly (string Suffix, string[] Replacements)[] Inflections =
    [
        ("ied", ["y"]), ("ies", ["y"]), ("ing", ["", "e"]), ("ed", ["", "e"]), ("es", ["", "e"]), ("s", [""]),
    ];

    /// <summary>
    /// Whom a statement with a content cue is aimed at: "X said Y must go" is a demand on Y (the subject of the
    /// obligation), "X said the deal is defective" a criticism of the content's actors, else of the speech verb's
    /// object. Null when a threat names no one ("all options are on the table"): the statement stays a statement.
    /// </summary>
    private static List<ActorMention>? CueTargets(SentenceView view, SpeechContentCue cue, int at, bool[] content, int head, List<ActorMention> sources)
    {
        var about = new List<ActorMention>();
        if (cue.Kind == "obligation" && view.Head(at) >= 0)
        {
            int subject = SubjectOf(view, view.Head(at), out _, 0);
            if (subject >= 0) view.ActorsOf(subject, about);
        }
        if (about.Count == 0)
        {
            // "warned the Taliban during talks in Qatar that violence must stop": a place named as where something
            // happened is not who the statement is about, when someone else is named
            var placed = new List<ActorMention>();
            for (int t = 0; t < view.Count; t++)
                if (content[t] && view.MentionAt(t) is { } m && !about.Contains(m) && !placed.Contains(m) && m.Role != "MED")
                    (IsLocative(view, t) ? placed : about).Add(m);
            if (about.Count == 0) about.AddRange(placed);
        }
        if (about.Count == 0)
            foreach (var c in view.Children(head))
                if (view.Rel(c) == "obj") view.ActorsOf(c, about);
        about.RemoveAll(m => sources.Any(src => SameActor(src, m) || (src.Country is not null && src.Country == m.Country && src.Role == m.Role)));
        return cue.Kind == "threat" && about.Count == 0 ? null : about;
    }

    /// <summary>
    /// The direct objects of token i in the parse that are no predicates of their own (none when the sentence is
    /// not parsed): "fired an unidentified ballistic missile" lets "fire * * missile" reach its noun, while "held
    /// their second Nuclear Consultative Group meeting" stays with the noun "meeting", which codes its own event.
    /// </summary>
    private IReadOnlyList<int>? DirectObjects(SentenceView view, int i)
    {
        if (!view.Parsed) return null;
        List<int>? objects = null;
        foreach (int c in view.ChildSpan(i))
            if (view.Rel(c) == "obj" && lexicon.Match(view.Lemmas, c, PredicateKind.Noun) is null) (objects ??= []).Add(c);
        return objects;
    }

    private sealed record Candidate(FoundPredicate Match, ActorMention Source, ActorMention? Target, string Cameo,
        bool Negated, Modality Modality, DateOnly? Date, PlaceMention? Place, double Confidence);

    private IEnumerable<Candidate> CodePredicate(SentenceView view, FoundPredicate match)
    {
        int head = match.Head;
        var (sources, targets, fromParse) = match.IsNoun
            ? NounArguments(view, match)
            : VerbArguments(view, match);
        if (sources.Count == 0) yield break;

        bool fromSpeech = false;
        bool[]? content = null;
        if (match.IsSpeech && view.Parsed && view.Lemma(head) == "tell"
            && view.Children(head).Any(c => view.Rel(c) is "xcomp" or "conj" or "advcl" && c > head && HasToMark(view, c)))
        {
            // "told Taliban officials not to attack the airport": telling someone to act is a demand on them
            var told = new List<ActorMention>();
            foreach (var c in view.Children(head))
                if (view.Rel(c) is "obj" or "iobj") view.ActorsOf(c, told);
            if (told.Count > 0)
            {
                match = match with { Cameo = "100", IsSpeech = false, Entry = match.Entry + "+tell-to" };
                targets = told;
                fromSpeech = true;
            }
        }
        if (match.IsSpeech && view.Parsed && MandativeVerbs.TryGetValue(view.Lemma(head), out var mandate)
            && MandatedActors(view, head) is { Count: > 0 } mandated)
        {
            // "Russia suggested he return to Washington", "insisted that Iran halt enrichment": a subjunctive
            // complement asks its subject to act
            match = match with { Cameo = mandate, IsSpeech = false, Entry = match.Entry + "+mandative" };
            targets = mandated;
            fromSpeech = true;
        }
        else if (match.IsSpeech && view.Parsed)
        {
            content = SpeechContent(view, head, out bool contentFirst);
            // "Moscow's need to retaliate" is a noun, not the obligation "need to"
            if (content is not null && SpeechContentCues.Default.FindFirst(view.Lemmas, 0, view.Count,
                    t => content[t] && !(view.Upos(t) == "NOUN" && view.Lemma(t) == "need")) is var (cue, at)
                && CueTargets(view, cue, at, content, head, sources) is { } about)
            {
                match = match with { Cameo = cue.Cameo, IsSpeech = false, Entry = $"{match.Entry}+speech-content.tsv:{cue.Line}" };
                targets = about.Take(3).ToList();
                fromSpeech = true;
            }
            // "…, officials said": an attribution, not an act; but a quotation ("“We still have work to do,” Zarif told
            // reporters") is the speaker's own statement (guidelines: a quote is coded on its attribution sentence)
            else if (contentFirst && !EndsQuotation(view, head)) yield break;
            else if (content is not null && ReportsOwnStatesAct(view, head, sources)) yield break;
        }

        bool negated = IsNegated(view, head);
        if (negated && match.IsSpeech) yield break; // "did not say when": no statement was made
        // "he was speaking on the sidelines of the summit": the progressive, with nothing said and no one spoken to,
        // sets the scene for what follows; it is not a statement
        if (match.IsSpeech && view.Parsed && content is null && targets.Count == 0 && view.Lemma(head) == "speak"
            && view.Xpos(head) == "VBG" && HasAux(view, head, "be")) yield break;
        // "Russia and the US agreed to fight the militants": a mutual verb with an object of its own is not done
        // by its subjects to each other
        bool mutual = match.Symmetric && sources.Count > 1 && !(view.Parsed && HasOwnObject(view, head, match));
        var modality = ModalityOf(view, head);
        if (modality == Modality.Expectation) yield break; // a forecast is not an event
        if (modality == Modality.Possibility && !HasAux(view, head, "would")) yield break;

        var day = DayOf(view, head);
        if (day is { } planned && view.Document.Published is { } published && planned > published && modality is Modality.Asserted)
        {
            // "the 21 May summit", "talks on Friday" read days later: a planned act, an intent announced now
            modality = Modality.Intent;
            day = null;
        }
        var cameoCode = AdjustForModality(match.Cameo, modality);
        var date = DateOf(view, head, day, modality, cameoCode);
        var place = PlaceOf(view, head);
        double confidence = fromParse ? 0.8 : 0.5;

        bool refusal = match.Cameo.StartsWith("12", StringComparison.Ordinal);
        if (!fromSpeech && view.Parsed && cameoCode.StartsWith("13", StringComparison.Ordinal)
            && targets.All(t => sources.Any(src => SameSide(src, t))))
        {
            // "threatened to close the strait if the US attacked", "warned the UK faces no deal if the EU does not
            // compromise": a threat is aimed at whoever the condition names, not at the threatener's own side
            var conditioned = ConditionActors(view, head, 0)
                .Where(a => !sources.Any(src => SameSide(src, a))).Distinct().ToList();
            if (conditioned.Count > 0) targets = conditioned;
        }
        if (targets.Count == 0 && !fromSpeech && (!MayLackTarget(match.Cameo) || refusal) && !mutual)
        {
            // most CAMEO acts are interactions: look once more, past the parse, for the actor acted upon; a refusal
            // ("ruled out sending troops") stands without one
            var after = FirstActorAfter(view, match);
            if (after is not null && !sources.Contains(after)) targets.Add(after);
            else if (!refusal) yield break;
        }

        var pairs = new List<(ActorMention Source, ActorMention? Target)>();
        if (mutual && targets.Count == 0)
        {
            foreach (var a in sources)
                foreach (var b in sources)
                    if (!ReferenceEquals(a, b)) pairs.Add((a, b));
        }
        else
        {
            foreach (var s in sources)
            {
                if (targets.Count == 0) pairs.Add((s, null));
                foreach (var t in targets) pairs.Add((s, t));
            }
        }
        foreach (var (source, target) in pairs)
        {
            if (!IsPolitical(source) || source.Role == "MED") continue;
            if (target is not null && (ReferenceEquals(source, target) || SameActor(source, target))) continue;
            // a government acting on itself ("Trump withdrew the U.S. from …") is no interaction between actors
            if (target is not null && source.Country is not null && source.Country == target.Country && source.Role is not null && source.Role == target.Role) continue;
            var t = target is not null && IsPolitical(target) && target.Role != "MED" ? target : null;
            if (target is not null && t is null && !match.IsSpeech) continue;
            yield return new Candidate(match, source, t, cameoCode, negated, modality, date, place, confidence);
        }
    }

    /// <summary>Acts that answer another's act: praise, criticism, rejection, threat.</summary>
    private static bool IsReaction(string cameo) => cameo.StartsWith("051", StringComparison.Ordinal) || cameo[..2] is "11" or "12" or "13";

    /// <summary>Nouns that, with a definite or demonstrative determiner, point back at an act already reported.</summary>
    private static readonly HashSet<string> ActAnaphors =
        ["move", "decision", "action", "act", "step", "plan", "drill", "exercise", "strike", "attack", "test", "launch",
         "announcement", "measure", "sanction", "deployment", "visit", "trip", "remark", "comment", "statement", "threat", "incursion"];

    /// <summary>
    /// "Taiwan decried the planned actions", "Beijing condemned the move": an object that points back at an act just
    /// reported is aimed at whoever did it, the source of the latest event of the two sentences before (not the
    /// actor who reacts now).
    /// </summary>
    private static ActorMention? ActOfEarlierEvent(SentenceView view, int noun, List<ActorMention> sources)
    {
        if (view.MentionAt(noun) is not null || !ActAnaphors.Contains(view.Lemma(noun))) return null;
        if (!view.Children(noun).Any(c => view.Rel(c) == "det" && view.Lemma(c) is "the" or "this" or "these" or "that" or "those" or "such")) return null;
        if (view.Children(noun).Any(c => view.Rel(c) is "nmod" or "nmod:poss" or "acl" or "acl:relcl")) return null; // "the decision of X", "the move to …": named in place
        var events = view.Document.Events;
        for (int i = events.Count - 1; i >= 0; i--)
        {
            var e = events[i];
            if (e.SentenceIndex < view.Index - 2) break;
            if (e.SentenceIndex >= view.Index) continue;
            if (sources.Any(s => SameSide(s, e.Source))) continue;
            return e.Source;
        }
        return null;
    }

    /// <summary>
    /// "the Pentagon said the State Department had approved a deal": a state's office announcing what another part of
    /// the same state did is the act, not a statement of its own (GUIDELINES); the speaker's own "he" does not count.
    /// </summary>
    private static bool ReportsOwnStatesAct(SentenceView view, int head, List<ActorMention> sources)
    {
        foreach (var c in view.Children(head))
        {
            if (view.Rel(c) != "ccomp") continue;
            foreach (var g in view.Children(c))
            {
                if (view.Rel(g) is not ("nsubj" or "nsubj:pass") || view.MentionAt(g) is not { } doer) continue;
                if (doer.Kind == ActorKind.Pronoun || doer.Country is null) continue;
                if (sources.Any(s => s.Country == doer.Country && !ReferenceEquals(s, doer)
                    && !(s.Kind == ActorKind.Person && doer.Kind == ActorKind.Person && s.Name == doer.Name))) return true;
            }
        }
        return false;
    }

    /// <summary>Speech verbs whose subjunctive complement is a request (02) or a demand (10).</summary>
    private static readonly Dictionary<string, string> MandativeVerbs = new(StringComparer.Ordinal)
    {
        ["suggest"] = "020", ["propose"] = "020", ["recommend"] = "020", ["advise"] = "020",
        ["insist"] = "100", ["demand"] = "100", ["require"] = "100",
    };

    /// <summary>The actors subject of a bare-infinitive (subjunctive) clausal complement: "suggested he return".</summary>
    private static List<ActorMention> MandatedActors(SentenceView view, int head)
    {
        var actors = new List<ActorMention>();
        foreach (var c in view.Children(head))
        {
            // the parser often reads "suggested Japan withdraw" as an object and a bare complement
            if (view.Rel(c) == "xcomp" && view.Xpos(c) == "VB" && !HasToMark(view, c))
            {
                foreach (var o in view.Children(head))
                    if (view.Rel(o) == "obj" && o < c) view.ActorsOf(o, actors);
                continue;
            }
            if (view.Rel(c) != "ccomp" || view.Xpos(c) != "VB") continue;
            if (view.Children(c).Any(g => view.Rel(g) is "aux" or "aux:pass" && view.Xpos(g) is "MD" or "TO" or "VBZ" or "VBP" or "VBD")) continue;
            view.SubjectActorsOf(c, actors);
        }
        return actors;
    }

    /// <summary>Actors subject of an "if" or "unless" clause under the predicate or its complement.</summary>
    private static List<ActorMention> ConditionActors(SentenceView view, int head, int depth)
    {
        var found = new List<ActorMention>();
        if (depth > 2) return found;
        foreach (var c in view.Children(head))
        {
            if (view.Rel(c) is "advcl" or "ccomp" && view.Children(c).Any(g => view.Rel(g) == "mark" && view.Lemma(g) is "if" or "unless"))
                view.SubjectActorsOf(c, found);
            else if (view.Rel(c) is "xcomp" or "ccomp") found.AddRange(ConditionActors(view, c, depth + 1));
        }
        return found;
    }

    private static bool HasOwnObject(SentenceView view, int head, FoundPredicate match)
    {
        foreach (var c in view.Children(head))
            if (view.Rel(c) == "obj" && !match.Tokens.Contains(c) && view.MentionAt(c) is null) return true;
        return false;
    }

    private static bool IsPolitical(ActorMention m) => m.Country is not null || m.Code is not null || m.Role is not null;

    /// <summary>The same actor, or one of the same state: neither can be the other's target in a threat or a reaction.</summary>
    private static bool SameSide(ActorMention a, ActorMention b) => SameActor(a, b) || a.Country is not null && a.Country == b.Country;

    private static bool SameActor(ActorMention a, ActorMention b) =>
        a.Name == b.Name || (a.Code is not null && a.Code == b.Code && a.Kind != ActorKind.Person && b.Kind != ActorKind.Person);

    // ---- arguments ----

    private (List<ActorMention> Sources, List<ActorMention> Targets, bool FromParse) VerbArguments(SentenceView view, FoundPredicate match)
    {
        int head = match.Head;
        if (!view.Parsed) return SurfaceArguments(view, match);
        var sources = new List<ActorMention>();
        var targets = new List<ActorMention>();
        int agent = -1, patient = -1;
        int subject = SubjectOf(view, head, out bool passive, depth: 0);
        if (passive)
        {
            patient = subject;
            agent = view.ChildWithCase(head, "by", "obl:agent", "obl");
        }
        else agent = subject;
        if (agent >= 0) view.ActorsOf(agent, sources);
        // "Merkel – along with Macron and May – has demanded": a parser that hangs the along-with phrase on the verb
        // rather than on the subject still names co-agents
        if (agent >= 0 && !passive)
            foreach (var c in view.Children(head))
                if (view.Rel(c) == "obl" && view.IsAlongWith(c)) view.ActorsOf(c, sources);
        // an agent that is another verb's object ("criticised South Korea and the United States for holding …",
        // "urged Iran and Syria to stop"): a second object the parser hung on that verb acts too
        if (agent >= 0 && view.Rel(agent) is "obj" or "iobj" && view.Head(agent) is var governor and >= 0)
            foreach (var c in view.Children(governor))
                if (c > agent && c < head && view.Rel(c) == "conj" && view.Upos(c) is "PROPN" or "NOUN") view.ActorsOf(c, sources);
        if (sources.Count == 0)
        {
            if (agent < 0 && !passive) return SurfaceArguments(view, match, targetsFromParse: true);
            return (sources, targets, true);
        }
        int target = -1;
        if (passive && patient >= 0) target = patient;
        else if (match.TargetPrepositions.Count > 0)
        {
            foreach (var t in match.Tokens.Prepend(head).Distinct())
            {
                if (t < 0 || t >= view.Count) continue;
                target = view.ChildWithCase(t, match.TargetPrepositions);
                if (target >= 0) break;
            }
            // "plans to deploy missiles to the Philippines": a phrase after the infinitive that the parser hung one
            // level up, on the verb the infinitive completes, belongs to the infinitive
            if (target < 0 && view.Rel(head) == "xcomp" && view.Head(head) is var completed and >= 0
                && view.ChildWithCase(completed, match.TargetPrepositions) is var raised and >= 0 && raised > head)
                target = raised;
            if (target < 0) target = ObjectOf(view, head, match);
        }
        else if (match.IsSpeech && view.Lemma(head) != "tell") // "tell" takes its hearer as object ("told the meeting of the UN")
        {
            // a speech verb's hearer comes with "to" ("reiterated to Lavrov the US commitment"); its object is what
            // was said, an actor only when it is one itself ("told Lavrov"), not through its modifiers
            target = view.ChildWithCase(head, ["to"]);
            if (target < 0 && ObjectOf(view, head, match) is var said and >= 0 && view.MentionAt(said) is not null) target = said;
        }
        else target = ObjectOf(view, head, match);
        if (target >= 0 && IsObjectOfAGerundAct(view, target)) target = -1;
        if (target >= 0) view.ActorsOf(target, targets);
        if (targets.Count == 0)
        {
            // "rejected the American proposal", "welcomed Russia's offer": the object noun is part of the entry, its owner is the target
            foreach (var t in match.Tokens)
                if (t != head && t >= 0 && t < view.Count && view.Rel(t) is "obj" or "obl" or "nsubj:pass")
                    view.ActorsOfModifiers(t, targets);
        }
        if (targets.Count == 0 && match.IsSpeech && view.ChildWithCase(head, ["to"]) is var hearer and >= 0)
            view.ActorsOf(hearer, targets); // "reiterated to Lavrov that …": the one spoken to
        if (targets.Count == 0 && !match.IsSpeech && target >= 0 && IsReaction(match.Cameo) && ActOfEarlierEvent(view, target, sources) is { } actor)
            targets.Add(actor); // "Taiwan decried the planned actions": the one who acted in the news just told
        if (targets.Count == 0 && !match.IsSpeech)
        {
            // "demanded that Mr Assad be removed", "insisted that Iran must stop": the act is aimed at the one the
            // clause is about
            foreach (var c in view.Children(head))
                if (view.Rel(c) == "ccomp") view.SubjectActorsOf(c, targets);
            // "urged the U.S. not to leave": English gives a to-infinitive no subject of its own (only with "for"),
            // so a subject the parser hung on it between the verb and the infinitive is the verb's object
            if (targets.Count == 0)
                foreach (var c in view.Children(head))
                    if (c > head && view.Rel(c) is "advcl" or "xcomp" && HasToMark(view, c))
                        foreach (var g in view.Children(c))
                            if (g > head && g < c && view.Rel(g) == "nsubj" && !view.Children(c).Any(m => view.Lemma(m) == "for" && m < g))
                                view.ActorsOf(g, targets);
        }
        // "Trump withdrew the U.S. from the accord with Iran": a government moving its own state acts on the other
        // party of the accord, which the phrase's noun names with "with"
        if (targets.Count > 0 && targets.TrueForAll(t => sources.Exists(src => SameSide(src, t))))
        {
            var counterparts = new List<ActorMention>();
            // the parser hangs "with Iran" on the accord or, as often, on the verb
            foreach (var t in match.Tokens)
                if (t >= 0 && t < view.Count && (t == head || view.Upos(t) == "NOUN") && view.ChildWithCase(t, ["with"]) is var with and >= 0)
                    view.ActorsOf(with, counterparts);
            counterparts.RemoveAll(c => sources.Exists(src => SameSide(src, c)));
            if (counterparts.Count > 0) { targets.Clear(); targets.AddRange(counterparts); }
        }
        return (sources, targets, true);
    }

    /// <summary>
    /// "ruled out sending ground troops" parsed with "sending" an adjective of "troops": when a verb's gerund before
    /// the noun forms a dictionary act with it, what is acted on is that act, not the noun's actor.
    /// </summary>
    private bool IsObjectOfAGerundAct(SentenceView view, int noun)
    {
        foreach (var g in view.Children(noun))
            if (g < noun && view.Rel(g) == "amod" && view.Upos(g) == "VERB" && view.Xpos(g) == "VBG"
                && lexicon.Match(view.Lemmas, g, PredicateKind.VerbLike, [noun]) is { } act && act.HeadIndex == g
                && act.WordPositions.Contains(noun))
                return true;
        return false;
    }

    /// <summary>The object that is not itself part of the predicate ("impose sanctions": sanctions is the predicate).</summary>
    private static int ObjectOf(SentenceView view, int head, FoundPredicate match)
    {
        foreach (var rel in new[] { "iobj", "obj" })
        {
            foreach (var c in view.Children(head))
                if (view.Rel(c) == rel && !match.Tokens.Contains(c)) return c;
        }
        // the parser sometimes hangs a direct object as a bare oblique ("meet Lavrov" → obl): no preposition, same role
        foreach (var c in view.Children(head))
            if (view.Rel(c) == "obl" && !match.Tokens.Contains(c) && !view.Children(c).Any(g => view.Rel(g) == "case") && view.MentionAt(c) is not null)
                return c;
        return -1;
    }

    /// <summary>The subject of a verb, looking through control ("agreed to meet"), coordination, relative clauses and participles.</summary>
    private static int SubjectOf(SentenceView view, int verb, out bool passive, int depth)
    {
        passive = false;
        if (depth > 4 || verb < 0) return -1;
        bool passiveAux = false;
        foreach (var c in view.Children(verb))
            if (view.Rel(c) == "aux:pass") passiveAux = true;
        foreach (var c in view.Children(verb))
        {
            var rel = view.Rel(c);
            if (rel is "nsubj" or "nsubj:pass" or "csubj")
            {
                // trust a passive only when "be" + participle says so: the parser's nsubj:pass alone misleads
                passive = passiveAux;
                // "Putin, who met Obama": the relative pronoun stands for the noun the clause modifies
                if (view.Upos(c) == "PRON" && view.Lemma(c) is "who" or "which" or "that" && view.Rel(verb) == "acl:relcl")
                    return view.Head(verb);
                return c;
            }
        }
        var own = view.Rel(verb);
        int governor = view.Head(verb);
        if (governor < 0) return -1;
        // a noun "root" with a past-tense "relative clause" is a misparsed clause: "Indian and Pakistani forces
        // exchanged fire" read as "forces [that were] exchanged": the noun is the subject
        if (own == "acl" && view.Rel(governor) == "root" && governor < verb && view.Xpos(verb) is "VBD" or "VBN"
            && view.Upos(governor) is "NOUN" or "PROPN" && !view.Children(verb).Any(c => view.Rel(c) is "aux:pass" or "mark"))
            return governor;
        // object control: "called on Israel to halt", "urged Iran to stop" — the complement's actor is the governor's object
        if (own is "xcomp" or "advcl" or "conj" && HasToMark(view, verb) && ObjectControlVerbs.Contains(view.Lemma(governor)))
        {
            foreach (var c in view.Children(governor))
                if (view.Rel(c) is "obj" or "iobj") return c;
            foreach (var c in view.Children(governor))
                if (view.Rel(c) == "obl" && view.Children(c).Any(g => view.Rel(g) == "case" && view.Lemma(g) is "on" or "upon")) return c;
        }
        // "criticised South Korea and the US for holding talks": the judged actor is the one who acts
        if (own is "advcl" or "acl" && JudgingVerbs.Contains(view.Lemma(governor))
            && view.Children(verb).Any(c => view.Rel(c) is "mark" or "case" && view.Lemma(c) == "for"))
        {
            foreach (var c in view.Children(governor))
                if (view.Rel(c) is "obj" or "iobj") return c;
        }
        // "Asked if he wanted to comment, Kerry said": a clause opening the sentence with a bare past form is a
        // passive participle (an active one would need a subject); the main clause's subject is the one asked
        if (own == "advcl" && governor > verb && view.Xpos(verb) is "VBN" or "VBD" && OpensSentence(view, verb)
            && !view.Children(verb).Any(c => view.Rel(c) is "aux" or "aux:pass" or "mark"))
        {
            int s = SubjectOf(view, governor, out _, depth + 1);
            passive = s >= 0;
            return s;
        }
        if (own is "xcomp" or "conj" or "advcl" or "acl")
        {
            // controlled or coordinated verbs share the governor's subject ("is expected to soften" included);
            // only a coordinated verb also shares its passive voice
            int s = SubjectOf(view, governor, out bool p, depth + 1);
            passive = own == "conj" && p;
            return s;
        }
        if (own == "acl:relcl") return governor;
        return -1;
    }

    /// <summary>
    /// "nuclear-armed North Korea", "Iran-backed militias": a participle written onto a word with a hyphen is one
    /// adjective, whatever relation the parser gave it.
    /// </summary>
    private static bool IsHyphenatedModifier(SentenceView view, int token)
    {
        if (token < 2 || view.Xpos(token) is not ("VBN" or "VBD")) return false;
        var doc = view.Document;
        int at = view.First + token;
        return doc.TokenSpan(at - 1) is "-" && doc.TokenEnd[at - 1] == doc.TokenStart[at] && doc.TokenEnd[at - 2] == doc.TokenStart[at - 1];
    }

    /// <summary>True when the token's phrase is introduced by a preposition of place ("in Qatar", "at the UN").</summary>
    private static bool IsLocative(SentenceView view, int token)
    {
        int phrase = token;
        for (int hops = 0; hops < 3 && view.Rel(phrase) is "flat" or "compound" or "amod" && view.Head(phrase) >= 0; hops++) phrase = view.Head(phrase);
        foreach (var c in view.Children(phrase))
            if (view.Rel(c) == "case" && ActorCodingRun.PlacePrepositions.Contains(view.Lemma(c))) return true;
        return false;
    }

    private static bool OpensSentence(SentenceView view, int token)
    {
        for (int i = 0; i < token; i++)
            if (view.Upos(i) is not ("PUNCT" or "ADV" or "CCONJ")) return false;
        return true;
    }

    /// <summary>Verbs whose object is the actor of their "to" complement: "urged Iran to stop", "called on Israel to halt".</summary>
    private static readonly HashSet<string> ObjectControlVerbs =
        ["call", "urge", "ask", "press", "push", "tell", "order", "force", "invite", "encourage", "persuade", "allow", "warn",
         "request", "pressure", "pressurise", "pressurize", "lead", "help", "enable", "permit", "compel", "instruct", "appeal", "challenge", "expect"];

    /// <summary>Verbs that judge someone for what they did: "praised X for", "condemned X for".</summary>
    private static readonly HashSet<string> JudgingVerbs =
        ["criticize", "criticise", "condemn", "blame", "praise", "thank", "accuse", "punish", "sanction", "commend", "congratulate",
         "fault", "slam", "denounce", "rebuke", "applaud", "hail", "reward", "scold", "chide", "berate", "attack", "lambast", "castigate"];

    /// <summary>Roots that are acts of one actor as often as interactions: a statement, an appeal, a protest, a show of force.</summary>
    private static bool MayLackTarget(string cameo) => cameo[..2] is "01" or "02" or "12" or "14" or "15";

    private static bool HasToMark(SentenceView view, int verb) =>
        view.Children(verb).Any(c => view.Rel(c) == "mark" && view.Lemma(c) == "to");

    /// <summary>Verbs that carry an event noun without adding meaning: "held talks", "launched air strikes".</summary>
    private static readonly HashSet<string> LightVerbs =
        ["hold", "launch", "conduct", "carry", "stage", "mount", "begin", "start", "resume", "continue", "make", "give",
         "deliver", "impose", "order", "step", "intensify", "announce", "sign", "reach", "open", "lead", "have", "pay", "extend", "offer", "provide", "send", "issue"];

    private (List<ActorMention>, List<ActorMention>, bool) NounArguments(SentenceView view, FoundPredicate match)
    {
        var sources = new List<ActorMention>();
        var targets = new List<ActorMention>();
        int head = match.Head;
        if (!view.Parsed) return SurfaceArguments(view, match);
        // "talks between X and Y": every pair, both ways
        int between = view.ChildWithCase(head, ["between"]);
        if (between >= 0)
        {
            view.ActorsOf(between, sources);
            return (sources, targets, true);
        }
        foreach (var c in view.Children(head))
        {
            var rel = view.Rel(c);
            if (rel is "nmod:poss" or "amod" or "compound" && !match.Tokens.Contains(c)) view.ActorsOf(c, sources);
        }
        if (sources.Count == 0)
        {
            // "Trump hailed his meeting with Kim": a possessive pronoun on the act names the clause's subject
            foreach (var c in view.Children(head))
                if (view.Rel(c) == "nmod:poss" && view.Xpos(c) == "PRP$" && view.Lemma(c) is "his" or "her" or "their" or "its"
                    && view.Rel(head) == "obj" && view.Head(head) is var verb and >= 0)
                {
                    int subject = SubjectOf(view, verb, out bool passive, 0);
                    if (subject >= 0 && !passive) view.ActorsOf(subject, sources);
                }
        }
        bool ownedBy = sources.Count > 0;
        // "a visit by Tsai", "talks initiated by Russia" (the agent of the noun)
        if (sources.Count == 0 && view.ChildWithCase(head, ["by"]) is var agent and >= 0) view.ActorsOf(agent, sources);
        // "calls made by Obama and Hollande", "peace talks initiated by Russia": the agent of a participle on the noun
        // (not for mutual acts: who initiated talks is not who held them)
        if (sources.Count == 0 && !match.Symmetric)
            foreach (var c in view.Children(head))
                if (view.Rel(c) == "acl" && view.Xpos(c) == "VBN" && view.ChildWithCase(c, "by", "obl:agent", "obl") is var by and >= 0)
                {
                    view.ActorsOf(by, sources);
                    break;
                }
        if (sources.Count == 0 && view.Children(head).Any(c => view.Rel(c) == "cop"))
        {
            // a predicate noun takes the copula's subject: "Russia has been a crucial ally of the Syrian regime"
            foreach (var c in view.Children(head))
                if (view.Rel(c) is "nsubj") view.ActorsOf(c, sources);
        }
        if (sources.Count == 0 && view.Rel(head) == "appos" && view.Head(head) >= 0)
        {
            // an apposition says it of the noun it stands beside: "Rouhani – a key ally of President Assad – said"
            view.ActorsOf(view.Head(head), sources);
        }
        if (sources.Count == 0)
        {
            // a noun that is the object of a light verb takes that verb's subject: "launched air strikes"
            // and so does a purpose phrase: "went to Moscow for talks with", "arrived in Doha for a meeting";
            // a conjunct stands where its first conjunct does ("carried out air and naval drills")
            int phrase = head;
            for (int hops = 0; hops < 4 && view.Rel(phrase) == "conj" && view.Head(phrase) >= 0; hops++) phrase = view.Head(phrase);
            if (view.Head(phrase) >= 0 && (view.Rel(phrase) is "obj" && LightVerbs.Contains(view.Lemma(view.Head(phrase)))
                || view.Rel(head) is "obl" && view.Children(head).Any(c => view.Rel(c) == "case" && view.Lemma(c) == "for")))
            {
                int subject = SubjectOf(view, view.Head(phrase), out bool passive, 0);
                if (subject >= 0 && !passive) view.ActorsOf(subject, sources);
            }
        }
        if (sources.Count == 0) return (sources, targets, true);
        var preps = match.TargetPrepositions.Count > 0 ? match.TargetPrepositions : DefaultNounPrepositions;
        int target = view.ChildWithCase(head, preps);
        if (target >= 0) view.ActorsOf(target, targets);
        // "Pakistan denied India's accusations", "Iran rejected the American proposal": whoever answers the act
        // named by the noun is the one it was aimed at
        if (targets.Count == 0 && ForToActor(view, head) is { } asked) targets.Add(asked);
        if (targets.Count == 0 && ownedBy && view.Rel(head) is "obj" && view.Head(head) is var answer and >= 0)
        {
            int subject = SubjectOf(view, answer, out bool passive, 0);
            if (subject >= 0 && !passive) view.ActorsOf(subject, targets);
            targets.RemoveAll(t => sources.Any(s => SameActor(s, t)));
        }
        return (sources, targets, true);
    }

    /// <summary>
    /// "calls … for Assad to stand down": the actor between "for" and a "to" infinitive after the predicate is the
    /// one asked to act, wherever the parser hung the phrase.
    /// </summary>
    private static ActorMention? ForToActor(SentenceView view, int head)
    {
        for (int i = head + 1; i < view.Count - 2 && i - head <= 12; i++)
        {
            if (view.Lemma(i) != "for" || view.MentionAt(i + 1) is not { } m) continue;
            int end = i + 1;
            while (end < view.Count && ReferenceEquals(view.MentionAt(end), m)) end++;
            if (end + 1 < view.Count && view.Lemma(end) == "to" && view.Upos(end + 1) is "VERB" or "AUX") return m;
        }
        return null;
    }

    private static readonly string[] DefaultNounPrepositions = ["against", "on", "with", "to", "for"];

    /// <summary>Without a usable parse: the nearest actor before the predicate, and the first one after it.</summary>
    private static (List<ActorMention>, List<ActorMention>, bool) SurfaceArguments(SentenceView view, FoundPredicate match, bool targetsFromParse = false)
    {
        var sources = new List<ActorMention>();
        var targets = new List<ActorMention>();
        int first = match.Tokens.Count > 0 ? match.Tokens.Min() : match.Head;
        int last = match.Tokens.Count > 0 ? match.Tokens.Max() : match.Head;
        for (int i = first - 1; i >= 0 && first - i <= 12; i--)
        {
            if (view.MentionAt(i) is not { } m) continue;
            sources.Add(m);
            // "Russia and the US disagree": the actors joined to it by "and" or a comma act too
            int k = i;
            while (k >= 0 && ReferenceEquals(view.MentionAt(k), m)) k--;
            while (k >= 1 && view.Lemma(k) is "and" or "," && view.MentionAt(k - 1) is { } joined && !sources.Contains(joined))
            {
                sources.Add(joined);
                k--;
                while (k >= 0 && ReferenceEquals(view.MentionAt(k), joined)) k--;
            }
            // "Mr Cameron – along with Mr Obama and Mr Hollande – has demanded": the one they are named along with acts too
            if (k >= 2 && view.Lemma(k) == "with" && view.Lemma(k - 1) is "along" or "together")
            {
                int p = k - 2;
                while (p >= 0 && view.Upos(p) == "PUNCT") p--;
                if (p >= 0 && view.MentionAt(p) is { } leader && !sources.Contains(leader)) sources.Add(leader);
            }
            break;
        }
        if (match.Symmetric && sources.Count > 1) return (sources, targets, false);
        // from the head on: a phrase's object slot ("demanded that {obj} be removed") holds the target
        for (int i = match.Head + 1; i < view.Count && i - last <= 10; i++)
        {
            if (match.Tokens.Contains(i)) continue;
            if (view.MentionAt(i) is { } m) { targets.Add(m); break; }
            if (view.Upos(i) is "VERB") break;
        }
        return (sources, targets, false);
    }

    /// <summary>
    /// A speech verb that closes its sentence after a comma, with no clause of its own to report ("…, Iranian
    /// officials said on Monday."): a comma right before its subtree, and no clausal complement or "that".
    /// </summary>
    private static bool IsTrailingAttribution(SentenceView view, int verb)
    {
        int left = verb;
        foreach (var c in view.Children(verb))
            if (c < left && view.Upos(c) != "PUNCT") left = Math.Min(left, LeftEdge(view, c));
        if (left == 0 || view.Lemma(left - 1) != ",") return false;
        foreach (var c in view.Children(verb))
            if (c > verb && view.Rel(c) is "ccomp" or "xcomp" or "parataxis") return false;
        return true;
    }

    /// <summary>
    /// Whether what comes before the speech verb is a quotation: a quote mark closes it right before the speaker
    /// ("…,” Guterres told a press conference", "…,” said Kerry"), only punctuation between them. The quotation
    /// may have opened sentences earlier.
    /// </summary>
    private static bool EndsQuotation(SentenceView view, int verb)
    {
        int speakerStart = verb;
        foreach (var c in view.Children(verb))
            if (c < verb && view.Rel(c) is "nsubj" or "nsubj:pass") speakerStart = Math.Min(speakerStart, LeftEdge(view, c));
        for (int t = speakerStart - 1; t >= 0; t--)
        {
            var token = view.Document.TokenSpan(view.First + t);
            if (IsQuoteMark(token)) return true;
            if (view.Upos(t) != "PUNCT") return false;
        }
        return false;
    }

    private static int LeftEdge(SentenceView view, int t)
    {
        int left = t;
        foreach (var c in view.Children(t))
            if (c < left) left = Math.Min(left, LeftEdge(view, c));
        return left;
    }

    private static bool IsQuoteMark(ReadOnlySpan<char> token) => token is "\"" or "“" or "”" or "``" or "''" or "‘" or "’" or "'";

    /// <summary>The tokens of what a speech verb reports (its clausal complement or quoted clause), or null.</summary>
    private static bool[]? SpeechContent(SentenceView view, int verb, out bool contentFirst)
    {
        contentFirst = false;
        bool[]? inside = null;
        foreach (var c in view.Children(verb))
        {
            // "described Putin as a killer": the "as" phrase is what is said of the object
            bool asPhrase = view.Rel(c) is "obl" or "advcl" && view.Children(c).Any(g => view.Rel(g) is "case" or "mark" && view.Lemma(g) == "as");
            if (view.Rel(c) is not ("ccomp" or "parataxis" or "xcomp") && !asPhrase) continue;
            inside ??= new bool[view.Count];
            Mark(c);
            if (c < verb && view.Rel(c) is "ccomp" or "parataxis") contentFirst = true;
        }
        // "…, said Kerry", "…, Iranian officials said": the verb itself hangs under the content, after a comma; the
        // parser labels such a trailing attribution parataxis, conj or advcl (or, left over, dep) alike
        if (view.Head(verb) >= 0 && view.Head(verb) < verb
            && (view.Rel(verb) == "parataxis" || (view.Rel(verb) is "conj" or "advcl" or "dep" && IsTrailingAttribution(view, verb))))
        {
            inside ??= new bool[view.Count];
            contentFirst = true;
            for (int t = 0; t < verb; t++) inside[t] = true;
        }
        return inside;

        void Mark(int t)
        {
            inside![t] = true;
            foreach (var d in view.Children(t)) Mark(d);
        }
    }

    private static ActorMention? FirstActorAfter(SentenceView view, FoundPredicate match)
    {
        int last = match.Tokens.Count > 0 ? match.Tokens.Max() : match.Head;
        for (int i = last + 1; i < view.Count && i - last <= 8; i++)
        {
            if (view.MentionAt(i) is { } m) return m.Role == "MED" ? null : m;
            // a new clause starts: whoever is named there is not acted upon here
            if (view.Upos(i) is "VERB" || view.Lemma(i) is ";" or ":" or "," or "that" or "which" or "who" or "before" or "after" or "as"
                or "while" or "when" or "because" or "since" or "until" or "if" or "although" or "though" or "whereas") return null;
        }
        return null;
    }

    // ---- negation, modality, date, place ----

    private static bool IsNegated(SentenceView view, int verb)
    {
        foreach (var c in view.Children(verb))
        {
            // "urged the U.S. not to leave": a "not" before "to" negates the infinitive, wherever the parser hung it
            if (view.Rel(c) is "advmod" or "neg" or "det" && view.Lemma(c) is "not" or "n't" or "never" or "no"
                && !(c > verb && c + 1 < view.Count && view.Lemma(c + 1) == "to" && view.Upos(c + 1) == "PART")) return true;
            if (view.Rel(c) is "mark" && view.Lemma(c) is "without") return true;
        }
        int governor = view.Head(verb);
        if (governor >= 0 && view.Rel(verb) is "xcomp" && view.Lemma(governor) is "fail" or "refrain") return true;
        if (!view.Parsed)
        {
            for (int i = Math.Max(0, verb - 3); i < verb; i++)
                if (view.Lemma(i) is "not" or "n't" or "never") return true;
        }
        return false;
    }

    private static bool HasAux(SentenceView view, int verb, string lemma)
    {
        foreach (var c in view.Children(verb))
            if (view.Rel(c) is "aux" && view.Lemma(c) == lemma) return true;
        if (!view.Parsed)
            for (int i = Math.Max(0, verb - 3); i < verb; i++)
                if (view.Lemma(i) == lemma) return true;
        return false;
    }

    private static readonly HashSet<string> IntentGovernors =
        ["plan", "intend", "vow", "pledge", "promise", "agree", "offer", "decide", "prepare", "seek", "aim", "hope", "want", "expect", "due", "set", "likely", "propose", "consider"];

    private static Modality ModalityOf(SentenceView view, int verb)
    {
        var modality = Modality.Asserted;
        foreach (var c in view.Children(verb))
        {
            if (view.Rel(c) is not ("aux" or "aux:pass")) continue;
            switch (view.Lemma(c))
            {
                case "will" or "shall" or "'ll": return Modality.Intent;
                case "would": modality = Modality.Possibility; break;
                case "could" or "might" or "may" or "can": modality = Modality.Possibility; break;
            }
        }
        if (modality != Modality.Asserted) return modality;
        int governor = view.Head(verb);
        if (governor >= 0 && view.Rel(verb) == "xcomp")
        {
            var g = view.Lemma(governor);
            if (g is "expect" or "likely") return Modality.Expectation;
            if (IntentGovernors.Contains(g)) return Modality.Intent;
            if (g == "be") return Modality.Intent; // "was to hold talks"
            // "will seek to meet": the governor's own auxiliaries count
            var outer = ModalityOf(view, governor);
            if (outer != Modality.Asserted) return outer;
        }
        if (!view.Parsed)
        {
            for (int i = Math.Max(0, verb - 3); i < verb; i++)
                if (view.Lemma(i) is "will" or "'ll") return Modality.Intent;
        }
        return modality;
    }

    /// <summary>A future cooperative act is an intent (03); a future hostile act is a threat (13).</summary>
    private static string AdjustForModality(string code, Modality modality)
    {
        if (modality is not (Modality.Intent or Modality.Possibility)) return code;
        int root = int.Parse(code.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture);
        return root switch
        {
            4 => "036",
            5 => "032",
            6 => "031",
            7 => "033",
            8 => "035",
            9 => "030",
            15 => "130",
            16 => code.StartsWith("163", StringComparison.Ordinal) ? "1312" : "131",
            17 => "137", // sanctions are 163 in the dictionary, so a future coercive act is a threat of repression
            18 or 19 or 20 => "138",
            _ => code,
        };
    }

    /// <summary>The day of the time expression in the sentence that belongs to the predicate: one it governs, else the nearest.</summary>
    private static DateOnly? DayOf(SentenceView view, int verb)
    {
        var doc = view.Document;
        TimeExpression? best = null;
        int bestDistance = int.MaxValue;
        foreach (var time in doc.Times)
        {
            if (time.Day is null || time.Type is "DURATION" or "SET") continue;
            int first = time.FirstToken - view.First;
            if (first < 0 || first >= view.Count) continue;
            int distance = Math.Abs(first - verb);
            if (view.Parsed && view.Governs(verb, first, time.EndToken - view.First)) distance -= 1000;
            if (distance < bestDistance) { bestDistance = distance; best = time; }
        }
        return best?.Day;
    }

    /// <summary>
    /// An event's day: its own time expression; else, for the day's reporting, the publication date. An act announced
    /// for the future is dated when it was announced (GUIDELINES), so intents take the publication date too.
    /// </summary>
    private static DateOnly? DateOf(SentenceView view, int verb, DateOnly? ownDay, Modality modality, string cameo)
    {
        if (ownDay is { } day && !(modality != Modality.Asserted && view.Document.Published is { } p && day > p)) return day;
        var doc = view.Document;
        var published = doc.Published;
        if (published is null) return null;
        if (modality != Modality.Asserted) return published;
        // a headline tells, in the present, what the lead dates: "Taliban attack city" … "attacked … on Sunday"
        if (IsHeadline(doc, view.Index)) return RecentDayIn(doc, view.Index + 1, LeadSentences) ?? published;
        var xpos = view.Xpos(verb);
        bool perfect = HasAux(view, verb, "have");
        bool past = xpos is "VBD" or "VBN" || perfect;
        if (!past) return published;
        // a simple-past statement, appeal, criticism or refusal is, in news copy, the day's reporting (the day
        // before publication when the copy itself says the news broke "on Thursday"); a past material act has no
        // day of its own
        var reported = perfect ? published : view.NewsDay is { } newsDay && newsDay.DayNumber >= published.Value.DayNumber - 1 ? newsDay : published;
        return perfect || cameo[..2] is "01" or "02" or "03" or "04" or "05" or "10" or "11" or "12" or "13" or "14" ? reported : null;
    }

    private const int LeadSentences = 3;

    private static bool IsHeadline(Document doc, int sentence)
    {
        var title = doc.Article.Title;
        if (title is null) return false;
        int start = doc.TokenStart[doc.SentenceFirstToken[sentence]], end = doc.TokenEnd[doc.SentenceEndToken[sentence] - 1];
        return doc.Text.AsSpan(start, end - start).Trim().SequenceEqual(title.AsSpan().Trim());
    }

    /// <summary>
    /// The first day named in <paramref name="count"/> sentences from <paramref name="first"/> (headlines skipped)
    /// that falls in the fortnight up to publication: the day the news happened.
    /// </summary>
    private static DateOnly? RecentDayIn(Document doc, int first, int count)
    {
        if (doc.Published is not { } published) return null;
        // the sentences in reach: `count` of them from `first`, headlines not counted
        int end = first;
        for (int seen = 0; end < doc.SentenceCount && seen < count; end++)
            if (!IsHeadline(doc, end)) seen++;
        // times come in text order, so the first that fits is the first day named
        foreach (var time in doc.Times)
        {
            int s = doc.TokenSentence[time.FirstToken];
            if (s < first) continue;
            if (s >= end) break;
            if (time.Day is not { } day || time.Type is "DURATION" or "SET" || IsHeadline(doc, s)) continue;
            if (day <= published && day.DayNumber >= published.DayNumber - 14) return day;
        }
        return null;
    }

    private static PlaceMention? PlaceOf(SentenceView view, int verb)
    {
        PlaceMention? best = null;
        int bestDistance = int.MaxValue;
        foreach (var place in view.Document.Places)
        {
            int first = place.FirstToken - view.First;
            if (first < 0 || first >= view.Count) continue;
            int distance = Math.Abs(first - verb);
            if (distance < bestDistance) { bestDistance = distance; best = place; }
        }
        return best;
    }
}
