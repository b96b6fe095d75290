using Dyad.Documents;
using Dyad.Pipeline;

namespace Dyad.Places;

/// <summary>
/// The "places" stage: finds toponyms and resolves each to a gazetteer entry. Spans come from the entity layer
/// (GPE/LOC) when present, otherwise from capitalised words that the gazetteer knows and that stand after a
/// place preposition, in a dateline, before ", Country", or name a country, region, capital or large city.
/// Ambiguous names are resolved by population, the countries the article mentions, a following
/// "City, Country" or "City, State", and the dateline; "northern Homs" keeps its direction in the span.
/// </summary>
public sealed class PlaceTagger(PlaceGazetteer? gazetteer = null) : IStage
{
    private readonly PlaceGazetteer _gazetteer = gazetteer ?? PlaceGazetteer.Shared;

    public string Name => "places";
    public Layers Requires => Layers.Tokens | Layers.Sentences;
    public Layers Produces => Layers.Places;

    private static readonly HashSet<string> Triggers = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "at", "near", "from", "to", "outside", "into", "across", "towards", "toward", "around", "throughout",
        "via", "visit", "visited", "visiting", "inside", "within", "through", "of", "between", "and", "reached", "left", "entered",
    };

    private static readonly HashSet<string> Directions = new(StringComparer.OrdinalIgnoreCase)
    {
        "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern", "southwestern",
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
        "south-east", "south-west", "north-eastern", "north-western", "south-eastern", "south-western", "upstate", "downtown",
    };

    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "de", "del", "la", "le", "al", "el", "du", "da", "-" };

    private static readonly HashSet<string> EntityLabels = new(StringComparer.OrdinalIgnoreCase) { "GPE", "LOC", "LOCATION", "PLACE" };

    private sealed class Candidate
    {
        public int SpanFirst, First, End;
        public PlaceEntry[] Entries = [];
        public string Key = "";
        public bool Dateline;
        public string? NeighbourCountry;
        public string? NeighbourRegion;
        public PlaceEntry? Chosen;
    }

    public void Process(Document document)
    {
        document.Places.Clear();
        var candidates = new List<Candidate>();
        var demonyms = new List<string>();
        if (document.Has(Layers.Entities)) FromEntities(document, candidates);
        for (int s = 0; s < document.SentenceCount; s++)
            FromCapitalisedWords(document, document.SentenceFirstToken[s], document.SentenceEndToken[s],
                document.Has(Layers.Entities) ? null : candidates, demonyms);
        if (candidates.Count == 0) return;

        AttachNeighbours(document, candidates);
        Resolve(candidates, demonyms);

        foreach (var c in candidates)
        {
            if (c.Chosen is not { } e || document.IsRemoved(document.TokenStart[c.SpanFirst])) continue;
            var span = new CharSpan(document.TokenStart[c.SpanFirst], document.TokenEnd[c.End - 1]);
            document.Places.Add(new PlaceMention(span, c.SpanFirst, c.End, e.Name, e.Country, e.Lat, e.Lon)
            {
                Admin1 = e.Admin1,
                GeonameId = e.GeonameId,
            });
        }
    }

    // ------------------------------------------------------------------ finding

    private void FromEntities(Document document, List<Candidate> output)
    {
        foreach (var entity in document.Entities)
        {
            if (!EntityLabels.Contains(entity.Label)) continue;
            int first = entity.FirstToken;
            if (first + 1 < entity.EndToken && document.TokenSpan(first).Equals("the", StringComparison.OrdinalIgnoreCase)) first++;
            int spanFirst = first;
            string key = NameOf(document, first, entity.EndToken);
            var entries = Lookup(key);
            // "northern Homs" is Homs; "West Virginia" and "South Sudan" are names of their own
            while (entries.Length == 0 && first + 1 < entity.EndToken && Directions.Contains(document.TokenText(first)))
            {
                first++;
                key = NameOf(document, first, entity.EndToken);
                entries = Lookup(key);
            }
            if (entries.Length == 0 && entity.EndToken - first == 1 && _gazetteer.CountryOfDemonym(document.TokenSpan(first)) is { } nation)
                entries = [nation];
            if (entries.Length == 0 && entity.EndToken - first > 1)
            {
                // "Homs province", "Idlib countryside": the longest known prefix
                for (int end = entity.EndToken - 1; end > first && entries.Length == 0; end--)
                {
                    key = NameOf(document, first, end);
                    entries = Lookup(key);
                }
            }
            if (entries.Length == 0) continue;
            output.Add(new Candidate { SpanFirst = spanFirst, First = first, End = entity.EndToken, Entries = entries, Key = key, Dateline = IsDateline(document, first) });
        }
    }

    private void FromCapitalisedWords(Document document, int first, int end, List<Candidate>? output, List<string>? demonyms)
    {
        int i = first;
        while (i < end)
        {
            if (!IsCapitalised(document, i)) { i++; continue; }
            int runEnd = i + 1;
            while (runEnd < end && (IsCapitalised(document, runEnd)
                   || (Connectors.Contains(document.TokenText(runEnd)) && runEnd + 1 < end && IsCapitalised(document, runEnd + 1))
                   || (document.TokenSpan(runEnd) is "." && runEnd > i && Glued(document, runEnd) && document.TokenEnd[runEnd - 1] - document.TokenStart[runEnd - 1] == 1)))
                runEnd++;
            int runStart = i;
            // "The Hague" is a name; "The United States" is "United States"
            if (document.TokenSpan(runStart).Equals("the", StringComparison.OrdinalIgnoreCase) && runEnd - runStart > 1
                && Lookup(NameOf(document, runStart, runEnd)).Length == 0) runStart++;
            int directionFirst = -1;
            while (runStart + 1 < runEnd && Directions.Contains(document.TokenText(runStart)) && Lookup(NameOf(document, runStart, runEnd)).Length == 0)
            {
                directionFirst = directionFirst < 0 ? runStart : directionFirst;
                runStart++;
            }
            if (runEnd - runStart == 1 && _gazetteer.CountryOfDemonym(document.TokenSpan(runStart)) is { Country: { } nation })
                demonyms?.Add(nation);
            if (output is not null && TryWholeRun(document, first, runStart, runEnd, directionFirst, out var candidate)) output.Add(candidate);
            i = runEnd;
        }
    }

    /// <summary>A run of capitalised words is a place only as a whole: "Washington Post", "Paris Hilton" and "Gulf of Mexico" are not.</summary>
    private bool TryWholeRun(Document document, int sentenceFirst, int runStart, int runEnd, int directionFirst, out Candidate candidate)
    {
        candidate = null!;
        if (runEnd - runStart > _gazetteer.LongestNameInWords) return false;
        string key = NameOf(document, runStart, runEnd);
        var entries = Lookup(key);
        int end = runEnd;
        // "Washington state", "New York state"
        if (end < document.TokenCount && document.TokenSpan(end).Equals("state", StringComparison.Ordinal))
        {
            var state = Lookup(key + " State");
            if (state.Length > 0) { entries = state; end++; }
        }
        if (entries.Length == 0) return false;

        int spanFirst = runStart;
        int before = runStart - 1;
        if (directionFirst >= 0) { spanFirst = directionFirst; before = directionFirst - 1; }
        else if (before >= sentenceFirst && Directions.Contains(document.TokenText(before)))
        {
            spanFirst = before;
            before--;
        }
        else if (before - 1 >= sentenceFirst && document.TokenSpan(before).Equals("of", StringComparison.Ordinal) && Directions.Contains(document.TokenText(before - 1)))
        {
            // "north of Baghdad"
            spanFirst = before - 1;
            before -= 2;
        }
        if (before >= sentenceFirst && document.TokenSpan(before).Equals("the", StringComparison.OrdinalIgnoreCase)) before--;

        bool trigger = before >= sentenceFirst && Triggers.Contains(document.TokenText(before));
        bool dateline = IsDateline(document, runStart);
        bool neighbour = end + 1 < document.TokenCount && document.TokenSpan(end) is "," && document.TokenSentence[end + 1] == document.TokenSentence[runStart]
                         && ((Lookup(NameOf(document, end + 1, end + 2)) is { Length: > 0 } next && next[0].Kind != PlaceKind.City)
                             || _gazetteer.RegionOfAbbreviation(document.TokenSpan(end + 1)) is not null);
        bool prominent = false;
        foreach (var e in entries)
            if (e.Kind != PlaceKind.City || e.IsNationalCapital || e.Population >= 1_000_000) { prominent = true; break; }
        bool sentenceStart = runStart == sentenceFirst;
        if (!(trigger || dateline || neighbour || prominent)) return false;
        // a lone capitalised word opening a sentence is usually not a place unless something says so
        if (sentenceStart && !prominent && !dateline && !neighbour && runEnd - runStart == 1) return false;
        candidate = new Candidate { SpanFirst = spanFirst, First = runStart, End = end, Entries = entries, Key = key, Dateline = dateline };
        return true;
    }

    private static bool IsCapitalised(Document document, int i)
    {
        var t = document.TokenSpan(i);
        return t.Length > 0 && char.IsUpper(t[0]) && (t.Length == 1 || char.IsLetter(t[1]) || t[1] == '.' || t[1] == '\'');
    }

    private static bool Glued(Document document, int i) => i > 0 && document.TokenStart[i] == document.TokenEnd[i - 1];

    /// <summary>A dateline opens a line: "WASHINGTON, Sep 17 (Reuters) -", "KABUL (AP) —".</summary>
    private static bool IsDateline(Document document, int first)
    {
        int start = document.TokenStart[first];
        for (int c = start - 1; c >= 0; c--)
        {
            char ch = document.Text[c];
            if (ch == '\n') break;
            if (!char.IsWhiteSpace(ch)) return false;
        }
        for (int t = first + 1; t < Math.Min(document.TokenCount, first + 5); t++)
        {
            var s = document.TokenSpan(t);
            if (s is "," or "(" or "-" or "–" or "—") return true;
            if (!char.IsUpper(s[0])) return false;
        }
        return false;
    }

    private static string NameOf(Document document, int first, int end)
    {
        if (end - first == 1) return document.TokenText(first);
        return document.Text.Substring(document.TokenStart[first], document.TokenEnd[end - 1] - document.TokenStart[first])
            .ReplaceLineEndings(" ");
    }

    private PlaceEntry[] Lookup(string name) => _gazetteer.Find(name).ToArray();

    // ------------------------------------------------------------------ resolving

    /// <summary>"Latakia, Syria", "Paris, Texas": the following country or state narrows the choice.</summary>
    private void AttachNeighbours(Document document, List<Candidate> candidates)
    {
        for (int k = 0; k < candidates.Count; k++)
        {
            var c = candidates[k];
            int comma = c.End;
            if (comma + 1 >= document.TokenCount || document.TokenSpan(comma) is not ",") continue;
            Candidate? next = k + 1 < candidates.Count && candidates[k + 1].First == comma + 1 ? candidates[k + 1] : null;
            var entries = next?.Entries ?? Lookup(NameOf(document, comma + 1, comma + 2));
            if (_gazetteer.RegionOfAbbreviation(document.TokenSpan(comma + 1)) is { } abbreviated) entries = [.. entries, abbreviated];
            foreach (var e in entries)
            {
                if (e.Kind == PlaceKind.Country && c.Entries.Any(x => x.Kind == PlaceKind.City && x.Country == e.Country)) { c.NeighbourCountry = e.Country; break; }
                if (e.Kind == PlaceKind.Region && c.Entries.Any(x => x.Kind == PlaceKind.City && x.Country == e.Country && x.Admin1 == e.Admin1))
                {
                    c.NeighbourCountry = e.Country;
                    c.NeighbourRegion = e.Admin1;
                    break;
                }
            }
        }
    }

    private static void Resolve(List<Candidate> candidates, List<string> demonyms)
    {
        // pass 1: context from unambiguous mentions; pass 2: context from every pass-1 choice
        var mentioned = new Dictionary<string, double>(StringComparer.Ordinal);
        var regions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nation in demonyms) mentioned[nation] = mentioned.GetValueOrDefault(nation) + 0.5;
        foreach (var c in candidates)
        {
            string? only = OnlyCountry(c);
            if (only is not null) mentioned[only] = mentioned.GetValueOrDefault(only) + (c.Dateline ? 2 : 1);
            if (c.NeighbourRegion is not null) regions.Add(c.NeighbourCountry + "/" + c.NeighbourRegion);
            if (c.Entries.Length == 1 && c.Entries[0] is { Kind: PlaceKind.Region, Admin1: { } code } region) regions.Add(region.Country + "/" + code);
        }
        int usMentions = candidates.Count(c => OnlyCountry(c) == "USA" && c.Entries.All(e => e.Kind != PlaceKind.Country) && !IsUsCapital(c));
        foreach (var c in candidates) c.Chosen = Best(c, mentioned, regions, usMentions, self: OnlyCountry(c) is { } o ? (o, c.Dateline ? 2 : 1) : null);

        mentioned.Clear();
        foreach (var nation in demonyms) mentioned[nation] = mentioned.GetValueOrDefault(nation) + 0.5;
        foreach (var c in candidates)
        {
            if (c.Chosen?.Country is { } country) mentioned[country] = mentioned.GetValueOrDefault(country) + (c.Dateline ? 2 : 1);
            if (c.Chosen is { Kind: PlaceKind.Region, Admin1: { } code } region) regions.Add(region.Country + "/" + code);
        }
        usMentions = candidates.Count(c => c.Chosen is { Country: "USA", Kind: not PlaceKind.Country } && !IsUsCapital(c));
        foreach (var c in candidates)
        {
            if (c.Entries.Length == 1) continue;
            c.Chosen = Best(c, mentioned, regions, usMentions, self: c.Chosen?.Country is { } own ? (own, c.Dateline ? 2 : 1) : null);
        }

        // one sense per article: a name qualified once ("Gainesville, Fla.") keeps that sense when repeated bare
        var qualified = new Dictionary<string, PlaceEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in candidates)
            if ((c.NeighbourCountry is not null || c.Dateline) && c.Chosen is { } chosen) qualified.TryAdd(c.Key, chosen);
        foreach (var c in candidates)
            if (c.NeighbourCountry is null && qualified.TryGetValue(c.Key, out var sense) && c.Entries.Contains(sense)) c.Chosen = sense;
    }

    private static bool IsUsCapital(Candidate c) => c.Chosen?.Admin1 == "DC" || c.Entries.Any(e => e.Admin1 == "DC");

    private static string? OnlyCountry(Candidate c)
    {
        string? country = null;
        foreach (var e in c.Entries)
        {
            if (e.Country is null) return null;
            if (country is null) country = e.Country;
            else if (country != e.Country) return null;
        }
        return country;
    }

    private static PlaceEntry? Best(Candidate c, Dictionary<string, double> mentioned, HashSet<string> regions, int usMentions, (string Country, int Weight)? self)
    {
        PlaceEntry? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (var e in c.Entries)
        {
            double score = e.Kind switch
            {
                PlaceKind.Country => 8,
                PlaceKind.Region => 6.5 + (e.Country == "USA" && usMentions - (self?.Country == "USA" ? 1 : 0) > 0 ? 3 : 0),
                _ => Math.Log10(e.Population + 10) + (e.IsNationalCapital ? 1 : 0) + (e.Feature == "PPLA" ? 0.3 : 0),
            };
            if (e.Country is { } country)
            {
                double count = mentioned.GetValueOrDefault(country);
                if (self is { } s && s.Country == country) count -= s.Weight;
                if (count > 0) score += e.Kind == PlaceKind.Country ? 1 : 2 + Math.Min(count, 4) * 0.5;
            }
            if (e.Kind == PlaceKind.City && e.Country == "USA" && usMentions > 0 && c.Entries.Any(x => x.Country != "USA")) score += 0.5;
            if (e.Kind == PlaceKind.City && e.Admin1 is not null && regions.Contains(e.Country + "/" + e.Admin1)) score += 2.5;
            if (c.NeighbourCountry is not null && e.Country != c.NeighbourCountry) score -= 100;
            if (c.NeighbourRegion is not null && e.Admin1 != c.NeighbourRegion) score -= 50;
            if (string.Equals(PlaceGazetteer.Fold(e.Name), PlaceGazetteer.Fold(c.Key), StringComparison.OrdinalIgnoreCase)) score += 0.3;
            if (score > bestScore) { bestScore = score; best = e; }
        }
        return best;
    }
}
