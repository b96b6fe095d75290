namespace Dyad.Training;

/// <summary>
/// Trains Dyad's NLP models from the treebanks in shared/data and writes them with their manifest to models/.
/// Usage: Dyad.Training (tagger|lemmatizer|parser|ner|all|eval|news|speed|prune-parser|dev-parser|dev-ner) [--data DIR] [--models DIR] [--seed N]
/// </summary>
public static class Program
{
    /// <summary>shared/data beside the repository, or beside one of its parents (worktrees sit deeper).</summary>
    private static string FindSharedData(string root)
    {
        for (var dir = new DirectoryInfo(root).Parent; dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        return Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
    }

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Dyad.Training (tagger|lemmatizer|parser|ner|all|eval|news|speed|prune-parser|dev-parser|dev-ner) [--data DIR] [--models DIR] [--seed N]");
            return 2;
        }
        string root = TrainingContext.FindRepoRoot();
        string data = FindSharedData(root);
        string models = Path.Combine(root, "models");
        int seed = TrainingContext.DefaultSeed;
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--data": data = args[i + 1]; break;
                case "--models": models = args[i + 1]; break;
                case "--seed": seed = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        Directory.CreateDirectory(models);
        var ctx = new TrainingContext { DataDirectory = data, ModelsDirectory = models, Seed = seed };
        var sw = System.Diagnostics.Stopwatch.StartNew();
        switch (args[0])
        {
            case "tagger": TaggerTrainer.Run(ctx); break;
            case "lemmatizer": LemmatizerTrainer.Run(ctx); break;
            case "parser": ParserTrainer.Run(ctx); break;
            case "ner": NerTrainer.Run(ctx); break;
            case "eval": EvaluationRunner.Run(ctx); break;
            case "news": EvaluationRunner.RunNews(ctx); break;
            case "speed": SpeedRunner.Run(ctx); break;
            case "prune-parser": PruneRunner.Run(ctx, Environment.GetEnvironmentVariable("PARSER_PRUNE_THRESHOLDS") is { } list
                ? [.. list.Split(',').Select(t => float.Parse(t, System.Globalization.CultureInfo.InvariantCulture))]
                : [0f, 0.25f, 0.5f, 0.75f, 1f, 2f]); break;
            case "dev-parser": PruneRunner.Run(ctx, [0f]); break;
            case "dev-ner": NerTrainer.RunDev(ctx); break;
            case "all":
                TaggerTrainer.Run(ctx);
                LemmatizerTrainer.Run(ctx);
                // the parser copies the recogniser's word clusters, so the recogniser comes first
                NerTrainer.Run(ctx);
                ParserTrainer.Run(ctx);
                EvaluationRunner.Run(ctx);
                break;
            default: Console.Error.WriteLine($"unknown command {args[0]}"); return 2;
        }
        TrainingContext.Log($"done in {sw.Elapsed.TotalSeconds:F0}s");
        return 0;
    }
}
