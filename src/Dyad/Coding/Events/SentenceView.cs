using Dyad.Coding.Actors;
using Dyad.Documents;

namespace Dyad.Coding.Events;

/// <summary>
/// One sentence seen by the event coder: sentence-relative token indexes, lemmas lower-cased, the dependency
/// children of each token, and the actor mention covering each token.
/// </summary>
internal sealed class SentenceView
{
    private readonly int[] _mentionAt;
    // the children of token i are _childList[_childStart[i].._childStart[i + 1]], in sentence order: two arrays per
    // sentence instead of a list per token
    private readonly int[] _childStart;
    private readonly int[] _childList;
    private readonly string[] _lemmas;

    /// <summary>The day the article's news happened, as the article first names it (null when it names none near publication).</summary>
    public DateOnly? NewsDay { get; init; }

    public SentenceView(Document document, int index, int[] mentionAt, bool parsed)
    {
        Document = document;
        Index = index;
        First = document.SentenceFirstToken[index];
        Count = document.SentenceEndToken[index] - First;
        _mentionAt = mentionAt;
        Parsed = parsed;
        _lemmas = new string[Count];
        _childStart = new int[Count + 1];
        for (int i = 0; i < Count; i++)
        {
            var lemma = document.Lemma[First + i] ?? document.TokenText(First + i);
            _lemmas[i] = lemma.ToLowerInvariant();
        }
        int children = 0;
        if (parsed)
            for (int i = 0; i < Count; i++)
                if (Head(i) is var h && h >= 0) { _childStart[h + 1]++; children++; }
        for (int i = 0; i < Count; i++) _childStart[i + 1] += _childStart[i];
        _childList = children == 0 ? [] : new int[children];
        if (children > 0)
        {
            Span<int> filled = Count <= 256 ? stackalloc int[Count] : new int[Count];
            filled.Clear();
            for (int i = 0; i < Count; i++)
                if (Head(i) is var h && h >= 0) _childList[_childStart[h] + filled[h]++] = i;
        }
        Text = document.Text[document.TokenStart[First]..document.TokenEnd[First + Count - 1]];
    }

    public Document Document { get; }
    public int Index { get; }
    public int First { get; }
    public int Count { get; }
    public bool Parsed { get; }
    public string Text { get; }
    public IReadOnlyList<string> Lemmas => _lemmas;

    public string Lemma(int i) => _lemmas[i];

    /// <summary>Overrides a lemma for this sentence's matching only; the document's lemma layer is left as it was.</summary>
    public void SetLemma(int i, string lemma) => _lemmas[i] = lemma;
    public string? Upos(int i) => Document.Upos[First + i];
    public string? Xpos(int i) => Document.Xpos[First + i];
    public string? Rel(int i) => Parsed ? Document.Relation[First + i] : null;

    /// <summary>Sentence-relative head, or -1 for the root (and whenever there is no parse).</summary>
    public int Head(int i)
    {
        if (!Parsed) return -1;
        int h = Document.Head[First + i];
        return h < 0 ? -1 : h - First is var r && r >= 0 && r < Count ? r : -1;
    }

    public IReadOnlyList<int> Children(int i) => new ArraySegment<int>(_childList, _childStart[i], _childStart[i + 1] - _childStart[i]);

    /// <summary>The children of token i, as <see cref="Children"/> without a list around them.</summary>
    public ReadOnlySpan<int> ChildSpan(int i) => _childList.AsSpan(_childStart[i], _childStart[i + 1] - _childStart[i]);

    /// <summary>
    /// Every mention on the token's span: a plural phrase ("the two leaders", "both sides") is one mention per member,
    /// all on the same words.
    /// </summary>
    public IEnumerable<ActorMention> MentionsAt(int i)
    {
        int m = _mentionAt[First + i];
        if (m < 0) yield break;
        var span = Document.Actors[m].Span;
        for (; m < Document.Actors.Count && Document.Actors[m].Span == span; m++) yield return Document.Actors[m];
    }

    public ActorMention? MentionAt(int i)
    {
        int m = _mentionAt[First + i];
        return m < 0 ? null : Document.Actors[m];
    }

    /// <summary>The dependent of <paramref name="head"/> introduced by one of the prepositions (its "case" child).</summary>
    public int ChildWithCase(int head, IReadOnlyList<string> prepositions)
    {
        foreach (var c in ChildSpan(head))
        {
            if (Rel(c) is not { } rel || !(rel.StartsWith("obl", StringComparison.Ordinal) || rel.StartsWith("nmod", StringComparison.Ordinal))) continue;
            foreach (var g in ChildSpan(c))
                if (Rel(g) == "case" && prepositions.Contains(_lemmas[g])) return c;
        }
        return -1;
    }

    public int ChildWithCase(int head, string preposition, params string[] relations)
    {
        foreach (var c in ChildSpan(head))
        {
            if (Rel(c) is not { } rel || !relations.Contains(rel)) continue;
            if (rel == "obl:agent") return c;
            foreach (var g in ChildSpan(c))
                if (Rel(g) == "case" && _lemmas[g] == preposition) return c;
        }
        return -1;
    }

    /// <summary>True when a token in [first, end) hangs (within two steps) under the verb.</summary>
    public bool Governs(int verb, int first, int end)
    {
        for (int t = first; t < end && t < Count; t++)
        {
            int h = Head(t);
            for (int step = 0; step < 3 && h >= 0; step++)
            {
                if (h == verb) return true;
                h = Head(h);
            }
        }
        return false;
    }

    /// <summary>
    /// The actors a phrase headed by <paramref name="head"/> names: the mention covering the head, else one found
    /// among its modifiers, and the same for every conjunct ("Russia and the US").
    /// </summary>
    public void ActorsOf(int head, List<ActorMention> into, int depth = 0)
    {
        if (head < 0 || depth > 3) return;
        if (MentionAt(head) is { } own)
        {
            foreach (var found in MentionsAt(head))
                if (!into.Contains(found)) into.Add(found);
            // "the leaders of Britain, Germany and France" is one mention up to "Britain": its conjuncts are actors too
            foreach (var c in ChildSpan(head))
                if (ReferenceEquals(MentionAt(c), own) && Rel(c) is "nmod" or "compound" or "amod" or "flat")
                    foreach (var cc in ChildSpan(c))
                        if (Rel(cc) == "conj") ActorsOf(cc, into, depth + 1);
            // "Obama Putin meeting": a second name the parser hung on the first as part of it is an actor of its own
            foreach (var c in ChildSpan(head))
                if (Rel(c) is "flat" or "compound" && MentionAt(c) is { } other && !ReferenceEquals(other, own) && !into.Contains(other)
                    && other.Kind == ActorKind.Person && own.Kind == ActorKind.Person)
                    into.Add(other);
            // "Merkel – along with Macron and May – demanded": those named along with an actor act with it
            foreach (var c in ChildSpan(head))
            {
                if (Rel(c) is "nmod" or "obl" && IsAlongWith(c)) ActorsOf(c, into, depth + 1);
                if (Rel(c) == "appos")
                    foreach (var g in ChildSpan(c))
                        if (Rel(g) is "nmod" or "obl" && IsAlongWith(g)) ActorsOf(g, into, depth + 1);
            }
            // "Indian and Pakistani forces" read off the words, whatever the parse made of them: an adjective actor
            // joined by "and" just before this mention acts too
            int start = head;
            while (start > 0 && ReferenceEquals(MentionAt(start - 1), own)) start--;
            if (start >= 2 && Lemma(start - 1) is "and" && MentionAt(start - 2) is { } joined && !into.Contains(joined)
                && Upos(start - 2) == "ADJ" && (start - 3 < 0 || !ReferenceEquals(MentionAt(start - 3), joined)))
                into.Add(joined);
            // "Indian and Pakistani forces": two adjectives joined by "and" on one noun, each its own actor
            foreach (var c in ChildSpan(head))
                if (Rel(c) == "amod" && MentionAt(c) is { } other && !ReferenceEquals(other, own) && !into.Contains(other)
                    && Children(head).Any(x => Rel(x) == "cc" && x > c && x < head))
                    into.Add(other);
        }
        else if (FindModifierWithActor(head, 0) is int modifier and >= 0)
        {
            // "the leaders of Britain, Germany and France": the actors hang under a modifier, conjuncts included
            ActorsOf(modifier, into, depth + 1);
            // "the statement from May, Merkel and Macron": the parser often hangs the rest of the list as an
            // apposition of the noun, not as conjuncts of the first name
            foreach (var c in ChildSpan(head))
                if (c != modifier && Rel(c) == "appos" && MentionAt(c) is not null) ActorsOf(c, into, depth + 1);
        }
        foreach (var c in ChildSpan(head))
            if (Rel(c) == "conj") ActorsOf(c, into, depth + 1);
    }

    /// <summary>Whether a noun is introduced by "along with" or "together with".</summary>
    public bool IsAlongWith(int noun)
    {
        bool with = false, along = false;
        foreach (var c in ChildSpan(noun))
            if (Rel(c) == "case")
            {
                if (Lemma(c) == "with") with = true;
                else if (Lemma(c) is "along" or "together") along = true;
            }
        return with && along;
    }

    /// <summary>Actors named in the modifiers of a noun ("the American proposal", "Russia's offer"), not the noun itself.</summary>
    /// <summary>The actors a clause is about: those its subject (active or passive) names.</summary>
    public void SubjectActorsOf(int clause, List<ActorMention> into)
    {
        foreach (var g in ChildSpan(clause))
            if (Rel(g) is "nsubj" or "nsubj:pass") ActorsOf(g, into);
    }

    public void ActorsOfModifiers(int noun, List<ActorMention> into)
    {
        foreach (var c in ChildSpan(noun))
            if (Rel(c) is "amod" or "nmod:poss" or "compound" or "nmod" && MentionAt(c) is not null) ActorsOf(c, into, 1);
    }

    private int FindModifierWithActor(int head, int depth)
    {
        if (depth > 2) return -1;
        foreach (var c in ChildSpan(head))
        {
            if (Rel(c) is "compound" or "amod" or "nmod:poss" or "flat" or "appos" or "nmod" or "det:poss")
            {
                // "a press conference in Stockholm": a place phrase says where, not who
                if (MentionAt(c) is { InPlacePhrase: true }) continue;
                if (MentionAt(c) is not null) return c;
                if (FindModifierWithActor(c, depth + 1) is >= 0 and var deeper) return deeper;
            }
        }
        return -1;
    }

}
