using Dyad.Documents;
using Dyad.Pipeline;

namespace Dyad.Nlp.Tagging;

/// <summary>Fills UPOS and Penn XPOS for every token, sentence by sentence.</summary>
public sealed class TaggerStage(PosTagger tagger) : IStage
{
    public string Name => "tag";
    public Layers Requires => Layers.Tokens | Layers.Sentences;
    public Layers Produces => Layers.PartOfSpeech;

    public void Process(Document document)
    {
        var words = new WordInfo[document.TokenCount];
        var classes = new int[document.TokenCount];
        for (int i = 0; i < document.TokenCount; i++) words[i] = tagger.Describe(document.TokenSpan(i));
        for (int s = 0; s < document.SentenceCount; s++)
        {
            int first = document.SentenceFirstToken[s], end = document.SentenceEndToken[s];
            tagger.Tag(words.AsSpan(first, end - first), classes.AsSpan(first, end - first));
            tagger.RepairVerbs(words.AsSpan(first, end - first), classes.AsSpan(first, end - first));
            tagger.RepairIrregularPasts(words.AsSpan(first, end - first), classes.AsSpan(first, end - first));
        }
        for (int i = 0; i < document.TokenCount; i++)
        {
            document.Upos[i] = tagger.Upos[classes[i]];
            document.Xpos[i] = tagger.Xpos[classes[i]];
        }
    }
}
