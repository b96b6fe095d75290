using System.Text.Json;
using System.Text.Json.Nodes;
using Dyad.Errors;

namespace Dyad.Nlp.Models;

/// <summary>
/// models/manifest.json: for each model its file, sha256, size, training data and licence, hyper-parameters
/// and measured scores. The loader trusts a model file only when its checksum matches.
/// </summary>
public sealed class ModelManifest
{
    public const string FileName = "manifest.json";
    private readonly JsonObject _root;

    private ModelManifest(string directory, JsonObject root)
    {
        Directory = directory;
        _root = root;
    }

    public string Directory { get; }
    public string Version => _root["version"]?.GetValue<string>() ?? "0";

    public static ModelManifest Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new DyadException(ErrorCode.ModelMissing, $"no {FileName} in {directory}");
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new DyadException(ErrorCode.ModelFormat, $"{path} is not a JSON object");
            return new ModelManifest(directory, node);
        }
        catch (JsonException e)
        {
            throw new DyadException(ErrorCode.ModelFormat, $"{path}: {e.Message}", e);
        }
    }

    public static ModelManifest LoadOrCreate(string directory)
        => File.Exists(Path.Combine(directory, FileName))
            ? Load(directory)
            : new ModelManifest(directory, new JsonObject { ["version"] = "1.0.0", ["models"] = new JsonObject() });

    private JsonObject Models => _root["models"] as JsonObject ?? throw new DyadException(ErrorCode.ModelFormat, "manifest has no models object");

    public bool Has(string name) => Models[name] is JsonObject;

    public JsonObject Entry(string name)
        => Models[name] as JsonObject ?? throw new DyadException(ErrorCode.ModelMissing, $"manifest in {Directory} lists no '{name}' model");

    public string PathOf(string name) => Path.Combine(Directory, Entry(name)["file"]?.GetValue<string>()
        ?? throw new DyadException(ErrorCode.ModelFormat, $"manifest entry '{name}' has no file"));

    public string? Sha256Of(string name) => Entry(name)["sha256"]?.GetValue<string>();

    /// <summary>Write a model file and record it (used by training).</summary>
    public void Put(string name, string file, byte[] bytes, JsonObject details)
    {
        var written = ModelFile.Write(Path.Combine(Directory, file), bytes);
        var entry = new JsonObject
        {
            ["file"] = file,
            ["bytes"] = bytes.Length,
            ["sha256"] = ModelFile.Sha256(bytes),
        };
        if (written.Count > 1) entry["parts"] = new JsonArray(written.Select(w => (JsonNode?)w).ToArray());
        foreach (var (key, value) in details) entry[key] = value?.DeepClone();
        entry["trainedOn"] = TrainingEnvironment();
        Models[name] = entry;
    }

    /// <summary>
    /// The runtime and vector hardware a model was trained with. Training is deterministic on one machine, but the
    /// shipped parser could not be rebuilt bit for bit on another (models/README.md): float sums whose order
    /// depends on vector width or runtime can tip near-tie decisions, so a rebuild should start from the same.
    /// </summary>
    public static JsonObject TrainingEnvironment() => new()
    {
        ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        ["architecture"] = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString(),
        ["vectorFloats"] = System.Numerics.Vector<float>.Count,
        ["vector512"] = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated,
    };

    /// <summary>Merge measured scores into a model's entry.</summary>
    public void SetScores(string name, JsonObject scores) => Entry(name)["scores"] = scores.DeepClone();

    /// <summary>Set a top-level section (used for whole-pipeline evaluation figures).</summary>
    public void SetSection(string name, JsonObject value) => _root[name] = value.DeepClone();

    public void Save()
    {
        var ordered = new JsonObject();
        foreach (var (key, value) in _root.OrderBy(p => p.Key, StringComparer.Ordinal)) ordered[key] = value?.DeepClone();
        var models = new JsonObject();
        foreach (var (key, value) in Models.OrderBy(p => p.Key, StringComparer.Ordinal)) models[key] = value?.DeepClone();
        ordered["models"] = models;
        File.WriteAllText(Path.Combine(Directory, FileName),
            ordered.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }
}
