using Dyad.Coding.Actors;
using Dyad.Documents;
using static Dyad.Tests.Actors.ActorTestText;

namespace Dyad.Tests.Actors;

public class ActorCodingTests
{
    [Theory]
    [InlineData("US Secretary of State John Kerry met his counterpart.", "US Secretary of State John Kerry", "USAGOV", "John Kerry")]
    [InlineData("Iranian President Hassan Rouhani spoke on Monday.", "Iranian President Hassan Rouhani", "IRNGOV", "Hassan Rouhani")]
    [InlineData("The Syrian opposition rejected the plan.", "The Syrian opposition", "SYROPP", "Syria")]
    [InlineData("Russian forces shelled the town.", "Russian forces", "RUSMIL", "Russia")]
    [InlineData("A senior Obama administration official said talks would go on.", "A senior Obama administration official", "USAGOV", "United States")]
    [InlineData("Bashar al-Assad's regime denied it.", "Bashar al-Assad's regime", "SYRGOV", "Syria")]
    [InlineData("Assad's forces retook the city.", "Assad's forces", "SYRMIL", "Syria")]
    [InlineData("Syrian rebels fired mortars.", "Syrian rebels", "SYRREB", "Syria")]
    [InlineData("Chinese Foreign Minister Wang Yi warned the United States.", "Chinese Foreign Minister Wang Yi", "CHNGOV", "Wang Yi")]
    [InlineData("Venezuelan security forces fired tear gas.", "Venezuelan security forces", "VENCOP", "Venezuela")]
    [InlineData("Russia's Deputy Foreign Minister Sergei Ryabkov spoke.", "Russia's Deputy Foreign Minister Sergei Ryabkov", "RUSGOV", "Sergei Ryabkov")]
    public void Composes_codes_from_the_phrase(string text, string mention, string code, string name)
    {
        var m = Code(text).Mention(mention);
        Assert.Equal(code, m.Code);
        Assert.Equal(name, m.Name);
        Assert.False(string.IsNullOrWhiteSpace(m.Why));
    }

    [Fact]
    public void Western_countries_are_a_regional_group_without_a_country()
    {
        var m = Code("Western countries say Assad must go.").Mention("Western countries");
        Assert.Null(m.Country);
        Assert.Equal("GOV", m.Role);
        Assert.StartsWith("WST", m.Code);
        Assert.Equal(ActorKind.Group, m.Kind);
    }

    [Fact]
    public void Why_names_the_rule_or_entry()
    {
        var d = Code("Iranian President Hassan Rouhani and Russian officials met.");
        Assert.StartsWith("kb:person:Hassan Rouhani(IRN president 2013-2021)", d.Mention("Iranian President Hassan Rouhani").Why);
        Assert.Equal("compose:adjective(Russian)+role(officials)", d.Mention("Russian officials").Why);
    }

    [Theory]
    [InlineData("2012-06-01", "USAGOV", "GOV")]
    [InlineData("2018-06-01", "USAELI", null)]
    public void Obama_is_government_only_while_in_office(string published, string code, string? role)
    {
        var m = Code("Barack Obama spoke in Chicago.", published).Mention("Barack Obama");
        Assert.Equal(code, m.Code);
        Assert.Equal(role, m.Role);
        Assert.Equal("USA", m.Country);
    }

    [Theory]
    [InlineData("2018-03-01", "USAGOV")]
    [InlineData("2022-03-01", "USAELI")]
    [InlineData("2025-03-01", "USAGOV")]
    [InlineData(null, "USAGOV")]
    public void Trump_across_two_terms_and_the_gap_between(string? published, string code)
    {
        Assert.Equal(code, Code("Trump criticised the deal.", published).Mention("Trump").Code);
    }

    [Fact]
    public void A_title_without_a_name_is_whoever_held_the_office_on_the_day()
    {
        Assert.Equal("Barack Obama", Code("The US president said he would veto it.", "2015-03-01").Mention("The US president").Name);
        Assert.Equal("Donald Trump", Code("The US president said he would veto it.", "2019-03-01").Mention("The US president").Name);
    }

    [Fact]
    public void Short_names_titles_and_pronouns_resolve_to_the_person_named_first()
    {
        var d = Code("Russian President Vladimir Putin arrived in New York. Mr Putin met officials. " +
                     "Putin then left. The Russian leader was upbeat. He said talks went well.");
        foreach (var text in new[] { "Russian President Vladimir Putin", "Mr Putin", "Putin", "The Russian leader", "He" })
        {
            var m = d.Mention(text);
            Assert.Equal("Vladimir Putin", m.Name);
            Assert.Equal("RUSGOV", m.Code);
        }
        var he = d.Mention("He");
        Assert.Equal(ActorKind.Pronoun, he.Kind);
        Assert.Equal("Vladimir Putin", he.Antecedent?.Name);
    }

    [Fact]
    public void The_secretary_of_state_is_the_one_named_earlier_not_another_foreign_minister()
    {
        var d = Code("John Kerry spoke to Sergei Lavrov by phone. The secretary of state urged restraint.");
        Assert.Equal("John Kerry", d.Mention("The secretary of state").Name);
    }

    [Fact]
    public void She_skips_a_nearer_man()
    {
        var d = Code("Theresa May met Emmanuel Macron in Salzburg. She said the plan stood.", "2018-09-20");
        Assert.Equal("Theresa May", d.Mention("She").Name);
    }

    [Fact]
    public void Her_names_the_woman_as_him_names_the_man()
    {
        // "her" was no pronoun at all, and the gender test read its first letter: "him" resolved, "her" did not
        var d = Code("Emmanuel Macron met Theresa May in Salzburg. EU leaders rejected her plan and criticised him.", "2018-09-20");
        Assert.Equal("Theresa May", d.Mention("her").Name);
        Assert.Equal("Emmanuel Macron", d.Mention("him").Name);
    }

    [Fact]
    public void A_pronoun_prefers_the_subject_of_the_sentence_before()
    {
        var d = Code("Trump said he recognized Guaido. \u201CWe are not considering anything,\u201D he told reporters.", "2019-01-24");
        Assert.Equal("Donald Trump", d.Mention("he", 1).Name);
    }

    [Fact]
    public void The_subject_of_a_reported_clause_is_the_reporter_not_someone_named_before()
    {
        // needs the parse ("he" is the subject of the clause "said" governs), so the whole default pipeline runs
        var d = Dyad.Pipeline.DyadPipeline.Default.Process(new Article
        {
            Id = "t", Text = "After meeting Vladimir Putin, Emmanuel Macron said he would call Volodymyr Zelensky.", Published = new DateOnly(2024, 3, 1),
        });
        Assert.Equal("Emmanuel Macron", d.Mention("he").Name);
    }

    [Theory]
    [InlineData("Gazprom said on Monday that exports would fall.", "Gazprom", "RUSBUS")]
    [InlineData("Huawei rejected the accusation.", "Huawei", "CHNBUS")]
    [InlineData("Lockheed Martin will deliver the jets next year.", "Lockheed Martin", "USABUS")]
    public void Companies_are_business_actors_of_their_home_state(string text, string mention, string code)
    {
        Assert.Equal(code, Code(text, "2024-03-01").Mention(mention).Code);
    }

    [Fact]
    public void Washington_is_the_government_as_an_agent_and_a_place_after_in()
    {
        var d = Code("Washington denied any involvement. Talks were held in Washington on Monday.");
        var agent = d.Mention("Washington", 0);
        Assert.Equal("USAGOV", agent.Code);
        Assert.False(agent.InPlacePhrase);
        Assert.True(d.Mention("Washington", 1).InPlacePhrase);
    }

    [Fact]
    public void Seats_of_power_carry_their_role()
    {
        var d = Code("The Pentagon said, the Kremlin said, Downing Street said and the Élysée said.");
        Assert.Equal("USAMIL", d.Mention("The Pentagon").Code);
        Assert.Equal("RUSGOV", d.Mention("the Kremlin").Code);
        Assert.Equal("GBRGOV", d.Mention("Downing Street").Code);
        Assert.Equal("FRAGOV", d.Mention("the Élysée").Code);
    }

    [Fact]
    public void Georgia_is_the_country_unless_the_article_is_about_the_US_state()
    {
        var country = Code("Georgia accused Moscow of provocation near South Ossetia.");
        Assert.Equal("GEOGOV", country.Mention("Georgia").Code);
        var usState = Code("Georgia voters in Atlanta backed the Republican governor.");
        Assert.DoesNotContain(usState.Actors, m => m.Text == "Georgia");
    }

    [Fact]
    public void A_state_name_inside_a_personal_name_is_not_the_state()
    {
        var d = Code("Jordan Peterson spoke to students.");
        Assert.DoesNotContain(d.Actors, m => m.Country == "JOR");
    }

    [Fact]
    public void IS_is_the_group_as_a_name_and_nothing_in_a_shouted_headline()
    {
        var group = Code("Fighters loyal to IS attacked the town. Daesh later claimed it.");
        var isMention = group.Mention("IS");
        Assert.Equal("Islamic State", isMention.Name);
        Assert.Null(isMention.Country);
        Assert.Equal("IMG", isMention.Role);
        Assert.Equal("Islamic State", group.Mention("Daesh").Name);
        var headline = Code("WHAT IS NEXT FOR THE ECONOMY");
        Assert.Empty(headline.Actors);
    }

    [Theory]
    [InlineData("Hezbollah fired rockets.", "Hezbollah", "LBN", "REB")]
    [InlineData("The Taliban seized Kabul.", "The Taliban", "AFG", "REB")]
    [InlineData("Al-Nusra attacked the base.", "Al-Nusra", null, "IMG")]
    [InlineData("NATO condemned the strike.", "NATO", null, "IGO")]
    [InlineData("The UN Security Council met.", "The UN Security Council", null, "IGO")]
    [InlineData("The Houthis fired a missile.", "The Houthis", "YEM", "REB")]
    [InlineData("The strike was reported by the BBC.", "the BBC", null, "MED")]
    [InlineData("Boko Haram kidnapped students.", "Boko Haram", "NGA", "REB")]
    public void Organisations_follow_the_guideline_conventions(string text, string mention, string? country, string role)
    {
        var m = Code(text).Mention(mention);
        Assert.Equal(country, m.Country);
        Assert.Equal(role, m.Role);
    }

    [Fact]
    public void People_of_international_bodies_have_no_country_and_name_their_body()
    {
        var m = Code("U.N. Secretary-General Antonio Guterres appealed for calm.", "2019-05-01").Mention("U.N. Secretary-General Antonio Guterres");
        Assert.Null(m.Country);
        Assert.Equal("IGO", m.Role);
        Assert.Equal("United Nations", m.Body);
        Assert.Equal("IGOUNO", m.Code);
    }

    [Fact]
    public void Unknown_people_keep_their_name_and_any_country_evidence()
    {
        var d = Code("Pakistani diplomat Ali Rehmanzai said so. Minister Zorblat Quenn disagreed.");
        var known = d.Mention("Pakistani diplomat Ali Rehmanzai");
        Assert.Equal("Ali Rehmanzai", known.Name);
        Assert.Equal("PAKGOV", known.Code);
        var bare = d.Mention("Minister Zorblat Quenn");
        Assert.Null(bare.Country);
        Assert.Equal("GOV", bare.Role);
    }

    [Fact]
    public void Mentions_are_sorted_and_the_stage_declares_its_layers()
    {
        var stage = new ActorCodingStage();
        Assert.Equal("actors", stage.Name);
        Assert.Equal(Layers.Tokens | Layers.Sentences, stage.Requires);
        Assert.Equal(Layers.Actors, stage.Produces);
        var d = Code("Russia and the US disagree. Iran agreed with China.");
        var starts = d.Actors.Select(m => m.Span.Start).ToList();
        Assert.Equal(starts.OrderBy(s => s), starts);
        Assert.Equal(4, d.Actors.Count);
    }

    [Fact]
    public void Uses_part_of_speech_when_present_for_ambiguous_short_names()
    {
        var article = new Article { Id = "t", Text = "US officials met. Nothing IS certain." };
        var document = new Document(article);
        SimpleTokenizer.Tokenize(document);
        for (int t = 0; t < document.TokenCount; t++) document.Upos[t] = document.TokenText(t) == "IS" ? "AUX" : "NOUN";
        document.MarkPresent(Layers.PartOfSpeech);
        new ActorCodingStage().Process(document);
        Assert.DoesNotContain(document.Actors, m => m.Text == "IS");
        Assert.Contains(document.Actors, m => m.Text == "US officials" && m.Code == "USAGOV");
    }
}

public class ActorCodingConcurrencyTests
{
    [Fact]
    public void One_stage_codes_many_documents_at_once_with_the_same_result()
    {
        const string text = "Russian President Vladimir Putin met Iranian President Hassan Rouhani. He said Assad's forces would stay.";
        string Render(Dyad.Documents.Document d) => string.Join("|", d.Actors.Select(m => $"{m.Text}={m.Code}={m.Name}"));
        string expected = Render(ActorTestText.Code(text));
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = Render(ActorTestText.Code(text)));
        Assert.All(results, r => Assert.Equal(expected, r));
        Assert.Contains("He=RUSGOV=Vladimir Putin", expected);
    }
}

public class ActorCodingRobustnessTests
{
    [Fact]
    public void Works_with_a_tokenizer_that_keeps_possessives_and_hyphens_on_their_words()
    {
        const string text = "Assad's forces retook the town as al-Assad spoke";
        var document = new Dyad.Documents.Document(new Dyad.Documents.Article { Id = "t", Text = text, Published = new DateOnly(2016, 1, 1) });
        var starts = new List<int>();
        var ends = new List<int>();
        for (int i = 0; i < text.Length;)
        {
            if (text[i] == ' ') { i++; continue; }
            int s = i;
            while (i < text.Length && text[i] != ' ') i++;
            starts.Add(s);
            ends.Add(i);
        }
        document.SetTokens([.. starts], [.. ends], starts.Count);
        document.SetSentences([0], [starts.Count], 1);
        new ActorCodingStage().Process(document);
        Assert.Contains(document.Actors, m => m.Text == "Assad's forces" && m.Code == "SYRMIL");
        Assert.Contains(document.Actors, m => m.Text == "al-Assad" && m.Name == "Bashar al-Assad");
    }

    [Fact]
    public void Surnames_that_are_words_need_the_person_or_a_title_first()
    {
        var d = ActorTestText.Code("Theresa May spoke. The vote is due in May. Ban on imports stays.", "2018-09-20");
        Assert.Single(d.Actors, m => m.Name == "Theresa May");
        Assert.DoesNotContain(d.Actors, m => m.Name == "Ban Ki-moon");
        var titled = ActorTestText.Code("Secretary-General Ban said the talks would resume.", "2010-01-01");
        Assert.Equal("Ban Ki-moon", titled.Mention("Secretary-General Ban").Name);
    }
}

public class ActorPluralReferenceTests
{
    [Fact]
    public void The_two_leaders_and_they_stand_for_each_member()
    {
        var d = ActorTestText.Code("Vladimir Putin hosted Barack Obama. The two leaders talked for an hour. They agreed to meet again.", "2015-09-28");
        var pair = d.Actors.Where(m => m.Text == "two leaders" || m.Text == "The two leaders").Select(m => m.Name).OrderBy(n => n).ToList();
        Assert.Equal(["Barack Obama", "Vladimir Putin"], pair);
        var they = d.Actors.Where(m => m.Text == "They").Select(m => m.Name).OrderBy(n => n).ToList();
        Assert.Equal(["Barack Obama", "Vladimir Putin"], they);
        Assert.All(d.Actors.Where(m => m.Text == "They"), m => Assert.Equal(ActorKind.Pronoun, m.Kind));
    }

    [Fact]
    public void They_after_a_group_is_that_group()
    {
        var d = ActorTestText.Code("EU leaders met in Salzburg. They rejected the plan.", "2018-09-20");
        var they = d.Mention("They");
        Assert.Equal("EU leaders", they.Name);
        Assert.Null(they.Country);
        Assert.Equal("GOV", they.Role);
    }
}
