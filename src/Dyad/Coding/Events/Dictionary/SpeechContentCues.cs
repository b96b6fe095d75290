using System.Collections.Frozen;
using Dyad.Coding.Cameo;

namespace Dyad.Coding.Events.Dictionary;

public sealed record SpeechContentCue(PredicatePattern Pattern, string Cameo, string Kind, int Line);

/// <summary>
/// Words that turn a reported statement into a demand or a criticism ("X said Y must go" is 10, "X said the deal
/// is defective" is 11). Loaded from speech-content.tsv, indexed by first lemma.
/// </summary>
public sealed class SpeechContentCues
{
    internal const string ResourcePath = "Coding/Events/Dictionary/speech-content.tsv";
    private static readonly string[] Header = ["cue", "cameo", "kind"];

    private static readonly Lazy<SpeechContentCues> LazyDefault = new(() => Parse(TsvResource.ReadText(ResourcePath)), LazyThreadSafetyMode.ExecutionAndPublication);

    public static SpeechContentCues Default => LazyDefault.Value;

    private readonly FrozenDictionary<string, SpeechContentCue[]> _byHead;

    private SpeechContentCues(List<SpeechContentCue> cues)
    {
        Cues = cues;
        _byHead = cues.GroupBy(c => c.Pattern.Head).ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    public IReadOnlyList<SpeechContentCue> Cues { get; }

    /// <summary>The first cue in tokens [start, end) whose words are all among <paramref name="inside"/>, with the token where it starts.</summary>
    public (SpeechContentCue Cue, int Token)? FindFirst(IReadOnlyList<string> lemmas, int start, int end, Func<int, bool> inside)
    {
        for (int i = Math.Max(0, start); i < Math.Min(end, lemmas.Count); i++)
        {
            if (!inside(i) || !_byHead.TryGetValue(lemmas[i], out var cues)) continue;
            foreach (var cue in cues)
                if (cue.Pattern.TryMatch(lemmas, i, out var span) && span.End <= end) return (cue, i);
        }
        return null;
    }

    internal static SpeechContentCues Parse(string text)
    {
        var cues = new List<SpeechContentCue>();
        foreach (var row in TsvResource.Parse(text, "speech-content.tsv", Header))
        {
            var pattern = PredicatePattern.Parse(row.Fields[0], headIsLast: false, $"speech-content.tsv:{row.Line}");
            if (!CameoTable.Default.IsValid(row.Fields[1]))
                throw new Errors.DyadException(Errors.ErrorCode.DataFormat, $"speech-content.tsv:{row.Line}: unknown CAMEO code '{row.Fields[1]}'");
            cues.Add(new SpeechContentCue(pattern, row.Fields[1], row.Fields[2], row.Line));
        }
        return new SpeechContentCues(cues);
    }
}
