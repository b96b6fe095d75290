using Dyad.Errors;
using Dyad.Nlp.Entities;
using Dyad.Nlp.Lemmatization;
using Dyad.Nlp.Parsing;
using Dyad.Nlp.Tagging;
using Dyad.Nlp.Tokenization;
using Dyad.Pipeline;

namespace Dyad.Nlp.Models;

/// <summary>
/// The trained NLP models, loaded from models/ (or the folder named by DYAD_MODELS). Each model loads on first
/// use, once, and is then shared read-only by every thread.
/// </summary>
public sealed class NlpModels
{
    private static readonly Lazy<NlpModels> Default = new(() => Load(LocateDirectory()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<PosTagger> _tagger;
    private readonly Lazy<Lemmatizer> _lemmatizer;
    private readonly Lazy<DependencyParser> _parser;
    private readonly Lazy<EntityRecognizer> _recognizer;

    private NlpModels(ModelManifest manifest)
    {
        Manifest = manifest;
        _tagger = new(() => Load(PosTagger.Kind, PosTagger.Read), LazyThreadSafetyMode.ExecutionAndPublication);
        _lemmatizer = new(() => Load(Lemmatizer.Kind, Lemmatizer.Read), LazyThreadSafetyMode.ExecutionAndPublication);
        _parser = new(() => Load(DependencyParser.Kind, DependencyParser.Read), LazyThreadSafetyMode.ExecutionAndPublication);
        _recognizer = new(() => Load(EntityRecognizer.Kind, EntityRecognizer.Read), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ModelManifest Manifest { get; }
    public PosTagger Tagger => _tagger.Value;
    public Lemmatizer Lemmatizer => _lemmatizer.Value;
    public DependencyParser Parser => _parser.Value;
    public EntityRecognizer EntityRecognizer => _recognizer.Value;

    /// <summary>The NLP stages in pipeline order: tokenize (tokens and sentences), tag, lemmatize, parse, entities.</summary>
    public IReadOnlyList<IStage> Stages() =>
    [
        new TokenizerStage(),
        new TaggerStage(Tagger),
        new LemmatizerStage(Lemmatizer),
        new ParserStage(Parser),
        new EntityStage(EntityRecognizer),
    ];

    /// <summary>A pipeline of just the NLP stages.</summary>
    public DocumentPipeline Pipeline()
    {
        var builder = new PipelineBuilder();
        foreach (var stage in Stages()) builder.Add(stage);
        return builder.Build();
    }

    /// <summary>The shared models from the default location.</summary>
    public static NlpModels LoadDefault() => Default.Value;

    public static NlpModels Load(string directory) => new(ModelManifest.Load(directory));

    private T Load<T>(string kind, Func<BinaryReader, T> read)
        => ModelFile.Load(Manifest.PathOf(kind), kind, Manifest.Sha256Of(kind), read);

    /// <summary>DYAD_MODELS if set, else the nearest models/ folder with a manifest, walking up from the app, then from the working directory.</summary>
    public static string LocateDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DYAD_MODELS");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "models");
                if (File.Exists(Path.Combine(candidate, ModelManifest.FileName))) return candidate;
            }
        throw new DyadException(ErrorCode.ModelMissing, $"no models/{ModelManifest.FileName} above {AppContext.BaseDirectory}; set DYAD_MODELS");
    }
}
