using System.Runtime.CompilerServices;
using Dyad.Nlp.Models;

namespace Dyad.Nlp.Lemmatization;

/// <summary>
/// Lemmas from a word+XPOS table learned from the treebank's lemma column (falling back to the word's most
/// frequent lemma under any tag when the tag is new for it), then, for unseen words, suffix
/// rewrite rules learned from the same data (for an XPOS and the longest known word ending: strip n
/// characters, append a string); unseen irregular verb forms take their base from <see cref="IrregularVerbs"/>. Proper nouns keep their case; other words are lower-cased.
/// </summary>
public sealed class Lemmatizer
{
    public const string Kind = "lemmatizer";
    public const int MaxSuffix = 6;

    private readonly Dictionary<ulong, string> _exact;
    private readonly Dictionary<ulong, string> _lower;
    private readonly Dictionary<ulong, string> _anyTag;
    private readonly Dictionary<ulong, SuffixRule> _rules;

    public Lemmatizer(Dictionary<ulong, string> exact, Dictionary<ulong, string> lower, Dictionary<ulong, string> anyTag, Dictionary<ulong, SuffixRule> rules)
    {
        _exact = exact;
        _lower = lower;
        _anyTag = anyTag;
        _rules = rules;
    }

    public readonly record struct SuffixRule(byte Strip, string Append);

    public static ulong ExactKey(ReadOnlySpan<char> form, string xpos) => FeatureHash.Combine(FeatureHash.Of(form), FeatureHash.Of(xpos));
    public static ulong LowerKey(ReadOnlySpan<char> form, string xpos) => FeatureHash.Combine(FeatureHash.OfLower(form), FeatureHash.Of(xpos) + 1);
    /// <summary>Key of the form alone (lower-cased), for words seen in training under another tag.</summary>
    public static ulong AnyTagKey(ReadOnlySpan<char> form) => FeatureHash.Combine(FeatureHash.OfLower(form), 3);
    public static ulong RuleKey(ReadOnlySpan<char> suffixLower, string xpos) => FeatureHash.Combine(FeatureHash.Of(suffixLower), FeatureHash.Of(xpos) + 2);

    public static bool KeepsCase(string xpos) => xpos.StartsWith("NNP", StringComparison.Ordinal);

    public string Lemmatize(ReadOnlySpan<char> form, string xpos)
    {
        if (_exact.TryGetValue(ExactKey(form, xpos), out var lemma)) return lemma;
        if (_lower.TryGetValue(LowerKey(form, xpos), out lemma)) return lemma;
        bool keepCase = KeepsCase(xpos);
        if (xpos is "CD" || !HasLetter(form)) return form.ToString();
        // an irregular verb form the treebank never showed under this tag: suffix rules would mangle it ("fled" → "fl")
        if (xpos.StartsWith("VB", StringComparison.Ordinal) && IrregularVerbs.BaseOf(form) is { } irregular) return irregular;
        // a known word under an unexpected tag (often a tagging slip) keeps its usual lemma
        if (!keepCase && _anyTag.TryGetValue(AnyTagKey(form), out lemma)) return lemma;
        Span<char> lower = form.Length <= 128 ? stackalloc char[form.Length] : new char[form.Length];
        form.ToLowerInvariant(lower);
        for (int k = Math.Min(MaxSuffix, form.Length); k >= 0; k--)
        {
            if (!_rules.TryGetValue(RuleKey(lower[(form.Length - k)..], xpos), out var rule)) continue;
            if (rule.Strip > form.Length) continue;
            var stem = keepCase ? form[..(form.Length - rule.Strip)] : lower[..(form.Length - rule.Strip)];
            return string.Concat(stem, rule.Append);
        }
        return keepCase ? form.ToString() : lower.ToString();
    }

    private static bool HasLetter(ReadOnlySpan<char> s)
    {
        foreach (char c in s) if (char.IsLetter(c)) return true;
        return false;
    }

    public void Write(BinaryWriter w)
    {
        WriteTable(w, _exact);
        WriteTable(w, _lower);
        WriteTable(w, _anyTag);
        w.Write(_rules.Count);
        foreach (var (key, rule) in _rules.OrderBy(p => p.Key)) { w.Write(key); w.Write(rule.Strip); w.Write(rule.Append); }
    }

    private static void WriteTable(BinaryWriter w, Dictionary<ulong, string> table)
    {
        w.Write(table.Count);
        foreach (var (key, value) in table.OrderBy(p => p.Key)) { w.Write(key); w.Write(value); }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<ulong, string> ReadTable(BinaryReader r)
    {
        int n = r.ReadInt32();
        var table = new Dictionary<ulong, string>(n);
        for (int i = 0; i < n; i++) table[r.ReadUInt64()] = string.Intern(r.ReadString());
        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Lemmatizer Read(BinaryReader r)
    {
        var exact = ReadTable(r);
        var lower = ReadTable(r);
        var anyTag = ReadTable(r);
        int n = r.ReadInt32();
        var rules = new Dictionary<ulong, SuffixRule>(n);
        for (int i = 0; i < n; i++) rules[r.ReadUInt64()] = new SuffixRule(r.ReadByte(), string.Intern(r.ReadString()));
        return new Lemmatizer(exact, lower, anyTag, rules);
    }
}
