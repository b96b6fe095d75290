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
        var spans = new List<(int Start, int End, string Type)>();
        var sentenceStarts = new int[document.SentenceCount + 1];
        for (int s = 0; s < document.SentenceCount; s++)
        {
            int first = document.SentenceFirstToken[s], length = document.SentenceEndToken[s] - first;
            sentenceStarts[s] = first;
            sentenceStarts[s + 1] = first + length;
            recognizer.Recognize(words.AsSpan(first, length), tags.AsSpan(first, length), classes.AsSpan(first, length));
            foreach (var (start, end, type) in recognizer.Spans(classes.AsSpan(first, length)))
                spans.Add((first + start, first + end, type));
        }
        DocumentPropagation.Propagate(words, sentenceStarts, spans);
        var covered = new bool[document.TokenCount];
        foreach (var (start, end, type) in spans)
        {
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
