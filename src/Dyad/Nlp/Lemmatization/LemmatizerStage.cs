using Dyad.Documents;
using Dyad.Pipeline;

namespace Dyad.Nlp.Lemmatization;

/// <summary>Fills the lemma of every token from its form and XPOS.</summary>
public sealed class LemmatizerStage(Lemmatizer lemmatizer) : IStage
{
    public string Name => "lemmatize";
    public Layers Requires => Layers.Tokens | Layers.PartOfSpeech;
    public Layers Produces => Layers.Lemmas;

    public void Process(Document document)
    {
        for (int i = 0; i < document.TokenCount; i++)
            document.Lemma[i] = lemmatizer.Lemmatize(document.TokenSpan(i), document.Xpos[i] ?? "NN");
    }
}
