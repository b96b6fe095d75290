using System.Text.Json;
using Dyad.Coding.Actors;
using Dyad.Documents;
using Xunit.Abstractions;

namespace Dyad.Tests.Actors;

/// <summary>
/// Actor accuracy on the dev gold set: for each gold source/target with text, the Dyad mention overlapping that
/// text in that sentence, and whether its country (and country + role) agree with the gold.
/// </summary>
public class ActorDevSetTests(ITestOutputHelper output)
{
    [Fact]
    public void Dev_set_actor_accuracy()
    {
        string? shared = ActorTestText.Shared();
        if (shared is null || !File.Exists(Path.Combine(shared, "eval", "dev", "events.jsonl")))
        {
            output.WriteLine("SKIPPED: ../shared/eval/dev not found beside the repository");
            return;
        }
        var (total, country, both, misses) = Measure(Path.Combine(shared, "eval", "dev"));
        double countryShare = (double)country / total, bothShare = (double)both / total;
        output.WriteLine($"gold actors with text: {total}");
        output.WriteLine($"country right: {country} ({countryShare:P1})");
        output.WriteLine($"country+role right: {both} ({bothShare:P1})");
        foreach (var miss in misses) output.WriteLine(miss);
        Assert.True(countryShare >= 0.88, $"country accuracy {countryShare:P1} fell below the 88% floor");
        Assert.True(bothShare >= 0.83, $"country+role accuracy {bothShare:P1} fell below the 83% floor");
    }

    internal static (int Total, int Country, int Both, List<string> Misses) Measure(string devDir)
    {
        var docs = new Dictionary<string, Document>();
        var stage = new ActorCodingStage();
        foreach (var line in File.ReadLines(Path.Combine(devDir, "docs.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string id = root.GetProperty("id").GetString()!;
            var published = root.GetProperty("published").ValueKind == JsonValueKind.String
                ? DateOnly.Parse(root.GetProperty("published").GetString()!, System.Globalization.CultureInfo.InvariantCulture) : (DateOnly?)null;
            var document = new Document(new Article { Id = id, Text = root.GetProperty("text").GetString()!, Published = published });
            SimpleTokenizer.Tokenize(document);
            stage.Process(document);
            docs[id] = document;
        }
        int total = 0, country = 0, both = 0;
        var misses = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(devDir, "events.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var document = docs[root.GetProperty("doc").GetString()!];
            string sentence = root.GetProperty("sentence").GetString()!;
            int sentenceAt = document.Text.IndexOf(sentence, StringComparison.Ordinal);
            foreach (var side in new[] { "source", "target" })
            {
                var actor = root.GetProperty(side);
                if (actor.ValueKind != JsonValueKind.Object || actor.GetProperty("text").ValueKind != JsonValueKind.String) continue;
                string text = actor.GetProperty("text").GetString()!;
                string? goldCountry = actor.GetProperty("country").ValueKind == JsonValueKind.String ? actor.GetProperty("country").GetString() : null;
                string? goldRole = actor.GetProperty("role").ValueKind == JsonValueKind.String ? actor.GetProperty("role").GetString() : null;
                total++;
                int within = sentenceAt < 0 ? -1 : IndexOfWord(sentence, text);
                ActorMention? found = null;
                if (within >= 0)
                {
                    var span = new CharSpan(sentenceAt + within, sentenceAt + within + text.Length);
                    // A plural phrase ("the two leaders") carries one mention per member: take the member the gold names.
                    var overlapping = document.Actors.Where(m => m.Span.Overlaps(span))
                        .OrderByDescending(m => Math.Min(m.Span.End, span.End) - Math.Max(m.Span.Start, span.Start)).ToList();
                    found = overlapping.FirstOrDefault(m => m.Span == overlapping[0].Span && m.Country == goldCountry && m.Role == goldRole)
                        ?? overlapping.FirstOrDefault(m => m.Span == overlapping[0].Span && m.Country == goldCountry)
                        ?? overlapping.FirstOrDefault();
                }
                bool countryOk = found is not null && found.Country == goldCountry;
                bool roleOk = countryOk && found!.Role == goldRole;
                if (countryOk) country++;
                if (roleOk) both++;
                if (!roleOk)
                    misses.Add($"MISS {document.Id} '{text}' gold={goldCountry}/{goldRole} got={(found is null ? "none" : $"'{found.Text}' {found.Country}/{found.Role} [{found.Why}]")}");
            }
        }
        return (total, country, both, misses);
    }

    // The gold text as a whole word ("he" is not the end of "the").
    private static int IndexOfWord(string sentence, string text)
    {
        for (int at = sentence.IndexOf(text, StringComparison.Ordinal); at >= 0; at = sentence.IndexOf(text, at + 1, StringComparison.Ordinal))
        {
            bool startOk = at == 0 || !char.IsLetterOrDigit(sentence[at - 1]);
            int end = at + text.Length;
            bool endOk = end >= sentence.Length || !char.IsLetterOrDigit(sentence[end]);
            if (startOk && endOk) return at;
        }
        return sentence.IndexOf(text, StringComparison.Ordinal);
    }
}
