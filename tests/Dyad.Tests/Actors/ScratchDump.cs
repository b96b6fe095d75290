using System.Text.Json;
using Dyad.Coding.Actors;
using Dyad.Documents;
using Xunit.Abstractions;

namespace Dyad.Tests.Actors;

public class ScratchDump(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        string? ids = Environment.GetEnvironmentVariable("DUMP_DOCS");
        if (ids is null) return;
        var stage = new ActorCodingStage();
        foreach (var line in File.ReadLines("/work/shared/eval/dev/docs.jsonl"))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string id = root.GetProperty("id").GetString()!;
            if (!ids.Split(',').Contains(id)) continue;
            var published = root.GetProperty("published").ValueKind == JsonValueKind.String ? DateOnly.Parse(root.GetProperty("published").GetString()!, System.Globalization.CultureInfo.InvariantCulture) : (DateOnly?)null;
            var d = new Document(new Article { Id = id, Text = root.GetProperty("text").GetString()!, Published = published });
            SimpleTokenizer.Tokenize(d);
            stage.Process(d);
            foreach (var s in d.Sentences())
            {
                output.WriteLine($"S{s.Index}: {s.Text.Replace('\n', ' ')}");
                foreach (var m in d.Actors.Where(m => d.TokenSentence[m.FirstToken] == s.Index))
                    output.WriteLine($"    [{m.Text}] {m.Code} {m.Country}/{m.Role} {m.Kind} name={m.Name} why={m.Why}");
            }
        }
    }
}
