using Dyad.Coding.Actors;
using Dyad.Coding.Events;
using Dyad.Documents;

namespace Dyad.Tests.Storage;

/// <summary>Hand-made articles for the analytics contract and the story tests: events chosen, not coded.</summary>
public static class AnalyticsFixtures
{
    public sealed record Side(string Text, string Name, string Code, string Country, string Role);

    public static readonly Side Putin = new("Putin", "Vladimir Putin", "RUSGOV", "RUS", "GOV");
    public static readonly Side Obama = new("Obama", "Barack Obama", "USAGOV", "USA", "GOV");
    public static readonly Side Army = new("army", "Syrian army", "SYRMIL", "SYR", "MIL");
    public static readonly Side Rebels = new("rebels", "Syrian rebels", "SYRREB", "SYR", "REB");

    /// <summary>One article whose only event is <paramref name="source"/> doing <paramref name="cameo"/> to <paramref name="target"/>.</summary>
    public static Document Article(string id, string text, Side source, Side target, string cameo, int quad, double goldstein,
        DateOnly? date, string? place = null, string? placeCountry = null, double? lat = null, double? lon = null,
        DateOnly? published = null, string? title = null, string site = "example.org")
    {
        var doc = new Document(new Article
        {
            Id = id, Text = text, Title = title ?? "Report " + id, Published = published ?? date, Source = site,
        });
        var s = Mention(doc, source);
        var t = Mention(doc, target);
        doc.Actors.Add(s);
        doc.Actors.Add(t);
        int verb = Math.Max(0, s.Span.End);
        doc.Events.Add(new CodedEvent
        {
            DocId = id, SentenceIndex = 0, Sentence = text.Split(". ")[0], Source = s, Target = t, Cameo = cameo, Quad = quad,
            Goldstein = goldstein, Plover = null, Date = date,
            Location = place is null ? null : new PlaceMention(new CharSpan(0, 0), 0, 0, place, placeCountry, lat, lon),
            Predicate = new CharSpan(verb, Math.Min(text.Length, verb + 1)), Entry = "test", Confidence = 0.6,
        });
        return doc;
    }

    private static ActorMention Mention(Document doc, Side side)
    {
        int start = Math.Max(0, doc.Text.IndexOf(side.Text, StringComparison.Ordinal));
        return new ActorMention
        {
            Span = new CharSpan(start, start + side.Text.Length), FirstToken = 0, EndToken = 1, Text = side.Text, Name = side.Name,
            Code = side.Code, Country = side.Country, Role = side.Role, Kind = ActorKind.Person, Why = "test",
        };
    }

    /// <summary>
    /// A news day in miniature: four stories, each reported by an original and two copies (a wire report
    /// carried by other sites, lightly edited), plus two articles on their own. Every copy carries its
    /// original's event, so each story merges into one event reported three times, once independently.
    /// </summary>
    public static List<Document> Bundle()
    {
        var day = new DateOnly(2024, 3, 4);
        var stories = new (string Key, Side Source, Side Target, string Cameo, int Quad, double Goldstein, string Place, string Text)[]
        {
            ("talks", Putin, Obama, "040", 1, 1.0, "Geneva",
                "Putin met Obama in Geneva on Monday for talks on arms control and the future of the nuclear treaty that expires next year. The two leaders spoke for three hours in a lakeside villa, aides said, and agreed that their negotiators would meet again within a month to draft a framework for further cuts in deployed warheads."),
            ("shelling", Army, Rebels, "190", 4, -10.0, "Aleppo",
                "The army shelled rebels in eastern Aleppo on Monday, killing at least a dozen fighters and several civilians, a monitoring group said. Residents described heavy bombardment through the night as government forces pressed an offensive to retake the last districts held by the opposition in the divided northern city."),
            ("aid", Obama, Army, "070", 2, 7.0, "Damascus",
                "Obama pledged emergency aid to Syria on Monday as the army opened a corridor into Damascus suburbs for relief convoys. The package of food, medicine and winter shelter will be delivered through United Nations agencies, officials in Washington said, and the first trucks are expected to cross within days if the truce holds."),
            ("sanctions", Obama, Putin, "163", 4, -8.0, "Washington",
                "Obama imposed new sanctions on Putin and his inner circle on Monday, freezing assets held in American banks and barring travel by senior officials. The measures follow months of warnings from Washington over the conflict in Ukraine, and European governments are expected to announce similar steps at a summit later this week."),
        };
        var docs = new List<Document>();
        foreach (var (key, source, target, cameo, quad, goldstein, place, text) in stories)
        {
            docs.Add(Article($"{key}-wire", text, source, target, cameo, quad, goldstein, day, place, published: day, site: "wire.example"));
            docs.Add(Article($"{key}-copy1", text.Replace(" on Monday", " on Monday, March 4") + " Reporting by staff.", source, target, cameo, quad, goldstein, day, place,
                published: day, site: "daily.example"));
            docs.Add(Article($"{key}-copy2", "UPDATE: " + text.Replace(", aides said", "").Replace(", a monitoring group said", "").Replace(", officials in Washington said", ""),
                source, target, cameo, quad, goldstein, day, place, published: day.AddDays(1), site: "times.example"));
        }
        docs.Add(Article("lone-quake", "Rebels and army units alike helped dig survivors from the rubble after an earthquake struck the coastal province of Latakia before dawn. Rescue teams from three countries flew in with dogs and heavy lifting gear, and hospitals in the region asked for blood donors.",
            Rebels, Army, "073", 2, 7.4, day, "Latakia", published: day, site: "quake.example"));
        docs.Add(Article("lone-vote", "Putin and Obama will not attend the climate vote at the United Nations General Assembly, where delegates are expected to approve a non-binding resolution on methane emissions from farming and oil fields by a wide margin late on Thursday.",
            Putin, Obama, "010", 1, 0.0, day.AddDays(3), "New York", published: day.AddDays(3), site: "un.example"));
        return docs;
    }

    /// <summary>The story a bundle article belongs to: its id up to the first '-' ("talks-copy1" → "talks").</summary>
    public static string StoryKey(string articleId) => articleId[..articleId.IndexOf('-')] is "lone" ? articleId : articleId[..articleId.IndexOf('-')];
}
