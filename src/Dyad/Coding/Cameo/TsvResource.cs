using System.Reflection;
using Dyad.Errors;

namespace Dyad.Coding.Cameo;

/// <summary>
/// Reads the tab-separated data files embedded in the Dyad assembly. Lines starting with '#' and blank lines are
/// skipped so the hand-written dictionaries can carry section headings; the first remaining line is the header.
/// </summary>
internal static class TsvResource
{
    /// <summary>One data row with its 1-based line number, for error messages that point into the file.</summary>
    internal readonly record struct Row(int Line, string[] Fields);

    internal static string ReadText(string path)
    {
        var assembly = typeof(TsvResource).Assembly;
        using var stream = Open(assembly, path)
            ?? throw new DyadException(ErrorCode.DataMissing, $"embedded resource '{path}' is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses TSV text, checking the header names and that every row has the header's column count.</summary>
    internal static List<Row> Parse(string text, string fileName, IReadOnlyList<string> expectedHeader)
    {
        var rows = new List<Row>();
        string[]? header = null;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split('\t');
            if (header is null)
            {
                header = fields;
                if (!header.SequenceEqual(expectedHeader))
                    throw new DyadException(ErrorCode.DataFormat,
                        $"{fileName}:{lineNumber}: header is '{string.Join(",", header)}', expected '{string.Join(",", expectedHeader)}'");
                continue;
            }
            if (fields.Length != header.Length)
                throw new DyadException(ErrorCode.DataFormat,
                    $"{fileName}:{lineNumber}: {fields.Length} columns, expected {header.Length}");
            for (var i = 0; i < fields.Length; i++) fields[i] = fields[i].Trim();
            rows.Add(new Row(lineNumber, fields));
        }
        if (header is null) throw new DyadException(ErrorCode.DataFormat, $"{fileName}: no header row");
        return rows;
    }

    private static Stream? Open(Assembly assembly, string path) =>
        // MSBuild's RecursiveDir uses the host's separator, so accept either.
        assembly.GetManifestResourceStream(path) ?? assembly.GetManifestResourceStream(path.Replace('/', '\\'));
}
