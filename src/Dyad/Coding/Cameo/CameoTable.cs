using System.Collections.Frozen;
using System.Globalization;
using Dyad.Errors;

namespace Dyad.Coding.Cameo;

/// <summary>
/// Dyad's CAMEO code table (Coding/Cameo/cameo_codes.tsv): every root and its three- and four-digit codes with
/// quad class, Goldstein value, PLOVER category and a short label. Immutable and safe to share across threads.
/// </summary>
public sealed class CameoTable
{
    internal const string ResourcePath = "Coding/Cameo/cameo_codes.tsv";
    internal static readonly string[] Header = ["code", "root", "quad_class", "goldstein", "plover", "label"];

    private static readonly Lazy<CameoTable> LazyDefault = new(
        () => Parse(TsvResource.ReadText(ResourcePath), "cameo_codes.tsv"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The table embedded in the assembly, parsed on first use.</summary>
    public static CameoTable Default => LazyDefault.Value;

    private readonly FrozenDictionary<string, CameoCode> _byCode;
    private readonly FrozenDictionary<string, CameoCode>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    private CameoTable(IReadOnlyList<CameoCode> codes)
    {
        Codes = codes;
        _byCode = codes.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
        _bySpan = _byCode.GetAlternateLookup<ReadOnlySpan<char>>();
        Roots = codes.Where(c => c.IsRoot).ToArray();
    }

    /// <summary>All codes in file order (each root followed by its children).</summary>
    public IReadOnlyList<CameoCode> Codes { get; }

    /// <summary>The 20 root codes, 01 to 20.</summary>
    public IReadOnlyList<CameoCode> Roots { get; }

    public int Count => Codes.Count;

    /// <summary>The entry for a code, or null when the code is not a CAMEO event code.</summary>
    public CameoCode? Lookup(string code) => _byCode.GetValueOrDefault(code);

    public CameoCode? Lookup(ReadOnlySpan<char> code) => _bySpan.TryGetValue(code, out var entry) ? entry : null;

    /// <summary>The entry for a code; throws DY501 for a code that does not exist.</summary>
    public CameoCode Get(string code) =>
        Lookup(code) ?? throw new DyadException(ErrorCode.UsageInvalid, $"'{code}' is not a CAMEO event code");

    public bool IsValid(string? code) => code is not null && _byCode.ContainsKey(code);

    public bool IsValid(ReadOnlySpan<char> code) => _bySpan.ContainsKey(code);

    /// <summary>The label of the root a code belongs to ("036" → the label of "03"); null for an unknown code.</summary>
    public string? RootLabel(string code) =>
        code.Length >= 2 && _bySpan.TryGetValue(code.AsSpan(0, 2), out var root) ? root.Label : null;

    /// <summary>Parses table text; used for the embedded table and by tests that feed broken tables.</summary>
    internal static CameoTable Parse(string text, string fileName)
    {
        var codes = new List<CameoCode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in TsvResource.Parse(text, fileName, Header))
        {
            var f = row.Fields;
            string Where() => $"{fileName}:{row.Line}";
            var code = f[0];
            if (code.Length is < 2 or > 4 || !code.All(char.IsAsciiDigit))
                throw new DyadException(ErrorCode.DataFormat, $"{Where()}: code '{code}' is not 2 to 4 digits");
            if (!seen.Add(code))
                throw new DyadException(ErrorCode.DataFormat, $"{Where()}: code {code} appears twice");
            if (f[1] != code[..2])
                throw new DyadException(ErrorCode.DataFormat, $"{Where()}: root '{f[1]}' does not match code {code}");
            var rootNumber = int.Parse(f[1], CultureInfo.InvariantCulture);
            if (rootNumber is < 1 or > 20)
                throw new DyadException(ErrorCode.DataFormat, $"{Where()}: root {f[1]} is outside 01-20");
            if (!int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var quad) || quad != QuadOf(rootNumber))
                throw new DyadException(ErrorCode.DataFormat, $"{Where()}: quad class '{f[2]}' is wrong for root {f[1]}");
            if (!double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var goldstein) || goldstein is < -10 or > 10)
                throw new DyadException(ErrorCode.DataFormat, $"{Where()}: Goldstein value '{f[3]}' is not a number in [-10, 10]");
            if (f[5].Length == 0)
                throw new DyadException(ErrorCode.DataFormat, $"{Where()}: code {code} has no label");
            var parent = code.Length switch { 4 => code[..3], 3 => code[..2], _ => null };
            if (parent is not null && !seen.Contains(parent))
                throw new DyadException(ErrorCode.DataFormat, $"{Where()}: code {code} comes before its parent {parent}");
            codes.Add(new CameoCode(string.Intern(code), string.Intern(f[1]), quad, goldstein,
                f[4].Length == 0 ? null : string.Intern(f[4]), f[5]));
        }
        var roots = codes.Count(c => c.IsRoot);
        if (roots != 20)
            throw new DyadException(ErrorCode.DataFormat, $"{fileName}: {roots} root codes, expected 20");
        return new CameoTable(codes);
    }

    /// <summary>Quad class of a root number: 01–05 verbal cooperation, 06–09 material cooperation,
    /// 10–14 verbal conflict, 15–20 material conflict.</summary>
    public static int QuadOf(int root) => root switch
    {
        >= 1 and <= 5 => 1,
        >= 6 and <= 9 => 2,
        >= 10 and <= 14 => 3,
        >= 15 and <= 20 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(root), root, "CAMEO roots run from 1 to 20"),
    };
}
