using Dyad.Documents;
using Dyad.Nlp.Models;
using Dyad.Pipeline;

namespace Dyad.Nlp.Parsing;

/// <summary>Fills document.Head (document-wide token index, -1 for the sentence root) and document.Relation.</summary>
public sealed class ParserStage(DependencyParser parser) : IStage
{
    public string Name => "parse";
    public Layers Requires => Layers.Tokens | Layers.Sentences | Layers.PartOfSpeech;
    public Layers Produces => Layers.Dependencies;

    /// <summary>
    /// The parser's input for sentence s: word and tag hashes from index 1 on (index 0 is the root's, set here too);
    /// words and tags must hold the sentence's length + 1.
    /// </summary>
    public static void SentenceInput(Document document, int s, Span<ulong> words, Span<ulong> tags)
    {
        int first = document.SentenceFirstToken[s], length = document.SentenceEndToken[s] - first;
        words[0] = DependencyParser.RootWord;
        tags[0] = DependencyParser.RootTag;
        for (int i = 0; i < length; i++)
        {
            words[i + 1] = FeatureHash.OfLower(document.TokenSpan(first + i));
            tags[i + 1] = FeatureHash.Of(document.Xpos[first + i] ?? "NN");
        }
    }

    public void Process(Document document)
    {
        var state = new ArcEagerState();
        int max = 0;
        for (int s = 0; s < document.SentenceCount; s++) max = Math.Max(max, document.SentenceEndToken[s] - document.SentenceFirstToken[s]);
        var words = new ulong[max + 1];
        var tags = new ulong[max + 1];
        var heads = new int[max + 1];
        var labels = new int[max + 1];
        for (int s = 0; s < document.SentenceCount; s++)
        {
            int first = document.SentenceFirstToken[s], length = document.SentenceEndToken[s] - first;
            SentenceInput(document, s, words, tags);
            parser.Parse(state, words, tags, length, heads, labels);
            for (int i = 0; i < length; i++)
            {
                document.Head[first + i] = heads[i + 1] == 0 ? -1 : first + heads[i + 1] - 1;
                document.Relation[first + i] = parser.Relations[labels[i + 1]];
            }
        }
    }
}
