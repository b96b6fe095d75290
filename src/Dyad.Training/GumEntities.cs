using Dyad.Nlp.Conllu;

namespace Dyad.Training;

/// <summary>
/// Named entities from GUM's entity layer (MISC Entity= brackets) as IOB2 sentences: a mention counts as named
/// when its syntactic head is a proper noun; a leading determiner is dropped; person, organization and place
/// become PER, ORG and LOC; nested mentions give way to the outermost named one. Documents of genres under a
/// non-commercial licence are left out.
/// </summary>
public static class GumEntities
{
    public static readonly string[] ExcludedPrefixes = ["GUM_essay_", "GUM_fiction_", "GUM_letter_", "GUM_podcast_", "GUM_whow_"];
    public const int MaxSpan = 10;

    /// <summary>GUM sentences of the genres whose licence allows commercial use.</summary>
    public static List<ConlluSentence> CommercialDocuments(string path)
        => SentencesOf(path, docId => !ExcludedPrefixes.Any(p => docId.StartsWith(p, StringComparison.Ordinal)));

    /// <summary>The sentences of one genre's documents (document ids start with the prefix, e.g. "GUM_news_").</summary>
    public static List<ConlluSentence> Genre(string path, string prefix)
        => SentencesOf(path, docId => docId.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The commercially usable sentences with their named mentions as IOB2.</summary>
    public static List<Iob2Sentence> Read(string path) => [.. CommercialDocuments(path).Select(Convert)];

    /// <summary>The sentences whose document (the latest "# newdoc id" above them) the filter keeps.</summary>
    private static List<ConlluSentence> SentencesOf(string path, Func<string, bool> keepDocument)
    {
        var result = new List<ConlluSentence>();
        string docId = "";
        foreach (var s in ConlluReader.ReadFile(path))
        {
            foreach (var c in s.Comments)
                if (c.StartsWith("# newdoc id = ", StringComparison.Ordinal)) docId = c[14..].Trim();
            if (keepDocument(docId)) result.Add(s);
        }
        return result;
    }

    public static Iob2Sentence Convert(ConlluSentence s)
    {
        var open = new Dictionary<string, (int Start, string Type)>();
        var mentions = new List<(int Start, int End, string Type)>();
        for (int i = 0; i < s.Count; i++)
        {
            string? entity = null;
            foreach (var part in s.Misc[i].Split('|'))
                if (part.StartsWith("Entity=", StringComparison.Ordinal)) entity = part[7..];
            if (entity == null) continue;
            int p = 0;
            while (p < entity.Length)
            {
                if (entity[p] == '(')
                {
                    int q = p + 1;
                    while (q < entity.Length && entity[q] != '(' && entity[q] != ')') q++;
                    var fields = entity[(p + 1)..q].Split('-');
                    string id = fields[0], type = fields.Length > 1 ? fields[1] : "";
                    if (q < entity.Length && entity[q] == ')') { mentions.Add((i, i + 1, type)); q++; }
                    else open[id] = (i, type);
                    p = q;
                }
                else
                {
                    int q = p;
                    while (q < entity.Length && entity[q] != ')' && entity[q] != '(') q++;
                    string id = entity[p..q];
                    if (open.Remove(id, out var o)) mentions.Add((o.Start, i + 1, o.Type));
                    p = q < entity.Length && entity[q] == ')' ? q + 1 : q;
                }
            }
        }
        var tags = Enumerable.Repeat("O", s.Count).ToArray();
        var covered = new bool[s.Count];
        foreach (var (start0, end, type) in mentions.OrderByDescending(m => m.End - m.Start).ThenBy(m => m.Start))
        {
            string? label = type switch { "person" => "PER", "organization" => "ORG", "place" => "LOC", _ => null };
            if (label == null || end - start0 > MaxSpan) continue;
            int start = start0;
            while (start < end && s.Upos[start] is "DET" or "PUNCT") start++;
            if (start >= end || !HeadIsProperNoun(s, start, end)) continue;
            bool overlaps = false;
            for (int t = start; t < end; t++) overlaps |= covered[t];
            if (overlaps) continue;
            for (int t = start; t < end; t++) { covered[t] = true; tags[t] = (t == start ? "B-" : "I-") + label; }
        }
        return new Iob2Sentence([.. s.Comments], s.Forms, tags);
    }

    private static bool HeadIsProperNoun(ConlluSentence s, int start, int end)
    {
        for (int t = start; t < end; t++)
        {
            int h = s.Heads[t] - 1;
            if (h < start || h >= end) return s.Upos[t] == "PROPN";
        }
        return false;
    }
}
