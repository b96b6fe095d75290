using Dyad.Cleaning;
using Dyad.Coding.Actors;
using Dyad.Coding.Events;
using Dyad.Extraction;
using Dyad.Ingest;
using Dyad.Nlp.Models;
using Dyad.Places;
using Dyad.Time;

namespace Dyad.Pipeline;

/// <summary>The standard composition: the stages every command runs, in order, and the reader wired to extraction.</summary>
public static class DyadPipeline
{
    private static readonly Lazy<DocumentPipeline> Shared = new(() => CreateBuilder().Build(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The default pipeline, built once and shared by all threads.</summary>
    public static DocumentPipeline Default => Shared.Value;

    public static PipelineBuilder CreateBuilder()
    {
        var models = NlpModels.LoadDefault();
        // start-up is mostly reading tables: the parser's (the largest) and the place gazetteer's (45,000 names)
        // build on other threads while this one reads the rest, about a third each (each is a thread-safe lazy
        // singleton, so the stages below just pick them up); with the gazetteer on this thread it was the longest
        // part (bench/README.md, session 15)
        var parser = Task.Run(() => models.Parser);
        var places = Task.Run(() => PlaceGazetteer.Shared);
        _ = models.Tagger;
        _ = models.Lemmatizer;
        _ = models.EntityRecognizer;
        _ = ActorKnowledgeBase.LoadDefault();
        // a refused file surfaces here as its own DyadException
        parser.GetAwaiter().GetResult();
        places.GetAwaiter().GetResult();
        var builder = new PipelineBuilder().Add(new ScrapedTextCleaner());
        foreach (var stage in models.Stages()) builder.Add(stage);
        return builder
            .Add(new TemporalTagger())
            .Add(new PlaceTagger())
            .Add(new ActorCodingStage())
            .Add(new EventCoder());
    }

    public static ArticleReader CreateReader(long maxBytes = 16 * 1024 * 1024) =>
        new(new ReaderOptions
        {
            MaxBytes = maxBytes,
            Html = (bytes, url, id, origin) => WithHeadline(HtmlArticleExtractor.Extract(bytes, url, id)),
        });

    /// <summary>
    /// A page's headline is part of what the article asserts (headlines are coded), but extraction keeps it apart:
    /// put it back as the first line, as scraped text has it.
    /// </summary>
    private static Dyad.Documents.Article WithHeadline(Dyad.Documents.Article article) =>
        string.IsNullOrWhiteSpace(article.Title) || article.Text.TrimStart().StartsWith(article.Title.Trim(), StringComparison.Ordinal)
            ? article
            : article with { Text = article.Title.Trim() + "\n\n" + article.Text };
}
