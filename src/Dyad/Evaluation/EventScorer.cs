using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dyad.Evaluation;

public sealed record ScoredActor(string? Name, string? Text, string? Country);

/// <summary>An event as the scorer sees it: only what matching uses.</summary>
public sealed record ScoredEvent(string? Doc, string Root, ScoredActor? Source, ScoredActor? Target, string? Sentence, string? Date, string Raw);

public sealed record Prf(double Precision, double Recall, double F1, int Matched);

public sealed record ScoreReport(int Docs, int GoldEvents, int SystemEvents, Prf Event, Prf Quad, Prf Dyad, double? DateAccuracy,
    IReadOnlyList<(string Root, int Hit, int Total)> RecallByRoot, IReadOnlyList<ScoredEvent> Missed, IReadOnlyList<ScoredEvent> Spurious);

/// <summary>
/// The event scorer of the evaluation guidelines, reimplemented so that <c>dyad eval</c> prints exactly what
/// the reference Python scorer prints: same distinct-event merging, actor matching, greedy one-to-one
/// matching and rounding. A test keeps the two in agreement on the dev set.
/// </summary>
public static class EventScorer
{
    private static readonly HashSet<string> Stop =
        ["mr", "mrs", "ms", "dr", "the", "of", "president", "minister", "prime", "foreign", "secretary", "state", "us", "u", "s"];

    private static readonly (string Long, string Short)[] Aliases =
    [
        ("north atlantic treaty organization", "nato"), ("european union", "eu"),
        ("united nations", "un"), ("african union", "au"), ("arab league", "arableague"),
        ("league of arab states", "arableague"),
        ("economic community of west african states", "ecowas"),
        ("islamic state of iraq and the levant", "isis"), ("islamic state of iraq and syria", "isis"),
        ("islamic state", "isis"), ("isil", "isis"), ("daesh", "isis"),
        ("al nusra front", "nusra"), ("nusra front", "nusra"), ("jabhat al nusra", "nusra"),
        ("al qaeda", "alqaeda"), ("al qaida", "alqaeda"),
    ];

    public static int? QuadOf(string root) =>
        root.Length == 2 && int.TryParse(root, NumberStyles.None, CultureInfo.InvariantCulture, out int r) && r is >= 1 and <= 20
            ? r switch { <= 5 => 1, <= 9 => 2, <= 14 => 3, _ => 4 }
            : null;

    public static HashSet<string> Tokens(ScoredActor actor)
    {
        var joined = (actor.Name ?? "") + " " + (actor.Text ?? "");
        var lowered = new StringBuilder(joined.Length);
        foreach (var c in joined) lowered.Append(c == '-' ? ' ' : char.ToLowerInvariant(c));
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in lowered.ToString())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') current.Append(c);
            else if (current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) words.Add(current.ToString());
        var name = " " + string.Join(' ', words) + " ";
        foreach (var (longName, shortName) in Aliases)
            name = name.Replace($" {longName} ", $" {shortName} ", StringComparison.Ordinal);
        var set = new HashSet<string>(name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (set.Contains("is") && set.All(w => w == "is" || Stop.Contains(w)))
            set = ["isis"];
        set.ExceptWith(Stop);
        return set;
    }

    public static bool ActorMatch(ScoredActor? a, ScoredActor? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (!string.IsNullOrEmpty(a.Country) && !string.IsNullOrEmpty(b.Country))
            return string.Equals(a.Country.ToUpperInvariant(), b.Country.ToUpperInvariant(), StringComparison.Ordinal);
        var ta = Tokens(a);
        var tb = Tokens(b);
        if (ta.Count == 0 || tb.Count == 0) return false;
        int overlap = ta.Count(tb.Contains);
        return (double)overlap / Math.Min(ta.Count, tb.Count) >= 0.5;
    }

    private static string Norm(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        var parts = s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', parts).ToLowerInvariant();
    }

    private static List<(int Gold, int System)> Match(IReadOnlyList<ScoredEvent> gold, IReadOnlyList<ScoredEvent> system,
        Func<ScoredEvent, ScoredEvent, bool> key)
    {
        var byDoc = new Dictionary<string, List<int>>();
        for (int i = 0; i < gold.Count; i++)
        {
            var doc = gold[i].Doc ?? "";
            if (!byDoc.TryGetValue(doc, out var list)) byDoc[doc] = list = [];
            list.Add(i);
        }
        var pairs = new List<(int Score, int J, int I)>();
        for (int j = 0; j < system.Count; j++)
        {
            var s = system[j];
            if (!byDoc.TryGetValue(s.Doc ?? "", out var candidates)) continue;
            foreach (var i in candidates)
            {
                var g = gold[i];
                if (!key(g, s)) continue;
                var gs = Norm(g.Sentence);
                int score = gs.Length > 0 && gs == Norm(s.Sentence) ? 2 : 0;
                score += !string.IsNullOrEmpty(g.Date) && g.Date == s.Date ? 1 : 0;
                pairs.Add((-score, j, i));
            }
        }
        pairs.Sort();
        var usedGold = new HashSet<int>();
        var usedSystem = new HashSet<int>();
        var matched = new List<(int, int)>();
        foreach (var (_, j, i) in pairs)
        {
            if (usedGold.Contains(i) || usedSystem.Contains(j)) continue;
            usedGold.Add(i);
            usedSystem.Add(j);
            matched.Add((i, j));
        }
        return matched;
    }

    public static List<ScoredEvent> Distinct(IEnumerable<ScoredEvent> events)
    {
        var kept = new List<ScoredEvent>();
        foreach (var e in events)
        {
            if (!kept.Any(k => k.Doc == e.Doc && k.Root == e.Root && ActorMatch(k.Source, e.Source) && ActorMatch(k.Target, e.Target)))
                kept.Add(e);
        }
        return kept;
    }

    private static Prf Prf(int matched, int system, int gold)
    {
        double p = system > 0 ? (double)matched / system : 0;
        double r = gold > 0 ? (double)matched / gold : 0;
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
        return new Prf(Round4(p), Round4(r), Round4(f), matched);
    }

    private static double Round4(double x) => Math.Round(x, 4, MidpointRounding.ToEven);

    public static ScoreReport Score(ISet<string> docs, IReadOnlyList<ScoredEvent> goldAll, IReadOnlyList<ScoredEvent> systemAll, bool mentions = false)
    {
        var system = systemAll.Where(s => s.Doc is not null && docs.Contains(s.Doc)).ToList();
        var gold = goldAll.ToList();
        if (!mentions)
        {
            gold = Distinct(gold);
            system = Distinct(system);
        }
        bool Dyad(ScoredEvent g, ScoredEvent s) => ActorMatch(g.Source, s.Source) && ActorMatch(g.Target, s.Target);
        var mEvent = Match(gold, system, (g, s) => g.Root == s.Root && Dyad(g, s));
        var mQuad = Match(gold, system, (g, s) => QuadOf(g.Root) == QuadOf(s.Root) && Dyad(g, s));
        var mDyad = Match(gold, system, Dyad);
        var dated = mEvent.Where(m => !string.IsNullOrEmpty(gold[m.Gold].Date)).ToList();
        int right = dated.Count(m => system[m.System].Date == gold[m.Gold].Date);
        double? dateAccuracy = dated.Count > 0 ? Round4((double)right / dated.Count) : null;
        var perRoot = gold.GroupBy(g => g.Root).ToDictionary(g => g.Key, g => g.Count());
        var hitRoot = mEvent.GroupBy(m => gold[m.Gold].Root).ToDictionary(g => g.Key, g => g.Count());
        var byRoot = perRoot.Keys.Order(StringComparer.Ordinal)
            .Select(r => (r, hitRoot.GetValueOrDefault(r), perRoot[r])).ToList();
        var matchedGold = mEvent.Select(m => m.Gold).ToHashSet();
        var matchedSystem = mEvent.Select(m => m.System).ToHashSet();
        return new ScoreReport(docs.Count, gold.Count, system.Count,
            Prf(mEvent.Count, system.Count, gold.Count), Prf(mQuad.Count, system.Count, gold.Count), Prf(mDyad.Count, system.Count, gold.Count),
            dateAccuracy, byRoot,
            gold.Where((_, i) => !matchedGold.Contains(i)).ToList(),
            system.Where((_, j) => !matchedSystem.Contains(j)).ToList());
    }

    /// <summary>The report in the reference scorer's layout.</summary>
    public static string Format(ScoreReport report, int errors = 0)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"docs {report.Docs}  gold events {report.GoldEvents}  system events {report.SystemEvents}\n");
        foreach (var (name, x) in new[] { ("event", report.Event), ("quad", report.Quad), ("dyad", report.Dyad) })
            sb.Append(inv, $"{name,-6} P {x.Precision:F3}  R {x.Recall:F3}  F1 {x.F1:F3}  ({x.Matched} matched)\n");
        sb.Append("date accuracy over matched dated events: ").Append(PythonFloat(report.DateAccuracy)).Append('\n');
        sb.Append("recall by root: ").Append(string.Join("  ", report.RecallByRoot.Select(r => $"{r.Root}:{r.Hit}/{r.Total}"))).Append('\n');
        if (errors > 0)
        {
            sb.Append("\nmissed gold events:\n");
            foreach (var g in report.Missed.Take(errors)) sb.Append("  ").Append(Describe(g)).Append('\n');
            sb.Append("spurious system events:\n");
            foreach (var s in report.Spurious.Take(errors)) sb.Append("  ").Append(Describe(s)).Append('\n');
        }
        sb.Append(inv, $"event_f1 {report.Event.F1:F4}\n");
        return sb.ToString();
    }

    private static string Describe(ScoredEvent e)
    {
        static string Actor(ScoredActor? a) => a is null ? "null" : $"{{\"text\": {Q(a.Text)}, \"name\": {Q(a.Name)}, \"country\": {Q(a.Country)}}}";
        static string Q(string? s) => s is null ? "null" : JsonSerializer.Serialize(s);
        var sentence = e.Sentence ?? "";
        return $"{e.Doc} {e.Root} {Actor(e.Source)} -> {Actor(e.Target)} | {(sentence.Length > 120 ? sentence[..120] : sentence)}";
    }

    /// <summary>Python's repr of a float or None, as the reference scorer prints it.</summary>
    private static string PythonFloat(double? value)
    {
        if (value is not double v) return "None";
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }

    // ---- reading JSONL ----

    public static ScoredEvent FromJson(JsonElement e, string raw)
    {
        string? S(JsonElement o, string name) =>
            o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
                ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString()) : null;
        ScoredActor? Actor(string side) =>
            e.TryGetProperty(side, out var a) && a.ValueKind == JsonValueKind.Object ? new ScoredActor(S(a, "name"), S(a, "text"), S(a, "country")) : null;
        var root = S(e, "root");
        if (string.IsNullOrEmpty(root)) { var cameo = S(e, "cameo") ?? ""; root = cameo.Length > 2 ? cameo[..2] : cameo; }
        root = root.Trim();
        if (root.Length > 0 && root.All(char.IsAsciiDigit)) root = root.PadLeft(2, '0');
        return new ScoredEvent(S(e, "doc"), root, Actor("source"), Actor("target"), S(e, "sentence"), S(e, "date"), raw);
    }

    public static List<ScoredEvent> ReadJsonl(string path)
    {
        var events = new List<ScoredEvent>();
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                events.Add(FromJson(doc.RootElement, line));
            }
            catch (JsonException e)
            {
                throw new Errors.DyadException(Errors.ErrorCode.InputInvalidJson, $"{path}:{n}: not JSON: {e.Message}");
            }
        }
        return events;
    }
}
