using Dyad.Documents;
using Dyad.Extraction;
using Dyad.Processing;

namespace Dyad.Tests.Bench;

public class BenchmarkCorpusTests
{
    private static readonly Article[] Samples =
    [
        new() { Id = "s1", Title = "Leaders meet in Paris", Text = "Leaders meet in Paris\n\nThe presidents of two countries met in Paris on Monday to sign a peace agreement after months of talks.\n\nOfficials said the ceremony was brief and the troops would leave within a month." },
        new() { Id = "s2", Title = "Floods hit the north", Text = "Floods hit the north\n\nHeavy rain flooded villages across the northern provinces, and the army sent boats to rescue families.\n\nThe government promised money for repairs, while aid agencies asked for clean water." },
    ];

    [Fact]
    public void The_same_seed_gives_the_same_corpus_and_another_seed_a_different_one()
    {
        var first = BenchmarkCorpus.Generate(Samples, 20).ToList();
        var again = BenchmarkCorpus.Generate(Samples, 20).ToList();
        var other = BenchmarkCorpus.Generate(Samples, 20, seed: 7).ToList();
        Assert.Equal(first.Select(a => (a.Id, a.Text, a.Published)), again.Select(a => (a.Id, a.Text, a.Published)));
        Assert.NotEqual(first.Select(a => a.Text), other.Select(a => a.Text));
        Assert.All(first, a => Assert.True(BenchmarkCorpus.CountWords(a.Text) >= 600));
    }

    [Fact]
    public void A_generated_page_extracts_back_to_the_article_paragraphs_without_the_page_furniture()
    {
        var article = BenchmarkCorpus.Generate(Samples, 1).Single();
        // a generous budget: the first extraction in a process loads the HTML parser, slow on a loaded machine
        var extracted = HtmlArticleExtractor.Extract(BenchmarkCorpus.ToHtml(article), null, article.Id, TimeSpan.FromMinutes(1));
        var paragraphs = article.Text.Split("\n\n").Skip(1).ToList();
        Assert.All(paragraphs, p => Assert.Contains(p, extracted.Text));
        Assert.DoesNotContain("Cookie settings", extracted.Text);
        Assert.DoesNotContain("Ten recipes", extracted.Text);
        Assert.Equal(article.Title, extracted.Title);
    }

    [Fact]
    public void The_story_stream_is_deterministic_dated_in_order_and_has_copies()
    {
        var stream = BenchmarkCorpus.StoryStream(Samples, 600, perDay: 100).ToList();
        var again = BenchmarkCorpus.StoryStream(Samples, 600, perDay: 100).ToList();
        Assert.Equal(stream.Select(a => a.Text), again.Select(a => a.Text));
        Assert.Equal(600, stream.Select(a => a.Id).Distinct().Count());
        Assert.True(stream.Zip(stream.Skip(1)).All(p => p.First.Published <= p.Second.Published));
        Assert.Equal(6, stream.Select(a => a.Published).Distinct().Count());
        Assert.All(stream, a => Assert.False(string.IsNullOrEmpty(a.Title)));
        // stories share invented names (anchors), and some articles are edited copies of earlier ones
        Assert.True(stream.GroupBy(a => a.Anchors[0]).Count(g => g.Count() > 1) > 10);
        Assert.True(stream.Select(a => a.Text).Distinct().Count() == stream.Count);
    }
}
