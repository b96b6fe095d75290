using System.Diagnostics;
using Dyad.Documents;
using Dyad.Nlp.Models;
using Dyad.Processing;

namespace Dyad.Training;

/// <summary>
/// Time each NLP stage over EWT test text rebuilt into documents (one thread, after a warm-up), by wall clock
/// and, on Linux, by the thread's own CPU time, which other jobs on a busy machine disturb far less.
/// </summary>
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
        var cpu = new long[stages.Count];
        long words = 0;
        for (int round = 0; round < 3; round++)
        {
            if (round == 1) { Array.Clear(ticks); Array.Clear(cpu); words = 0; }
            // as the runtime's BatchRunner runs them: a batch of documents through one stage after another
            foreach (var batch in texts.Chunk(Dyad.Processing.BatchRunner.DefaultArticlesPerBatch))
            {
                var documents = batch.Select(text => new Document(new Article { Id = "speed", Text = text })).ToList();
                for (int i = 0; i < stages.Count; i++)
                {
                    long start = Stopwatch.GetTimestamp(), cpuStart = ThreadCpuClock.Nanoseconds();
                    foreach (var document in documents) stages[i].Process(document);
                    ticks[i] += Stopwatch.GetTimestamp() - start;
                    cpu[i] += ThreadCpuClock.Nanoseconds() - cpuStart;
                    foreach (var document in documents) document.MarkPresent(stages[i].Produces);
                }
                words += documents.Sum(d => d.TokenCount);
            }
        }
        double total = 0, totalCpu = 0;
        for (int i = 0; i < stages.Count; i++)
        {
            double seconds = (double)ticks[i] / Stopwatch.Frequency, cpuSeconds = cpu[i] / 1e9;
            total += seconds;
            totalCpu += cpuSeconds;
            TrainingContext.Log($"{stages[i].Name,-10} {words / seconds,12:F0} words/s wall clock {words / cpuSeconds,12:F0} words per thread CPU-second");
        }
        TrainingContext.Log($"{"all",-10} {words / total,12:F0} words/s wall clock {words / totalCpu,12:F0} words per thread CPU-second ({words} words, one thread, two timed rounds after a warm-up, batches of {Dyad.Processing.BatchRunner.DefaultArticlesPerBatch} documents run stage by stage)");
    }
}
