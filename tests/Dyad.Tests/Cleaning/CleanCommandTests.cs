using System.Text;
using System.Text.Json;
using Dyad.Cli.Commands;

namespace Dyad.Tests.Cleaning;

public sealed class CleanCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dyad-clean-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private List<JsonElement> Run(out int exitCode, out string errors, params string[] paths)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        exitCode = CleanCommand.Run(paths, keepNoise: false, stdout, stderr);
        errors = stderr.ToString();
        return Encoding.UTF8.GetString(stdout.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
    }

    [Fact]
    public void Text_file_gives_title_clean_text_removed_lines_and_byline_date()
    {
        var path = Path.Combine(_folder, "story.txt");
        File.WriteAllText(path, "Talks resume in Geneva\n\nAFP | PTI Geneva\nLast Updated : Jul 14 2016 | 3:08 PM IST\nThe two delegations met on Thursday and agreed to meet again next week.\n\nPlease enter your comment!\n");
        var rows = Run(out int exit, out _, path);
        Assert.Equal(0, exit);
        var row = Assert.Single(rows);
        Assert.Equal("story", row.GetProperty("id").GetString());
        Assert.Equal("Talks resume in Geneva", row.GetProperty("title").GetString());
        Assert.Equal("2016-07-14", row.GetProperty("published").GetString());
        Assert.Equal("byline", row.GetProperty("published_clue").GetProperty("kind").GetString());
        Assert.Equal("Talks resume in Geneva\n\nThe two delegations met on Thursday and agreed to meet again next week.", row.GetProperty("text").GetString());
        var removed = row.GetProperty("removed").EnumerateArray().ToList();
        Assert.Equal([3, 4, 7], removed.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal("byline/date", removed[1].GetProperty("reason").GetString());
        Assert.Equal("Please enter your comment!", removed[2].GetProperty("text").GetString());
    }

    [Fact]
    public void Jsonl_and_html_inputs_are_read_and_a_broken_file_is_reported()
    {
        var jsonl = Path.Combine(_folder, "docs.jsonl");
        File.WriteAllText(jsonl, """{"id":"d1","url":"https://example.com/a","source":"example.com","published":"2019-01-24","title":"Talks","text":"Talks\n\nThe ministers met in Vienna on Tuesday and agreed to continue."}""" + "\n");
        var html = Path.Combine(_folder, "page.html");
        File.WriteAllText(html, """
            <html lang="en"><head><title>Vienna talks | Example</title><meta property="article:published_time" content="2015-09-29T10:00:00Z"></head>
            <body><nav><a href="/">Home</a></nav><article><p>The foreign ministers met in Vienna on Tuesday, officials said, and agreed to continue talks next month in Geneva.</p></article></body></html>
            """);
        var image = Path.Combine(_folder, "photo.html");
        File.WriteAllBytes(image, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46]);

        var rows = Run(out int exit, out var errors, _folder);
        Assert.Equal(1, exit);
        Assert.Contains("DY102", errors);
        var byId = rows.ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal("2019-01-24", byId["d1"].GetProperty("published").GetString());
        Assert.Equal("example.com", byId["d1"].GetProperty("site").GetString());
        Assert.Equal("2015-09-29", byId["page"].GetProperty("published").GetString());
        Assert.Equal("meta", byId["page"].GetProperty("published_clue").GetProperty("kind").GetString());
        Assert.Equal("en", byId["page"].GetProperty("language").GetString());
        Assert.StartsWith("The foreign ministers met in Vienna", byId["page"].GetProperty("text").GetString());
    }
}
