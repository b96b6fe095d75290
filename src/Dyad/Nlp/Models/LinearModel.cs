using Dyad.Errors;

namespace Dyad.Nlp.Models;

/// <summary>
/// A trained linear classifier over hashed features, stored sparsely: each kept feature has the few classes
/// it has a non-zero weight for. Read-only once built, so one instance serves every thread.
/// </summary>
public sealed class LinearModel
{
    // Every feature costs a random access into each hot table: a slot (the full key, so a lookup is exact, and
    // the row as start << 8 | count) and 8-byte entries (weight rounded to the half precision the file stores, class); half-precision
    // entries would be smaller but converting them costs more than the misses they save.
    private struct Slot
    {
        public ulong Key;
        public uint Row;
    }

    private struct Entry
    {
        public float Weight;
        public int Class;
    }

    private readonly Slot[] _slots;
    private readonly Entry[] _entries;
    private readonly int _mask;

    public LinearModel(string[] classes, ulong[] keys, int[] rowStart, ushort[] classIds, float[] weights)
    {
        Classes = classes;
        if (weights.Length >= 1 << 24) throw new DyadException(ErrorCode.ModelFormat, "too many weights for one model");
        _entries = new Entry[weights.Length];
        for (int k = 0; k < weights.Length; k++) _entries[k] = new Entry { Class = classIds[k], Weight = (float)(Half)weights[k] };
        int capacity = 16;
        while (capacity < keys.Length + keys.Length / 3) capacity <<= 1;
        _mask = capacity - 1;
        _slots = new Slot[capacity];
        for (int i = 0; i < keys.Length; i++)
        {
            int count = rowStart[i + 1] - rowStart[i];
            if (count == 0) continue;
            if (count > 255) throw new DyadException(ErrorCode.ModelFormat, "a feature row has more than 255 classes");
            int slot = (int)(keys[i] & (ulong)_mask);
            while (_slots[slot].Row != 0) slot = (slot + 1) & _mask;
            _slots[slot] = new Slot { Key = keys[i], Row = ((uint)rowStart[i] << 8) | (uint)count };
            FeatureCount++;
        }
    }

    /// <summary>The kept rows sorted by key: (key, first entry, entry count).</summary>
    private (ulong Key, int Start, int Count)[] SortedRows()
        => [.. _slots.Where(s => s.Row != 0).Select(s => (s.Key, (int)(s.Row >> 8), (int)(s.Row & 0xFF))).OrderBy(r => r.Key)];

    public string[] Classes { get; }
    public int ClassCount => Classes.Length;
    public int FeatureCount { get; }
    public int WeightCount => _entries.Length;

    /// <summary>Add the weights of the given features to scores (length ClassCount; cleared by the caller).</summary>
    /// <remarks>
    /// The tables are far larger than the caches, so each feature costs two memory round trips (its slot, then
    /// its row). Three passes let those misses overlap instead of waiting for them one after another: first
    /// load every feature's home slot (independent loads, no branches), then resolve the probes from cache and
    /// touch each row's first entry, then add the rows.
    /// </remarks>
    public void AddScores(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        var slots = _slots;
        var entries = _entries;
        ulong mask = (ulong)_mask;
        int n = features.Length;
        Span<int> home = n <= 256 ? stackalloc int[n] : new int[n];
        Span<uint> rows = n <= 256 ? stackalloc uint[n] : new uint[n];
        uint touched = 0;
        for (int i = 0; i < n; i++)
        {
            int slot = (int)(features[i] & mask);
            home[i] = slot;
            touched += slots[slot].Row;
        }
        int found = 0;
        for (int i = 0; i < n; i++)
        {
            ulong key = features[i];
            int slot = home[i];
            while (true)
            {
                ref readonly var s = ref slots[slot];
                if (s.Row == 0) break;
                if (s.Key == key)
                {
                    rows[found++] = s.Row;
                    touched += (uint)entries[(int)(s.Row >> 8)].Class;
                    break;
                }
                slot = (slot + 1) & (int)mask;
            }
        }
        for (int r = 0; r < found; r++)
        {
            int start = (int)(rows[r] >> 8), end = start + (int)(rows[r] & 0xFF);
            for (int k = start; k < end; k++) scores[entries[k].Class] += entries[k].Weight;
        }
        // keeps the touching loads from being optimised away; never true for real keys in practice
        if (touched == 1) scores[0] += 0f;
    }

    /// <summary>A copy without weights smaller than minWeight in magnitude (and without features left empty).</summary>
    public LinearModel Pruned(float minWeight)
    {
        var keys = new List<ulong>();
        var rowStart = new List<int> { 0 };
        var classIds = new List<ushort>();
        var weights = new List<float>();
        foreach (var (key, start, count) in SortedRows())
        {
            int before = weights.Count;
            for (int k = start; k < start + count; k++)
                if (Math.Abs(_entries[k].Weight) >= minWeight) { classIds.Add((ushort)_entries[k].Class); weights.Add(_entries[k].Weight); }
            if (weights.Count == before) continue;
            keys.Add(key);
            rowStart.Add(weights.Count);
        }
        return new LinearModel(Classes, [.. keys], [.. rowStart], [.. classIds], [.. weights]);
    }

    public int Best(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        scores.Clear();
        AddScores(features, scores);
        return ArgMax(scores);
    }

    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return best;
    }

    // ---- binary form: classes, then features sorted by key with their sparse rows; weights as half floats ----

    public void Write(BinaryWriter w)
    {
        w.Write(Classes.Length);
        foreach (var c in Classes) w.Write(c);
        var rows = SortedRows();
        w.Write(rows.Length);
        foreach (var row in rows) w.Write(row.Key);
        foreach (var row in rows) w.Write((byte)row.Count);
        w.Write(rows.Sum(r => r.Count));
        bool wideClasses = Classes.Length > 255;
        foreach (var (_, start, count) in rows)
            for (int k = start; k < start + count; k++)
            {
                if (wideClasses) w.Write((ushort)_entries[k].Class); else w.Write((byte)_entries[k].Class);
                w.Write((Half)_entries[k].Weight);
            }
    }

    public static LinearModel Read(BinaryReader r)
    {
        int classCount = r.ReadInt32();
        if (classCount <= 0 || classCount > ushort.MaxValue) throw new DyadException(ErrorCode.ModelFormat, "bad class count");
        var classes = new string[classCount];
        for (int i = 0; i < classCount; i++) classes[i] = string.Intern(r.ReadString());
        int features = r.ReadInt32();
        var keys = new ulong[features];
        for (int i = 0; i < features; i++) keys[i] = r.ReadUInt64();
        var rowStart = new int[features + 1];
        for (int i = 0; i < features; i++) rowStart[i + 1] = rowStart[i] + r.ReadByte();
        int weightCount = r.ReadInt32();
        if (weightCount != rowStart[features]) throw new DyadException(ErrorCode.ModelFormat, "row lengths disagree with weight count");
        var classIds = new ushort[weightCount];
        var weights = new float[weightCount];
        bool wideClasses = classCount > 255;
        for (int k = 0; k < weightCount; k++)
        {
            classIds[k] = wideClasses ? r.ReadUInt16() : r.ReadByte();
            weights[k] = (float)r.ReadHalf();
        }
        return new LinearModel(classes, keys, rowStart, classIds, weights);
    }
}
