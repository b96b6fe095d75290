using System.Text.Json.Nodes;
using System.Diagnostics;
using Dyad.Nlp.Conllu;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;
using Dyad.Nlp.Tagging;

namespace Dyad.Training;

/// <summary>Try pruning thresholds on the trained parser: dev LAS (tags from a tagger trained on train only), size and time for each (dev only, never test).</summary>
public static class PruneRunner
{
    /// <summary>
    /// Dev LAS of the trained parser with each context template it reads left out at parse time, one at a time
    /// (no retraining): templates whose absence costs little are candidates for PARSER_OMIT (dev only, never test).
    /// </summary>
    public static void Ablate(TrainingContext ctx)
    {
        var (_, parser, dev, devTags) = ShippedParserOnDev(ctx);
        if (parser.IsHierarchical) throw new InvalidOperationException("a hierarchical parser reads every template; ablate a labelled one");
        var (uas, las) = ParserTrainer.Evaluate(parser, dev, devTags);
        TrainingContext.Log($"ablate: parser as trained (omitting {parser.OmittedTemplates.Length} templates): dev UAS {uas:F2} LAS {las:F2}");
        foreach (int id in ParserFeatures.ContextTemplateIds)
        {
            if (parser.OmittedTemplates.Contains(id) || (id >= ParserFeatures.FirstClusterTemplate && !parser.HasClusters)) continue;
            var without = new DependencyParser(parser.Model, parser.Clusters) { OmittedTemplates = [.. parser.OmittedTemplates, id] };
            var (u, l) = ParserTrainer.Evaluate(without, dev, devTags);
            TrainingContext.Log($"ablate: without template {id}: dev UAS {u:F2} LAS {l:F2} ({l - las:+0.00;-0.00;0.00})");
        }
    }

    /// <summary>The parser in ctx's models folder, with the EWT dev sentences to score it on and their honest tags.</summary>
    private static (ModelManifest Manifest, DependencyParser Parser, IReadOnlyList<ConlluSentence> Dev, string[][] DevTags) ShippedParserOnDev(TrainingContext ctx)
    {
        var manifest = ModelManifest.Load(ctx.ModelsDirectory);
        // the shipped tagger trained on dev too; a tagger trained on train alone gives dev tags as noisy as test's
        var tagger = NerTrainer.TrainOnlyTagger(ctx);
        var parser = ModelFile.Load(manifest.PathOf(DependencyParser.Kind), DependencyParser.Kind, manifest.Sha256Of(DependencyParser.Kind), DependencyParser.Read);
        // with PARSER_DEV=even|odd, only the dev documents held out of training
        var dev = ParserTrainer.SplitDev(ctx.EwtSentences("dev")).Held;
        return (manifest, parser, dev, [.. dev.Select(s => ParserTrainer.TagSentence(tagger, s))]);
    }

    public static void Run(TrainingContext ctx, float[] thresholds)
    {
        var (manifest, parser, dev, devTags) = ShippedParserOnDev(ctx);
        foreach (var t in thresholds)
        {
            var pruned = parser.WithTransitionModel(parser.Model.Pruned(t));
            var watch = Stopwatch.StartNew();
            var (uas, las) = ParserTrainer.Evaluate(pruned, dev, devTags);
            var bytes = ModelFile.Serialize(DependencyParser.Kind, pruned.Write);
            TrainingContext.Log($"prune {t}: dev UAS {uas:F2} LAS {las:F2}, {bytes.Length} bytes, {pruned.Model.FeatureCount} features, {watch.Elapsed.TotalSeconds:F1}s, sha256 {ModelFile.Sha256(bytes)}");
        }
        // PARSER_PRUNE_SAVE=W replaces the parser with itself pruned at W (the mean of several seeds is written
        // at PARSER_MEAN_PRUNE_WEIGHT; pruning it further gives the same file as training with a higher one)
        if (Environment.GetEnvironmentVariable("PARSER_PRUNE_SAVE") is { } save)
        {
            float w = float.Parse(save, System.Globalization.CultureInfo.InvariantCulture);
            var pruned = parser.WithTransitionModel(parser.Model.Pruned(w));
            var bytes = ModelFile.Serialize(DependencyParser.Kind, pruned.Write);
            var details = (JsonObject)manifest.Entry(DependencyParser.Kind).DeepClone();
            foreach (var key in new[] { "file", "bytes", "sha256", "parts" }) details.Remove(key);
            if (details["hyperParameters"] is JsonObject hyper)
            {
                hyper[ParserTrainer.Configured.Seeds > 1 || hyper["seeds"]?.GetValue<int>() > 1 ? "meanPruneWeight" : "pruneMinWeight"] = w;
                hyper["features"] = pruned.Model.FeatureCount;
                hyper["weights"] = pruned.Model.WeightCount;
            }
            details["rebuild"] = $"{details["rebuild"]?.GetValue<string>() ?? "./dyad train parser"} && {ctx.RebuildCommand("prune-parser")}";
            foreach (var part in Directory.GetFiles(ctx.ModelsDirectory, "parser.part*.bin")) File.Delete(part);
            manifest.Put(DependencyParser.Kind, "parser.bin", bytes, details);
            manifest.Save();
            TrainingContext.Log($"parser pruned at {w} written: {bytes.Length} bytes, sha256 {ModelFile.Sha256(bytes)}");
        }
    }
}
