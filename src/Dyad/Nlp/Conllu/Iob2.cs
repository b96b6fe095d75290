using Dyad.Errors;

namespace Dyad.Nlp.Conllu;

/// <summary>One sentence of a UNER-style IOB2 file: index, word, tag, and two unused columns.</summary>
public sealed record Iob2Sentence(List<string> Comments, string[] Words, string[] Tags)
{
    /// <summary>Whether a "# newdoc" comment opens a document with this sentence.</summary>
    public bool StartsDocument => Comments.Any(c => c.StartsWith("# newdoc", StringComparison.Ordinal));

    /// <summary>The "# sent_id = …" comment's value (as written, untrimmed), or null.</summary>
    public string? SentenceId => Comments.FirstOrDefault(c => c.StartsWith("# sent_id = ", StringComparison.Ordinal))?[12..];
}

public static class Iob2Reader
{
    public static List<Iob2Sentence> ReadFile(string path)
    {
        using var reader = ConlluReader.Open(path);
        return Read(reader).ToList();
    }

    public static IEnumerable<Iob2Sentence> Read(TextReader reader)
    {
        var comments = new List<string>();
        var words = new List<string>();
        var tags = new List<string>();
        string? line;
        int lineNumber = 0;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                if (words.Count > 0) yield return new Iob2Sentence([.. comments], [.. words], [.. tags]);
                comments.Clear(); words.Clear(); tags.Clear();
                continue;
            }
            if (line[0] == '#') { comments.Add(line); continue; }
            var cols = line.Split('\t');
            if (cols.Length < 2)
                throw new DyadException(ErrorCode.InputUnsupported, $"IOB2 line {lineNumber}: expected tab-separated columns");
            words.Add(cols[1]);
            tags.Add(cols.Length > 2 ? cols[2] : "O");
        }
        if (words.Count > 0) yield return new Iob2Sentence([.. comments], [.. words], [.. tags]);
    }

    /// <summary>Entity spans [start, end) with their label, read from IOB2 tags (an I- without a B- opens a span).</summary>
    public static List<(int Start, int End, string Label)> Spans(IReadOnlyList<string> tags)
    {
        var spans = new List<(int, int, string)>();
        int start = -1;
        string label = "";
        for (int i = 0; i <= tags.Count; i++)
        {
            string tag = i < tags.Count ? tags[i] : "O";
            bool inside = tag.StartsWith("I-", StringComparison.Ordinal) && start >= 0 && tag.AsSpan(2).SequenceEqual(label);
            if (inside) continue;
            if (start >= 0) spans.Add((start, i, label));
            start = -1;
            if (tag.Length > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-') { start = i; label = tag[2..]; }
        }
        return spans;
    }
}
