using Dyad.Coding.Actors;
using Dyad.Errors;

namespace Dyad.Tests.Actors;

public class ActorKnowledgeBaseTests
{
    [Fact]
    public void Default_knowledge_base_is_one_shared_instance_with_substantial_tables()
    {
        var kb = ActorKnowledgeBase.LoadDefault();
        Assert.Same(kb, ActorKnowledgeBase.LoadDefault());
        Assert.True(kb.States.Count >= 240, $"{kb.States.Count} states");
        Assert.True(kb.People.Count >= 400, $"{kb.People.Count} people");
        Assert.True(kb.TermCount >= 500, $"{kb.TermCount} terms");
        Assert.True(kb.OrganisationCount >= 100, $"{kb.OrganisationCount} organisations");
        Assert.Equal("United States", kb.State("USA")!.Name);
        Assert.Contains("WST", kb.State("USA")!.Regions);
    }

    [Fact]
    public void Every_term_has_an_end_after_its_start_and_a_known_country()
    {
        var kb = ActorKnowledgeBase.LoadDefault();
        foreach (var person in kb.People)
            foreach (var term in person.Terms)
            {
                Assert.True(term.End is null || term.End > term.Start, $"{person.Name}: {term.Describe()}");
                Assert.True(term.Country is null || kb.State(term.Country) is not null, $"{person.Name}: unknown country {term.Country}");
                Assert.True(term.Country is not null || term.Body is not null, $"{person.Name}: no country and no body");
            }
    }

    [Fact]
    public void Office_holders_are_found_by_date()
    {
        var kb = ActorKnowledgeBase.LoadDefault();
        Assert.Equal("Dmitry Medvedev", kb.OfficeHolder("RUS", "president", new DateOnly(2010, 1, 1))?.Name);
        Assert.Equal("Vladimir Putin", kb.OfficeHolder("RUS", "president", new DateOnly(2015, 1, 1))?.Name);
        Assert.Equal("Rex Tillerson", kb.OfficeHolder("USA", "secretary of state", new DateOnly(2017, 8, 7))?.Name);
        Assert.Equal("Boris Johnson", kb.OfficeHolder("GBR", "leader", new DateOnly(2020, 5, 1))?.Name);
    }

    [Fact]
    public void A_broken_row_is_reported_with_file_and_line()
    {
        var tables = new Dictionary<string, string>
        {
            ["states.tsv"] = "USA\tUnited States\tUnited States\tAmerican\tWashington D.C.\tNMR|WST\n",
            ["state-extras.tsv"] = "",
            ["regions.tsv"] = "",
            ["organisations.tsv"] = "",
            ["people.tsv"] = "# header\nBarack Obama\tObama\tm\tUSA\tGOV\tpresident\t2009-01-20\tsoon\t\n",
            ["roles.tsv"] = "",
        };
        var error = Assert.Throws<DyadException>(() => ActorKnowledgeBase.Load(f => new StringReader(tables[f])));
        Assert.Equal(ErrorCode.DataMissing, error.Code);
        Assert.Contains("people.tsv:2", error.Message);
    }

    [Fact]
    public void Tables_are_embedded_under_their_folder_path()
    {
        var names = typeof(ActorKnowledgeBase).Assembly.GetManifestResourceNames();
        foreach (var table in new[] { "states", "state-extras", "regions", "organisations", "people", "roles" })
            Assert.Contains($"Coding/Actors/KnowledgeBase/{table}.tsv", names);
    }
}
