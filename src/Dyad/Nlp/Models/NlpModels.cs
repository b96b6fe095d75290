using Dyad.Errors;
using Dyad.Nlp.Tagging;

namespace Dyad.Nlp.Models;

/// <summary>
/// The trained NLP models, loaded from models/ (or the folder named by DYAD_MODELS). Each model loads on first
/// use, once, and is then shared read-only by every thread.
/// </summary>
public sealed class NlpModels
{
    private static readonly Lazy<NlpModels> Default = new(() => Load(LocateDirectory()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<PosTagger> _tagger;

    private NlpModels(ModelManifest manifest)
    {
        Manifest = manifest;
        _tagger = new(() => Load(PosTagger.Kind, PosTagger.Read), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ModelManifest Manifest { get; }
    public PosTagger Tagger => _tagger.Value;

    /// <summary>The shared models from the default location.</summary>
    public static NlpModels LoadDefault() => Default.Value;

    public static NlpModels Load(string directory) => new(ModelManifest.Load(directory));

    private T Load<T>(string kind, Func<BinaryReader, T> read)
        => ModelFile.Load(Manifest.PathOf(kind), kind, Manifest.Sha256Of(kind), read);

    /// <summary>DYAD_MODELS if set, else the nearest models/ folder with a manifest, walking up from the app.</summary>
    public static string LocateDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DYAD_MODELS");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models");
            if (File.Exists(Path.Combine(candidate, ModelManifest.FileName))) return candidate;
        }
        throw new DyadException(ErrorCode.ModelMissing, $"no models/{ModelManifest.FileName} above {AppContext.BaseDirectory}; set DYAD_MODELS");
    }
}
