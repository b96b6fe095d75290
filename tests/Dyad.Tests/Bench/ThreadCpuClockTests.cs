using System.Diagnostics;
using Dyad.Processing;

namespace Dyad.Tests.Bench;

/// <summary>The thread CPU clock benchmarks divide by: it counts this thread's work and not its waiting.</summary>
public class ThreadCpuClockTests
{
    [Fact]
    public void Work_on_this_thread_counts_and_sleeping_does_not()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.True(double.IsNaN(ThreadCpuClock.Seconds()));
            return;
        }
        double before = ThreadCpuClock.Seconds();
        var wall = Stopwatch.StartNew();
        ulong x = 1;
        while (wall.ElapsedMilliseconds < 100) for (int i = 0; i < 10_000; i++) x = x * 6364136223846793005UL + 1;
        double worked = ThreadCpuClock.Seconds() - before;
        Assert.True(worked > 0.001, $"100 ms of spinning counted {worked:F4} s (x = {x})");
        before = ThreadCpuClock.Seconds();
        Thread.Sleep(300);
        double slept = ThreadCpuClock.Seconds() - before;
        Assert.True(slept < 0.1, $"300 ms asleep counted {slept:F4} s");
        Assert.Equal(ThreadCpuClock.Nanoseconds() > 0, !double.IsNaN(ThreadCpuClock.Seconds()));
    }
}
