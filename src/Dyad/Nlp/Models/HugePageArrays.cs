using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dyad.Nlp.Models;

/// <summary>
/// Zeroed arrays for the large model tables, pinned and, on Linux, advised to be backed by 2 MB pages.
/// </summary>
/// <remarks>
/// A lookup reads a random slot and row of tables of tens of megabytes. With 4 KB pages nearly every such read
/// also misses the TLB and walks the page tables; with 2 MB pages the parser's tables need a few dozen TLB entries.
/// Linux gives huge pages to memory marked with madvise(MADV_HUGEPAGE) when transparent huge pages are in "madvise"
/// mode (the default here) or "always"; the advice must come before the pages are first touched, so the array is
/// allocated uninitialised, advised, then cleared. Elsewhere, or when the kernel refuses, the arrays are ordinary
/// (pinned) arrays: the values read are the same either way.
/// </remarks>
internal static class HugePageArrays
{
    /// <summary>Smaller tables fit in few pages anyway, and are not worth pinning.</summary>
    public const long MinimumBytes = 4L << 20;

    private const long HugePage = 2L << 20;
    private const int MadviseHugePage = 14;

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(nint address, nuint length, int advice);

    private static bool s_unavailable;

    /// <summary>A zeroed array of length elements.</summary>
    public static T[] Allocate<T>(int length) where T : struct => Allocate<T>(length, zeroed: true);

    /// <summary>
    /// An array of length elements whose contents are undefined (the caller writes every one): saves clearing
    /// tens of megabytes at start-up.
    /// </summary>
    public static T[] AllocateUninitialized<T>(int length) where T : struct => Allocate<T>(length, zeroed: false);

    private static T[] Allocate<T>(int length, bool zeroed) where T : struct
    {
        long bytes = (long)length * Unsafe.SizeOf<T>();
        if (bytes < MinimumBytes || !OperatingSystem.IsLinux() || s_unavailable) return zeroed ? new T[length] : GC.AllocateUninitializedArray<T>(length);
        var array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        nint start = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        nint first = (nint)(((long)start + HugePage - 1) & ~(HugePage - 1));
        nint last = (nint)(((long)start + bytes) & ~(HugePage - 1));
        if (last > first)
        {
            try { Madvise(first, (nuint)(last - first), MadviseHugePage); }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { s_unavailable = true; }
        }
        if (zeroed) Array.Clear(array);
        return array;
    }
}
