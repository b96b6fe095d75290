using Dyad.Nlp.Conllu;
using Dyad.Nlp.Entities;
using Dyad.Nlp.Models;

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
    public static List<ConlluSentence> CommercialDocuments(string path) => SentencesOf(path, IsCommercial);

    private static bool IsCommercial(string docId) => !ExcludedPrefixes.Any(p => docId.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The sentences of one genre's documents (document ids start with the prefix, e.g. "GUM_news_").</summary>
    public static List<ConlluSentence> Genre(string path, string prefix)
        => SentencesOf(path, docId => docId.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The commercially usable sentences with their named mentions as IOB2.</summary>
    public static List<Iob2Sentence> Read(string path) => [.. CommercialDocuments(path).Select(Convert)];

    /// <summary>
    /// Training sentences for the recogniser: the commercially usable documents but the news (the recogniser's news
    /// dev set), each as <see cref="TrainingSentence"/> gives it, sentences naming a person left out.
    /// </summary>
    public static List<Iob2Sentence> TrainingNames(string path, EntityGazetteer gazetteer)
        => [.. SentencesOf(path, docId => IsCommercial(docId) && !docId.StartsWith("GUM_news_", StringComparison.Ordinal))
            .Select(s => TrainingSentence(s, gazetteer)).OfType<Iob2Sentence>()];

    /// <summary>
    /// One GUM sentence with its names cut as UNER marks them (<see cref="Names"/>), or null when it names a person:
    /// GUM's persons (characters, titles, groups) lowered the recogniser's person precision on UNER dev by 3 points,
    /// while its places and organisations help. A name GUM types as an organisation by its role ("South Korea"
    /// signing, "Sweden" playing) that Dyad's tables know only as a place is a place, as UNER types it by name; a
    /// plural person "name" ("Democrats", "Muslims") is no name in UNER and leaves the sentence in, unmarked.
    /// </summary>
    public static Iob2Sentence? TrainingSentence(ConlluSentence s, EntityGazetteer gazetteer)
    {
        const EntityGazetteer.Kinds NameKinds = EntityGazetteer.Kinds.Location | EntityGazetteer.Kinds.Organisation | EntityGazetteer.Kinds.Person;
        var kept = new List<(int Start, int End, string Label)>();
        foreach (var (start, end, label) in Iob2Reader.Spans(Names(s).Tags))
        {
            if (label == "PER" && s.Xpos[end - 1] == "NNPS") continue;
            if (label == "PER") return null;
            var key = EntityGazetteer.KeyOf([.. s.Forms[start..end].Select(w => FeatureHash.OfLower(w))]);
            kept.Add((start, end, label == "ORG" && (gazetteer.KindsOf(key) & NameKinds) == EntityGazetteer.Kinds.Location ? "LOC" : label));
        }
        return Tagged(s, kept);
    }

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

    /// <summary>Every mention of the entity layer: word span and entity type.</summary>
    private static List<(int Start, int End, string Type)> Mentions(ConlluSentence s)
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
        return mentions;
    }

    /// <summary>
    /// The sentence with its names marked as UNER marks them (for scoring the recogniser on GUM's news): UNER marks
    /// names, not mentions, so "NASA Administrator Charles Bolden" is NASA (ORG) and Charles Bolden (PER), "the
    /// University of Portsmouth, United Kingdom" an ORG and a LOC. Each mention whose head is a capitalised proper
    /// noun is cut down to the run of capitalised words (joined by "of", "and", "&amp;", "de", "the", "for") around
    /// its head; a nested mention of another type at the run's left edge ends it there, and so does a title
    /// (nmod:desc or a common noun) before the name; longer names win over the
    /// names they overlap. GUM types by role, not by name ("South Korea" signing a treaty is an organization), so
    /// typed scores here understate agreement; the untyped span score does not depend on that.
    /// </summary>
    public static Iob2Sentence Names(ConlluSentence s)
    {
        var mentions = Mentions(s);
        var names = new List<(int Start, int End, string Label)>();
        foreach (var (start, end, type) in mentions)
        {
            if (LabelOf(type) is not { } label || end - start > MaxSpan) continue;
            int head = HeadOf(s, start, end);
            if (head < 0 || s.Upos[head] != "PROPN" || !IsCapitalised(s.Forms[head])) continue;
            int left = head, right = head;
            while (left - 1 >= start && IsNameWord(s, left - 1)) left--;
            while (right + 1 < end && IsNameWord(s, right + 1)) right++;
            while (right > head && !IsCapitalised(s.Forms[right])) right--;
            foreach (var (innerStart, innerEnd, innerType) in mentions)
                if (innerType != type && innerStart == left && innerEnd <= head) left = innerEnd;
            // a title before a name is GUM's nmod:desc ("President Obama"), or a common noun
            while (left < head && (!IsCapitalised(s.Forms[left]) || s.Upos[left] == "NOUN" || s.Relations[left] == "nmod:desc")) left++;
            names.Add((left, right + 1, label));
        }
        return Tagged(s, names.Distinct().OrderByDescending(m => m.End - m.Start).ThenBy(m => m.Start));
    }

    /// <summary>The recogniser's type for a GUM entity type, or null for the types it does not have.</summary>
    private static string? LabelOf(string type) => type switch { "person" => "PER", "organization" => "ORG", "place" => "LOC", _ => null };

    /// <summary>The sentence as IOB2 with the spans given, in that order, each left out where it overlaps one before it.</summary>
    private static Iob2Sentence Tagged(ConlluSentence s, IEnumerable<(int Start, int End, string Label)> spans)
    {
        var tags = Enumerable.Repeat("O", s.Count).ToArray();
        var covered = new bool[s.Count];
        foreach (var (start, end, label) in spans)
        {
            bool overlaps = false;
            for (int t = start; t < end; t++) overlaps |= covered[t];
            if (overlaps) continue;
            for (int t = start; t < end; t++) { covered[t] = true; tags[t] = (t == start ? "B-" : "I-") + label; }
        }
        return new Iob2Sentence([.. s.Comments], s.Forms, tags);
    }

    private static readonly HashSet<string> NameJoiners = new(StringComparer.Ordinal) { "of", "and", "&", "de", "the", "for" };

    private static bool IsCapitalised(string word) => word.Length > 0 && (char.IsUpper(word[0]) || char.IsDigit(word[0]));

    private static bool IsNameWord(ConlluSentence s, int t) => IsCapitalised(s.Forms[t]) || NameJoiners.Contains(s.Forms[t]);

    /// <summary>The mention's word whose head lies outside it, or -1.</summary>
    private static int HeadOf(ConlluSentence s, int start, int end)
    {
        for (int t = start; t < end; t++)
        {
            int h = s.Heads[t] - 1;
            if (h < start || h >= end) return t;
        }
        return -1;
    }

    public static Iob2Sentence Convert(ConlluSentence s)
    {
        var named = new List<(int Start, int End, string Label)>();
        // the outermost named mention wins: longest first
        foreach (var (start0, end, type) in Mentions(s).OrderByDescending(m => m.End - m.Start).ThenBy(m => m.Start))
        {
            if (LabelOf(type) is not { } label || end - start0 > MaxSpan) continue;
            int start = start0;
            while (start < end && s.Upos[start] is "DET" or "PUNCT") start++;
            if (start >= end || HeadOf(s, start, end) is not (>= 0 and var head) || s.Upos[head] != "PROPN") continue;
            named.Add((start, end, label));
        }
        return Tagged(s, named);
    }
}
