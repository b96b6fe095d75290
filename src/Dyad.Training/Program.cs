namespace Dyad.Training;

/// <summary>
/// Trains Dyad's NLP models from the treebanks in shared/data and writes them with their manifest to models/.
/// Usage: <c>dyad train --help</c>.
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

    private static readonly (string Name, string What)[] Commands =
    [
        ("tagger", "train the part-of-speech tagger (EWT train and dev)"),
        ("lemmatizer", "train the lemmatizer (EWT train)"),
        ("parser", "train the dependency parser (EWT train, GUM train; about 15 minutes with the shipped switches)"),
        ("ner", "train the entity recogniser (UNER EWT train; about 30 seconds)"),
        ("all", "train all four, then eval"),
        ("eval", "score the models on the test sets and record the scores in the manifest"),
        ("news", "score tagger, lemmatizer, parser and recogniser on GUM's news documents"),
        ("speed", "time every stage over EWT test's text on one thread"),
        ("prune-parser", "parser dev LAS and size at several pruning thresholds"),
        ("dev-parser", "parser dev UAS/LAS with tags from a tagger trained on train only"),
        ("ablate-parser", "parser dev LAS with each context template left out at parse time, one at a time (candidates for PARSER_OMIT)"),
        ("dev-ner", "recogniser dev F1 at several beam widths"),
    ];

    private static string Usage() =>
        "usage: dyad train COMMAND [--data DIR] [--models DIR] [--seed N]\n\ncommands:\n"
        + string.Join('\n', Commands.Select(c => $"  {c.Name,-13} {c.What}"))
        + "\n\noptions:\n  --data DIR    the treebanks (default: shared/data beside the repository)\n"
        + "  --models DIR  where models and manifest.json are read and written (default: models/)\n"
        + $"  --seed N      training seed (default {TrainingContext.DefaultSeed})\n\n"
        + "Training switches (PARSER_*, NER_*) are listed in models/README.md, section Reproduce; each model's manifest entry\n"
        + "gives the command that rebuilt it.";

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Checks the command line (usage and mistakes to the writers given), then runs the command.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            (args.Length == 0 ? error : output).WriteLine(Usage());
            return args.Length == 0 ? 2 : 0;
        }
        if (!Commands.Any(c => c.Name == args[0]))
        {
            error.WriteLine($"dyad train: unknown command '{args[0]}'\n\n{Usage()}");
            return 2;
        }
        string? data = null, models = null;
        int seed = TrainingContext.DefaultSeed;
        for (int i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                error.WriteLine($"dyad train: option {args[i]} needs a value\n\n{Usage()}");
                return 2;
            }
            switch (args[i])
            {
                case "--data": data = args[i + 1]; break;
                case "--models": models = args[i + 1]; break;
                case "--seed" when int.TryParse(args[i + 1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n): seed = n; break;
                case "--seed": error.WriteLine($"dyad train: --seed needs a whole number, not '{args[i + 1]}'"); return 2;
                default: error.WriteLine($"dyad train: unknown option {args[i]}\n\n{Usage()}"); return 2;
            }
        }
        // the defaults sit beside and inside the repository
        if (data == null || models == null)
        {
            string root;
            try { root = TrainingContext.FindRepoRoot(); }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"dyad train: {e.Message}; run it from the repository (./dyad train …) or pass --data and --models");
                return 2;
            }
            data ??= FindSharedData(root);
            models ??= Path.Combine(root, "models");
        }
        if (!Directory.Exists(data))
        {
            error.WriteLine($"dyad train: the treebank folder {Path.GetFullPath(data)} does not exist; put the shared data beside the repository or pass --data DIR");
            return 2;
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
            case "ablate-parser": PruneRunner.Ablate(ctx); break;
            case "dev-ner": NerTrainer.RunDev(ctx); break;
            case "all":
                TaggerTrainer.Run(ctx);
                LemmatizerTrainer.Run(ctx);
                // the parser copies the recogniser's word clusters, so the recogniser comes first
                NerTrainer.Run(ctx);
                ParserTrainer.Run(ctx);
                EvaluationRunner.Run(ctx);
                break;
            default: throw new InvalidOperationException($"command {args[0]} is listed but not run");
        }
        TrainingContext.Log($"done in {sw.Elapsed.TotalSeconds:F0}s");
        return 0;
    }
}
