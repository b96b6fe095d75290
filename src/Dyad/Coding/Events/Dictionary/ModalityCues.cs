using System.Collections.Frozen;
using Dyad.Coding.Cameo;
using Dyad.Errors;

namespace Dyad.Coding.Events.Dictionary;

public enum ModalityKind
{
    /// <summary>The act did not happen ("did not meet").</summary>
    Negation,
    /// <summary>An act announced, planned or promised ("will", "plans to").</summary>
    Intent,
    /// <summary>A prediction or schedule ("is expected to", "is due to").</summary>
    Expectation,
    /// <summary>A hypothetical ("could", "may", "would").</summary>
    Possibility,
    /// <summary>An act refused; coded as rejection (12), not negation.</summary>
    Refusal,
    /// <summary>Content not asserted as fact ("alleged", "reportedly").</summary>
    Hedge,
    /// <summary>"must", "have to": from a political actor about another, a demand.</summary>
    Obligation,
    /// <summary>"if", "unless": the act depends on a condition.</summary>
    Condition,
}

public sealed record ModalityCue(PredicatePattern Pattern, ModalityKind Kind, string? Notes, int Line);

public sealed record ModalityMatch(ModalityCue Cue, PatternSpan Span);

/// <summary>
/// Negation, modality and hedging cues (Coding/Events/Dictionary/modality.tsv), written as lemma patterns whose
/// head is their first word. Immutable and safe to share across threads.
/// </summary>
public sealed class ModalityCues
{
    internal const string ResourcePath = "Coding/Events/Dictionary/modality.tsv";
    internal static readonly string[] Header = ["cue", "kind", "notes"];

    private static readonly Lazy<ModalityCues> LazyDefault = new(
        () => Parse(TsvResource.ReadText(ResourcePath), "modality.tsv"), LazyThreadSafetyMode.ExecutionAndPublication);

    public static ModalityCues Default => LazyDefault.Value;

    private readonly FrozenDictionary<string, ModalityCue[]> _byHead;

    private ModalityCues(List<ModalityCue> cues)
    {
        Cues = cues;
        _byHead = cues.GroupBy(c => c.Pattern.Head, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<ModalityCue> Cues { get; }

    /// <summary>The longest cue starting at <paramref name="index"/>, or null.</summary>
    public ModalityMatch? Match(IReadOnlyList<string> lemmas, int index)
    {
        if ((uint)index >= (uint)lemmas.Count || !_byHead.TryGetValue(lemmas[index], out var cues)) return null;
        ModalityMatch? best = null;
        foreach (var cue in cues)
            if (cue.Pattern.TryMatch(lemmas, index, out var span)
                && (best is null || cue.Pattern.WordCount > best.Cue.Pattern.WordCount))
                best = new ModalityMatch(cue, span);
        return best;
    }

    /// <summary>All cues in tokens [start, end), longest first at each position, not overlapping.</summary>
    public IReadOnlyList<ModalityMatch> FindAll(IReadOnlyList<string> lemmas, int start = 0, int end = int.MaxValue)
    {
        var found = new List<ModalityMatch>();
        end = Math.Min(end, lemmas.Count);
        for (var i = Math.Max(0, start); i < end; i++)
        {
            if (Match(lemmas, i) is not { } match || match.Span.End > end) continue;
            found.Add(match);
            i = match.Span.End - 1;
        }
        return found;
    }

    internal static ModalityCues Parse(string text, string fileName)
    {
        var cues = new List<ModalityCue>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in TsvResource.Parse(text, fileName, Header))
        {
            var where = $"{fileName}:{row.Line}";
            var pattern = PredicatePattern.Parse(row.Fields[0], headIsLast: false, where);
            if (!Enum.TryParse<ModalityKind>(row.Fields[1], ignoreCase: true, out var kind) || int.TryParse(row.Fields[1], out _))
                throw new DyadException(ErrorCode.DataFormat, $"{where}: '{row.Fields[1]}' is not a modality kind");
            if (!seen.Add(pattern.Text))
                throw new DyadException(ErrorCode.DataFormat, $"{where}: cue '{pattern.Text}' is listed twice");
            cues.Add(new ModalityCue(pattern, kind, row.Fields[2].Length == 0 ? null : row.Fields[2], row.Line));
        }
        return new ModalityCues(cues);
    }
}
