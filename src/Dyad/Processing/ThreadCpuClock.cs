using System.Runtime.InteropServices;

namespace Dyad.Processing;

/// <summary>
/// The calling thread's own CPU time (Linux CLOCK_THREAD_CPUTIME_ID): what a benchmark should divide by on a
/// shared machine, since other jobs stretch wall-clock time but not this.
/// </summary>
public static class ThreadCpuClock
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private const int ThreadCpuClockId = 3;

    /// <summary>This thread's CPU time in nanoseconds, or -1 where it cannot be read (not Linux).</summary>
    public static long Nanoseconds()
    {
        if (!OperatingSystem.IsLinux()) return -1;
        return ClockGetTime(ThreadCpuClockId, out var t) == 0 ? t.Seconds * 1_000_000_000L + t.Nanoseconds : -1;
    }

    /// <summary>This thread's CPU time in seconds, or NaN where it cannot be read.</summary>
    public static double Seconds()
    {
        long nanoseconds = Nanoseconds();
        return nanoseconds < 0 ? double.NaN : nanoseconds / 1e9;
    }
}
