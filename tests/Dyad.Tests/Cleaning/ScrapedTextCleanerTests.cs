using Xunit.Abstractions;
using System.Text.Json;
using Dyad.Cleaning;
using Dyad.Documents;
using Dyad.Tests.Extraction;

namespace Dyad.Tests.Cleaning;

public class ScrapedTextCleanerTests(ITestOutputHelper output)
{
    private static Document Clean(string text, string? title = null)
    {
        var document = new Document(new Article { Id = "t", Text = text, Title = title });
        new ScrapedTextCleaner().Process(document);
        return document;
    }

    private static string? ReasonForLine(Document document, int line) =>
        document.Removed.FirstOrDefault(r => r.Line == line && r.Span.Length > 0 &&
            r.Span.Start == LineStart(document.Text, line))?.Reason;

    private static int LineStart(string text, int line)
    {
        int pos = 0;
        for (int i = 1; i < line; i++) pos = text.IndexOf('\n', pos) + 1;
        return pos;
    }

    [Fact]
    public void Stage_declares_its_layers()
    {
        var stage = new ScrapedTextCleaner();
        Assert.Equal("clean", stage.Name);
        Assert.Equal(Layers.Text, stage.Requires);
        Assert.Equal(Layers.Cleaning, stage.Produces);
    }

    // every alternative of the strong subscription and credit patterns, so the cheap word tests in front of them
    // (NoiseRules.SubscriptionWords, PictureWords, the ')' and '/' checks) cannot drop one unseen
    [Theory]
    [InlineData("Subscribe now", true, false)]
    [InlineData("Choose a subscription plan that suits you", true, false)]
    [InlineData("Renews automatically each month", true, false)]
    [InlineData("You can cancel any time online", true, false)]
    [InlineData("Save 40 %", true, false)]
    [InlineData("50% off", true, false)]
    [InlineData("Start your free trial today", true, false)]
    [InlineData("Unlimited digital access to every story", true, false)]
    [InlineData("Already a subscriber? Log in", true, false)]
    [InlineData("Sign up for our daily newsletter", true, false)]
    [InlineData("Protesters gathered in the square on Monday. (AP Photo/Evan Vucci)", false, true)]
    [InlineData("Smoke rises over the harbour after the strike. Reuters/Ahmed Saad", false, true)]
    [InlineData("The ministers met in Geneva. Denis Balibouse/Reuters", false, true)]
    [InlineData("The ministers met in Geneva on Tuesday. AFP", false, true)]
    [InlineData("The launch pad on the coast, image courtesy of NASA", false, true)]
    [InlineData("The ministers met in Geneva on Tuesday to discuss the ceasefire.", false, false)]
    public void Strong_subscription_and_credit_patterns_fire_on_each_of_their_forms(string text, bool subscription, bool credit)
    {
        var line = new TextLine(text, 1, 0, text.Length);
        Assert.Equal(subscription, NoiseRules.IsSubscriptionStrong(line));
        Assert.Equal(credit, NoiseRules.EndsWithCredit(line));
    }

    [Fact]
    public void Repeated_headline_is_removed_but_the_first_line_stays()
    {
        var text = "Leaders agree to talks in Geneva\n\nLeaders agree to talks in Geneva\n\nThe two leaders agreed on Monday to hold talks in Geneva next week, officials said.";
        var doc = Clean(text);
        Assert.Null(ReasonForLine(doc, 1));
        Assert.Equal(RemovalReasons.Repeated, ReasonForLine(doc, 3));
        Assert.Equal("Leaders agree to talks in Geneva\n\nThe two leaders agreed on Monday to hold talks in Geneva next week, officials said.", doc.CleanText());
        Assert.Equal(text, doc.Text);
    }

    [Fact]
    public void Name_only_caption_pair_is_removed_with_line_numbers()
    {
        var text = "Minister visits Paris\n\n Foreign Minister Jane Doe\nForeign Minister Jane Doe\n\nThe foreign minister arrived in Paris on Tuesday for two days of talks with her French counterpart.";
        var doc = Clean(text);
        Assert.Equal(RemovalReasons.Caption, ReasonForLine(doc, 3));
        Assert.Contains(ReasonForLine(doc, 4), new[] { RemovalReasons.Repeated, RemovalReasons.Caption });
        Assert.DoesNotContain("Jane Doe", doc.CleanText());
    }

    [Theory]
    [InlineData("By John Smith", RemovalReasons.BylineDate)]
    [InlineData("AFP | PTI Paris", RemovalReasons.BylineDate)]
    [InlineData("Last Updated : Mar 3 2019 | 1:08 PM IST", RemovalReasons.BylineDate)]
    [InlineData("First Published: Mar 3 2019 | 12:57 PM IST", RemovalReasons.BylineDate)]
    [InlineData("October 2, 2020", RemovalReasons.BylineDate)]
    [InlineData("Please enter your comment!", RemovalReasons.CommentPrompt)]
    [InlineData("Please enter your name here", RemovalReasons.CommentPrompt)]
    [InlineData("₹1,200", RemovalReasons.Subscription)]
    [InlineData("SAVE 30%", RemovalReasons.Subscription)]
    [InlineData("6 Months", RemovalReasons.Subscription)]
    [InlineData("Renews automatically, cancel anytime", RemovalReasons.Subscription)]
    [InlineData("Next Story", RemovalReasons.ShareRelated)]
    [InlineData("More From This Section", RemovalReasons.ShareRelated)]
    [InlineData("Related news", RemovalReasons.ShareRelated)]
    [InlineData("Share on Facebook", RemovalReasons.ShareRelated)]
    [InlineData("Read more: Ministers meet again", RemovalReasons.ReadMore)]
    [InlineData("Skip to main content", RemovalReasons.Navigation)]
    [InlineData("<a href=\"http://example.com/x.html\" target=\"_blank\">River</a> image via Example", RemovalReasons.Html)]
    [InlineData("Soldiers patrol the border near the town on Sunday. (AP Photo/Jane Roe)", RemovalReasons.Caption)]
    [InlineData("The two presidents shake hands in Helsinki Jane Roe/Reuters", RemovalReasons.Caption)]
    [InlineData("(Office of the President)", RemovalReasons.PhotoCredit)]
    [InlineData("News ID: 12345", RemovalReasons.Metadata)]
    [InlineData("-", RemovalReasons.Leftover)]
    public void Noise_line_gets_its_reason(string noise, string reason)
    {
        var text = $"A headline about talks\n\nThe ministers met in the capital on Monday and agreed to meet again soon.\n\n{noise}\n\nThey said the next round would take place in March, according to officials.";
        var doc = Clean(text);
        Assert.Equal(reason, ReasonForLine(doc, 5));
        Assert.Contains("The ministers met in the capital on Monday", doc.CleanText());
        Assert.Contains("according to officials.", doc.CleanText());
    }

    [Theory]
    [InlineData("By Tuesday, the army had withdrawn from the two villages it had taken earlier.")]
    [InlineData("Return of diplomats")]
    [InlineData("Readers who subscribe to the theory say the talks were doomed from the start, the minister said.")]
    [InlineData("European leaders are intensifying calls for a diplomatic push in the wake of the refugee crisis")]
    [InlineData("“The Russians proposed in the conversation… and the last conversation specifically that we meet,” he said.")]
    [InlineData("KABUL — The Taliban attacked a second city on Sunday, officials said.")]
    public void Real_text_survives(string line)
    {
        var doc = Clean($"A headline about talks\n\n{line}\n\nThe ministers met in the capital on Monday and agreed to meet again soon.");
        Assert.Null(ReasonForLine(doc, 3));
        Assert.Contains(line, doc.CleanText());
    }

    [Fact]
    public void Subscription_box_with_plan_bullets_is_removed_until_prose_returns()
    {
        var text = string.Join('\n',
            "Talks resume", "",
            "The ministers met in the capital on Monday and agreed to meet again soon.",
            "*Subscribe to The Daily Example and get more", "",
            "Smart Yearly", "", "$90", "", "1 Year", "",
            "What you get with our plans", "",
            "  • Over 30 stories daily, handpicked by our editors", "",
            "Ad-free Reading", "",
            "The next round of talks will take place in March, officials said on Tuesday.");
        var doc = Clean(text);
        var clean = doc.CleanText();
        Assert.Equal("Talks resume\n\nThe ministers met in the capital on Monday and agreed to meet again soon.\n\nThe next round of talks will take place in March, officials said on Tuesday.", clean);
    }

    [Fact]
    public void Standfirst_repeated_inside_the_body_is_removed()
    {
        var text = "Deal near\n\nA deal would strengthen the government position\n\nOfficials met on Monday to discuss the terms of the agreement.\n\nA deal would strengthen the government position, and could undermine the opposition.";
        var doc = Clean(text);
        Assert.Equal(RemovalReasons.Repeated, ReasonForLine(doc, 3));
        Assert.Contains("A deal would strengthen the government position, and could", doc.CleanText());
    }

    [Fact]
    public void Leading_date_marker_is_cut_from_the_paragraph_but_the_text_is_unchanged()
    {
        var text = " date 2021-06-16 The president said the summit had been constructive.\n\nHe spoke in Geneva.";
        var doc = Clean(text, title: null);
        Assert.Equal("The president said the summit had been constructive.\n\nHe spoke in Geneva.", doc.CleanText());
        Assert.Contains(doc.Removed, r => r.Reason == RemovalReasons.BylineDate && r.Line == 1);
    }

    [Fact]
    public void Published_date_comes_from_the_first_published_line()
    {
        var text = "Title here\nAFP | PTI Paris\nLast Updated : Jul 15 2016 | 3:08 PM IST\nThe body of the article says something about the talks on Thursday.\nFirst Published: Jul 14 2016 | 2:57 PM IST";
        var doc = Clean(text);
        var found = ScrapedTextCleaner.PublishedFromBylines(doc);
        Assert.NotNull(found);
        Assert.Equal(new DateOnly(2016, 7, 14), found.Value.Day);
        Assert.Equal("byline", found.Value.Clue.Kind);
        Assert.StartsWith("First Published", found.Value.Clue.Evidence);
    }

    [Fact]
    public void Every_gold_event_sentence_of_the_dev_set_survives_cleaning()
    {
        var docsPath = SharedData.PathOrSkip(output, "eval", "dev", "docs.jsonl");
        var eventsPath = SharedData.PathOrSkip(output, "eval", "dev", "events.jsonl");
        if (docsPath is null || eventsPath is null) return;

        var cleaned = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(docsPath).Where(l => l.Trim().Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var article = new Article
            {
                Id = root.GetProperty("id").GetString()!,
                Text = root.GetProperty("text").GetString()!,
                Title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null,
            };
            var doc = new Document(article);
            new ScrapedTextCleaner().Process(doc);
            cleaned[article.Id] = Normalise(doc.CleanText());
        }

        var lost = new List<string>();
        int checkedCount = 0;
        foreach (var line in File.ReadLines(eventsPath).Where(l => l.Trim().Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var docId = json.RootElement.GetProperty("doc").GetString()!;
            var sentence = json.RootElement.GetProperty("sentence").GetString()!;
            checkedCount++;
            if (!cleaned[docId].Contains(Normalise(sentence), StringComparison.Ordinal)) lost.Add($"{docId}: {sentence}");
        }
        foreach (var l in lost.Distinct()) output.WriteLine("LOST " + l);
        Assert.True(checkedCount > 0, "no gold events were read");
        Assert.Empty(lost);
    }

    /// <summary>
    /// The seeds hand-labelled: for each file the line numbers that are article text (title and body). Every other
    /// non-blank line is noise and must be removed; every listed line must stay whole.
    /// </summary>
    public static TheoryData<string, int[]> SeedArticleLines => new()
    {
        { "000_2733e2c7f4f7626e.txt", [1, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26] },
        { "001_da6f02cb798149aa.txt", [1, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31] },
        { "002_ace6fe2a09cd09d2.txt", [1, 4, 6, 8, 10, 12, 14, 16, 18, 20] },
        { "003_66fc70b3df1d34e5.txt", [1, 4, 6, 8, 10, 12, 14, 16] },
        { "004_93596b0320188ea8.txt", [1, 7, 9, 11, 13, 15, 17, 19, 21, 23] },
    };

    [Theory]
    [MemberData(nameof(SeedArticleLines))]
    public void Seeds_keep_article_lines_and_lose_every_noise_line(string file, int[] articleLines)
    {
        var path = SharedData.PathOrSkip(output, "seeds", file);
        if (path is null) return;
        var text = File.ReadAllText(path);
        var doc = Clean(text);
        var lines = text.Split('\n');
        var noiseLeft = new List<string>();
        var textLost = new List<string>();
        for (int n = 1; n <= lines.Length; n++)
        {
            var content = lines[n - 1].Trim();
            if (content.Length == 0) continue;
            bool removedWhole = doc.Removed.Any(r => r.Line == n && r.Span.Length >= content.Length);
            if (articleLines.Contains(n) && doc.Removed.Any(r => r.Line == n)) textLost.Add($"{n}: {content}");
            if (!articleLines.Contains(n) && !removedWhole) noiseLeft.Add($"{n}: {content}");
        }
        foreach (var l in noiseLeft) output.WriteLine("NOISE LEFT " + l);
        foreach (var l in textLost) output.WriteLine("TEXT LOST " + l);
        Assert.Empty(noiseLeft);
        Assert.Empty(textLost);
    }

    private static string Normalise(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
