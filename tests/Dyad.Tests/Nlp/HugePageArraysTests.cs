using Dyad.Nlp.Models;

namespace Dyad.Tests.Nlp;

public class HugePageArraysTests
{
    [Theory]
    [InlineData(1_000)]        // small: an ordinary array
    [InlineData(3_000_000)]    // 12 MB: pinned and advised on Linux
    public void ZeroedArraysAreZeroEvenWhereMemoryWasUsedBefore(int length)
    {
        for (int round = 0; round < 3; round++)
        {
            var array = HugePageArrays.Allocate<float>(length);
            Assert.Equal(length, array.Length);
            Assert.True(array.AsSpan().IndexOfAnyExcept(0f) < 0, $"round {round}: a fresh table must be all zeros");
            array.AsSpan().Fill(round + 1);
            GC.Collect();
        }
    }
}
