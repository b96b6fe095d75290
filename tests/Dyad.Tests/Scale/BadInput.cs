using System.Text;

namespace Dyad.Tests.Scale;

/// <summary>
/// A folder of input where good articles are mixed with malformed JSON, a line without text, an empty text,
/// a binary file, a huge file and a huge line, repeated articles and repeated texts under new ids.
/// </summary>
public static class BadInput
{
    public const long MaxBytes = 200_000;

    /// <summary>Error codes the reader must report for this input.</summary>
    public static readonly string[] RejectedCodes = ["DY102", "DY104", "DY105", "DY106", "DY107"];

    public sealed record Files(IReadOnlyList<string> Paths, int Total, int Distinct, int Duplicates, int Rejected);

    public static Files Write(string folder, int good)
    {
        var lines = ArticleGenerator.Lines(good, first: 50_000).ToList();
        var mixed = new List<string>();
        int rejected = 0, duplicates = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            mixed.Add(lines[i]);
            if (i % 10 == 3) { mixed.Add("{\"id\": \"broken-" + i + "\", \"text\": \"unterminated"); rejected++; }
            if (i % 10 == 5) { mixed.Add(lines[i]); duplicates++; } // the same article again
            if (i % 10 == 7) { mixed.Add(lines[i].Replace("\"gen-", "\"copy-", StringComparison.Ordinal)); duplicates++; } // same text, another id
        }
        mixed.Add("""{"id": "no-text", "title": "nothing here"}"""); rejected++;
        mixed.Add("""{"id": "empty", "text": "   "}"""); rejected++;
        mixed.Add("{\"id\": \"huge-line\", \"text\": \"" + new string('x', (int)MaxBytes + 10) + "\"}"); rejected++;
        var jsonl = Path.Combine(folder, "mixed.jsonl");
        File.WriteAllLines(jsonl, mixed);

        var binary = Path.Combine(folder, "scan.txt");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        File.WriteAllBytes(binary, bytes);
        rejected++;

        var huge = Path.Combine(folder, "huge.txt");
        var text = new StringBuilder("A very long article\n\n");
        while (text.Length <= MaxBytes) text.Append("The minister met the envoy in the capital on Monday. ");
        File.WriteAllText(huge, text.ToString());
        rejected++;

        int total = mixed.Count + 2;
        return new Files([jsonl, binary, huge], total, good, duplicates, rejected);
    }
}
