using Dyad.Places;
using Dyad.Time;

namespace Dyad.Tests.Time;

/// <summary>Stages are shared across threads: the same stage instance must give the same layers in parallel as in sequence.</summary>
public class StageConcurrencyTests
{
    private static readonly string[] Texts =
    [
        "Putin will meet Obama later on Monday in New York. Russia and the US disagree sharply on Syria.",
        "Kerry revealed on Wednesday that Lavrov had proposed talks in a call on Tuesday. Jets struck near Latakia, Syria.",
        "The ministry said late Thursday that Assad had met Putin in Sochi. Exports fell last year.",
        "Militias clashed in Tripoli overnight, two days ago. Talks in Geneva resume on Sept. 28.",
    ];

    [Fact]
    public void TimeAndPlaceStagesGiveTheSameResultsInParallel()
    {
        var time = new TemporalTagger();
        var places = new PlaceTagger();
        var dct = new DateOnly(2015, 9, 17);
        string Run(int k)
        {
            var document = TimeTestDocuments.Build(Texts[k % Texts.Length], dct);
            time.Process(document);
            places.Process(document);
            return string.Join(";", document.Times.Select(t => $"{t.Span}:{t.Value}")) + "|" + string.Join(";", document.Places.Select(p => $"{p.Span}:{p.Name}:{p.Country}"));
        }
        var sequential = Enumerable.Range(0, 200).Select(Run).ToArray();
        var parallel = new string[200];
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k => parallel[k] = Run(k));
        Assert.Equal(sequential, parallel);
        Assert.All(sequential, s => Assert.Contains(":", s));
    }
}
