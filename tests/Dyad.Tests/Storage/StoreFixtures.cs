using Dyad.Coding.Actors;
using Dyad.Coding.Events;
using Dyad.Documents;

namespace Dyad.Tests.Storage;

/// <summary>Documents with hand-made events, so store tests do not depend on the pipeline's accuracy.</summary>
public static class StoreFixtures
{
    public static Document Meeting(string id, string text = "Putin met Obama in New York on Monday.", DateOnly? date = null)
    {
        var doc = new Document(new Article { Id = id, Text = text, Title = "Leaders meet", Published = new DateOnly(2015, 9, 28), Source = "example.org" });
        var source = Mention(doc, "Putin", "Vladimir Putin", "RUSGOV", "RUS", "GOV");
        var target = Mention(doc, "Obama", "Barack Obama", "USAGOV", "USA", "GOV");
        doc.Actors.Add(source);
        doc.Actors.Add(target);
        int p = text.IndexOf("met", StringComparison.Ordinal);
        doc.Events.Add(new CodedEvent
        {
            DocId = id, SentenceIndex = 0, Sentence = text, Source = source, Target = target,
            Cameo = "040", Quad = 1, Goldstein = 1.0, Plover = "CONSULT", Date = date ?? new DateOnly(2015, 9, 28),
            Location = new PlaceMention(new CharSpan(0, 0), 0, 0, "New York", "USA", 40.71, -74.01),
            Predicate = new CharSpan(p, p + 3), Entry = "test:meet", Confidence = 0.9,
        });
        doc.Removed.Add(new RemovedBlock(new CharSpan(0, 0), "test", 1));
        return doc;
    }

    public static ActorMention Mention(Document doc, string text, string name, string code, string country, string role)
    {
        int start = doc.Text.IndexOf(text, StringComparison.Ordinal);
        return new ActorMention
        {
            Span = new CharSpan(start, start + text.Length), FirstToken = 0, EndToken = 1, Text = text, Name = name,
            Code = code, Country = country, Role = role, Kind = ActorKind.Person, Why = "test",
        };
    }
}
