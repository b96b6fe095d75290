using Dyad.Nlp.Tagging;

namespace Dyad.Nlp.Entities;

/// <summary>
/// One name, one type per document: a name the recogniser found once is labelled at its other capitalised
/// occurrences in the same document that the recogniser left out, and one it typed differently in places takes
/// its most frequent type when that type came at least twice. The recogniser decides each sentence
/// alone, so a company named in the headline and then a dozen times in the text is often found only where
/// its context happens to be telling.
/// </summary>
public static class DocumentPropagation
{
    public const int MaxWords = EntityGazetteer.MaxWords;

    /// <summary>
    /// Add spans (flat token indices, [start, end)) for unlabelled occurrences of the names in spans.
    /// sentenceStarts has one entry per sentence plus the end. A name whose occurrences got different types
    /// takes the most frequent (none on a tie), and its spans of other types take it too when it came at least twice,
    /// unless the gazetteer knows the name as their type and not as the majority's.
    /// Returns how many spans were added.
    /// </summary>
    public static int Propagate(ReadOnlySpan<WordInfo> words, ReadOnlySpan<int> sentenceStarts, List<(int Start, int End, string Type)> spans,
        EntityGazetteer? gazetteer = null, TokenText? text = null)
    {
        if (spans.Count == 0) return 0;
        // before the vote, so that a place that opens an organisation's name is not carried on as a place
        PlacesOpeningOrganisations(sentenceStarts, spans);
        if (text != null)
        {
            Acronyms(sentenceStarts, spans, text);
            CompanyDesignators(words, sentenceStarts, spans, text);
        }
        var votes = new Dictionary<ulong, Dictionary<string, int>>();
        var covered = new bool[words.Length];
        // each span's name key, null for spans that are no capitalised name of at most MaxWords words
        var keys = new ulong?[spans.Count];
        Span<ulong> lower = stackalloc ulong[MaxWords];
        for (int k = 0; k < spans.Count; k++)
        {
            var (start, end, type) = spans[k];
            for (int t = start; t < end; t++) covered[t] = true;
            if (end - start > MaxWords || (words[start].Flags & WordFlags.Capitalised) == 0) continue;
            for (int t = start; t < end; t++) lower[t - start] = words[t].Lower;
            ulong key = EntityGazetteer.KeyOf(lower[..(end - start)]);
            keys[k] = key;
            if (!votes.TryGetValue(key, out var v)) votes[key] = v = new Dictionary<string, int>(StringComparer.Ordinal);
            v[type] = v.GetValueOrDefault(type) + 1;
        }
        var names = new Dictionary<ulong, string>();
        foreach (var (key, v) in votes)
        {
            var best = v.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
            if (best.Count > 1 && best[0].Value == best[1].Value) continue;
            names[key] = best[0].Key;
        }
        // a name the recogniser typed one way at least twice and otherwise less often takes that type everywhere:
        // "Belgrade" three times a place and once, after "Holbrooke left", a person
        for (int k = 0; k < spans.Count; k++)
        {
            if (keys[k] is not { } key) continue;
            var (start, end, type) = spans[k];
            if (!names.TryGetValue(key, out var majority) || majority == type || votes[key][majority] < 2) continue;
            // Dyad's tables outvote the recogniser: a known place stays a place however often it was called a person
            var known = gazetteer?.KindsOf(key) ?? EntityGazetteer.Kinds.None;
            if ((known & EntityGazetteer.KindOfType(type)) != 0 && (known & EntityGazetteer.KindOfType(majority)) == 0) continue;
            spans[k] = (start, end, majority);
        }
        int added = CompleteParts(words, sentenceStarts, spans, names, covered);
        for (int s = 0; s + 1 < sentenceStarts.Length; s++)
        {
            int first = sentenceStarts[s], end = sentenceStarts[s + 1];
            int i = first;
            while (i < end)
            {
                int found = 0;
                string? type = null;
                if (!covered[i] && (words[i].Flags & WordFlags.Capitalised) != 0)
                {
                    int limit = Math.Min(MaxWords, end - i);
                    for (int len = 1; len <= limit; len++)
                    {
                        int t = i + len - 1;
                        if (covered[t]) break;
                        lower[len - 1] = words[t].Lower;
                        if (names.TryGetValue(EntityGazetteer.KeyOf(lower[..len]), out var k) && AllCapitalised(words, i, i + len))
                        {
                            found = len;
                            type = k;
                        }
                    }
                }
                if (found == 0) { i++; continue; }
                spans.Add((i, i + found, type!));
                for (int t = i; t < i + found; t++) covered[t] = true;
                added++;
                i += found;
            }
        }
        PersonsBySurname(words, spans);
        if (gazetteer != null) KnownOrganisations(words, spans, gazetteer);
        return added;
    }

    /// <summary>
    /// A span whose whole name Dyad's tables know as an organisation and as nothing else is an organisation,
    /// whatever type the recogniser gave it: "Washington Post" or "Fatah" typed a place, "Hyatt" a place. Only
    /// towards organisations: the tables' places and persons are often also other things ("Jordan", "Paris"), and
    /// retyping towards them lost on GUM news (session 11: towards any type, GUM train news typed −1.9; towards
    /// organisations only, UNER dev +0.31 to +0.41 on three recognisers, all four changed dev spans right, GUM news
    /// unchanged). Returns how many spans changed.
    /// </summary>
    private static int KnownOrganisations(ReadOnlySpan<WordInfo> words, List<(int Start, int End, string Type)> spans, EntityGazetteer gazetteer)
    {
        const EntityGazetteer.Kinds NameKinds = EntityGazetteer.Kinds.Location | EntityGazetteer.Kinds.Organisation | EntityGazetteer.Kinds.Person;
        Span<ulong> lower = stackalloc ulong[MaxWords];
        int changed = 0;
        for (int k = 0; k < spans.Count; k++)
        {
            var (start, end, type) = spans[k];
            if (type == OrganisationType || end - start > MaxWords) continue;
            for (int t = start; t < end; t++) lower[t - start] = words[t].Lower;
            if ((gazetteer.KindsOf(EntityGazetteer.KeyOf(lower[..(end - start)])) & NameKinds) != EntityGazetteer.Kinds.Organisation) continue;
            spans[k] = (start, end, OrganisationType);
            changed++;
        }
        return changed;
    }

    /// <summary>
    /// A place span right before an organisation span, with nothing between them, is the start of the
    /// organisation's name ("United States" + "Department of Housing and Urban Development", "Kosovo" + "Liberation
    /// Army", "US" + "National Hurricane Center"): UNER marks the whole as one organisation, and the recogniser, which
    /// knows the country's name, often stops there. The two become one organisation span (session 11: UNER dev
    /// +0.11 to +0.25 on three recognisers, GUM train news +0.02, the event dev set unchanged). Sorts spans by start.
    /// Returns how many were joined.
    /// </summary>
    private static int PlacesOpeningOrganisations(ReadOnlySpan<int> sentenceStarts, List<(int Start, int End, string Type)> spans)
    {
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        int merged = 0;
        for (int k = 0; k + 1 < spans.Count; k++)
        {
            var (start, end, type) = spans[k];
            var next = spans[k + 1];
            // spans never cross a sentence boundary, so two that meet lie in one sentence unless they meet at one
            if (type != PlaceType || next.Type != OrganisationType || next.Start != end || sentenceStarts.BinarySearch(end) >= 0) continue;
            spans[k] = (start, next.End, OrganisationType);
            spans.RemoveAt(k + 1);
            merged++;
        }
        return merged;
    }

    /// <summary>
    /// A person named in full and then by the last word alone ("Valeska Paris" … "Paris said"): a one-word span of
    /// that word typed otherwise becomes the person, whatever the tables say of the word, since the document has
    /// just introduced someone of that name. Runs after the majority vote, which counts "Paris" apart from
    /// "Valeska Paris" (session 11: UNER dev +0.31, GUM train news typed +0.3 to +1.4 over five models).
    /// Returns how many spans changed.
    /// </summary>
    private static int PersonsBySurname(ReadOnlySpan<WordInfo> words, List<(int Start, int End, string Type)> spans)
    {
        HashSet<ulong>? surnames = null;
        foreach (var (start, end, type) in spans)
            if (type == PersonType && end - start >= 2 && (words[end - 1].Flags & WordFlags.Capitalised) != 0)
                (surnames ??= []).Add(words[end - 1].Lower);
        if (surnames is null) return 0;
        int changed = 0;
        for (int k = 0; k < spans.Count; k++)
        {
            var (start, end, type) = spans[k];
            if (end - start != 1 || type == PersonType || !surnames.Contains(words[start].Lower)) continue;
            spans[k] = (start, end, PersonType);
            changed++;
        }
        return changed;
    }

    private const string PersonType = "PER", PlaceType = "LOC", OrganisationType = "ORG";

    /// <summary>The characters of one token of the document (flat index).</summary>
    public delegate ReadOnlySpan<char> TokenText(int token);

    /// <summary>
    /// A name followed by its initials in parentheses, "Tamil National Alliance (TNA)", "Rapid Support Forces (RSF)":
    /// the two are one entity. When the recogniser found the long form, the acronym takes its type (and the vote
    /// below then carries the acronym through the document); when it found only the acronym, the long form takes the
    /// acronym's type, replacing the parts of it that were found. Long forms the recogniser left out are left alone:
    /// in UNER train a third of them are no names ("Basic Travel Allowance (BTA)"). Returns how many spans changed.
    /// </summary>
    private static int Acronyms(ReadOnlySpan<int> sentenceStarts, List<(int Start, int End, string Type)> spans, TokenText text)
    {
        int changed = 0;
        Span<char> initials = stackalloc char[MaxAcronym];
        Span<char> withConnectives = stackalloc char[MaxAcronym];
        for (int s = 0; s + 1 < sentenceStarts.Length; s++)
        {
            int first = sentenceStarts[s], end = sentenceStarts[s + 1];
            for (int p = first + 1; p + 2 < end; p++)
            {
                if (!text(p).SequenceEqual("(") || !text(p + 2).SequenceEqual(")")) continue;
                var acronym = text(p + 1);
                if (!IsAcronym(acronym)) continue;
                int start = LongFormStart(text, first, p, acronym, initials, withConnectives);
                if (start < 0) continue;
                int longIndex = IndexOf(spans, start, p), shortIndex = IndexOf(spans, p + 1, p + 2);
                if (longIndex >= 0)
                {
                    var type = spans[longIndex].Type;
                    if (shortIndex < 0) { spans.Add((p + 1, p + 2, type)); changed++; }
                    else if (spans[shortIndex].Type != type) { spans[shortIndex] = (p + 1, p + 2, type); changed++; }
                }
                else if (shortIndex >= 0)
                {
                    // the parts must lie inside the long form; a span reaching out of it is some other reading
                    if (Crosses(spans, start, p)) continue;
                    var type = spans[shortIndex].Type;
                    RemoveWithin(spans, start, p);
                    spans.Add((start, p, type));
                    changed++;
                }
            }
        }
        return changed;
    }

    /// <summary>
    /// "CCNG, Inc.": a company's designator after a comma belongs to the name before it, which UNER marks whole
    /// with the comma. A span of the designator alone, or a span ending before ", Inc.", becomes one organisation
    /// from the capitalised words before the comma through the designator. Returns how many spans changed.
    /// </summary>
    private static int CompanyDesignators(ReadOnlySpan<WordInfo> words, ReadOnlySpan<int> sentenceStarts, List<(int Start, int End, string Type)> spans, TokenText text)
    {
        int changed = 0;
        for (int s = 0; s + 1 < sentenceStarts.Length; s++)
        {
            int first = sentenceStarts[s], end = sentenceStarts[s + 1];
            for (int d = first + 2; d < end; d++)
            {
                if (!IsDesignator(text(d)) || !text(d - 1).SequenceEqual(",") || (words[d - 2].Flags & WordFlags.Capitalised) == 0) continue;
                int before = IndexEndingAt(spans, d - 1);
                int start = before >= 0 ? spans[before].Start : d - 2;
                // back over the capitalised words before the comma, short of the sentence's first (capitalised anyway)
                if (before < 0)
                    while (start - 1 > first && (words[start - 1].Flags & WordFlags.Capitalised) != 0) start--;
                // nothing to join when the recogniser saw neither the name nor the designator as part of one
                int own = IndexOf(spans, d, d + 1);
                if (before < 0 && own < 0) continue;
                if (Crosses(spans, start, d + 1)) continue;
                RemoveWithin(spans, start, d + 1);
                spans.Add((start, d + 1, OrganisationType));
                changed++;
            }
        }
        return changed;
    }

    // plain loops rather than lambdas: a lambda over a loop's variables allocates a closure on every pass of the
    // loop, whether or not it runs, and these loops pass over every token

    /// <summary>Whether a span overlaps [start, end) without lying inside it.</summary>
    private static bool Crosses(List<(int Start, int End, string Type)> spans, int start, int end)
    {
        foreach (var sp in spans)
            if (sp.Start < end && sp.End > start && (sp.Start < start || sp.End > end)) return true;
        return false;
    }

    private static void RemoveWithin(List<(int Start, int End, string Type)> spans, int start, int end)
    {
        for (int k = spans.Count - 1; k >= 0; k--)
            if (spans[k].Start >= start && spans[k].End <= end) spans.RemoveAt(k);
    }

    private static int IndexEndingAt(List<(int Start, int End, string Type)> spans, int end)
    {
        for (int k = 0; k < spans.Count; k++) if (spans[k].End == end) return k;
        return -1;
    }

    private static int IndexOf(List<(int Start, int End, string Type)> spans, int start, int end)
    {
        for (int k = 0; k < spans.Count; k++) if (spans[k].Start == start && spans[k].End == end) return k;
        return -1;
    }

    private static bool IsDesignator(ReadOnlySpan<char> word)
        => word is "Inc." or "Inc" or "Corp." or "Corp" or "Ltd." or "Ltd" or "LLC" or "L.L.C." or "L.P." or "LP" or "PLC" or "plc" or "Co." or "GmbH" or "S.A." or "AG" or "N.V." or "LLP";

    private const int MaxAcronym = 10;

    private static bool IsAcronym(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || word.Length > MaxAcronym) return false;
        foreach (char c in word) if (c is < 'A' or > 'Z') return false;
        return true;
    }

    private static bool IsConnective(ReadOnlySpan<char> word)
        => word is "of" or "and" or "for" or "the" or "on" or "in" or "de" or "&";

    /// <summary>
    /// Where the long form before "(" at p starts: the nearest capitalised word from which the capitalised words up
    /// to p give the acronym's letters (connectives such as "of" counted or not), -1 when none does.
    /// </summary>
    private static int LongFormStart(TokenText text, int first, int p, ReadOnlySpan<char> acronym, Span<char> initials, Span<char> withConnectives)
    {
        int n = 0, m = 0;
        for (int j = p - 1; j >= first; j--)
        {
            var w = text(j);
            if (w.Length == 0) return -1;
            if (char.IsUpper(w[0]))
            {
                if (n == MaxAcronym || m == MaxAcronym) return -1;
                initials[n++] = w[0];
                withConnectives[m++] = w[0];
                if (Matches(initials[..n], acronym) || Matches(withConnectives[..m], acronym)) return j;
            }
            else if (IsConnective(w))
            {
                if (m == MaxAcronym) return -1;
                withConnectives[m++] = char.ToUpperInvariant(w[0]);
            }
            else return -1;
        }
        return -1;
    }

    /// <summary>Initials gathered from the end backwards against the acronym read forwards.</summary>
    private static bool Matches(ReadOnlySpan<char> reversed, ReadOnlySpan<char> acronym)
    {
        if (reversed.Length != acronym.Length) return false;
        for (int i = 0; i < acronym.Length; i++) if (reversed[reversed.Length - 1 - i] != acronym[i]) return false;
        return true;
    }

    /// <summary>
    /// A name of two or more words found whole elsewhere in the document replaces the parts of it the recogniser
    /// found here, when they have the name's type: "Foreign Minister Wang Yi" then "Wang Yi met Lavrov", where the
    /// sentence-initial "Wang" was left out and only "Yi" was found. Returns how many names were completed.
    /// </summary>
    private static int CompleteParts(ReadOnlySpan<WordInfo> words, ReadOnlySpan<int> sentenceStarts,
        List<(int Start, int End, string Type)> spans, Dictionary<ulong, string> names, bool[] covered)
    {
        var spanAt = new int[words.Length];
        Array.Fill(spanAt, -1);
        for (int k = 0; k < spans.Count; k++)
            for (int t = spans[k].Start; t < spans[k].End; t++) spanAt[t] = k;
        Span<ulong> lower = stackalloc ulong[MaxWords];
        var replaced = new List<int>();
        var whole = new List<(int Start, int End, string Type)>();
        for (int s = 0; s + 1 < sentenceStarts.Length; s++)
        {
            int first = sentenceStarts[s], end = sentenceStarts[s + 1];
            for (int i = first; i < end; i++)
            {
                if ((words[i].Flags & WordFlags.Capitalised) == 0 || (spanAt[i] >= 0 && spans[spanAt[i]].Start < i)) continue;
                int found = 0;
                string? type = null;
                int limit = Math.Min(MaxWords, end - i);
                for (int len = 1; len <= limit; len++)
                {
                    lower[len - 1] = words[i + len - 1].Lower;
                    if (len < 2 || !names.TryGetValue(EntityGazetteer.KeyOf(lower[..len]), out var k) || !AllCapitalised(words, i, i + len)) continue;
                    // every span the candidate touches lies inside it, has the name's type and is less than all of it
                    bool partFound = false, fits = true;
                    for (int u = i; u < i + len && fits; u++)
                    {
                        if (spanAt[u] < 0) continue;
                        var part = spans[spanAt[u]];
                        fits = part.Start >= i && part.End <= i + len && part.Type == k && (part.Start != i || part.End != i + len);
                        partFound = true;
                    }
                    if (fits && partFound) { found = len; type = k; }
                }
                if (found == 0) continue;
                for (int u = i; u < i + found; u++)
                    if (spanAt[u] >= 0 && !replaced.Contains(spanAt[u])) replaced.Add(spanAt[u]);
                whole.Add((i, i + found, type!));
                covered.AsSpan(i, found).Fill(true);
                i += found - 1;
            }
        }
        if (whole.Count == 0) return 0;
        replaced.Sort();
        for (int r = replaced.Count - 1; r >= 0; r--) spans.RemoveAt(replaced[r]);
        spans.AddRange(whole);
        return whole.Count;
    }

    /// <summary>Every word but connectives like "of" or "'s" capitalised: a lower-case "apple" is not the company.</summary>
    private static bool AllCapitalised(ReadOnlySpan<WordInfo> words, int start, int end)
        => (words[start].Flags & WordFlags.Capitalised) != 0 && (words[end - 1].Flags & (WordFlags.Capitalised | WordFlags.HasDigit)) != 0;
}
