namespace Dyad.Nlp.Conllu;

/// <summary>
/// One sentence of a CoNLL-U file, basic tree only: multiword-token ranges and empty nodes are left out,
/// so index i is word i+1 of the file. Heads are 1-based word numbers with 0 for the root, as in the file.
/// </summary>
public sealed class ConlluSentence
{
    public ConlluSentence(int count)
    {
        Forms = new string[count];
        Lemmas = new string[count];
        Upos = new string[count];
        Xpos = new string[count];
        Feats = new string[count];
        Heads = new int[count];
        Relations = new string[count];
        Misc = new string[count];
    }

    public int Count => Forms.Length;
    public string[] Forms { get; }
    public string[] Lemmas { get; }
    public string[] Upos { get; }
    public string[] Xpos { get; }
    public string[] Feats { get; }
    public int[] Heads { get; }
    public string[] Relations { get; }
    public string[] Misc { get; }
    public List<string> Comments { get; } = [];
    public string? SentenceId { get; set; }
    public string? Text { get; set; }
    public bool StartsDocument { get; set; }
    public bool StartsParagraph { get; set; }

    /// <summary>Whether the word is followed by a space in the original text (MISC SpaceAfter=No says not).</summary>
    public bool SpaceAfter(int i) => !Misc[i].Contains("SpaceAfter=No", StringComparison.Ordinal);

    /// <summary>True when no two arcs cross (the arc-eager oracle needs this).</summary>
    public bool IsProjective()
    {
        for (int i = 0; i < Count; i++)
        {
            int a = Math.Min(i + 1, Heads[i]), b = Math.Max(i + 1, Heads[i]);
            for (int j = 0; j < Count; j++)
            {
                int c = Math.Min(j + 1, Heads[j]), d = Math.Max(j + 1, Heads[j]);
                if (a < c && c < b && b < d) return false;
                if (c < a && a < d && d < b) return false;
            }
        }
        return true;
    }
}
