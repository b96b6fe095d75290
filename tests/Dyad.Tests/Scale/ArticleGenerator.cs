using System.Globalization;
using System.Text.Json;

namespace Dyad.Tests.Scale;

/// <summary>
/// Many distinct articles made from the repository's samples: each copy gets its own id, publication date and
/// a closing line with a different correspondent, so every text (and content hash) differs while the events
/// stay realistic.
/// </summary>
public static class ArticleGenerator
{
    private static readonly string[] Correspondents =
        ["Amina Diallo", "Lars Pettersen", "Mei Tanaka", "Carlos Mendes", "Olga Ivanova", "Tomas Novak", "Priya Raman", "Kwame Mensah", "Sara Haddad", "John Okafor"];

    private sealed record Sample(string Title, string Text, string? Source);

    private static List<Sample> Samples()
    {
        var samples = new List<Sample>();
        foreach (var file in Directory.GetFiles(Path.Combine(SourceTree.Root, "samples", "txt"), "*.txt").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file).Replace("\r\n", "\n");
            samples.Add(new Sample(text.TrimStart().Split('\n', 2)[0].Trim(), text, null));
        }
        foreach (var line in File.ReadLines(Path.Combine(SourceTree.Root, "samples", "jsonl", "wire.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (!root.TryGetProperty("text", out var text)) continue;
            samples.Add(new Sample(root.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "", text.GetString()!,
                root.TryGetProperty("source", out var s) ? s.GetString() : null));
        }
        return samples;
    }

    /// <summary>The id of the i-th generated article.</summary>
    public static string Id(int i) => $"gen-{i:D6}";

    /// <summary>JSON lines for articles first..first+count-1.</summary>
    public static IEnumerable<string> Lines(int count, int first = 0)
    {
        var samples = Samples();
        var start = new DateOnly(2001, 1, 1);
        for (int i = first; i < first + count; i++)
        {
            var sample = samples[i % samples.Count];
            int copy = i / samples.Count;
            var published = start.AddDays(copy * 7 + i % 7);
            var text = sample.Text.TrimEnd() + $"\n\nReport {i} was compiled by {Correspondents[copy % Correspondents.Length]} on {published.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.\n";
            yield return JsonSerializer.Serialize(new Dictionary<string, string?>
            {
                ["id"] = Id(i), ["title"] = sample.Title, ["published"] = published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["source"] = sample.Source ?? "generated.example", ["url"] = $"https://generated.example/{Id(i)}", ["text"] = text,
            });
        }
    }

    public static string WriteJsonl(string path, int count, int first = 0)
    {
        File.WriteAllLines(path, Lines(count, first));
        return path;
    }
}
