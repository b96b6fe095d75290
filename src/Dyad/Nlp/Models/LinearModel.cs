using Dyad.Errors;

namespace Dyad.Nlp.Models;

/// <summary>
/// A trained linear classifier over hashed features, stored sparsely: each kept feature has the few classes
/// it has a non-zero weight for. Read-only once built, so one instance serves every thread.
/// </summary>
public sealed class LinearModel
{
    private readonly ulong[] _slotKeys;
    private readonly int[] _slotFeature; // feature index + 1; 0 = empty slot
    private readonly int _mask;
    private readonly int[] _rowStart; // length features + 1
    private readonly ushort[] _classIds;
    private readonly float[] _weights;

    public LinearModel(string[] classes, ulong[] keys, int[] rowStart, ushort[] classIds, float[] weights)
    {
        Classes = classes;
        _rowStart = rowStart;
        _classIds = classIds;
        _weights = weights;
        int capacity = 16;
        while (capacity < keys.Length * 2) capacity <<= 1;
        _mask = capacity - 1;
        _slotKeys = new ulong[capacity];
        _slotFeature = new int[capacity];
        for (int i = 0; i < keys.Length; i++)
        {
            int slot = (int)(keys[i] & (ulong)_mask);
            while (_slotFeature[slot] != 0) slot = (slot + 1) & _mask;
            _slotKeys[slot] = keys[i];
            _slotFeature[slot] = i + 1;
        }
        FeatureCount = keys.Length;
    }

    public string[] Classes { get; }
    public int ClassCount => Classes.Length;
    public int FeatureCount { get; }
    public int WeightCount => _weights.Length;

    /// <summary>Add the weights of the given features to scores (length ClassCount; cleared by the caller).</summary>
    public void AddScores(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        foreach (ulong key in features)
        {
            int slot = (int)(key & (ulong)_mask);
            while (true)
            {
                int f = _slotFeature[slot];
                if (f == 0) break;
                if (_slotKeys[slot] == key)
                {
                    int end = _rowStart[f];
                    for (int k = _rowStart[f - 1]; k < end; k++) scores[_classIds[k]] += _weights[k];
                    break;
                }
                slot = (slot + 1) & _mask;
            }
        }
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
        var keys = new ulong[FeatureCount];
        for (int s = 0; s < _slotKeys.Length; s++) if (_slotFeature[s] != 0) keys[_slotFeature[s] - 1] = _slotKeys[s];
        w.Write(FeatureCount);
        foreach (var k in keys) w.Write(k);
        for (int f = 0; f < FeatureCount; f++) w.Write((byte)(_rowStart[f + 1] - _rowStart[f]));
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
