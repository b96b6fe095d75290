using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Dyad.Errors;

namespace Dyad.Nlp.Models;

/// <summary>
/// A trained linear classifier over hashed features, stored sparsely: each kept feature has the few classes
/// it has a non-zero weight for. Read-only once built, so one instance serves every thread.
/// </summary>
public sealed class LinearModel : IClassScorer
{
    // Every feature costs a random access into each hot table: a slot (the full key, so a lookup is exact, and
    // the row as start << 8 | count) and 6-byte entries (weight rounded to the half precision the file stores,
    // class); half-precision entries would be smaller but converting them costs more than the misses they save.
    // Both structs are packed (12-byte slots, 6-byte entries; x86 and Arm load unaligned fields at no cost):
    // 55 MB of tables for the shipped parser instead of 73: parsing 0-7% faster (mostly within noise), and start-up faster, since
    // every fresh page costs start-up time.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Slot
    {
        public ulong Key;
        public uint Row;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 2)]
    private struct Entry
    {
        public float Weight;
        public ushort Class;
    }

    private readonly Slot[] _slots;
    private readonly Entry[] _entries;
    private readonly int _mask;
    // Long rows (a tag pair's or a label's weights for most classes) are also kept dense, one float per class,
    // and added as vectors: most looked-up rows are such rows (in the parser 39 entries on average against 4.6
    // over all rows), and a vector add costs far less than as many scattered adds. A dense row's slot holds
    // ((dense index + 1) << 8) with count 0; _denseRows keeps its sparse row for writing and pruning. Exact:
    // adding the zeros of absent classes changes no score (a row's classes are distinct, checked), and rows are
    // added in the same order.
    private readonly float[] _dense = [];
    private readonly uint[] _denseRows = [];
    private readonly int _denseStride;

    public LinearModel(string[] classes, ulong[] keys, int[] rowStart, ushort[] classIds, float[] weights)
        : this(classes, keys, RowCounts(keys, rowStart), Entries(classes, classIds, weights)) { }

    private LinearModel(string[] classes, ulong[] keys, byte[] counts, Entry[] entries)
    {
        Classes = classes;
        _entries = entries;
        (_slots, _mask, FeatureCount) = BuildSlots(keys, counts);
        _denseStride = (classes.Length + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        // the compact table first: BuildDense rewrites the slots of the rows it makes dense
        (_compact, _compactFirst, _compactMask, _compactStride) = BuildCompact(_slots, _entries, classes.Length);
        (_dense, _denseRows) = BuildDense(_slots, _entries, classes.Length, _denseStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Entry[] Entries(string[] classes, ushort[] classIds, float[] weights)
    {
        if (weights.Length >= 1 << 24) throw new DyadException(ErrorCode.ModelFormat, "too many weights for one model");
        var entries = HugePageArrays.AllocateUninitialized<Entry>(weights.Length);
        for (int k = 0; k < weights.Length; k++)
        {
            if (classIds[k] >= classes.Length) throw new DyadException(ErrorCode.ModelFormat, "a weight names a class the model does not have");
            entries[k] = new Entry { Class = classIds[k], Weight = (float)(Half)weights[k] };
        }
        return entries;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] RowCounts(ulong[] keys, int[] rowStart)
    {
        var counts = new byte[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            int count = rowStart[i + 1] - rowStart[i];
            if (count > 255) throw new DyadException(ErrorCode.ModelFormat, "a feature row has more than 255 classes");
            counts[i] = (byte)count;
        }
        return counts;
    }

    /// <summary>Rows at least this long are kept dense as well (see _dense).</summary>
    /// <remarks>
    /// A quarter of the classes (26 of the parser's 104: 11k rows, 4.6 MB more). Measured on the parser over EWT
    /// test (best of five, same minutes): 26 and 16 gave about the same speed, 40 less; none at all about 20%
    /// less.
    /// </remarks>
    internal static int DenseMinimum(int classCount) => Math.Max(8, classCount / 4);

    /// <summary>How many rows are also kept dense.</summary>
    public int DenseRowCount => _denseRows.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (float[] Dense, uint[] Rows) BuildDense(Slot[] slots, Entry[] entries, int classCount, int stride)
    {
        int minimum = DenseMinimum(classCount);
        var seen = new bool[classCount];
        var rows = new List<uint>();
        var picked = new List<int>();
        for (int i = 0; i < slots.Length; i++)
        {
            uint row = slots[i].Row;
            int count = (int)(row & 0xFF), start = (int)(row >> 8);
            if (count < minimum) continue;
            bool distinct = true;
            Array.Clear(seen);
            for (int k = start; k < start + count && distinct; k++)
            {
                distinct = !seen[entries[k].Class];
                seen[entries[k].Class] = true;
            }
            if (!distinct || rows.Count + 1 >= 1 << 24) continue;
            picked.Add(i);
            rows.Add(row);
        }
        var dense = HugePageArrays.Allocate<float>(rows.Count * stride);
        for (int d = 0; d < rows.Count; d++)
        {
            int count = (int)(rows[d] & 0xFF), start = (int)(rows[d] >> 8);
            for (int k = start; k < start + count; k++) dense[d * stride + entries[k].Class] = entries[k].Weight;
            slots[picked[d]].Row = (uint)(d + 1) << 8;
        }
        return (dense, [.. rows]);
    }

    // A model of at most twelve classes (the hierarchical parser's transition model) is also kept as one table of
    // slots holding the key and every class's weight in half precision: a feature then costs one cache miss (its
    // slot) instead of two (slot, then row). A slot is 16 bytes (key, four weights; four slots to a cache line) for
    // up to four classes, else 32 bytes (key, twelve weights). The table is pinned and its first slot aligned to 64
    // bytes so that no slot straddles two lines. A slot whose weights are all zero bits is empty (a kept row has a
    // non-zero weight). Scores are the same as from the sparse rows: the same half-precision values are added in
    // the same feature order.
    /// <summary>The most classes a model may have to be kept in the compact one-miss layout.</summary>
    public const int CompactClassLimit = 12;

    private readonly ulong[] _compact = [];
    private readonly int _compactFirst;     // index of slot 0's key in _compact
    private readonly int _compactMask;
    private readonly int _compactStride;    // ulongs per slot: 2 or 4

    /// <summary>Whether scoring reads the compact layout (a model of at most <see cref="CompactClassLimit"/> classes).</summary>
    public bool IsCompact => _compact.Length > 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ulong[] Table, int First, int Mask, int Stride) BuildCompact(Slot[] slots, Entry[] entries, int classCount)
    {
        if (classCount > CompactClassLimit) return ([], 0, 0, 0);
        int stride = classCount <= 4 ? 2 : 4;
        int rows = 0;
        foreach (var s in slots) if (s.Row != 0) rows++;
        int capacity = 16;
        while (capacity < rows + rows / 3) capacity <<= 1;
        // 64 spare bytes so that the first slot can start on a 64-byte boundary
        var table = GC.AllocateArray<ulong>(capacity * stride + 8, pinned: true);
        // the pinned heap never moves its arrays, so the alignment found now holds for the table's lifetime
        var handle = GCHandle.Alloc(table, GCHandleType.Pinned);
        long address = handle.AddrOfPinnedObject();
        handle.Free();
        int first = (int)(((64 - (address & 63)) & 63) / 8);
        int mask = capacity - 1;
        Span<ulong> weights = stackalloc ulong[3];
        foreach (var s in slots)
        {
            if (s.Row == 0) continue;
            // built before any row is made dense, so every row here is sparse
            int start = (int)(s.Row >> 8), count = (int)(s.Row & 0xFF);
            weights.Clear();
            for (int k = start; k < start + count; k++)
            {
                int c = entries[k].Class;
                weights[c / 4] |= (ulong)BitConverter.HalfToUInt16Bits((Half)entries[k].Weight) << (16 * (c % 4));
            }
            if ((weights[0] | weights[1] | weights[2]) == 0) continue;
            int slot = (int)(s.Key & (ulong)mask);
            while (!IsEmpty(table, first + slot * stride, stride)) slot = (slot + 1) & mask;
            int at = first + slot * stride;
            table[at] = s.Key;
            for (int w = 1; w < stride; w++) table[at + w] = weights[w - 1];
        }
        return (table, first, mask, stride);
    }

    private static bool IsEmpty(ulong[] table, int at, int stride)
    {
        for (int w = 1; w < stride; w++) if (table[at + w] != 0) return false;
        return true;
    }

    private void AddCompactScores(ReadOnlySpan<ulong> features, ReadOnlySpan<int> offsets, ref float scores)
    {
        ref ulong table = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_compact), _compactFirst);
        nuint mask = (nuint)_compactMask, stride = (nuint)_compactStride;
        int n = features.Length, classes = Classes.Length;
        // first touch every home slot (independent loads whose misses overlap), then probe and add
        ulong touched = 0;
        for (int i = 0; i < n; i++) touched += Unsafe.Add(ref table, ((nuint)features[i] & mask) * stride + 1);
        for (int i = 0; i < n; i++)
        {
            ulong key = features[i];
            nuint slot = (nuint)key & mask;
            while (true)
            {
                ref ulong s = ref Unsafe.Add(ref table, slot * stride);
                ulong w0 = Unsafe.Add(ref s, 1);
                bool empty = stride == 2 ? w0 == 0 : (w0 | Unsafe.Add(ref s, 2) | Unsafe.Add(ref s, 3)) == 0;
                if (empty) break;
                if (s == key)
                {
                    ref float target = ref offsets.IsEmpty ? ref scores : ref Unsafe.Add(ref scores, offsets[i]);
                    int c = 0;
                    for (; c + 4 <= classes; c += 4)
                    {
                        var sum = Vector128.LoadUnsafe(ref target, (nuint)c) + FourHalves(Unsafe.Add(ref s, 1 + c / 4));
                        sum.StoreUnsafe(ref target, (nuint)c);
                    }
                    for (ulong w = c < classes ? Unsafe.Add(ref s, 1 + c / 4) : 0; c < classes; c++, w >>= 16)
                        Unsafe.Add(ref target, c) += HalfToSingle((ushort)w);
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        if (touched == 1) scores += 0f;
    }

    /// <summary>The sparse row (start << 8 | count) of a slot's row, dense or not.</summary>
    private uint SparseRow(uint row) => (row & 0xFF) == 0 ? _denseRows[(row >> 8) - 1] : row;

    /// <summary>
    /// The open-addressing table over the rows (keys[i] has counts[i] entries, rows laid end to end; empty rows
    /// are left out). Which slot a key lands in does not change any score (a lookup compares the full key), so
    /// keys are inserted grouped by the region of the table their home slot falls in: inserting a million keys
    /// in key order would cost a cache and TLB miss each, grouped they write one small region at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (Slot[] Slots, int Mask, int Count) BuildSlots(ulong[] keys, byte[] counts)
    {
        int capacity = 16;
        while (capacity < keys.Length + keys.Length / 3) capacity <<= 1;
        int mask = capacity - 1;
        var slots = HugePageArrays.Allocate<Slot>(capacity);
        int count = 0;
        for (int i = 0, start = 0; i < keys.Length; start += counts[i], i++)
        {
            if (counts[i] == 0) continue;
            int slot = (int)(keys[i] & (ulong)mask);
            while (slots[slot].Row != 0) slot = (slot + 1) & mask;
            slots[slot] = new Slot { Key = keys[i], Row = ((uint)start << 8) | counts[i] };
            count++;
        }
        return (slots, mask, count);
    }

    /// <summary>The kept rows sorted by key: (key, first entry, entry count).</summary>
    private (ulong Key, int Start, int Count)[] SortedRows()
        => [.. _slots.Where(s => s.Row != 0).Select(s => (s.Key, SparseRow(s.Row))).Select(s => (s.Key, (int)(s.Item2 >> 8), (int)(s.Item2 & 0xFF))).OrderBy(r => r.Key)];

    public string[] Classes { get; }
    public int ClassCount => Classes.Length;
    public int FeatureCount { get; }
    public int WeightCount => _entries.Length;

    /// <summary>Add the weights of the given features to scores (length ClassCount; cleared by the caller).</summary>
    /// <remarks>
    /// The tables are far larger than the caches, so each feature costs two memory round trips (its slot, then
    /// its row). Three passes let those misses overlap instead of waiting for them one after another: first
    /// load every feature's home slot (independent loads, no branches), then resolve the probes from cache and
    /// touch each row's first entry (and a sparse row's last, which is often on the next cache line: the
    /// parse stage alone 1.01-1.06x faster, end to end no change seen, session 10; a middle entry too gained nothing),
    /// then add the rows. Where the processor has prefetch instructions (x86), the first two passes prefetch
    /// instead of loading (parse stage 1.18-1.27x faster, session 14; the loads stalled the processor once its
    /// window was full of them). The tables are read through refs without bounds checks
    /// (8% faster on the parser's features; every row and class number is checked when the model is built).
    /// </remarks>
    public void AddScores(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        if (scores.Length < ClassCount) throw new ArgumentException("scores is shorter than the model's classes", nameof(scores));
        for (int done = 0; done < features.Length; done += Batch)
            AddScores(features[done..Math.Min(features.Length, done + Batch)], [], ref MemoryMarshal.GetReference(scores));
    }

    /// <summary>
    /// Add each feature's weights to its own score vector: those of features[i] to the ClassCount scores that start
    /// at targets[offsets[i]]. One call resolves many features with their cache misses overlapped.
    /// </summary>
    public void AddScores(ReadOnlySpan<ulong> features, ReadOnlySpan<int> offsets, Span<float> targets)
    {
        if (offsets.Length != features.Length) throw new ArgumentException("one offset per feature", nameof(offsets));
        foreach (int offset in offsets)
            if (offset < 0 || offset > targets.Length - ClassCount) throw new ArgumentOutOfRangeException(nameof(offsets));
        for (int done = 0; done < features.Length; done += Batch)
        {
            int end = Math.Min(features.Length, done + Batch);
            AddScores(features[done..end], offsets[done..end], ref MemoryMarshal.GetReference(targets));
        }
    }

    private const int Batch = 256;

    /// <summary>The same sums by touching loads, the path processors without prefetch instructions take (tests compare the two).</summary>
    internal void AddScoresWithoutPrefetch(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        for (int done = 0; done < features.Length; done += Batch)
            AddScores(features[done..Math.Min(features.Length, done + Batch)], [], ref MemoryMarshal.GetReference(scores), prefetch: false);
    }

    /// <remarks>
    /// Where the processor has prefetch instructions (x86) the first two passes issue them instead of touching
    /// loads: a load that misses holds its place in the processor's reorder window until the data comes, so a pass
    /// of touching loads stalls once the window is full of them; a prefetch retires at once and lets the pass go on
    /// issuing requests. The choice is one predictable branch per feature; both ways add the same rows in the same order.
    /// </remarks>
    private unsafe void AddScores(ReadOnlySpan<ulong> features, ReadOnlySpan<int> offsets, ref float scores, bool prefetch = true)
    {
        if (_compact.Length > 0) { AddCompactScores(features, offsets, ref scores); return; }
        prefetch &= Sse.IsSupported;
        nuint mask = (nuint)_mask;
        int n = features.Length;
        Span<uint> rows = stackalloc uint[n];
        Span<int> owner = stackalloc int[n];
        uint touched = 0;
        int found = 0;
        fixed (Slot* slots = _slots)
        fixed (Entry* entries = _entries)
        fixed (float* dense = _dense)
        {
            for (int i = 0; i < n; i++)
            {
                Slot* home = slots + ((nuint)features[i] & mask);
                if (!prefetch) { touched += home->Row; continue; }
                Sse.Prefetch0(home);
                // a slot that starts near a line's end, or a probe that runs on past it, reads the next line
                Sse.Prefetch0((byte*)home + 2 * sizeof(Slot) - 1);
            }
            for (int i = 0; i < n; i++)
            {
                ulong key = features[i];
                nuint slot = (nuint)key & mask;
                while (true)
                {
                    Slot* s = slots + slot;
                    if (s->Row == 0) break;
                    if (s->Key == key)
                    {
                        uint row = s->Row;
                        owner[found] = i;
                        rows[found++] = row;
                        if ((row & 0xFF) != 0)
                        {
                            // a sparse row's last entry is often on the next cache line
                            Entry* first = entries + (row >> 8), last = first + (row & 0xFF) - 1;
                            if (prefetch) { Sse.Prefetch0(first); Sse.Prefetch0(last); }
                            else touched += (uint)first->Class + last->Class;
                        }
                        else
                        {
                            float* denseRow = dense + (nuint)((row >> 8) - 1) * (nuint)_denseStride;
                            if (prefetch) Sse.Prefetch0(denseRow);
                            else touched += (uint)*denseRow;
                        }
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
        }
        AddRows(rows[..found], owner, offsets, ref scores);
        // keeps the touching loads from being optimised away; never true for real keys in practice
        if (touched == 1) scores += 0f;
    }

    private void AddRows(ReadOnlySpan<uint> rows, ReadOnlySpan<int> owner, ReadOnlySpan<int> offsets, ref float scores)
    {
        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref float dense = ref MemoryMarshal.GetArrayDataReference(_dense);
        int classes = Classes.Length;
        for (int r = 0; r < rows.Length; r++)
        {
            ref float target = ref offsets.IsEmpty ? ref scores : ref Unsafe.Add(ref scores, offsets[owner[r]]);
            if ((rows[r] & 0xFF) == 0)
            {
                ref float from = ref Unsafe.Add(ref dense, (nuint)((rows[r] >> 8) - 1) * (nuint)_denseStride);
                int c = 0;
                for (; c + Vector<float>.Count <= classes; c += Vector<float>.Count)
                    Vector.StoreUnsafe(Vector.LoadUnsafe(ref target, (nuint)c) + Vector.LoadUnsafe(ref from, (nuint)c), ref target, (nuint)c);
                for (; c < classes; c++) Unsafe.Add(ref target, c) += Unsafe.Add(ref from, c);
                continue;
            }
            nuint start = rows[r] >> 8, end = start + (rows[r] & 0xFF);
            for (nuint k = start; k < end; k++)
            {
                ref readonly Entry e = ref Unsafe.Add(ref entries, k);
                Unsafe.Add(ref target, e.Class) += e.Weight;
            }
        }
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

    /// <summary>
    /// The mean of models over the same classes (a feature absent from one model weighs 0 there), without
    /// weights smaller than minWeight in magnitude. Averaging perceptrons trained in different orders (seeds)
    /// smooths out what each order happened to learn.
    /// </summary>
    public static LinearModel Mean(IReadOnlyList<LinearModel> models, float minWeight)
    {
        if (models.Count == 0) throw new ArgumentException("no models to average", nameof(models));
        var classes = models[0].Classes;
        foreach (var m in models)
            if (!m.Classes.AsSpan().SequenceEqual(classes)) throw new ArgumentException("models to average must have the same classes", nameof(models));
        var rows = models.Select(m => m.SortedRows()).ToArray();
        var next = new int[models.Count];
        var sum = new float[classes.Length];
        var keys = new List<ulong>();
        var rowStart = new List<int> { 0 };
        var classIds = new List<ushort>();
        var weights = new List<float>();
        float share = 1f / models.Count;
        while (true)
        {
            // the smallest key not yet merged (rows are sorted by key in each model)
            ulong key = ulong.MaxValue;
            bool any = false;
            for (int m = 0; m < rows.Length; m++)
                if (next[m] < rows[m].Length && (!any || rows[m][next[m]].Key < key)) { key = rows[m][next[m]].Key; any = true; }
            if (!any) break;
            Array.Clear(sum);
            for (int m = 0; m < rows.Length; m++)
            {
                if (next[m] >= rows[m].Length || rows[m][next[m]].Key != key) continue;
                var (_, start, count) = rows[m][next[m]++];
                for (int k = start; k < start + count; k++) sum[models[m]._entries[k].Class] += models[m]._entries[k].Weight;
            }
            int before = weights.Count;
            for (int c = 0; c < classes.Length && weights.Count - before < 255; c++)
            {
                // compared as stored (half precision), so that Mean(models, w) equals Mean(models, v).Pruned(w) for w >= v
                float w = (float)(Half)(sum[c] * share);
                if (Math.Abs(w) >= minWeight && w != 0) { classIds.Add((ushort)c); weights.Add(w); }
            }
            if (weights.Count == before) continue;
            keys.Add(key);
            rowStart.Add(weights.Count);
        }
        return new LinearModel(classes, [.. keys], [.. rowStart], [.. classIds], [.. weights]);
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

    public static LinearModel Read(BinaryReader r) => Read(r, r.ReadInt32());

    /// <summary>The same when the class count (the body's first number) has been read already, by a reader that looked at it to tell layouts apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LinearModel Read(BinaryReader r, int classCount)
    {
        if (classCount <= 0 || classCount > ushort.MaxValue) throw new DyadException(ErrorCode.ModelFormat, "bad class count");
        var classes = new string[classCount];
        for (int i = 0; i < classCount; i++) classes[i] = string.Intern(r.ReadString());
        int features = r.ReadInt32();
        if (features < 0 || (long)features * 9 > Remaining(r)) throw new DyadException(ErrorCode.ModelFormat, "bad feature count");
        // keys and row lengths are fixed-size little-endian runs: each is read with one block copy
        var keys = new ulong[features];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(keys.AsSpan()));
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < features; i++) keys[i] = BinaryPrimitives.ReverseEndianness(keys[i]);
        var counts = new byte[features];
        r.BaseStream.ReadExactly(counts);
        long total = 0;
        foreach (byte c in counts) total += c;
        int weightCount = r.ReadInt32();
        if (weightCount != total) throw new DyadException(ErrorCode.ModelFormat, "row lengths disagree with weight count");
        if (weightCount >= 1 << 24) throw new DyadException(ErrorCode.ModelFormat, "too many weights for one model");
        bool wideClasses = classCount > 255;
        int size = wideClasses ? 4 : 3;
        if ((long)weightCount * size > Remaining(r)) throw new DyadException(ErrorCode.ModelFormat, "truncated weights");
        // the entries (class, half-precision weight) are decoded through a small buffer, not a copy of the whole run
        var entries = HugePageArrays.AllocateUninitialized<Entry>(weightCount);
        Span<byte> buffer = stackalloc byte[3 * 4 * 1024];
        for (int k = 0; k < weightCount;)
        {
            int n = Math.Min(weightCount - k, buffer.Length / size);
            var chunk = buffer[..(n * size)];
            r.BaseStream.ReadExactly(chunk);
            for (int at = 0; at < chunk.Length; at += size, k++)
            {
                ushort classId = wideClasses ? BinaryPrimitives.ReadUInt16LittleEndian(chunk[at..]) : chunk[at];
                // scoring adds without bounds checks, so a class number past the model's classes is refused here
                if (classId >= classCount) throw new DyadException(ErrorCode.ModelFormat, "a weight names a class the model does not have");
                entries[k] = new Entry { Class = classId, Weight = HalfToSingle(BinaryPrimitives.ReadUInt16LittleEndian(chunk[(at + size - 2)..])) };
            }
        }
        return new LinearModel(classes, keys, counts, entries);
    }

    /// <summary>
    /// Four half-precision floats (bits packed low to high) as singles, without branches: the exponent and
    /// mantissa bits moved to a single's places make a number 2^112 too small (for subnormal halves too), which
    /// one multiplication by 2^112 puts right, exactly. Equal to <see cref="HalfToSingle"/> for every finite half
    /// (weights are never infinite or NaN).
    /// </summary>
    internal static Vector128<float> FourHalves(ulong bits)
    {
        var halves = Vector128.WidenLower(Vector128.CreateScalar(bits).AsUInt16());
        var sign = (halves & Vector128.Create(0x8000u)) << 16;
        var magnitude = ((halves & Vector128.Create(0x7FFFu)) << 13).AsSingle() * Vector128.Create(5.192296858534828e33f);
        return (magnitude.AsUInt32() | sign).AsSingle();
    }

    /// <summary>
    /// The value of a half-precision float given by its bits, exactly as <c>(float)(Half)</c> gives it. Written out
    /// because the ready-to-run (precompiled) build of the runtime's conversion is a slow generic routine, and the
    /// parser converts five million weights at start-up.
    /// </summary>
    internal static float HalfToSingle(ushort bits)
    {
        uint sign = (uint)(bits & 0x8000) << 16;
        int exponent = (bits >> 10) & 0x1F;
        uint mantissa = bits & 0x3FFu;
        if (exponent == 0)
        {
            // zero or subnormal: mantissa × 2^-24, exact in single precision
            float magnitude = mantissa * (1f / 16777216f);
            return sign != 0 ? -magnitude : magnitude;
        }
        if (exponent == 0x1F) return BitConverter.UInt32BitsToSingle(sign | 0x7F800000u | (mantissa << 13));
        return BitConverter.UInt32BitsToSingle(sign | ((uint)(exponent + 112) << 23) | (mantissa << 13));
    }

    /// <summary>Bytes left in the reader's stream (unbounded when it cannot tell), to refuse absurd counts before allocating.</summary>
    private static long Remaining(BinaryReader r)
    {
        try { return r.BaseStream.Length - r.BaseStream.Position; }
        catch (NotSupportedException) { return long.MaxValue; }
    }
}
