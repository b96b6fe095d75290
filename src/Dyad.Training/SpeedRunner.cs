using System.Diagnostics;
using Dyad.Documents;
using Dyad.Nlp.Models;

namespace Dyad.Training;

/// <summary>Time each NLP stage over EWT test text rebuilt into documents (one thread, after a warm-up).</summary>
public static class SpeedRunner
{
    public static void Run(TrainingContext ctx)
    {
        var models = NlpModels.Load(ctx.ModelsDirectory);
        var stages = models.Stages();
        var texts = new List<string>();
        var sb = new System.Text.StringBuilder();
        foreach (var s in ctx.EwtSentences("test"))
        {
            if (s.StartsDocument && sb.Length > 0) { texts.Add(sb.ToString()); sb.Clear(); }
            if (sb.Length > 0) sb.Append(s.StartsParagraph ? "\n\n" : " ");
            sb.Append(s.Text);
        }
        texts.Add(sb.ToString());
        var ticks = new long[stages.Count];
        long words = 0;
        for (int round = 0; round < 3; round++)
        {
            if (round == 1) { Array.Clear(ticks); words = 0; }
            foreach (var text in texts)
            {
                var document = new Document(new Article { Id = "speed", Text = text });
                for (int i = 0; i < stages.Count; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    stages[i].Process(document);
                    ticks[i] += Stopwatch.GetTimestamp() - start;
                    document.MarkPresent(stages[i].Produces);
                }
                words += document.TokenCount;
            }
        }
        double total = 0;
        for (int i = 0; i < stages.Count; i++)
        {
            double seconds = (double)ticks[i] / Stopwatch.Frequency;
            total += seconds;
            TrainingContext.Log($"{stages[i].Name,-10} {words / seconds,12:F0} words/s");
        }
        TrainingContext.Log($"{"all",-10} {words / total,12:F0} words/s ({words} words, wall clock, one thread)");
    }
}
