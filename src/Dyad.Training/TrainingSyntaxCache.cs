using System.Globalization;

namespace Dyad.Training;

/// <summary>
/// The recogniser's training parses kept between runs (DYAD_NER_SYNTAX_CACHE), so experiments skip the fold
/// parsers' five minutes. The parses depend on the seed the fold parsers were trained with, so the file names it, and
/// a file for another seed, or one lacking a sentence this run trains on, is not used.
/// </summary>
public static class TrainingSyntaxCache
{
    private const string SeedLine = "# fold parser seed ";

    /// <summary>The cached parses, or null (with the reason) when the file is absent, from another seed, or lacks a sentence in required.</summary>
    public static Dictionary<string, (ulong[] Relations, ulong[] Heads)>? Read(string path, int seed, IEnumerable<string> required, out string? reason)
    {
        reason = null;
        if (!File.Exists(path)) return null;
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext() || lines.Current != SeedLine + seed.ToString(CultureInfo.InvariantCulture))
        {
            reason = $"{path} was not written for fold parsers of seed {seed}";
            return null;
        }
        var syntax = new Dictionary<string, (ulong[] Relations, ulong[] Heads)>(StringComparer.Ordinal);
        while (lines.MoveNext())
        {
            var f = lines.Current.Split('\t');
            syntax[f[0]] = (Hashes(f[1]), Hashes(f[2]));
        }
        int missing = required.Count(id => !syntax.ContainsKey(id));
        if (missing > 0)
        {
            reason = $"{path} lacks {missing} of the sentences this run trains on";
            return null;
        }
        return syntax;
    }

    public static void Write(string path, int seed, IReadOnlyDictionary<string, (ulong[] Relations, ulong[] Heads)> syntax)
        => File.WriteAllLines(path, syntax.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}\t{Hex(p.Value.Relations)}\t{Hex(p.Value.Heads)}")
            .Prepend(SeedLine + seed.ToString(CultureInfo.InvariantCulture)));

    private static ulong[] Hashes(string field) => field.Length == 0 ? [] : [.. field.Split(' ').Select(x => ulong.Parse(x, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];

    private static string Hex(ulong[] values) => string.Join(' ', values.Select(x => x.ToString("x", CultureInfo.InvariantCulture)));
}
