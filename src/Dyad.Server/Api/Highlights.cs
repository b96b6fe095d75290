using System.Text.Json;
using Dyad.Storage;

namespace Dyad.Server.Api;

/// <summary>One marked range: the source, predicate, target or place of an event.</summary>
internal readonly record struct Mark(string Kind, int Start, int End, long EventId);

/// <summary>
/// Where an event's parts are. Actors and predicate carry article offsets; the place carries only its name,
/// so it is found by name inside the event's sentence.
/// </summary>
internal static class Highlights
{
    public static (int? Start, List<Mark> Marks) ForSentence(string? articleText, StoredEvent e)
    {
        var marks = new List<Mark>();
        int? start = SentenceStart(articleText, e);
        if (start is not int s)
        {
            // without the article the place can still be found in the sentence itself
            if (PlaceIn(e.Sentence, e) is var (ps, pe)) marks.Add(new Mark("place", ps, pe, e.Id));
            return (null, marks);
        }
        foreach (var m in ForArticle(articleText!, e))
        {
            int a = m.Start - s, b = m.End - s;
            if (a >= 0 && b <= e.Sentence.Length && b > a) marks.Add(m with { Start = a, End = b });
        }
        return (s, marks);
    }

    public static IEnumerable<Mark> ForArticle(string text, StoredEvent e)
    {
        if (Valid(text, e.Source.Start, e.Source.End)) yield return new Mark("source", e.Source.Start!.Value, e.Source.End!.Value, e.Id);
        if (Valid(text, e.PredicateStart, e.PredicateEnd)) yield return new Mark("predicate", e.PredicateStart, e.PredicateEnd, e.Id);
        if (e.Target is { } t && Valid(text, t.Start, t.End)) yield return new Mark("target", t.Start!.Value, t.End!.Value, e.Id);
        if (SentenceStart(text, e) is int s && PlaceIn(e.Sentence, e) is var (ps, pe))
            yield return new Mark("place", s + ps, s + pe, e.Id);
    }

    private static bool Valid(string text, int? start, int? end) =>
        start is int s && end is int x && s >= 0 && x > s && x <= text.Length;

    /// <summary>The occurrence of the sentence that holds the predicate (a sentence may repeat in an article).</summary>
    private static int? SentenceStart(string? text, StoredEvent e)
    {
        if (text is null || e.Sentence.Length == 0) return null;
        for (int i = text.IndexOf(e.Sentence, StringComparison.Ordinal); i >= 0; i = text.IndexOf(e.Sentence, i + 1, StringComparison.Ordinal))
            if (e.PredicateStart >= i && e.PredicateEnd <= i + e.Sentence.Length) return i;
        return null;
    }

    private static (int, int)? PlaceIn(string sentence, StoredEvent e)
    {
        if (e.Location?.Name is not { Length: > 0 } name) return null;
        int at = sentence.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : (at, at + name.Length);
    }

    public static void Write(Utf8JsonWriter w, Mark m)
    {
        w.WriteStartObject();
        w.WriteString("kind", m.Kind);
        w.WriteNumber("start", m.Start);
        w.WriteNumber("end", m.End);
        w.WriteNumber("event", m.EventId);
        w.WriteEndObject();
    }
}
