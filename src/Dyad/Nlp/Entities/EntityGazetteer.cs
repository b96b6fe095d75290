using Dyad.Nlp.Models;
using Dyad.Nlp.Tagging;

namespace Dyad.Nlp.Entities;

/// <summary>
/// Names the recogniser knows from Dyad's own tables (places, countries and demonyms, organisations, people),
/// stored in the model file as hashes of lower-cased word sequences so training and recognition match alike.
/// Gives each word two feature values: the longest known name covering it (its types, the word's position in
/// it and whether all its words are capitalised) and the types of names any of its words belongs to.
/// </summary>
public sealed class EntityGazetteer
{
    [Flags]
    public enum Kinds : byte
    {
        None = 0,
        Location = 1,
        Organisation = 2,
        Person = 4,
        Demonym = 8,
    }

    public const int MaxWords = 6;
    private static readonly ulong Seed = FeatureHash.Of("<gazetteer>");

    private readonly Dictionary<ulong, byte> _names;
    private readonly Dictionary<ulong, byte> _parts;

    /// <param name="names">Name key (<see cref="KeyOf"/>) → kinds.</param>
    /// <param name="parts">Lower-cased word hash → kinds of the names it occurs in; must hold every word of every
    /// name of two or more words (<see cref="Describe"/> stops a name at a word that is not here).</param>
    public EntityGazetteer(Dictionary<ulong, byte> names, Dictionary<ulong, byte> parts)
    {
        _names = names;
        _parts = parts;
    }

    public static EntityGazetteer Empty { get; } = new([], []);

    public int NameCount => _names.Count;

    /// <summary>Key of a name given as the lower-case hashes of its words (<see cref="WordInfo.Lower"/>).</summary>
    public static ulong KeyOf(ReadOnlySpan<ulong> lowerWords)
    {
        ulong h = Seed;
        foreach (var w in lowerWords) h = FeatureHash.Combine(h, w);
        return FeatureHash.Finish(h);
    }

    /// <summary>The kinds of the name with this key (<see cref="KeyOf"/>), None when it is not in the gazetteer.</summary>
    public Kinds KindsOf(ulong key) => _names.TryGetValue(key, out var kinds) ? (Kinds)kinds : Kinds.None;

    /// <summary>The gazetteer kind a recogniser type (PER, ORG, LOC) corresponds to.</summary>
    public static Kinds KindOfType(string type) => type switch
    {
        "PER" => Kinds.Person,
        "ORG" => Kinds.Organisation,
        "LOC" => Kinds.Location,
        _ => Kinds.None,
    };

    /// <summary>Fill match[i] (0 = no name) and part[i] (kinds of names the word occurs in) for one sentence.</summary>
    public void Describe(ReadOnlySpan<WordInfo> words, Span<ulong> match, Span<ulong> part)
    {
        match.Clear();
        for (int i = 0; i < words.Length; i++)
            part[i] = _parts.TryGetValue(words[i].Lower, out var p) ? p : 0UL;
        if (_names.Count == 0) return;
        int start = 0;
        while (start < words.Length)
        {
            int bestLength = 0;
            byte bestKinds = 0;
            ulong h = Seed;
            int limit = Math.Min(MaxWords, words.Length - start);
            for (int len = 1; len <= limit; len++)
            {
                // every word of a name of two or more words is a name word (_parts), so a longer name cannot run
                // over a word that is not one: most words are looked up once instead of six times
                if (len > 1 && part[start + len - 1] == 0) break;
                h = FeatureHash.Combine(h, words[start + len - 1].Lower);
                if (_names.TryGetValue(FeatureHash.Finish(h), out var kinds)) { bestLength = len; bestKinds = kinds; }
            }
            if (bestLength == 0) { start++; continue; }
            ulong capitalised = 1;
            for (int k = start; k < start + bestLength; k++)
                if ((words[k].Flags & (WordFlags.Capitalised | WordFlags.HasDigit)) == 0) capitalised = 0;
            for (int k = start; k < start + bestLength; k++)
            {
                ulong position = bestLength == 1 ? 4UL : k == start ? 1UL : k == start + bestLength - 1 ? 3UL : 2UL;
                match[k] = ((ulong)bestKinds << 8) | (position << 4) | capitalised | 0x10000;
            }
            start += bestLength;
        }
    }

    public void Write(BinaryWriter w)
    {
        w.Write(_names.Count);
        foreach (var (key, kinds) in _names.OrderBy(p => p.Key)) { w.Write(key); w.Write(kinds); }
        w.Write(_parts.Count);
        foreach (var (key, kinds) in _parts.OrderBy(p => p.Key)) { w.Write(key); w.Write(kinds); }
    }

    public static EntityGazetteer Read(BinaryReader r)
    {
        int n = r.ReadInt32();
        var names = new Dictionary<ulong, byte>(n);
        for (int i = 0; i < n; i++) names[r.ReadUInt64()] = r.ReadByte();
        int m = r.ReadInt32();
        var parts = new Dictionary<ulong, byte>(m);
        for (int i = 0; i < m; i++) parts[r.ReadUInt64()] = r.ReadByte();
        return new EntityGazetteer(names, parts);
    }
}
