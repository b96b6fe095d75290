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
    // the full rows, sorted by key, for writing and pruning
    private readonly ulong[] _keys;
    private readonly int[] _rowStart;
    private readonly ushort[] _classIds;
    private readonly float[] _weights;

    public LinearModel(string[] classes, ulong[] keys, int[] rowStart, ushort[] classIds, float[] weights)
    {
        Classes = classes;
        if (weights.Length >= 1 << 24) throw new DyadException(ErrorCode.ModelFormat, "too many weights for one model");
        var order = Enumerable.Range(0, keys.Length).Where(i => rowStart[i + 1] > rowStart[i]).OrderBy(i => keys[i]).ToArray();
        _keys = new ulong[order.Length];
        _rowStart = new int[order.Length + 1];
        var ids = new List<ushort>(weights.Length);
        var values = new List<float>(weights.Length);
        for (int r = 0; r < order.Length; r++)
        {
            int i = order[r];
            _keys[r] = keys[i];
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) { ids.Add(classIds[k]); values.Add(weights[k]); }
            _rowStart[r + 1] = values.Count;
        }
        _classIds = [.. ids];
        _weights = [.. values];
        _entries = new Entry[_weights.Length];
        for (int k = 0; k < _weights.Length; k++) _entries[k] = new Entry { Class = _classIds[k], Weight = (float)(Half)_weights[k] };
        int capacity = 16;
        while (capacity < _keys.Length + _keys.Length / 3) capacity <<= 1;
        _mask = capacity - 1;
        _slots = new Slot[capacity];
        for (int r = 0; r < _keys.Length; r++)
        {
            int count = _rowStart[r + 1] - _rowStart[r];
            if (count > 255) throw new DyadException(ErrorCode.ModelFormat, "a feature row has more than 255 classes");
            int slot = (int)(_keys[r] & (ulong)_mask);
            while (_slots[slot].Row != 0) slot = (slot + 1) & _mask;
            _slots[slot] = new Slot { Key = _keys[r], Row = ((uint)_rowStart[r] << 8) | (uint)count };
        }
        FeatureCount = _keys.Length;
    }

    public string[] Classes { get; }
    public int ClassCount => Classes.Length;
    public int FeatureCount { get; }
    public int WeightCount => _weights.Length;

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
        for (int r = 0; r < _keys.Length; r++)
        {
            int before = weights.Count;
            for (int k = _rowStart[r]; k < _rowStart[r + 1]; k++)
                if (Math.Abs(_weights[k]) >= minWeight) { classIds.Add(_classIds[k]); weights.Add(_weights[k]); }
            if (weights.Count == before) continue;
            keys.Add(_keys[r]);
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
        w.Write(_keys.Length);
        foreach (var key in _keys) w.Write(key);
        for (int r = 0; r < _keys.Length; r++) w.Write((byte)(_rowStart[r + 1] - _rowStart[r]));
        w.Write(_weights.Length);
        bool wideClasses = Classes.Length > 255;
        for (int k = 0; k < _weights.Length; k++)
        {
            if (wideClasses) w.Write(_classIds[k]); else w.Write((byte)_classIds[k]);
            w.Write((Half)_weights[k]);
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
