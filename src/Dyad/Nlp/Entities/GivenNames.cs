using Dyad.Errors;

namespace Dyad.Nlp.Entities;

/// <summary>
/// The team's list of given names (<c>given-names.tsv</c>, embedded): person-name words in the recogniser's
/// gazetteer at training time, and where a name starts after an office at run time ("Secretary of State John Kerry").
/// </summary>
public static class GivenNames
{
    private const string Resource = "Nlp/Entities/given-names.tsv";

    /// <summary>The names as written (capitalised), in file order.</summary>
    public static IReadOnlyList<string> All { get; } = Read();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Set =
        new HashSet<string>(All, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether the word, as written, is a listed given name.</summary>
    public static bool Contains(ReadOnlySpan<char> word) => Set.Contains(word);

    private static List<string> Read()
    {
        var assembly = typeof(GivenNames).Assembly;
        using var stream = assembly.GetManifestResourceStream(Resource) ?? assembly.GetManifestResourceStream(Resource.Replace('/', '\\'))
            ?? throw new DyadException(ErrorCode.DataMissing, $"embedded table {Resource} is missing from the Dyad assembly");
        using var reader = new StreamReader(stream);
        var names = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') names.Add(line.Trim());
        return names;
    }
}
