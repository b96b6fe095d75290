using System.CommandLine;
using Dyad.Cli.Commands;

namespace Dyad.Tests.Nlp;

public class NlpCommandTests
{
    private static (int Code, string Output) Run(params string[] args)
    {
        Environment.SetEnvironmentVariable("DYAD_MODELS", TestModels.Directory());
        var output = new StringWriter();
        var error = new StringWriter();
        int code = NlpCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output + error.ToString());
    }

    private static string Temp(string extension, string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dyad-nlp-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void ParseTokenizedWritesTenColumnConllu()
    {
        var path = Temp(".conllu", "# sent_id = 1\n1\tTroops\t_\t_\t_\t_\t0\t_\t_\t_\n2\tleft\t_\t_\t_\t_\t0\t_\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t0\t_\t_\t_\n\n");
        try
        {
            var (code, output) = Run("parse", path, "--tokenized");
            Assert.Equal(0, code);
            var rows = output.Split('\n').Where(l => l.Length > 0 && char.IsDigit(l[0])).Select(l => l.Split('\t')).ToList();
            Assert.Equal(3, rows.Count);
            Assert.All(rows, r => Assert.Equal(10, r.Length));
            Assert.Equal("left", rows[1][1]);
            Assert.Equal("VERB", rows[1][3]);
            Assert.Equal("0", rows[1][6]);
            Assert.Equal("root", rows[1][7]);
            Assert.Equal("SpaceAfter=No", rows[1][9]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void NerOnTextPrintsSpansWithOffsets()
    {
        const string text = "Talks in Geneva ended.\nBarack Obama spoke.";
        var path = Temp(".txt", text);
        try
        {
            var (code, output) = Run("ner", path);
            Assert.Equal(0, code);
            var line = output.Split('\n').Single(l => l.Contains("Barack Obama"));
            var cols = line.Split('\t');
            Assert.Equal(text.IndexOf("Barack", StringComparison.Ordinal).ToString(), cols[0]);
            Assert.Equal("PERSON", cols[2]);
        }
        finally { File.Delete(path); }
    }

    /// <summary>One sentence in UNER's IOB2 layout, every word O, opening a document when newdoc is given.</summary>
    private static string Sentence(string text, string? newdoc = null)
        => (newdoc != null ? $"# newdoc id = {newdoc}\n" : "")
            + string.Join('\n', text.Split(' ').Select((w, i) => $"{i + 1}\t{w}\tO\t-\t-")) + "\n\n";

    /// <summary>`dyad nlp ner FILE --tokenized` on this IOB2 text: its output, after checking it succeeded.</summary>
    private static string NerTokenized(string iob2)
    {
        var path = Temp(".iob2", iob2);
        try
        {
            var (code, output) = Run("ner", path, "--tokenized");
            Assert.Equal(0, code);
            return output;
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void NerTokenizedWritesUnerLayout()
    {
        var output = NerTokenized("# sent_id = x\n1\tBarack\tO\t-\t-\n2\tObama\tO\t-\t-\n3\tspoke\tO\t-\t-\n\n");
        Assert.Contains("1\tBarack\tB-PER\t-\t-", output);
        Assert.Contains("2\tObama\tI-PER\t-\t-", output);
        Assert.Contains("3\tspoke\tO\t-\t-", output);
    }

    [Fact]
    public void NerTokenizedWritesTheEntitiesStagesLayerWithoutTitles()
    {
        // the recogniser takes "Mr" and "Governor" into the names; the entities stage cuts titles off, and the
        // tokenized output (what UNER's scorer reads) is that stage's layer, as on raw text
        var output = NerTokenized(Sentence("Mr Obradovic said so .", "a") + Sentence("Governor Alvarez vetoed it .", "b"));
        Assert.Contains("1\tMr\tO\t-\t-", output);
        Assert.Contains("2\tObradovic\tB-PER\t-\t-", output);
        Assert.Contains("1\tGovernor\tO\t-\t-", output);
        Assert.Contains("2\tAlvarez\tB-PER\t-\t-", output);
    }

    [Fact]
    public void NerTokenizedCarriesNamesAcrossADocumentsSentencesAsTheScorerDoes()
    {
        const string Later = "Few remember Dorvale now .";
        // the premise: recognised on its own, the second sentence leaves the name out
        var aloneOutput = NerTokenized(Sentence(Later, "c"));
        Assert.Contains("3\tDorvale\tO\t-\t-", aloneOutput);
        var output = NerTokenized(Sentence("Shares of Dorvale fell on Monday after Dorvale shut two plants .", "b") + Sentence(Later));
        // the second sentence alone gives the recogniser too little (alone it is left O); the document's first
        // sentence names it, so it takes the type the name got there, whichever type the model gave it
        var first = output[output.IndexOf("\tDorvale\t", StringComparison.Ordinal)..].Split('\t')[2];
        Assert.StartsWith("B-", first);
        var second = output[output.LastIndexOf("3\tDorvale", StringComparison.Ordinal)..];
        Assert.StartsWith($"3\tDorvale\t{first}\t-\t-", second);
        Assert.Equal(3, output.Split($"\t{first}\t").Length - 1);   // both in the first sentence, and this one
    }

    [Fact]
    public void EvalScoresTheNerOutputAgainstItsGoldFile()
    {
        const string gold = "# sent_id = a\n1\tBarack\tB-PER\t-\t-\n2\tObama\tI-PER\t-\t-\n3\tvisited\tO\t-\t-\n4\tParis\tB-LOC\t-\t-\n5\t.\tO\t-\t-\n\n";
        var goldPath = Temp(".iob2", gold);
        var systemPath = Temp(".iob2", NerTokenized(gold));
        try
        {
            var (code, output) = Run("eval", "--gold", goldPath, "--system", systemPath);
            Assert.Equal(0, code);
            // the recogniser finds both names; had it not, F1 would not be 100
            Assert.Contains("entity spans (exact words and type): P 100.00  R 100.00  F1 100.00  (2 gold, 2 predicted)", output);
            Assert.Contains("  LOC: P 100.00", output);
            // one sentence, no document marked: the interval resamples sentences, and one right sentence is always right
            Assert.Contains("  F1 over resampled sentences (1 sentences drawn with replacement, 1000 times, fixed seed): 95% between 100.00 and 100.00, standard deviation 0.00", output);
            // a system file that misses a name scores lower
            File.WriteAllText(systemPath, gold.Replace("B-LOC", "O"));
            (code, output) = Run("eval", "--gold", goldPath, "--system", systemPath);
            Assert.Equal(0, code);
            Assert.Contains("P 100.00  R 50.00  F1 66.67  (2 gold, 1 predicted)", output);
        }
        finally { File.Delete(goldPath); File.Delete(systemPath); }
    }

    [Fact]
    public void EvalScoresTheParseOutputAgainstItsGoldFile()
    {
        const string gold = "# sent_id = 1\n1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
        var goldPath = Temp(".conllu", gold);
        var systemPath = Temp(".out", "");
        try
        {
            var (code, parsed) = Run("parse", goldPath, "--tokenized");
            Assert.Equal(0, code);
            File.WriteAllText(systemPath, parsed);
            var (evalCode, output) = Run("eval", "--gold", goldPath, "--system", systemPath);
            Assert.Equal(0, evalCode);
            Assert.Contains("words: 3 gold, 3 system; sentences: 1 gold, 1 system", output);
            Assert.Contains("words 100.00  sentences 100.00  UPOS 100.00", output);
            Assert.Contains("UAS 100.00  LAS 100.00", output);
        }
        finally { File.Delete(goldPath); File.Delete(systemPath); }
    }

    [Fact]
    public void EvalRefusesHalfAPairAndMixedFormats()
    {
        var iob2 = Temp(".iob2", "1\tTalks\tO\t-\t-\n\n");
        var conllu = Temp(".conllu", "1\tTalks\ttalk\tNOUN\tNNS\t_\t0\troot\t_\t_\n\n");
        try
        {
            var (code, output) = Run("eval", "--gold", iob2);
            Assert.Equal(1, code);
            Assert.Contains("DY501", output);
            (code, output) = Run("eval", "--gold", iob2, "--system", conllu);
            Assert.Equal(1, code);
            Assert.Contains("DY112", output);
            Assert.Contains("is IOB2", output);
            // files of the same kind with other words: the error names both files
            var otherWords = Temp(".iob2", "1\tTalk\tO\t-\t-\n\n");
            (code, output) = Run("eval", "--gold", iob2, "--system", otherWords);
            File.Delete(otherWords);
            Assert.Equal(1, code);
            Assert.Contains($"DY112: {otherWords} against {iob2}: sentence 1", output);
        }
        finally { File.Delete(iob2); File.Delete(conllu); }
    }

    [Fact]
    public void MissingFileIsAReportedError()
    {
        var (code, output) = Run("ner", "/nonexistent/file.txt");
        Assert.Equal(1, code);
        Assert.Contains("DY108", output);
    }
}
