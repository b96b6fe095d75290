using Dyad.Documents;
using Dyad.Pipeline;

namespace Dyad.Time;

/// <summary>
/// The "time" stage: finds time expressions in every sentence and resolves them against the publication date
/// (the article's own, else one read from bylines, datelines or the URL). Fills <see cref="Document.Times"/>.
/// </summary>
public sealed class TemporalTagger(NumericDateOrder numericDateOrder = NumericDateOrder.DayFirst) : IStage
{
    public string Name => "time";
    public Layers Requires => Layers.Tokens | Layers.Sentences;
    public Layers Produces => Layers.TimeExpressions;

    public NumericDateOrder NumericDateOrder { get; } = numericDateOrder;

    public void Process(Document document)
    {
        if (document.Published is null)
        {
            var (date, clue) = PublicationDateFinder.Find(document.Text, document.Article.Url);
            document.Published = date;
            document.PublishedClue = clue;
        }
        Process(document, document.Published);
    }

    /// <summary>Tag with an explicit document creation time (null leaves relative expressions unresolved).</summary>
    public void Process(Document document, DateOnly? creationTime)
    {
        document.Times.Clear();
        var upos = document.Has(Layers.PartOfSpeech) ? document.Upos : null;
        var matches = new List<TimeMatch>();
        for (int s = 0; s < document.SentenceCount; s++)
        {
            matches.Clear();
            var parser = new TimeExpressionParser(document.Text, document.TokenStart, document.TokenEnd,
                document.SentenceFirstToken[s], document.SentenceEndToken[s], creationTime, NumericDateOrder, upos);
            parser.ParseAll(matches);
            foreach (var m in matches)
            {
                if (document.IsRemoved(document.TokenStart[m.First])) continue;
                var span = new CharSpan(document.TokenStart[m.First], document.TokenEnd[m.End - 1]);
                document.Times.Add(new TimeExpression(span, m.First, m.End, m.Type, m.Value,
                    document.Text.Substring(span.Start, span.Length)) { Day = m.Day });
            }
        }
    }

    /// <summary>The date relative expressions are resolved against: the article's publication date, else one found in its text or URL.</summary>
    public static DateOnly? ReferenceDate(Document document) =>
        document.Article.Published ?? PublicationDateFinder.Find(document.Text, document.Article.Url).Date;
}
