using Xunit.Abstractions;
using System.Text;
using Dyad.Errors;
using Dyad.Extraction;

namespace Dyad.Tests.Extraction;

public class HtmlArticleExtractorTests
{
    private const string Body = """
        <p>The foreign ministers of both countries met in Vienna on Tuesday, officials said, and agreed to continue talks next month.</p>
        <h2>Sanctions remain</h2>
        <p>Neither side offered to lift sanctions, and the talks ended without a joint statement, according to diplomats present.</p>
        <ul><li>First point of the plan, covering prisoners and their families.</li><li>Second point of the plan, covering trade.</li></ul>
        <blockquote>We will meet again, whatever it takes, the minister told reporters outside the hotel.</blockquote>
        <p>Analysts said the meeting, the first in a year, was a modest step forward for relations between the two capitals.</p>
        """;

    private static string Page(string head = "", string body = Body, string lang = "en") => $$"""
        <!DOCTYPE html><html lang="{{lang}}"><head><meta charset="utf-8">{{head}}</head>
        <body>
          <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies to continue reading.</div>
          <header><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></header>
          <nav><ul><li><a href="/a">Section A</a></li><li><a href="/b">Section B</a></li></ul></nav>
          <main>
            <article class="story">
              <h1>Ministers meet in Vienna</h1>
              <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
              <figure><img src="x.jpg"><figcaption>The ministers shake hands in Vienna. Photo by Jane Roe</figcaption></figure>
              <div class="story-body">{{body}}</div>
              <div class="related-stories"><h3>Related</h3><ul><li><a href="/1">Another story about ministers meeting somewhere</a></li><li><a href="/2">Yet another story about a summit</a></li></ul></div>
              <section id="comments"><p>Great article, I totally agree with everything said by the minister here!</p></section>
            </article>
          </main>
          <aside class="most-read"><ol><li><a href="/3">Most read story number one with a long title</a></li></ol></aside>
          <footer><p>Copyright Example News 2015. All rights reserved. Terms of use and privacy policy apply.</p></footer>
        </body></html>
        """;

    [Fact]
    public void Keeps_article_blocks_in_order_and_drops_furniture()
    {
        var article = HtmlArticleExtractor.Extract(Page(), "https://example.com/world/2015/09/29/ministers-meet", "a1");
        var paragraphs = article.Text.Split("\n\n");
        Assert.Equal(
        [
            "The foreign ministers of both countries met in Vienna on Tuesday, officials said, and agreed to continue talks next month.",
            "Sanctions remain",
            "Neither side offered to lift sanctions, and the talks ended without a joint statement, according to diplomats present.",
            "First point of the plan, covering prisoners and their families.",
            "Second point of the plan, covering trade.",
            "We will meet again, whatever it takes, the minister told reporters outside the hotel.",
            "Analysts said the meeting, the first in a year, was a modest step forward for relations between the two capitals.",
        ], paragraphs);
        foreach (var noise in new[] { "cookies", "Section A", "Share on Facebook", "Photo by", "Another story", "Great article", "Most read", "Copyright" })
            Assert.DoesNotContain(noise, article.Text);
        Assert.StartsWith("<!DOCTYPE html>", article.Raw);
        Assert.Equal("a1", article.Id);
    }

    [Fact]
    public void Json_ld_gives_dates_authors_and_headline_with_clues()
    {
        var head = """
            <title>Ministers meet in Vienna | Example News</title>
            <link rel="canonical" href="https://example.com/ministers">
            <meta property="og:site_name" content="Example News">
            <meta name="description" content="Talks continue next month.">
            <meta property="article:published_time" content="2015-09-30T08:00:00Z">
            <script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"Page"},
             {"@type":"NewsArticle","headline":"Ministers meet in Vienna for talks","datePublished":"2015-09-29T10:00:00+02:00",
              "dateModified":"2015-09-30T12:00:00+02:00","author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}],
              "publisher":{"@type":"Organization","name":"Example News"}}]}
            </script>
            """;
        var article = HtmlArticleExtractor.Extract(Page(head), null, "a2");
        Assert.Equal(new DateOnly(2015, 9, 29), article.Published);
        Assert.Equal("json-ld", article.PublishedClue!.Kind);
        Assert.Contains("2015-09-29", article.PublishedClue.Evidence);
        Assert.Equal(new DateOnly(2015, 9, 30), article.Modified);
        Assert.Equal(["Jane Roe", "John Doe"], article.Authors);
        Assert.Equal("Ministers meet in Vienna for talks", article.Title);
        Assert.Equal("Example News", article.SiteName);
        Assert.Equal("https://example.com/ministers", article.CanonicalUrl);
        Assert.Equal("en", article.Language);
        Assert.Equal("Talks continue next month.", article.Description);
        Assert.Equal("example.com", article.Source);
    }

    [Theory]
    [InlineData("<meta property=\"article:published_time\" content=\"2016-07-14T09:38:00+05:30\">", null, "meta", 2016, 7, 14)]
    [InlineData("", "<time datetime=\"2018-05-08\">May 8</time>", "time", 2018, 5, 8)]
    [InlineData("", "<span itemprop=\"datePublished\" content=\"2019-01-24\">Jan 24</span>", "itemprop", 2019, 1, 24)]
    [InlineData("", "<div class=\"date-line\">Monday 16 Aug 2021</div>", "byline", 2021, 8, 16)]
    public void Publication_date_falls_back_through_the_clues(string head, string? inBody, string kind, int y, int m, int d)
    {
        var body = (inBody ?? "") + Body;
        var article = HtmlArticleExtractor.Extract(Page(head, body), null, "a3");
        Assert.Equal(new DateOnly(y, m, d), article.Published);
        Assert.Equal(kind, article.PublishedClue!.Kind);
    }

    [Fact]
    public void Publication_date_from_url_when_the_page_gives_none()
    {
        var article = HtmlArticleExtractor.Extract(Page(), "https://example.com/news/2015/09/29/ministers-meet", "a4");
        Assert.Equal(new DateOnly(2015, 9, 29), article.Published);
        Assert.Equal("url", article.PublishedClue!.Kind);
    }

    [Fact]
    public void Title_tag_loses_its_site_suffix_when_nothing_better_exists()
    {
        var html = Page("<title>Ministers meet in Vienna for talks | Example News</title>").Replace("<h1>Ministers meet in Vienna</h1>", "");
        Assert.Equal("Ministers meet in Vienna for talks", HtmlArticleExtractor.Extract(html, null, "a5").Title);
    }

    [Fact]
    public void Undeclared_windows_1252_bytes_are_decoded_as_windows_1252()
    {
        var html = Page().Replace("<meta charset=\"utf-8\">", "").Replace("Vienna on Tuesday", "Vienna on Tuesday at the café");
        var bytes = HtmlDecoding.Windows1252.GetBytes(html);
        Assert.False(HtmlDecoding.IsValidUtf8(bytes));
        var article = HtmlArticleExtractor.Extract(bytes, null, "a6");
        Assert.Contains("at the café", article.Text);
        Assert.Equal("fallback", HtmlDecoding.Decode(bytes).Clue);
    }

    [Fact]
    public void Meta_charset_and_bom_are_honoured()
    {
        var latin = Page().Replace("<meta charset=\"utf-8\">", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">").Replace("Tuesday", "Tuesday in Zürich");
        var decoded = HtmlDecoding.Decode(HtmlDecoding.Windows1252.GetBytes(latin));
        Assert.Equal("meta", decoded.Clue);
        Assert.Contains("Zürich", decoded.Html);

        var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Page().Replace("Tuesday", "Tuesday in Zürich"))).ToArray();
        var withBom = HtmlDecoding.Decode(utf8);
        Assert.Equal("bom", withBom.Clue);
        Assert.Contains("Zürich", HtmlArticleExtractor.Extract(utf8, null, "a7").Text);
    }

    [Fact]
    public void Image_named_html_is_refused_as_binary()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var error = Assert.Throws<DyadException>(() => HtmlArticleExtractor.Extract(png, null, "img"));
        Assert.Equal(ErrorCode.InputBinary, error.Code);
        Assert.Contains("PNG", error.Message);
    }

    [Fact]
    public void Pdf_named_html_is_refused_as_binary()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj");
        Assert.Equal(ErrorCode.InputBinary, Assert.Throws<DyadException>(() => HtmlArticleExtractor.Extract(pdf, null, "pdf")).Code);
    }

    [Fact]
    public void Twenty_megabyte_page_is_refused_before_parsing()
    {
        var huge = new byte[20 * 1024 * 1024];
        Array.Fill(huge, (byte)'a');
        var error = Assert.Throws<DyadException>(() => HtmlArticleExtractor.Extract(huge, null, "huge"));
        Assert.Equal(ErrorCode.InputTooLarge, error.Code);
    }

    [Fact]
    public void Page_without_an_article_says_so()
    {
        var html = "<html><body><nav><a href='/a'>Home</a><a href='/b'>World</a></nav><footer>Copyright</footer></body></html>";
        var error = Assert.Throws<DyadException>(() => HtmlArticleExtractor.Extract(html, null, "empty"));
        Assert.Equal(ErrorCode.InputNoArticle, error.Code);
    }

    [Fact]
    public void Exhausted_time_budget_gives_a_timeout_error()
    {
        var big = Page(body: string.Concat(Enumerable.Repeat(Body, 400)));
        var error = Assert.Throws<DyadException>(() => HtmlArticleExtractor.Extract(big, null, "slow", TimeSpan.FromTicks(1)));
        Assert.Equal(ErrorCode.InputTimeout, error.Code);
    }

    [Theory]
    [InlineData("https://www.abc.net.au/news/2017-08-07/tillerson-meets-lavrov/8779674", 2017, 8, 7)]
    [InlineData("http://m.ljworld.com/news/2018/may/08/trump-announces/", 2018, 5, 8)]
    [InlineData("https://example.com/politics/2015/09/29/story.html", 2015, 9, 29)]
    public void Dates_in_urls(string url, int y, int m, int d) =>
        Assert.Equal(new DateOnly(y, m, d), DateText.FromUrl(url));

    [Theory]
    [InlineData("Last Updated : Jul 14 2016 | 3:08 PM IST", 2016, 7, 14)]
    [InlineData("AP , AFP , Monday 16 Aug 2021", 2021, 8, 16)]
    [InlineData("Published: 0419 GMT July 14, 2019", 2019, 7, 14)]
    [InlineData("Aug. 2, 2022", 2022, 8, 2)]
    [InlineData("2015-09-29T10:00:00+02:00", 2015, 9, 29)]
    public void Dates_in_bylines(string text, int y, int m, int d) =>
        Assert.Equal(new DateOnly(y, m, d), DateText.Find(text));
}
