using Dyad.Documents;
using Dyad.Pipeline;

namespace Dyad.Nlp.Tokenization;

/// <summary>
/// Splits the article into tokens and sentences in one pass (sentence ends depend on how tokens were cut),
/// skipping every range marked removed by cleaning.
/// </summary>
public sealed class TokenizerStage : IStage
{
    public string Name => "tokenize";
    public Layers Requires => Layers.Text;
    public Layers Produces => Layers.Tokens | Layers.Sentences;

    public void Process(Document document)
    {
        var skipped = document.Removed.Select(r => r.Span).ToList();
        var t = NewsTokenizer.Tokenize(document.Text, skipped);
        Apply(document, t);
    }

    public static void Apply(Document document, TokenizedText t)
    {
        document.SetTokens([.. t.Starts], [.. t.Ends], t.Count);
        var first = new List<int>();
        var end = new List<int>();
        for (int i = 0; i < t.Count; i++)
        {
            if (!t.SentenceStarts[i]) continue;
            if (first.Count > 0) end.Add(i);
            first.Add(i);
        }
        if (first.Count > 0) end.Add(t.Count);
        document.SetSentences([.. first], [.. end], first.Count);
    }
}
