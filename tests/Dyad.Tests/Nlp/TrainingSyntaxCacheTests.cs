using Dyad.Training;

namespace Dyad.Tests.Nlp;

/// <summary>The recogniser's training parses kept between runs: used only for the seed and sentences they were made for.</summary>
public class TrainingSyntaxCacheTests
{
    private static Dictionary<string, (ulong[] Relations, ulong[] Heads)> Parses() => new(StringComparer.Ordinal)
    {
        ["weblog-1"] = ([0x1fUL, ulong.MaxValue], [0x2aUL, 0UL]),
        ["email-2"] = ([7UL], [9UL]),
    };

    [Fact]
    public void Parses_written_for_a_seed_read_back_the_same()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "syntax.cache");
        TrainingSyntaxCache.Write(path, 20261201, Parses());
        var read = TrainingSyntaxCache.Read(path, 20261201, ["email-2"], out var reason);
        Assert.Null(reason);
        Assert.NotNull(read);
        Assert.Equal(2, read.Count);
        Assert.Equal(new ulong[] { 0x1f, ulong.MaxValue }, read["weblog-1"].Relations);
        Assert.Equal(new ulong[] { 0x2a, 0 }, read["weblog-1"].Heads);
        Assert.Equal(new ulong[] { 9 }, read["email-2"].Heads);
    }

    [Fact]
    public void Another_seed_or_a_missing_sentence_or_a_file_without_its_seed_is_not_used()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "syntax.cache");
        TrainingSyntaxCache.Write(path, 20261201, Parses());
        Assert.Null(TrainingSyntaxCache.Read(path, 7, [], out var seedReason));
        Assert.Contains("seed 7", seedReason);
        Assert.Null(TrainingSyntaxCache.Read(path, 20261201, ["weblog-1", "dev-3", "dev-4"], out var missingReason));
        Assert.Contains("lacks 2", missingReason);
        var headerless = temp.File("old.cache", "weblog-1\t1f\t2a\n");
        Assert.Null(TrainingSyntaxCache.Read(headerless, 20261201, [], out _));
        Assert.Null(TrainingSyntaxCache.Read(Path.Combine(temp.Path, "absent.cache"), 20261201, [], out var absentReason));
        Assert.Null(absentReason);
    }
}
