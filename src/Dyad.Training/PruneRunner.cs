using System.Diagnostics;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;
using Dyad.Nlp.Tagging;

namespace Dyad.Training;

/// <summary>Try pruning thresholds on the trained parser: dev LAS (tags from a tagger trained on train only), size and time for each (dev only, never test).</summary>
public static class PruneRunner
{
    public static void Run(TrainingContext ctx, float[] thresholds)
    {
        var manifest = ModelManifest.Load(ctx.ModelsDirectory);
        // the shipped tagger trained on dev too; a tagger trained on train alone gives dev tags as noisy as test's
        var tagger = NerTrainer.TrainOnlyTagger(ctx);
        var parser = ModelFile.Load(manifest.PathOf(DependencyParser.Kind), DependencyParser.Kind, manifest.Sha256Of(DependencyParser.Kind), DependencyParser.Read);
        // with PARSER_DEV=even|odd, only the dev documents held out of training
        var dev = ParserTrainer.SplitDev(ctx.EwtSentences("dev")).Held;
        var devTags = dev.Select(s => ParserTrainer.TagSentence(tagger, s)).ToArray();
        foreach (var t in thresholds)
        {
            var pruned = new DependencyParser(parser.Model.Pruned(t));
            var watch = Stopwatch.StartNew();
            var (uas, las) = ParserTrainer.Evaluate(pruned, dev, devTags);
            var bytes = ModelFile.Serialize(DependencyParser.Kind, pruned.Write);
            TrainingContext.Log($"prune {t}: dev UAS {uas:F2} LAS {las:F2}, {bytes.Length} bytes, {pruned.Model.FeatureCount} features, {watch.Elapsed.TotalSeconds:F1}s");
        }
    }
}
