using System.Globalization;
using System.Net;
using System.Text;
using Dyad.Documents;
using Dyad.Stories;

namespace Dyad.Processing;

/// <summary>
/// A corpus of news-like articles for end-to-end benchmarks, made from the project's own sample articles:
/// each generated article takes a real headline and real paragraphs from several samples (seeded shuffle, so
/// the same seed gives the same corpus) until it reaches the target length, and gets its own publication date.
/// </summary>
public static class BenchmarkCorpus
{
    public static IEnumerable<Article> Generate(IReadOnlyList<Article> samples, int count, int targetWords = 600, int seed = 20261201)
    {
        if (samples.Count == 0) throw new ArgumentException("no sample articles to build a corpus from", nameof(samples));
        var paragraphs = samples
            .SelectMany(a => a.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1))
            .Where(p => p.Length > 0)
            .ToArray();
        var random = new Random(seed);
        var firstDay = new DateOnly(2000, 1, 1);
        for (int i = 0; i < count; i++)
        {
            var source = samples[random.Next(samples.Count)];
            var title = source.Title ?? source.Text.Split('\n', 2)[0];
            var body = new List<string> { title };
            int words = CountWords(title);
            while (words < targetWords)
            {
                var paragraph = paragraphs[random.Next(paragraphs.Length)];
                body.Add(paragraph);
                words += CountWords(paragraph);
            }
            var text = string.Join("\n\n", body);
            yield return new Article
            {
                Id = $"bench-{i:D6}",
                Text = text,
                Title = title,
                Published = firstDay.AddDays(random.Next(9000)),
                Origin = "generated",
            };
        }
    }

    /// <summary>
    /// The article as a news page: its paragraphs inside an &lt;article&gt;, wrapped in the navigation, share
    /// buttons, related links and footer that extraction has to leave out. Same article, same page.
    /// </summary>
    public static string ToHtml(Article article)
    {
        var paragraphs = article.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var title = WebUtility.HtmlEncode(article.Title ?? paragraphs.FirstOrDefault() ?? article.Id);
        var day = article.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var html = new StringBuilder(article.Text.Length * 2 + 2048);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(title).Append(" | The Daily Bench</title>\n")
            .Append("<meta property=\"og:site_name\" content=\"The Daily Bench\">")
            .Append("<meta property=\"article:published_time\" content=\"").Append(day).Append("\">\n")
            .Append("<script>window.dataLayer = window.dataLayer || []; function track(e) { dataLayer.push(e); }</script>\n")
            .Append("<style>body { font-family: serif; } nav a { margin: 0 1em; }</style></head>\n<body>\n")
            .Append("<header><nav><a href=\"/\">Home</a><a href=\"/world\">World</a><a href=\"/politics\">Politics</a>")
            .Append("<a href=\"/business\">Business</a><a href=\"/sport\">Sport</a><a href=\"/subscribe\">Subscribe</a></nav></header>\n")
            .Append("<main><article><h1>").Append(title).Append("</h1>\n")
            .Append("<p class=\"byline\">By Staff Reporter · <time datetime=\"").Append(day).Append("\">").Append(day).Append("</time></p>\n")
            .Append("<div class=\"share\"><a href=\"#\">Share on social media</a> <a href=\"#\">Email</a> <a href=\"#\">Print</a></div>\n")
            .Append("<div class=\"article-body\">\n");
        foreach (var paragraph in paragraphs.Skip(1))
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>\n");
        html.Append("</div></article>\n<aside><h2>Most read</h2><ul>")
            .Append("<li><a href=\"/a1\">Markets close higher after a quiet week</a></li>")
            .Append("<li><a href=\"/a2\">Ten recipes for a rainy weekend</a></li>")
            .Append("<li><a href=\"/a3\">The league table after round twelve</a></li></ul></aside></main>\n")
            .Append("<footer><p>© The Daily Bench. All rights reserved.</p><p><a href=\"/privacy\">Privacy</a> · <a href=\"/cookies\">Cookie settings</a> · ")
            .Append("<a href=\"/contact\">Contact us</a></p></footer>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>
    /// A stream of articles for story clustering at scale, in publication order, about <paramref name="perDay"/>
    /// a day. Words come from the samples at their own frequencies; each story has a few topic words of its own
    /// and invented names (so stories differ as real ones do), lives a few days, and some of its articles are
    /// lightly edited copies of an earlier one (syndication). Nothing is kept but the open stories, so a stream
    /// of any length costs the memory of a few days.
    /// </summary>
    public static IEnumerable<StoryArticle> StoryStream(IReadOnlyList<Article> samples, int count, int perDay = 300, int targetWords = 600, int seed = 20261201)
    {
        if (samples.Count == 0) throw new ArgumentException("no sample articles to build a stream from", nameof(samples));
        // every word occurrence once: picking a random index samples words by their frequency in the samples
        var occurrences = samples.SelectMany(a => Words(a.Text)).Select(w => string.Intern(w)).ToArray();
        var distinct = occurrences.Distinct(StringComparer.Ordinal).Where(w => w.Length > 3).ToArray();
        var random = new Random(seed);
        var open = new List<StreamStory>();
        var firstDay = new DateOnly(2020, 1, 1);
        int storyNumber = 0;
        for (int i = 0; i < count; i++)
        {
            var day = firstDay.AddDays(i / Math.Max(1, perDay));
            open.RemoveAll(s => day.DayNumber - s.Opened.DayNumber > s.LifeDays);
            StreamStory story;
            if (open.Count == 0 || random.NextDouble() < 0.2)
            {
                story = new StreamStory(storyNumber++, day, 1 + random.Next(6),
                    Enumerable.Range(0, 8).Select(_ => distinct[random.Next(distinct.Length)]).ToArray(),
                    Enumerable.Range(0, 3).Select(_ => InventName(random)).ToArray(),
                    "actor:" + (char)('A' + random.Next(26)) + (char)('A' + random.Next(26)) + (char)('A' + random.Next(26)));
                open.Add(story);
            }
            else story = open[open.Count - 1 - Math.Min(open.Count - 1, (int)(-Math.Log(1 - random.NextDouble()) * open.Count / 3))];

            string text;
            if (story.Texts.Count > 0 && random.NextDouble() < 0.1)
                text = Edit(story.Texts[random.Next(story.Texts.Count)], distinct, random);
            else
            {
                var body = new StringBuilder(targetWords * 7);
                body.Append(string.Join(' ', story.Names[0], story.Topic[0], story.Topic[1], story.Names[1], story.Topic[2])).Append("\n\n");
                int sentence = 0;
                for (int w = 0; w < targetWords; w++)
                {
                    double roll = random.NextDouble();
                    var word = roll < 0.04 ? story.Names[random.Next(story.Names.Length)]
                        : roll < 0.12 ? story.Topic[random.Next(story.Topic.Length)]
                        : occurrences[random.Next(occurrences.Length)];
                    body.Append(sentence == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
                    if (++sentence >= 12 + random.Next(10)) { body.Append(w % 5 == 0 ? ".\n\n" : ". "); sentence = 0; }
                    else body.Append(' ');
                }
                text = body.Append('.').ToString();
            }
            if (story.Texts.Count < 4) story.Texts.Add(text);
            var title = text[..text.IndexOf('\n')];
            yield return new StoryArticle
            {
                Id = $"stream-{i:D7}",
                Title = title,
                Published = day,
                Source = $"site{random.Next(40)}.example",
                Text = text,
                Anchors = [story.Actor, .. story.Names.Select(n => "entity:" + n.ToLowerInvariant())],
            };
        }
    }

    private sealed record StreamStory(int Number, DateOnly Opened, int LifeDays, string[] Topic, string[] Names, string Actor)
    {
        public List<string> Texts { get; } = [];
    }

    private static readonly string[] Syllables = ["ka", "lo", "mir", "ta", "ven", "do", "sar", "ri", "bel", "um", "zo", "nak", "pe", "gru", "osh", "li"];

    private static string InventName(Random random)
    {
        var name = new StringBuilder();
        for (int i = 0, n = 2 + random.Next(2); i < n; i++) name.Append(Syllables[random.Next(Syllables.Length)]);
        name[0] = char.ToUpperInvariant(name[0]);
        return name.ToString();
    }

    /// <summary>A copy with about one word in twenty replaced, as a rewrite desk would.</summary>
    private static string Edit(string text, string[] words, Random random)
    {
        var parts = text.Split(' ');
        for (int i = 0; i < parts.Length; i++)
            if (random.Next(20) == 0 && !parts[i].Contains('\n')) parts[i] = words[random.Next(words.Length)];
        return string.Join(' ', parts);
    }

    private static IEnumerable<string> Words(string text)
    {
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    public static int CountWords(string text)
    {
        int words = 0;
        bool inWord = false;
        foreach (var c in text)
        {
            bool letter = !char.IsWhiteSpace(c);
            if (letter && !inWord) words++;
            inWord = letter;
        }
        return words;
    }
}
