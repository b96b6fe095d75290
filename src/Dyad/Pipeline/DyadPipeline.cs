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
        // start-up is mostly reading models: the parser's tables, the largest, load on another core while this
        // thread reads the rest (each is a thread-safe lazy singleton, so the stages below just pick them up)
        var parser = Task.Run(() => models.Parser);
        _ = models.Tagger;
        _ = models.Lemmatizer;
        _ = models.EntityRecognizer;
        _ = PlaceGazetteer.Shared;
        _ = ActorKnowledgeBase.LoadDefault();
        parser.GetAwaiter().GetResult(); // a refused parser file surfaces here as its own DyadException
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
