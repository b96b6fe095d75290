using System.Runtime.InteropServices;

namespace Dyad.Nlp.Models;

/// <summary>
/// Arrays for the models' large lookup tables, backed by 2 MB pages where Linux allows it. Every feature
/// lookup lands on a random page of a table tens of megabytes long; with 4 KB pages nearly each one misses
/// the TLB and waits for a page walk, which limits how many lookups can overlap. The array is pinned and the
/// kernel is asked (madvise MADV_HUGEPAGE) before the memory is first written; elsewhere it is a plain array.
/// </summary>
internal static class HugePageArray
{
    private const int MadviseHugePage = 14;
    private const long HugePage = 2 << 20;

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(IntPtr address, UIntPtr length, int advice);

    public static T[] Allocate<T>(int length) where T : unmanaged
    {
        long bytes = (long)length * Marshal.SizeOf<T>();
        if (!OperatingSystem.IsLinux() || bytes < 2 * HugePage) return new T[length];
        var array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        long start = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0).ToInt64();
        long alignedStart = (start + HugePage - 1) & ~(HugePage - 1);
        long alignedEnd = (start + bytes) & ~(HugePage - 1);
        if (alignedEnd > alignedStart)
        {
            try { Madvise(new IntPtr(alignedStart), new UIntPtr((ulong)(alignedEnd - alignedStart)), MadviseHugePage); }
            catch (DllNotFoundException) { }
            catch (EntryPointNotFoundException) { }
        }
        Array.Clear(array);
        return array;
    }
}
