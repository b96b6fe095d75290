using Dyad.Coding.Actors;
using Dyad.Coding.Events;
using Dyad.Storage;

namespace Dyad.Output;

/// <summary>Flattens in-memory events into the same shape the store returns, so one writer serves both.</summary>
public static class EventRecords
{
    public static StoredEvent From(CodedEvent e) => new()
    {
        ArticleId = e.DocId,
        SentenceIndex = e.SentenceIndex,
        Sentence = e.Sentence,
        Source = Actor(e.Source),
        Target = e.Target is null ? null : Actor(e.Target),
        Cameo = e.Cameo,
        Quad = e.Quad,
        Goldstein = e.Goldstein,
        Plover = e.Plover,
        Date = e.Date,
        Location = e.Location is { } p ? new StoredPlace(p.Name, p.Country, p.Lat, p.Lon) : null,
        Negated = e.Negated,
        Modality = e.Modality.ToString().ToLowerInvariant(),
        PredicateStart = e.Predicate.Start,
        PredicateEnd = e.Predicate.End,
        Entry = e.Entry,
        Confidence = e.Confidence,
    };

    private static StoredActor Actor(ActorMention m) =>
        m.Span.Length == 0
            ? new StoredActor(null, m.Name, m.Code, m.Country, m.Role, m.Why, null, null)
            : new StoredActor(m.Text, m.Name, m.Code, m.Country, m.Role, m.Why, m.Span.Start, m.Span.End);
}
