using System.Globalization;
using Dyad.Errors;

namespace Dyad.Coding.Actors;

/// <summary>One term of office: who a person acted for, in which role, from <see cref="Start"/> until <see cref="End"/> (exclusive; null while it runs).</summary>
public sealed record OfficeTerm(string? Country, string Role, string Office, DateOnly Start, DateOnly? End, string? Body)
{
    public bool Covers(DateOnly day) => Start <= day && (End is null || day < End.Value);

    public string Describe() =>
        $"{(Country ?? Body ?? "intl")} {Office} {Start.Year}-{(End is null ? "" : End.Value.Year.ToString(CultureInfo.InvariantCulture))}";
}

public sealed class PersonEntry(string name, char gender)
{
    public string Name { get; } = name;
    /// <summary>'m', 'f' or '?' — used only to pick antecedents for he/she.</summary>
    public char Gender { get; } = gender;
    public List<OfficeTerm> Terms { get; } = [];

    /// <summary>The term held on <paramref name="day"/>; with no day, the latest term (a running one first).</summary>
    public OfficeTerm? TermAt(DateOnly? day)
    {
        OfficeTerm? best = null;
        foreach (var term in Terms)
        {
            if (day is null)
            {
                if (best is null || Later(term, best)) best = term;
            }
            else if (term.Covers(day.Value) && (best is null || Rank(term) > Rank(best) || (Rank(term) == Rank(best) && term.Start > best.Start)))
                best = term;
        }
        return best;
    }

    /// <summary>The most recent term that ended on or before <paramref name="day"/>.</summary>
    public OfficeTerm? FormerTermAt(DateOnly day)
    {
        OfficeTerm? best = null;
        foreach (var term in Terms)
            if (term.End is not null && term.End.Value <= day && (best is null || term.End > best.End)) best = term;
        return best;
    }

    // Executive offices speak for the state more often than seats in a legislature.
    private static int Rank(OfficeTerm t) => t.Role is "GOV" or "IGO" ? 2 : 1;

    private static bool Later(OfficeTerm a, OfficeTerm b)
    {
        if (a.End is null != b.End is null) return a.End is null;
        return a.End is null ? a.Start > b.Start : a.End > b.End;
    }
}

public sealed record StateEntry(string Iso3, string Name, IReadOnlyList<string> Regions);

public sealed record OrganisationEntry(string Code, string? Country, string Role, string Name);

public sealed record RoleWord(string Text, string Role, RoleWordKind Kind, string? Office);

public enum RoleWordKind { Title, Noun, Group }

public enum KbEntryKind { Person, State, StateAdjective, StatePeople, Seat, Region, RegionAdjective, Organisation }

/// <summary>One thing a name in the trie can stand for.</summary>
public sealed record KbEntry(KbEntryKind Kind, string Text)
{
    public PersonEntry? Person { get; init; }
    /// <summary>False for a bare surname derived from the full name: it needs the person already in the article or a title before it.</summary>
    public bool Strong { get; init; } = true;
    public StateEntry? State { get; init; }
    /// <summary>For seats of power: the arm of the state they stand for (Pentagon MIL, Kremlin GOV).</summary>
    public string? Role { get; init; }
    /// <summary>For seats: a capital city, which is a place more often than an actor.</summary>
    public bool IsCapital { get; init; }
    public OrganisationEntry? Organisation { get; init; }
    public string? Region { get; init; }
}

/// <summary>
/// States, seats of power, regions, organisations, office holders and role words, read from the TSV tables in
/// KnowledgeBase/ and held in tries for longest-match lookup over tokens. Immutable once loaded, so one instance
/// serves every thread.
/// </summary>
public sealed class ActorKnowledgeBase
{
    private const string ResourcePrefix = "Coding/Actors/KnowledgeBase/";
    private static readonly Lazy<ActorKnowledgeBase> Default = new(() => Load(ReadEmbedded), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, StateEntry> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PersonEntry> _people = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PersonEntry>> _bySurname = new(StringComparer.Ordinal);

    internal TokenTrie<KbEntry> Names { get; } = new(caseInsensitive: false);
    internal TokenTrie<RoleWord> Roles { get; } = new(caseInsensitive: true);

    public IReadOnlyDictionary<string, StateEntry> States => _states;
    public IReadOnlyCollection<PersonEntry> People => _people.Values;
    public int OrganisationCount { get; private set; }
    public int TermCount { get; private set; }

    public static ActorKnowledgeBase LoadDefault() => Default.Value;

    public StateEntry? State(string iso3) => _states.GetValueOrDefault(iso3);
    public OrganisationEntry? Organisation(string name) => _organisations.GetValueOrDefault(name);
    private readonly Dictionary<string, OrganisationEntry> _organisations = new(StringComparer.Ordinal);
    public PersonEntry? Person(string name) => _people.GetValueOrDefault(name);

    /// <summary>People whose surname (last word of the full name) is <paramref name="surname"/>.</summary>
    public IReadOnlyList<PersonEntry> BySurname(string surname) =>
        _bySurname.TryGetValue(NameKey.Of(surname, lower: false), out var list) ? list : [];

    /// <summary>Who held an office matching <paramref name="office"/> for <paramref name="country"/> on <paramref name="day"/>.</summary>
    public PersonEntry? OfficeHolder(string country, string office, DateOnly? day)
    {
        PersonEntry? best = null;
        OfficeTerm? bestTerm = null;
        foreach (var person in _people.Values)
            foreach (var term in person.Terms)
            {
                if (term.Country != country || !OfficeMatches(office, term.Office, country)) continue;
                bool current = day is null ? term.End is null : term.Covers(day.Value);
                if (!current) continue;
                if (bestTerm is null || term.Start > bestTerm.Start) { best = person; bestTerm = term; }
            }
        return best;
    }

    private static readonly string[][] OfficeSynonyms =
    [
        ["foreign minister", "foreign secretary", "secretary of state", "external affairs minister"],
        ["defence minister", "defense minister", "defense secretary", "defence secretary", "secretary of defense"],
        ["speaker", "house speaker", "speaker of the House", "speaker of parliament"],
    ];

    // Where "the leader" or "the prime minister" is the head of government rather than a ceremonial president.
    private static readonly HashSet<string> Parliamentary = new(StringComparer.Ordinal)
    { "GBR", "DEU", "JPN", "IND", "ISR", "ITA", "ESP", "CAN", "AUS", "PAK", "IRQ", "LBN", "NLD", "GRC", "HUN", "POL", "ETH", "BGD" };

    /// <summary>Does a title or description in text ("president", "leader") fit a recorded office?</summary>
    public static bool OfficeMatches(string spoken, string recorded, string? country)
    {
        if (string.Equals(spoken, recorded, StringComparison.OrdinalIgnoreCase)) return true;
        if (spoken == "leader")
        {
            if (recorded is "leader" or "king" or "emir" or "chancellor") return true;
            bool parliamentary = country is not null && Parliamentary.Contains(country);
            return parliamentary ? recorded == "prime minister" : recorded == "president";
        }
        if (spoken == "president" && recorded.StartsWith("president of ", StringComparison.Ordinal)) return true;
        // Only the generic title covers the national ones: "the foreign minister" may be a secretary of state, but
        // "the secretary of state" is never Russia's foreign minister.
        foreach (var group in OfficeSynonyms)
            if (string.Equals(group[0], spoken, StringComparison.OrdinalIgnoreCase) && group.Contains(recorded, StringComparer.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static TextReader ReadEmbedded(string file)
    {
        var assembly = typeof(ActorKnowledgeBase).Assembly;
        var stream = assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? assembly.GetManifestResourceStream((ResourcePrefix + file).Replace('/', '\\'))
            ?? throw new DyadException(ErrorCode.DataMissing, $"actor knowledge base table '{file}' is not embedded in {assembly.GetName().Name}");
        return new StreamReader(stream);
    }

    /// <summary>Builds a knowledge base from the six tables, read through <paramref name="open"/> (file name → reader).</summary>
    public static ActorKnowledgeBase Load(Func<string, TextReader> open)
    {
        var kb = new ActorKnowledgeBase();
        foreach (var row in Rows(open, "states.tsv", 6)) kb.AddState(row);
        foreach (var row in Rows(open, "state-extras.tsv", 4)) kb.AddStateExtra(row);
        foreach (var row in Rows(open, "regions.tsv", 4)) kb.AddRegion(row);
        foreach (var row in Rows(open, "organisations.tsv", 5)) kb.AddOrganisation(row);
        foreach (var row in Rows(open, "people.tsv", 9)) kb.AddPerson(row);
        kb.IndexPeople();
        foreach (var row in Rows(open, "roles.tsv", 4)) kb.AddRole(row);
        return kb;
    }

    private static IEnumerable<(string File, int Line, string[] Cells)> Rows(Func<string, TextReader> open, string file, int columns)
    {
        using var reader = open(file);
        int line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0 || text[0] == '#') continue;
            var cells = text.Split('\t');
            if (cells.Length < columns)
                throw new DyadException(ErrorCode.DataMissing, $"{file}:{line}: expected {columns} tab-separated columns, found {cells.Length}");
            yield return (file, line, cells);
        }
    }

    private static IEnumerable<string> Split(string cell) =>
        cell.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? NullIfDash(string cell) => cell is "" or "-" ? null : cell;

    private void AddState((string File, int Line, string[] Cells) row)
    {
        var c = row.Cells;
        var state = new StateEntry(c[0], c[1], [.. Split(c[5])]);
        _states[state.Iso3] = state;
        foreach (var name in Split(c[2])) Names.Add(name, new KbEntry(KbEntryKind.State, name) { State = state });
        foreach (var adjective in Split(c[3])) Names.Add(adjective, new KbEntry(KbEntryKind.StateAdjective, adjective) { State = state });
        foreach (var capital in Split(c[4]))
            Names.Add(capital, new KbEntry(KbEntryKind.Seat, capital) { State = state, Role = "GOV", IsCapital = true });
    }

    private void AddStateExtra((string File, int Line, string[] Cells) row)
    {
        var c = row.Cells;
        var state = _states.GetValueOrDefault(c[0])
            ?? throw new DyadException(ErrorCode.DataMissing, $"{row.File}:{row.Line}: unknown state {c[0]}");
        string text = c[2];
        KbEntry entry = c[1] switch
        {
            "name" => new KbEntry(KbEntryKind.State, text) { State = state },
            "adjective" => new KbEntry(KbEntryKind.StateAdjective, text) { State = state },
            "people" => new KbEntry(KbEntryKind.StatePeople, text) { State = state },
            "seat" => new KbEntry(KbEntryKind.Seat, text) { State = state, Role = NullIfDash(c[3]) ?? "GOV", IsCapital = IsCapitalOf(text) },
            _ => throw new DyadException(ErrorCode.DataMissing, $"{row.File}:{row.Line}: unknown kind '{c[1]}'"),
        };
        Names.Add(text, entry);
    }

    // A seat written as one capitalised word that is not a building is a city: a place as often as an actor.
    private static bool IsCapitalOf(string text) =>
        !text.Contains(' ') && char.IsUpper(text[0]) && text is not ("Kremlin" or "Pentagon" or "Whitehall" or "Elysee" or "Élysée" or "Westminster" or "Congress" or "Bundestag" or "Knesset" or "Majlis" or "Chancellery" or "Zhongnanhai" or "Miraflores" or "Langley");

    private void AddRegion((string File, int Line, string[] Cells) row)
    {
        var c = row.Cells;
        var kind = c[1] == "adjective" ? KbEntryKind.RegionAdjective : KbEntryKind.Region;
        Names.Add(c[2], new KbEntry(kind, c[2]) { Region = c[0] });
    }

    private void AddOrganisation((string File, int Line, string[] Cells) row)
    {
        var c = row.Cells;
        var org = new OrganisationEntry(c[0], NullIfDash(c[1]), c[2], c[3]);
        OrganisationCount++;
        _organisations.TryAdd(org.Name, org);
        Names.Add(org.Name, new KbEntry(KbEntryKind.Organisation, org.Name) { Organisation = org });
        foreach (var alias in Split(c[4])) Names.Add(alias, new KbEntry(KbEntryKind.Organisation, alias) { Organisation = org });
    }

    private readonly Dictionary<PersonEntry, HashSet<string>> _aliases = [];

    private void AddPerson((string File, int Line, string[] Cells) row)
    {
        var c = row.Cells;
        string name = c[0];
        if (!_people.TryGetValue(name, out var person))
        {
            person = new PersonEntry(name, c[2].Length > 0 ? c[2][0] : '?');
            _people[name] = person;
            _aliases[person] = [];
        }
        if (!DateOnly.TryParseExact(c[6], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            throw new DyadException(ErrorCode.DataMissing, $"{row.File}:{row.Line}: bad start date '{c[6]}'");
        DateOnly? end = null;
        if (c[7].Length > 0)
        {
            if (!DateOnly.TryParseExact(c[7], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e))
                throw new DyadException(ErrorCode.DataMissing, $"{row.File}:{row.Line}: bad end date '{c[7]}'");
            end = e;
        }
        person.Terms.Add(new OfficeTerm(NullIfDash(c[3]), c[4], c[5], start, end, NullIfDash(c[8])));
        TermCount++;
        foreach (var alias in Split(c[1])) _aliases[person].Add(alias);
    }

    private void IndexPeople()
    {
        foreach (var (person, aliases) in _aliases)
        {
            Names.Add(person.Name, new KbEntry(KbEntryKind.Person, person.Name) { Person = person });
            foreach (var alias in aliases)
            {
                bool weak = alias.StartsWith('~');
                string text = weak ? alias[1..] : alias;
                Names.Add(text, new KbEntry(KbEntryKind.Person, text) { Person = person, Strong = !weak });
                if (weak) AddSurname(text, person);
            }
            var words = person.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2) continue;
            string surname = words[^1].TrimEnd('.');
            if (surname.Length < 3 || aliases.Contains(surname) || aliases.Contains("~" + surname)) continue;
            AddSurname(surname, person);
            Names.Add(surname, new KbEntry(KbEntryKind.Person, surname) { Person = person, Strong = false });
        }
    }

    private void AddSurname(string surname, PersonEntry person)
    {
        string key = NameKey.Of(surname, lower: false);
        if (!_bySurname.TryGetValue(key, out var list)) _bySurname[key] = list = [];
        if (!list.Contains(person)) list.Add(person);
    }

    private void AddRole((string File, int Line, string[] Cells) row)
    {
        var c = row.Cells;
        var kind = c[2] switch
        {
            "title" => RoleWordKind.Title,
            "noun" => RoleWordKind.Noun,
            "group" => RoleWordKind.Group,
            _ => throw new DyadException(ErrorCode.DataMissing, $"{row.File}:{row.Line}: unknown role kind '{c[2]}'"),
        };
        Roles.Add(c[0], new RoleWord(c[0], c[1], kind, NullIfDash(c[3])));
    }
}
