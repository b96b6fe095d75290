using System.Text.Json.Nodes;
using Dyad.Nlp.Conllu;
using Dyad.Nlp.Lemmatization;
using Dyad.Nlp.Models;

namespace Dyad.Training;

/// <summary>Learns the lemma table and suffix rules from EWT train's lemma column.</summary>
public static class LemmatizerTrainer
{
    public const int RuleMinCount = 2;

    public static Lemmatizer Train(IReadOnlyList<ConlluSentence> train)
    {
        var exact = new Dictionary<ulong, Dictionary<string, int>>();
        var lower = new Dictionary<ulong, Dictionary<string, int>>();
        var anyTag = new Dictionary<ulong, Dictionary<string, int>>();
        var rules = new Dictionary<ulong, Dictionary<(byte, string), int>>();
        foreach (var s in train)
            for (int i = 0; i < s.Count; i++)
            {
                string form = s.Forms[i], xpos = s.Xpos[i], lemma = s.Lemmas[i];
                if (lemma == "_") continue;
                Count(exact, Lemmatizer.ExactKey(form, xpos), lemma);
                Count(lower, Lemmatizer.LowerKey(form, xpos), lemma);
                if (!Lemmatizer.KeepsCase(xpos)) Count(anyTag, Lemmatizer.AnyTagKey(form), lemma.ToLowerInvariant());
                bool keepCase = Lemmatizer.KeepsCase(xpos);
                string f = keepCase ? form : form.ToLowerInvariant();
                string l = keepCase ? lemma : lemma.ToLowerInvariant();
                int p = 0;
                while (p < f.Length && p < l.Length && f[p] == l[p]) p++;
                if (f.Length - p > byte.MaxValue) continue;
                var rule = ((byte)(f.Length - p), l[p..]);
                string fl = form.ToLowerInvariant();
                for (int k = 0; k <= Math.Min(Lemmatizer.MaxSuffix, fl.Length); k++)
                {
                    var key = Lemmatizer.RuleKey(fl.AsSpan(fl.Length - k), xpos);
                    if (!rules.TryGetValue(key, out var counts)) rules[key] = counts = [];
                    counts[rule] = counts.GetValueOrDefault(rule) + 1;
                }
            }
        var ruleTable = new Dictionary<ulong, Lemmatizer.SuffixRule>();
        foreach (var (key, counts) in rules)
        {
            var best = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key.Item1).ThenBy(c => c.Key.Item2, StringComparer.Ordinal).First();
            if (best.Value >= RuleMinCount) ruleTable[key] = new Lemmatizer.SuffixRule(best.Key.Item1, best.Key.Item2);
        }
        return new Lemmatizer(Best(exact), Best(lower), Best(anyTag), ruleTable);
    }

    private static void Count<TKey>(Dictionary<ulong, Dictionary<TKey, int>> table, ulong key, TKey value) where TKey : notnull
    {
        if (!table.TryGetValue(key, out var counts)) table[key] = counts = [];
        counts[value] = counts.GetValueOrDefault(value) + 1;
    }

    private static Dictionary<ulong, string> Best(Dictionary<ulong, Dictionary<string, int>> table)
        => table.ToDictionary(p => p.Key, p => p.Value.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key);

    public static double Evaluate(Lemmatizer lemmatizer, IReadOnlyList<ConlluSentence> data, Func<ConlluSentence, int, string>? xposOf = null)
    {
        int correct = 0, total = 0;
        foreach (var s in data)
            for (int i = 0; i < s.Count; i++)
            {
                string xpos = xposOf?.Invoke(s, i) ?? s.Xpos[i];
                if (lemmatizer.Lemmatize(s.Forms[i], xpos) == s.Lemmas[i]) correct++;
                total++;
            }
        return 100.0 * correct / total;
    }

    public static void Run(TrainingContext ctx)
    {
        var lemmatizer = Train(ctx.EwtSentences("train"));
        TrainingContext.Log($"lemmatizer dev accuracy (gold XPOS) {Evaluate(lemmatizer, ctx.EwtSentences("dev")):F2}");
        var models = ModelManifest.LoadOrCreate(ctx.ModelsDirectory);
        if (models.Has(Dyad.Nlp.Tagging.PosTagger.Kind))
        {
            var tagger = ModelFile.Load(models.PathOf("tagger"), "tagger", models.Sha256Of("tagger"), Dyad.Nlp.Tagging.PosTagger.Read);
            var dev = ctx.EwtSentences("dev");
            var predicted = dev.Select(s => ParserTrainer.TagSentence(tagger, s)).ToArray();
            var index = dev.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
            TrainingContext.Log($"lemmatizer dev accuracy (predicted XPOS) {Evaluate(lemmatizer, dev, (s, i) => predicted[index[s]][i]):F2}");
        }
        var bytes = ModelFile.Serialize(Lemmatizer.Kind, lemmatizer.Write);
        var manifest = ModelManifest.LoadOrCreate(ctx.ModelsDirectory);
        manifest.Put(Lemmatizer.Kind, "lemmatizer.bin", bytes, new JsonObject
        {
            ["rebuild"] = ctx.RebuildCommand("lemmatizer"),
            ["description"] = "Word+XPOS lemma table with learned suffix rewrite rules for unseen words",
            ["data"] = "UD English EWT v2.16 train (lemma column)",
            ["licence"] = "CC BY-SA 4.0 (model derived from UD English EWT)",
            ["hyperParameters"] = new JsonObject { ["maxSuffix"] = Lemmatizer.MaxSuffix, ["ruleMinCount"] = RuleMinCount },
        });
        manifest.Save();
        TrainingContext.Log($"lemmatizer written: {bytes.Length} bytes");
    }
}
