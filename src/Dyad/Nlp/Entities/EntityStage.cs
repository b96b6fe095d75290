using Dyad.Documents;
using Dyad.Pipeline;
using Dyad.Nlp.Models;
using Dyad.Nlp.Tagging;

namespace Dyad.Nlp.Entities;

/// <summary>
/// Finds PERSON, ORG, GPE, LOC and NORP spans. The trained recogniser gives persons, organisations and
/// locations; a location is a GPE unless its last word names a natural or built feature (river, sea, street…).
/// NORP comes from a word list of nationalities and religious or political groups, outside model spans and for
/// model spans that are only such a word.
/// </summary>
public sealed class EntityStage(EntityRecognizer recognizer) : IStage
{
    public string Name => "entities";
    public Layers Requires => Layers.Tokens | Layers.Sentences | Layers.PartOfSpeech;
    public Layers Produces => Layers.Entities;

    private static readonly HashSet<string> PlaceNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "river", "sea", "ocean", "lake", "mountain", "mountains", "mount", "mt.", "hill", "hills", "valley", "desert",
        "island", "islands", "isles", "gulf", "bay", "strait", "straits", "peninsula", "coast", "basin", "plain",
        "plains", "forest", "canyon", "street", "road", "avenue", "square", "bridge", "park", "border", "channel",
        "delta", "glacier", "reef", "volcano", "highway", "boulevard", "plateau", "range", "heights", "beach",
    };

    public static string MapType(string trainedType, Document document, int lastToken) => trainedType switch
    {
        "PER" => "PERSON",
        "ORG" => "ORG",
        "LOC" => PlaceNouns.Contains(document.TokenText(lastToken)) ? "LOC" : "GPE",
        _ => trainedType,
    };

    private static readonly HashSet<string> TitleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "president", "president-elect", "minister", "secretary", "chancellor", "premier", "king", "queen", "prince",
        "princess", "emperor", "governor", "senator", "sen.", "rep.", "congressman", "congresswoman", "ambassador",
        "envoy", "spokesman", "spokeswoman", "spokesperson", "mayor", "judge", "pope", "sheikh", "ayatollah", "gen.",
        "colonel", "col.", "admiral", "lt.", "capt.", "captain", "sgt.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr",
        "dr.", "prof.", "professor",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TitleWordSpans = TitleWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// "Russian President Vladimir Putin", "Prime Minister John Major": the recogniser often takes the title, and
    /// the country before it, into the span and then calls the whole an organisation. A name is the capitalised
    /// words after the last title word, so such a span becomes a PERSON span of those words ("General" counts as a
    /// title only after one: "Secretary General", not "General Motors"). After "of" the office goes on up to the
    /// first given name ("Secretary of State John Kerry"). Spans with nothing capitalised after the title stay as
    /// the model gave them.
    /// </summary>
    public static (int Start, string Type) WithoutTitle(Document document, int start, int end, string type)
    {
        int lastTitle = -1;
        for (int t = start; t < end - 1; t++)
        {
            var word = document.TokenSpan(t);
            bool title = TitleWordSpans.Contains(word)
                || (word.SequenceEqual("General") && t > start && TitleWordSpans.Contains(document.TokenSpan(t - 1)));
            if (title) lastTitle = t;
        }
        if (lastTitle < 0) return (start, type);
        int name = lastTitle + 1;
        // "Secretary of State John Kerry", "Minister of Foreign Affairs Wang Yi": the office runs on after "of" up
        // to a given name; without one the name's first word is unknown and the span stays as it was
        if (document.TokenSpan(name).SequenceEqual("of"))
        {
            name++;
            while (name < end && !GivenNames.Contains(document.TokenSpan(name))) name++;
            if (name >= end) return (start, type);
        }
        for (int t = name; t < end; t++)
        {
            var word = document.TokenSpan(t);
            if (word.Length == 0 || !char.IsUpper(word[0])) return (start, type);
        }
        return (name, "PER");
    }

    /// <summary>
    /// "Ban Ki-moon", "Kim Kye-gwan", "Tsai Ing-wen": the tokenizer splits the hyphen (UD style) and the recogniser
    /// often stops at it. A person's name that ends right before a glued hyphen and a short glued lower-case word
    /// goes on over them; "Obama-era" or "Putin-backed" do not (a person's name part is a syllable, not a word of
    /// this list).
    /// </summary>
    public static int WithHyphenatedName(Document document, int end, string type)
    {
        while (type == "PER" && end + 1 < document.TokenCount
            && document.TokenSentence[end + 1] == document.TokenSentence[end - 1]
            && document.TokenSpan(end) is "-" && document.TokenStart[end] == document.TokenEnd[end - 1]
            && document.TokenStart[end + 1] == document.TokenEnd[end])
        {
            var part = document.TokenSpan(end + 1);
            if (part.Length is < 2 or > 6 || !char.IsLower(part[0]) || NotNameParts.Contains(part)) break;
            foreach (char c in part) if (!char.IsLetter(c)) return end;
            end += 2;
        }
        return end;
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNameParts = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "era", "style", "led", "backed", "like", "type", "based", "born", "linked", "run", "owned", "made", "free",
        "aligned", "allied", "ally", "friendly", "wing", "camp", "loyal", "elect", "appointed", "inspired", "esque",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    public void Process(Document document)
    {
        var words = new WordInfo[document.TokenCount];
        var tags = new ulong[document.TokenCount];
        var classes = new int[document.TokenCount];
        for (int i = 0; i < document.TokenCount; i++)
        {
            words[i] = recognizer.Describe(document.TokenSpan(i));
            tags[i] = FeatureHash.Of(document.Xpos[i] ?? "NN");
        }
        // the parse (the stage runs after it in the default pipeline) gives each word its relation and head
        bool parsed = document.Has(Layers.Dependencies);
        var relations = parsed ? new ulong[document.TokenCount] : [];
        var heads = parsed ? new ulong[document.TokenCount] : [];
        if (parsed) EntitySyntax.Describe(document, relations, heads, words);
        var spans = new List<(int Start, int End, string Type)>();
        var sentenceStarts = new int[document.SentenceCount + 1];
        for (int s = 0; s < document.SentenceCount; s++)
        {
            int first = document.SentenceFirstToken[s], length = document.SentenceEndToken[s] - first;
            sentenceStarts[s] = first;
            sentenceStarts[s + 1] = first + length;
            recognizer.Recognize(words.AsSpan(first, length), tags.AsSpan(first, length),
                parsed ? relations.AsSpan(first, length) : [], parsed ? heads.AsSpan(first, length) : [], classes.AsSpan(first, length));
            recognizer.AddSpans(classes.AsSpan(first, length), first, spans);
        }
        DocumentPropagation.Propagate(words, sentenceStarts, spans, recognizer.Gazetteer, document.TokenSpan);
        AddEntities(document, spans);
    }

    /// <summary>
    /// The document's entity layer from the recogniser's spans (PER, ORG, LOC; after <see cref="DocumentPropagation"/>):
    /// titles cut off, hyphenated names completed, nationality words made NORP, places split into GPE and LOC.
    /// The scorers on gold tokens call it too, so they score the layer this stage gives.
    /// </summary>
    public static void AddEntities(Document document, List<(int Start, int End, string Type)> spans)
    {
        var found = new bool[document.TokenCount];
        foreach (var (start, end, _) in spans) found.AsSpan(start, end - start).Fill(true);
        var covered = new bool[document.TokenCount];
        foreach (var (spanStart, modelEnd, modelType) in spans)
        {
            var (start, type) = WithoutTitle(document, spanStart, modelEnd, modelType);
            int end = WithHyphenatedName(document, modelEnd, type);
            if (end > modelEnd && found.AsSpan(modelEnd, end - modelEnd).Contains(true)) end = modelEnd;
            // the recogniser knows no NORP and calls a lone "Russian" a place or a person: the word list decides
            bool nationality = Nationalities.IsNationality(document.TokenSpan(end - 1))
                && (end - start == 1 || (end - start == 2 && Nationalities.IsCompass(document.TokenSpan(start))));
            document.Entities.Add(new EntitySpan(start, end, nationality ? "NORP" : MapType(type, document, end - 1)));
            for (int t = start; t < end; t++) covered[t] = true;
        }
        for (int i = 0; i < document.TokenCount; i++)
        {
            if (covered[i] || !Nationalities.IsNationality(document.TokenSpan(i))) continue;
            int start = i > 0 && !covered[i - 1] && document.TokenSentence[i - 1] == document.TokenSentence[i]
                && Nationalities.IsCompass(document.TokenSpan(i - 1)) ? i - 1 : i;
            document.Entities.Add(new EntitySpan(start, i + 1, "NORP"));
        }
        document.Entities.Sort((a, b) => a.FirstToken.CompareTo(b.FirstToken));
    }
}
