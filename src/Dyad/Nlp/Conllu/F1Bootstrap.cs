namespace Dyad.Nlp.Conllu;

/// <summary>
/// The range an entity F1 would take over other samples of documents like the scored ones (a percentile bootstrap,
/// Efron and Tibshirani 1993): Low and High bound the middle 95 % of the resampled F1s, and StandardDeviation is their
/// spread. Units says what was resampled: "documents", or "sentences" when the file marks no documents.
/// </summary>
public sealed record F1Interval(double Low, double High, double StandardDeviation, int Count, string Units, int Samples);

/// <summary>
/// Right, predicted and gold span counts per document, resampled to give <see cref="F1Interval"/>. Documents are the
/// units rather than sentences because one document's names are often the same names, right or wrong together:
/// resampling sentences would understate how far the figure can move (on UNER EWT test, 2.3 points for documents).
/// </summary>
public sealed class F1Bootstrap
{
    public const int DefaultSamples = 1000;

    // fixed, so a file scores the same interval every time
    private const int Seed = 20261201;

    private readonly List<(int Right, int Predicted, int Gold)> _units = [];
    private bool _documents;

    /// <summary>
    /// One sentence's span counts, as <see cref="EntityTally.Add"/> gives them; a "# newdoc" sentence (or, in a file
    /// with none, every sentence) opens a unit.
    /// </summary>
    public void Add(Iob2Sentence sentence, int right, int predicted, int gold)
    {
        if (sentence.StartsDocument) _documents = true;
        if (_units.Count == 0 || sentence.StartsDocument || !_documents) _units.Add((0, 0, 0));
        var unit = _units[^1];
        _units[^1] = (unit.Right + right, unit.Predicted + predicted, unit.Gold + gold);
    }

    /// <summary>
    /// The interval from <paramref name="samples"/> draws of as many units as were added, with replacement; null when
    /// nothing was added.
    /// </summary>
    /// <remarks>
    /// A file that marks documents only after some sentences counts those first sentences one by one; UNER's files open
    /// with "# newdoc", so every sentence belongs to a document.
    /// </remarks>
    public F1Interval? Interval(int samples = DefaultSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        int n = _units.Count;
        if (n == 0) return null;
        var f1s = new double[samples];
        var random = new Random(Seed);
        for (int s = 0; s < samples; s++)
        {
            int right = 0, predicted = 0, gold = 0;
            for (int k = 0; k < n; k++)
            {
                var unit = _units[random.Next(n)];
                right += unit.Right;
                predicted += unit.Predicted;
                gold += unit.Gold;
            }
            f1s[s] = EntityScores.Of(right, predicted, gold).F1;
        }
        Array.Sort(f1s);
        double mean = f1s.Average();
        double sd = Math.Sqrt(f1s.Sum(f => (f - mean) * (f - mean)) / samples);
        int low = (int)Math.Floor(0.025 * samples), high = Math.Min(samples - 1, (int)Math.Ceiling(0.975 * samples) - 1);
        return new F1Interval(f1s[low], f1s[high], sd, n, _documents ? "documents" : "sentences", samples);
    }
}
