using System.Diagnostics;

namespace Dyad.Processing;

/// <summary>
/// A one-line progress display on standard error, drawn only when it is a terminal, so redirected output and
/// CI logs stay clean. Redraws at most ten times a second.
/// </summary>
public sealed class Progress(string label, int? total = null) : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _enabled = !Console.IsErrorRedirected;
    private long _lastDraw = -1000;
    private int _done;

    public void Advance(int count = 1)
    {
        _done += count;
        if (!_enabled) return;
        var now = _clock.ElapsedMilliseconds;
        if (now - _lastDraw < 100) return;
        _lastDraw = now;
        Draw();
    }

    private void Draw()
    {
        double rate = _done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        string bar = "";
        if (total is int t && t > 0)
        {
            int filled = (int)(30.0 * Math.Min(_done, t) / t);
            bar = $"[{new string('#', filled)}{new string('.', 30 - filled)}] {_done}/{t} ";
        }
        else bar = $"{_done} ";
        Console.Error.Write($"\r{label} {bar}{rate:0.0}/s   ");
    }

    public void Dispose()
    {
        if (_enabled && _done > 0)
        {
            Draw();
            Console.Error.WriteLine();
        }
    }
}
