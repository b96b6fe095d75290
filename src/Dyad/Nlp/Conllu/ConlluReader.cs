using System.IO.Compression;
using Dyad.Errors;

namespace Dyad.Nlp.Conllu;

/// <summary>Reads CoNLL-U (plain or gzip) into <see cref="ConlluSentence"/>s.</summary>
public static class ConlluReader
{
    public static TextReader Open(string path)
    {
        if (!File.Exists(path)) throw new DyadException(ErrorCode.InputNotFound, $"no such file: {path}");
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(stream, System.Text.Encoding.UTF8);
    }

    public static List<ConlluSentence> ReadFile(string path)
    {
        using var reader = Open(path);
        return Read(reader).ToList();
    }

    public static IEnumerable<ConlluSentence> Read(TextReader reader)
    {
        var comments = new List<string>();
        var rows = new List<string[]>();
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                if (rows.Count > 0) yield return Build(comments, rows);
                comments.Clear();
                rows.Clear();
                continue;
            }
            if (line[0] == '#') { comments.Add(line); continue; }
            var cols = line.Split('\t');
            if (cols.Length != 10)
                throw new DyadException(ErrorCode.InputUnsupported, $"CoNLL-U line {lineNumber}: expected 10 columns, found {cols.Length}");
            if (cols[0].Contains('-') || cols[0].Contains('.')) continue;
            rows.Add(cols);
        }
        if (rows.Count > 0) yield return Build(comments, rows);
    }

    private static ConlluSentence Build(List<string> comments, List<string[]> rows)
    {
        var s = new ConlluSentence(rows.Count);
        foreach (var c in comments)
        {
            s.Comments.Add(c);
            if (c.StartsWith("# sent_id = ", StringComparison.Ordinal)) s.SentenceId = c[12..];
            else if (c.StartsWith("# text = ", StringComparison.Ordinal)) s.Text = c[9..];
            else if (c.StartsWith("# newdoc", StringComparison.Ordinal)) s.StartsDocument = true;
            else if (c.StartsWith("# newpar", StringComparison.Ordinal)) s.StartsParagraph = true;
        }
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            s.Forms[i] = r[1];
            s.Lemmas[i] = r[2];
            s.Upos[i] = r[3];
            s.Xpos[i] = r[4];
            s.Feats[i] = r[5];
            s.Heads[i] = r[6] == "_" ? 0 : int.Parse(r[6], System.Globalization.CultureInfo.InvariantCulture);
            s.Relations[i] = r[7];
            s.Misc[i] = r[9];
        }
        return s;
    }
}

/// <summary>Writes sentences back as CoNLL-U, one word per line, basic tree only.</summary>
public static class ConlluWriter
{
    public static void Write(TextWriter writer, ConlluSentence s)
    {
        foreach (var c in s.Comments) writer.WriteLine(c);
        for (int i = 0; i < s.Count; i++)
        {
            writer.Write(i + 1); writer.Write('\t');
            writer.Write(s.Forms[i]); writer.Write('\t');
            writer.Write(Or(s.Lemmas[i])); writer.Write('\t');
            writer.Write(Or(s.Upos[i])); writer.Write('\t');
            writer.Write(Or(s.Xpos[i])); writer.Write('\t');
            writer.Write(Or(s.Feats[i])); writer.Write('\t');
            writer.Write(s.Heads[i]); writer.Write('\t');
            writer.Write(Or(s.Relations[i])); writer.Write("\t_\t");
            writer.WriteLine(Or(s.Misc[i]));
        }
        writer.WriteLine();
    }

    private static string Or(string? value) => string.IsNullOrEmpty(value) ? "_" : value;
}
