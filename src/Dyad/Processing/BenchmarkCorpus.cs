using Dyad.Documents;

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
