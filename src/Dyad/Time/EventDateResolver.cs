using Dyad.Documents;
using Dyad.Nlp.Lemmatization;

namespace Dyad.Time;

/// <summary>Why an event got the date it has, so a user can check it.</summary>
public enum EventDateBasis
{
    /// <summary>No date: a future or perfect-tense report with no time expression attached.</summary>
    None,
    /// <summary>A time expression that the dependency parse attaches to the predicate or its governing verb.</summary>
    AttachedExpression,
    /// <summary>The time expression nearest the predicate in its sentence (no parse available).</summary>
    NearestExpression,
    /// <summary>The publication date, for a past or present-tense report with no expression.</summary>
    Publication,
}

/// <summary>The date of one event, the basis for it, and the expression it came from when there is one.</summary>
public readonly record struct EventDate(DateOnly? Date, EventDateBasis Basis, TimeExpression? Expression);

/// <summary>
/// Dates an event from its predicate: a time expression attached to the predicate, else the publication date
/// for reports in the past or present tense, else nothing (future intent and perfect tense without an anchor).
/// </summary>
public static class EventDateResolver
{
    private static readonly HashSet<string> TemporalRelations = new(StringComparer.Ordinal)
    {
        "obl:tmod", "obl", "advmod", "nmod:tmod", "obl:npmod", "nmod", "nmod:npmod",
    };

    /// <summary>The date of the event whose predicate is token <paramref name="predicate"/>.</summary>
    /// <param name="published">The publication date; defaults to the article's (or one found in its text).</param>
    public static EventDate DateOf(Document document, int predicate, DateOnly? published = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (predicate < 0 || predicate >= document.TokenCount) throw new ArgumentOutOfRangeException(nameof(predicate));
        published ??= TemporalTagger.ReferenceDate(document);
        int sentence = document.TokenSentence[predicate];

        if (document.Has(Layers.Dependencies))
        {
            if (Attached(document, predicate, sentence) is { } attached)
                return new EventDate(DayOf(attached, published), EventDateBasis.AttachedExpression, attached);
        }
        else if (Nearest(document, predicate, sentence) is { } nearest)
            return new EventDate(DayOf(nearest, published), EventDateBasis.NearestExpression, nearest);

        // D3: a present-tense state or position, and a statement reported in the past tense ("said", "warned"),
        // take the publication date; D4: another past or perfect act with no expression gets no date, and so
        // does future intent without one.
        if (IsFutureOrPerfect(document, predicate)) return new EventDate(null, EventDateBasis.None, null);
        if (IsPast(document, predicate) && !SpeechVerbs.Contains(document.TokenText(predicate))) return new EventDate(null, EventDateBasis.None, null);
        return new EventDate(published, published is null ? EventDateBasis.None : EventDateBasis.Publication, null);
    }

    private static readonly HashSet<string> SpeechVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "said", "told", "stressed", "added", "noted", "stated", "announced", "declared", "insisted", "warned", "urged", "called",
        "accused", "denied", "rejected", "criticised", "criticized", "condemned", "praised", "welcomed", "reiterated", "confirmed",
        "revealed", "suggested", "argued", "claimed", "asserted", "emphasised", "emphasized", "demanded", "threatened", "promised",
        "pledged", "vowed", "expressed", "quoted", "replied", "responded", "explained", "described", "asked", "wrote", "tweeted",
        "commented", "acknowledged", "admitted", "hoped", "believed", "dismissed", "blamed", "appealed", "reaffirmed", "decried",
        "slammed", "hailed", "voiced", "disputed", "protested", "objected", "signalled", "signaled", "indicated", "spoke",
    };

    /// <summary>Simple past: a VBD tag when there is one, else a past form or "did/had/was/were" just before.</summary>
    private static bool IsPast(Document document, int predicate)
    {
        if (document.Xpos[predicate] is { } xpos) return xpos is "VBD" || (xpos is "VBN" && PrecededBy(document, predicate, "was", "were", "had"));
        var t = document.TokenSpan(predicate);
        if (t.Length > 3 && t.EndsWith("ed", StringComparison.OrdinalIgnoreCase) && char.IsLower(t[0])) return !PrecededBy(document, predicate, "is", "are", "has", "have", "will", "be");
        return IrregularVerbs.IsPast(document.TokenText(predicate)) || PrecededBy(document, predicate, "did", "had", "was", "were");
    }

    private static bool PrecededBy(Document document, int predicate, params ReadOnlySpan<string> words)
    {
        int first = document.SentenceFirstToken[document.TokenSentence[predicate]];
        for (int k = predicate - 1; k >= first && k >= predicate - 2; k--)
            foreach (var w in words)
                if (Is(document.TokenSpan(k), w)) return true;
        return false;
    }

    private static DateOnly? DayOf(TimeExpression t, DateOnly? published) => t.Value == "PRESENT_REF" ? published : t.Day;

    private static bool Datable(TimeExpression t) => t.Type is "DATE" or "TIME" && (t.Day is not null || t.Value == "PRESENT_REF");

    /// <summary>A datable expression with a token that depends, by a temporal relation, on the predicate or on the verb governing it.</summary>
    private static TimeExpression? Attached(Document document, int predicate, int sentence)
    {
        int governor = document.Head[predicate];
        // an xcomp/ccomp/conj predicate ("agreed to meet on Monday") may carry the expression on its governor
        bool useGovernor = governor >= 0 && document.Relation[predicate] is "xcomp" or "ccomp" or "conj" or "advcl" or "acl" or "acl:relcl" or "parataxis";
        foreach (var t in document.Times)
        {
            if (!Datable(t) || document.TokenSentence[t.FirstToken] != sentence) continue;
            for (int k = t.FirstToken; k < t.EndToken; k++)
            {
                int head = document.Head[k];
                if (head >= t.FirstToken && head < t.EndToken) continue;
                if (document.Relation[k] is not { } relation || !TemporalRelations.Contains(relation)) continue;
                if (head == predicate || (useGovernor && head == governor && !HasOwnTemporal(document, predicate))) return t;
            }
        }
        return null;
    }

    private static bool HasOwnTemporal(Document document, int predicate)
    {
        foreach (var t in document.Times)
            for (int k = t.FirstToken; k < t.EndToken; k++)
                if (document.Head[k] == predicate) return true;
        return false;
    }

    private static TimeExpression? Nearest(Document document, int predicate, int sentence)
    {
        TimeExpression? best = null;
        int bestDistance = int.MaxValue;
        foreach (var t in document.Times)
        {
            if (!Datable(t) || document.TokenSentence[t.FirstToken] != sentence) continue;
            if (InOtherClause(document, predicate, t)) continue;
            int distance = t.FirstToken > predicate ? t.FirstToken - predicate : predicate - (t.EndToken - 1);
            if (distance < bestDistance) { best = t; bestDistance = distance; }
        }
        return best;
    }

    private static readonly HashSet<string> ClauseOpeners = new(StringComparer.OrdinalIgnoreCase) { "who", "which", "whose", "whom", "where", "when", "while", "whereas" };

    /// <summary>
    /// Without a parse, ", who last met in December" or "; on Tuesday …" puts the expression in a clause of its
    /// own: a clause opener or a semicolon between predicate and expression, with the predicate outside that clause.
    /// </summary>
    private static bool InOtherClause(Document document, int predicate, TimeExpression t)
    {
        int from = Math.Min(predicate, t.FirstToken), to = Math.Max(predicate, t.FirstToken);
        for (int k = from + 1; k < to; k++)
        {
            var token = document.TokenSpan(k);
            if (token is ";") return true;
            if (ClauseOpeners.Contains(document.TokenText(k)) && k > 0 && document.TokenSpan(k - 1) is "," or "—" or "–") return true;
        }
        return false;
    }

    /// <summary>will/would/shall/'ll or going to before the predicate, or a perfect "has/have + participle".</summary>
    private static bool IsFutureOrPerfect(Document document, int predicate)
    {
        int first = document.SentenceFirstToken[document.TokenSentence[predicate]];
        for (int k = predicate - 1; k >= first && k >= predicate - 4; k--)
        {
            var t = document.TokenSpan(k);
            if (Is(t, "will") || Is(t, "'ll") || Is(t, "shall") || Is(t, "wo") || Is(t, "would") || Is(t, "going")) return true;
            if (Is(t, "has") || Is(t, "have") || Is(t, "'ve"))
            {
                // "has called", but not "has been called": a present state
                bool participle = document.Xpos[predicate] is "VBN" || document.TokenSpan(predicate).EndsWith("ed", StringComparison.OrdinalIgnoreCase);
                return participle && !Is(document.TokenSpan(k + 1), "been");
            }
            if (t.Length > 0 && !char.IsLetter(t[0])) break;
        }
        return false;
    }

    private static bool Is(ReadOnlySpan<char> token, string word) => token.Equals(word, StringComparison.OrdinalIgnoreCase);
}
