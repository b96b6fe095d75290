using System.Collections.Frozen;
using Dyad.Coding.Cameo;
using Dyad.Errors;

namespace Dyad.Coding.Events.Dictionary;

/// <summary>
/// Dyad's event dictionary: verb, noun and phrase predicates over lemmas, each mapped to a CAMEO code
/// (Coding/Events/Dictionary/predicates.tsv). Entries are indexed by head lemma, so a coder asks only about the
/// words it takes for predicates. Immutable and safe to share across threads.
/// </summary>
public sealed class EventDictionary
{
    internal const string ResourcePath = "Coding/Events/Dictionary/predicates.tsv";
    internal static readonly string[] Header = ["pattern", "kind", "cameo", "target_prep", "symmetric", "notes"];

    private static readonly Lazy<EventDictionary> LazyDefault = new(
        () => Parse(TsvResource.ReadText(ResourcePath), "predicates.tsv", CameoTable.Default),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The dictionary embedded in the assembly, parsed (and checked against the CAMEO table) on first use.</summary>
    public static EventDictionary Default => LazyDefault.Value;

    private readonly FrozenDictionary<string, PredicateEntry[]> _byHead;
    private readonly FrozenDictionary<string, PredicateEntry[]>.AlternateLookup<ReadOnlySpan<char>> _byHeadSpan;

    private EventDictionary(List<PredicateEntry> entries)
    {
        Entries = entries;
        _byHead = entries
            .GroupBy(e => e.Head, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        _byHeadSpan = _byHead.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>All entries in file order.</summary>
    public IReadOnlyList<PredicateEntry> Entries { get; }

    public int Count => Entries.Count;

    /// <summary>Distinct head lemmas.</summary>
    public IEnumerable<string> Heads => _byHead.Keys;

    /// <summary>True when some entry has this lemma (or its singular) as head: a cheap filter before <see cref="Match"/>.</summary>
    public bool IsHead(ReadOnlySpan<char> lemma)
    {
        if (_byHeadSpan.ContainsKey(lemma)) return true;
        Span<int> lengths = stackalloc int[2];
        var n = PredicatePattern.SingularLengths(lemma, lengths);
        for (var i = 0; i < n; i++)
            if (_byHeadSpan.ContainsKey(lemma[..lengths[i]])) return true;
        Span<char> buffer = lemma.Length <= 64 ? stackalloc char[lemma.Length] : new char[lemma.Length];
        return IesSingular(lemma, buffer) is { IsEmpty: false } y && _byHeadSpan.ContainsKey(y);
    }

    /// <summary>The entries whose head is this lemma (exact, then plural-stripped forms); empty when none.</summary>
    public IReadOnlyList<PredicateEntry> Candidates(string lemma)
    {
        _byHeadSpan.TryGetValue(lemma, out var exact);
        Span<int> lengths = stackalloc int[2];
        var n = PredicatePattern.SingularLengths(lemma, lengths);
        List<PredicateEntry>? merged = null;
        for (var i = 0; i < n; i++)
            if (_byHeadSpan.TryGetValue(lemma.AsSpan(0, lengths[i]), out var more))
                (merged ??= [.. exact ?? []]).AddRange(more);
        Span<char> buffer = lemma.Length <= 64 ? stackalloc char[lemma.Length] : new char[lemma.Length];
        if (IesSingular(lemma, buffer) is { IsEmpty: false } y && _byHeadSpan.TryGetValue(y, out var fromY))
            (merged ??= [.. exact ?? []]).AddRange(fromY);
        return merged ?? (IReadOnlyList<PredicateEntry>?)exact ?? [];
    }

    /// <summary>
    /// The most specific entry that matches with its head at <paramref name="headIndex"/>: the most literal words,
    /// then the shortest span, then the earliest line. Null when nothing matches.
    /// </summary>
    /// <param name="objects">The head's direct objects from the parse, if any: a verb phrase may then also match
    /// across the object's modifiers (<see cref="PredicatePattern.TryMatchObject"/>).</param>
    public PredicateMatch? Match(IReadOnlyList<string> lemmas, int headIndex, PredicateKind kinds = PredicateKind.All, IReadOnlyList<int>? objects = null)
    {
        if ((uint)headIndex >= (uint)lemmas.Count) return null;
        PredicateMatch? best = null;
        foreach (var entry in Candidates(lemmas[headIndex]))
        {
            if ((entry.Kind & kinds) == 0) continue;
            if (!entry.Pattern.TryMatch(lemmas, headIndex, out var span)
                && (objects is not { Count: > 0 } || !entry.Pattern.TryMatchObject(lemmas, headIndex, objects, out span))) continue;
            if (best is null || IsBetter(entry, span, best)) best = new PredicateMatch(entry, headIndex, span);
        }
        return best;
    }

    /// <summary>Every entry that matches at <paramref name="headIndex"/>, best first.</summary>
    public IReadOnlyList<PredicateMatch> MatchAll(IReadOnlyList<string> lemmas, int headIndex, PredicateKind kinds = PredicateKind.All)
    {
        var matches = new List<PredicateMatch>();
        if ((uint)headIndex >= (uint)lemmas.Count) return matches;
        foreach (var entry in Candidates(lemmas[headIndex]))
            if ((entry.Kind & kinds) != 0 && entry.Pattern.TryMatch(lemmas, headIndex, out var span))
                matches.Add(new PredicateMatch(entry, headIndex, span));
        matches.Sort((a, b) => IsBetter(a.Entry, a.Span, b) ? -1 : IsBetter(b.Entry, b.Span, a) ? 1 : 0);
        return matches;
    }

    /// <summary>The best match at each position of a sentence, left to right (overlaps are left to the caller).</summary>
    public IEnumerable<PredicateMatch> Scan(IReadOnlyList<string> lemmas, PredicateKind kinds = PredicateKind.All)
    {
        for (var i = 0; i < lemmas.Count; i++)
            if (Match(lemmas, i, kinds) is { } match) yield return match;
    }

    private static bool IsBetter(PredicateEntry entry, PatternSpan span, PredicateMatch than)
    {
        if (entry.Pattern.WordCount != than.Entry.Pattern.WordCount) return entry.Pattern.WordCount > than.Entry.Pattern.WordCount;
        if (span.Length != than.Span.Length) return span.Length < than.Span.Length;
        return entry.Order < than.Entry.Order;
    }

    /// <summary>"ies" read as "y" ("agencies" → "agency"), written into <paramref name="buffer"/> (at least as long as
    /// the lemma); empty when the lemma has no such ending.</summary>
    private static ReadOnlySpan<char> IesSingular(ReadOnlySpan<char> lemma, Span<char> buffer)
    {
        if (lemma.Length <= 4 || !lemma.EndsWith("ies", StringComparison.OrdinalIgnoreCase)) return [];
        lemma[..^3].CopyTo(buffer);
        buffer[lemma.Length - 3] = 'y';
        return buffer[..(lemma.Length - 2)];
    }

    /// <summary>Parses dictionary text, checking every code against <paramref name="cameo"/>.</summary>
    internal static EventDictionary Parse(string text, string fileName, CameoTable cameo)
    {
        var entries = new List<PredicateEntry>();
        var seen = new HashSet<(string, PredicateKind)>();
        foreach (var row in TsvResource.Parse(text, fileName, Header))
        {
            var f = row.Fields;
            var where = $"{fileName}:{row.Line}";
            var kind = f[1] switch
            {
                "verb" => PredicateKind.Verb,
                "noun" => PredicateKind.Noun,
                "phrase" => PredicateKind.Phrase,
                "speech" => PredicateKind.Speech,
                _ => throw new DyadException(ErrorCode.DataFormat, $"{where}: kind '{f[1]}' is not verb, noun, phrase or speech"),
            };
            var pattern = PredicatePattern.Parse(f[0], headIsLast: kind == PredicateKind.Noun, where);
            var code = cameo.Lookup(f[2])?.Code
                ?? throw new DyadException(ErrorCode.DataFormat, $"{where}: '{f[2]}' is not a CAMEO event code");
            if (!seen.Add((pattern.Text, kind)))
                throw new DyadException(ErrorCode.DataFormat, $"{where}: '{pattern.Text}' ({f[1]}) is listed twice");
            var prepositions = f[3].Length == 0
                ? []
                : f[3].Split('|').Select(p => p.Trim()).ToArray();
            if (prepositions.Any(p => p.Length == 0 || p.Contains(' ')))
                throw new DyadException(ErrorCode.DataFormat, $"{where}: target_prep '{f[3]}' must be single words separated by |");
            var symmetric = f[4] switch
            {
                "yes" => true,
                "" or "no" => false,
                _ => throw new DyadException(ErrorCode.DataFormat, $"{where}: symmetric must be yes, no or empty, not '{f[4]}'"),
            };
            entries.Add(new PredicateEntry(pattern, kind, code, Array.ConvertAll(prepositions, string.Intern), symmetric,
                f[5].Length == 0 ? null : f[5], row.Line, entries.Count));
        }
        if (entries.Count == 0) throw new DyadException(ErrorCode.DataFormat, $"{fileName}: no entries");
        return new EventDictionary(entries);
    }
}
