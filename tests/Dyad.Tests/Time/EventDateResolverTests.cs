using Dyad.Documents;
using Dyad.Time;

namespace Dyad.Tests.Time;

public class EventDateResolverTests
{
    private static readonly DateOnly Published = new(2015, 9, 30); // a Wednesday

    private static Document Tagged(string text)
    {
        var document = TimeTestDocuments.Build(text, Published);
        new TemporalTagger().Process(document);
        return document;
    }

    [Fact]
    public void NearestExpressionInTheSentenceWithoutAParse()
    {
        var document = Tagged("Russia said on Monday that it sent jets.");
        var date = EventDateResolver.DateOf(document, TimeTestDocuments.TokenIndex(document, "said"));
        Assert.Equal(new DateOnly(2015, 9, 28), date.Date);
        Assert.Equal(EventDateBasis.NearestExpression, date.Basis);
    }

    [Fact]
    public void PastReportWithoutExpressionTakesThePublicationDate()
    {
        var document = Tagged("Russia criticised the plan.");
        var date = EventDateResolver.DateOf(document, TimeTestDocuments.TokenIndex(document, "criticised"));
        Assert.Equal(Published, date.Date);
        Assert.Equal(EventDateBasis.Publication, date.Basis);
    }

    [Fact]
    public void PresentStateTakesThePublicationDate()
    {
        var document = Tagged("Russia opposes the plan.");
        Assert.Equal(Published, EventDateResolver.DateOf(document, TimeTestDocuments.TokenIndex(document, "opposes")).Date);
    }

    [Fact]
    public void ExpressionInARelativeClauseDoesNotDateTheMainVerb()
    {
        var document = Tagged("Peskov told reporters about the two leaders, who last met in December.");
        var date = EventDateResolver.DateOf(document, TimeTestDocuments.TokenIndex(document, "told"));
        Assert.Equal(EventDateBasis.Publication, date.Basis);
        var met = EventDateResolver.DateOf(document, TimeTestDocuments.TokenIndex(document, "met"));
        Assert.Equal(new DateOnly(2014, 12, 1), met.Date);
    }

    [Theory]
    [InlineData("Russia will send troops.", "send")]
    [InlineData("Russia has called for talks.", "called")]
    [InlineData("Russia sent troops to the border.", "sent")]
    [InlineData("The army withdrew from the town.", "withdrew")]
    public void FutureAndPerfectWithoutExpressionGetNoDate(string text, string predicate)
    {
        var document = Tagged(text);
        var date = EventDateResolver.DateOf(document, TimeTestDocuments.TokenIndex(document, predicate));
        Assert.Null(date.Date);
        Assert.Equal(EventDateBasis.None, date.Basis);
    }

    [Fact]
    public void ParseAttachesTheExpressionOfThePredicateNotTheNearest()
    {
        // Lavrov , speaking last week , criticised the vote on Monday .
        var document = Tagged("Lavrov, speaking last week, criticised the vote on Monday.");
        int Tok(string w) => TimeTestDocuments.TokenIndex(document, w);
        int criticised = Tok("criticised");
        for (int t = 0; t < document.TokenCount; t++) document.Head[t] = criticised;
        document.Head[criticised] = -1;
        document.Relation[criticised] = "root";
        document.Relation[Tok("Lavrov")] = "nsubj";
        document.Relation[Tok("speaking")] = "advcl";
        document.Head[Tok("week")] = Tok("speaking");
        document.Relation[Tok("week")] = "obl:tmod";
        document.Head[Tok("last")] = Tok("week");
        document.Relation[Tok("last")] = "amod";
        document.Head[Tok("vote")] = criticised;
        document.Relation[Tok("vote")] = "obj";
        document.Head[Tok("Monday")] = criticised;
        document.Relation[Tok("Monday")] = "obl";
        document.Head[Tok("on")] = Tok("Monday");
        document.Relation[Tok("on")] = "case";
        for (int t = 0; t < document.TokenCount; t++) document.Relation[t] ??= "punct";
        document.MarkPresent(Layers.Dependencies);

        Assert.Equal(new DateOnly(2015, 9, 28), EventDateResolver.DateOf(document, criticised).Date);
        var speaking = EventDateResolver.DateOf(document, Tok("speaking"));
        Assert.Equal(EventDateBasis.AttachedExpression, speaking.Basis);
        Assert.Equal(new DateOnly(2015, 9, 21), speaking.Date);
    }
}
