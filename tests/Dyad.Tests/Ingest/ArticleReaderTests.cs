using System.IO.Compression;
using System.Text;
using Dyad.Errors;
using Dyad.Ingest;

namespace Dyad.Tests.Ingest;

public class ArticleReaderTests
{
    private static List<ReadItem> ReadAll(params string[] paths) => new ArticleReader().Read(paths).ToList();

    [Fact]
    public void Txt_first_line_is_the_title_and_the_text_is_kept_whole()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("a.txt", "Leaders meet in Geneva\r\n\r\nThe two presidents met on Monday.\r\n");
        var item = Assert.Single(ReadAll(path));
        Assert.Null(item.Problem);
        Assert.Equal("Leaders meet in Geneva", item.Article!.Title);
        Assert.Equal("Leaders meet in Geneva\n\nThe two presidents met on Monday.\n", item.Article.Text);
        Assert.Equal(ArticleReader.ContentId(item.Article.Text), item.Article.Id);
    }

    [Fact]
    public void Jsonl_keeps_given_ids_and_metadata_and_reports_bad_lines_with_their_number()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("docs.jsonl", string.Join('\n',
            """{"id": "d1", "url": "https://example.org/x", "source": "example.org", "published": "2015-09-28", "title": "T", "text": "Russia and the US met."}""",
            """{"id": "d2", "text": """,
            "",
            """{"id": "d3", "title": "no text"}""",
            """{"id": "d4", "text": "   "}""",
            """["not", "an", "object"]""",
            """{"text": "No id given here."}"""));
        var items = ReadAll(path);
        Assert.Equal(6, items.Count);
        var first = items[0].Article!;
        Assert.Equal("d1", first.Id);
        Assert.Equal(new DateOnly(2015, 9, 28), first.Published);
        Assert.Equal("example.org", first.Source);
        Assert.Equal($"{path}:1", first.Origin);

        Assert.Equal((ErrorCode.InputInvalidJson, 2), (items[1].Problem!.Code, items[1].Problem!.Line));
        Assert.Contains("not valid JSON", items[1].Problem!.ToString());
        Assert.StartsWith($"{path}:2: DY104", items[1].Problem!.ToString());
        Assert.Equal((ErrorCode.InputMissingField, 4), (items[2].Problem!.Code, items[2].Problem!.Line));
        Assert.Equal((ErrorCode.InputEmpty, 5), (items[3].Problem!.Code, items[3].Problem!.Line));
        Assert.Equal((ErrorCode.InputInvalidJson, 6), (items[4].Problem!.Code, items[4].Problem!.Line));
        Assert.Equal(ArticleReader.ContentId("No id given here."), items[5].Article!.Id);
    }

    [Fact]
    public void Gz_files_are_read_as_their_inner_format()
    {
        using var tmp = new TempFolder();
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(Encoding.UTF8.GetBytes("""{"id": "z1", "text": "Compressed article text."}""" + "\n"));
        var path = tmp.File("docs.jsonl.gz", buffer.ToArray());
        var item = Assert.Single(ReadAll(path));
        Assert.Equal("z1", item.Article!.Id);
    }

    [Fact]
    public void Directories_are_read_recursively_in_name_order_skipping_other_files()
    {
        using var tmp = new TempFolder();
        tmp.File("b/2.txt", "Second\nbody two");
        tmp.File("a/1.txt", "First\nbody one");
        tmp.File("a/notes.csv", "x,y");
        var titles = ReadAll(tmp.Path).Select(i => i.Article!.Title).ToList();
        Assert.Equal(["First", "Second"], titles);
    }

    [Fact]
    public void Standard_input_is_read_as_text_or_json_lines()
    {
        var reader = new ArticleReader();
        var text = Assert.Single(reader.Read(["-"], new StringReader("Title line\nBody.")));
        Assert.Equal("Title line", text.Article!.Title);
        var json = reader.Read(["-"], new StringReader("{\"id\":\"s1\",\"text\":\"A\"}\n{\"id\":\"s2\",\"text\":\"B\"}\n")).ToList();
        Assert.Equal(["s1", "s2"], json.Select(i => i.Article!.Id));
    }

    [Fact]
    public void Binary_empty_missing_and_oversized_files_are_rejected_with_the_file_named()
    {
        using var tmp = new TempFolder();
        var binary = tmp.File("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        var pdf = tmp.File("page.html", Encoding.ASCII.GetBytes("%PDF-1.4\n%âãÏÓ\n1 0 obj"));
        var empty = tmp.File("empty.txt", "  \n\n ");
        var big = tmp.File("big.txt", new string('x', 2000));
        var missing = Path.Combine(tmp.Path, "nope.txt");
        var reader = new ArticleReader(new ReaderOptions { MaxBytes = 1000 });
        var items = reader.Read([binary, pdf, empty, big, missing]).ToList();
        Assert.All(items, i => Assert.NotNull(i.Problem));
        Assert.Equal([ErrorCode.InputBinary, ErrorCode.InputBinary, ErrorCode.InputEmpty, ErrorCode.InputTooLarge, ErrorCode.InputNotFound],
            items.Select(i => i.Problem!.Code));
        Assert.Contains("image.txt", items[0].Problem!.ToString());
        Assert.Contains("binary", items[0].Problem!.Message);
        Assert.Contains("over the limit", items[3].Problem!.Message);
    }

    [Fact]
    public void Invalid_utf8_falls_back_to_windows_1252()
    {
        using var tmp = new TempFolder();
        var bytes = TextDecoder.Windows1252.GetBytes("Caf\u00e9 talks \u2013 \u201cfinal\u201d\nThe minister\u2019s visit.");
        var path = tmp.File("cp.txt", bytes);
        var item = Assert.Single(ReadAll(path));
        Assert.Equal("Caf\u00e9 talks \u2013 \u201cfinal\u201d", item.Article!.Title);
        Assert.Contains("minister\u2019s", item.Article.Text);
    }

    [Fact]
    public void The_same_text_always_gets_the_same_id()
    {
        Assert.Equal(ArticleReader.ContentId("A text.\n"), ArticleReader.ContentId("A text."));
        Assert.NotEqual(ArticleReader.ContentId("A text."), ArticleReader.ContentId("Another text."));
        Assert.Equal(16, ArticleReader.ContentId("x").Length);
    }
}
