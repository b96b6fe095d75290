using Dyad.Nlp.Models;

namespace Dyad.Training;

/// <summary>
/// Multi-class averaged perceptron over hashed features, with lazy averaging (each weight remembers when it
/// last changed). Dense rows per feature while training; exported sparse and pruned as a <see cref="LinearModel"/>.
/// </summary>
public sealed class AveragedPerceptron(string[] classes) : IClassScorer
{
    private readonly int _classes = classes.Length;
    private readonly Dictionary<ulong, int> _rows = [];
    private float[] _weights = new float[1 << 16];
    private double[] _totals = new double[1 << 16];
    private int[] _stamps = new int[1 << 16];
    private int[] _counts = new int[1 << 12];
    private int _step;

    public string[] Classes { get; } = classes;
    public int ClassCount => _classes;

    /// <summary>Advance the clock by one training example.</summary>
    public void Tick() => _step++;

    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        scores.Clear();
        AddScores(features, scores);
    }

    /// <summary>Adds the current (not averaged) weights to scores, for searches that share <see cref="IClassScorer"/>.</summary>
    public void AddScores(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        foreach (var f in features)
        {
            if (!_rows.TryGetValue(f, out int row)) continue;
            var weights = _weights.AsSpan(row * _classes, _classes);
            for (int c = 0; c < weights.Length; c++) scores[c] += weights[c];
        }
    }

    /// <summary>Moves one class's weights of the features by delta (a structured update adds the gold sequence's and subtracts the guess's).</summary>
    public void Adjust(ReadOnlySpan<ulong> features, int cls, float delta)
    {
        foreach (var f in features)
        {
            int row = RowOf(f);
            _counts[row]++;
            Change(row * _classes + cls, delta);
        }
    }

    public int Predict(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        Score(features, scores);
        return LinearModel.ArgMax(scores);
    }

    public void Update(ReadOnlySpan<ulong> features, int truth, int guess)
    {
        if (truth == guess) return;
        foreach (var f in features)
        {
            int row = RowOf(f);
            _counts[row]++;
            Change(row * _classes + truth, 1f);
            Change(row * _classes + guess, -1f);
        }
    }

    private void Change(int index, float delta)
    {
        _totals[index] += (double)(_step - _stamps[index]) * _weights[index];
        _stamps[index] = _step;
        _weights[index] += delta;
    }

    private int RowOf(ulong feature)
    {
        if (_rows.TryGetValue(feature, out int row)) return row;
        row = _rows.Count;
        _rows[feature] = row;
        int needed = (row + 1) * _classes;
        if (needed > _weights.Length)
        {
            int size = _weights.Length;
            while (size < needed) size *= 2;
            Array.Resize(ref _weights, size);
            Array.Resize(ref _totals, size);
            Array.Resize(ref _stamps, size);
        }
        if (row >= _counts.Length) Array.Resize(ref _counts, _counts.Length * 2);
        return row;
    }

    /// <summary>
    /// Average the weights and keep features updated at least minUpdates times, and per feature only classes
    /// whose averaged weight is at least minWeight in magnitude. Rows come out sorted by feature key.
    /// </summary>
    public LinearModel Export(int minUpdates, float minWeight)
    {
        var keys = new List<ulong>();
        var rowStart = new List<int> { 0 };
        var classIds = new List<ushort>();
        var weights = new List<float>();
        double now = Math.Max(1, _step);
        foreach (var (key, row) in _rows.OrderBy(p => p.Key))
        {
            if (_counts[row] < minUpdates) continue;
            int kept = 0;
            var rowClasses = new List<(int Class, float Weight)>();
            for (int c = 0; c < _classes; c++)
            {
                int i = row * _classes + c;
                double total = _totals[i] + (_step - _stamps[i]) * (double)_weights[i];
                float avg = (float)(total / now);
                if (Math.Abs(avg) >= minWeight) rowClasses.Add((c, avg));
            }
            // keep the strongest 255 so the row length fits a byte
            foreach (var (c, w) in rowClasses.OrderByDescending(p => Math.Abs(p.Weight)).ThenBy(p => p.Class).Take(255).OrderBy(p => p.Class))
            {
                classIds.Add((ushort)c);
                weights.Add(w);
                kept++;
            }
            if (kept == 0) continue;
            keys.Add(key);
            rowStart.Add(classIds.Count);
        }
        return new LinearModel(Classes, [.. keys], [.. rowStart], [.. classIds], [.. weights]);
    }

    public int FeatureCount => _rows.Count;

    /// <summary>Move the averaged weight of (feature, class) by delta, as if it had held delta more all along.</summary>
    public void ShiftAverage(ulong feature, int cls, float delta)
    {
        int row = RowOf(feature);
        if (_counts[row] == 0) _counts[row] = 1;
        _totals[row * _classes + cls] += (double)delta * Math.Max(1, _step);
    }
}
