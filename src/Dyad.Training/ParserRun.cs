namespace Dyad.Training;

/// <summary>
/// The shape of one parser training run: epochs, which trees it learns from, how many seeds' models are averaged
/// and which model layout. Passed to <see cref="ParserTrainer.Train"/> so a caller that trains parsers of its own
/// (the recogniser's fold parsers) gets the run it asks for, whatever the PARSER_* variables say.
/// </summary>
/// <param name="Epochs">Training epochs (PARSER_EPOCHS).</param>
/// <param name="PseudoProjective">
/// All sentences with their crossing arcs lifted (PARSER_PSEUDO_PROJECTIVE=1), instead of the projective sentences
/// only. With three seeds averaged it scores best on EWT dev and test; see models/README.md for the shipped choice.
/// </param>
/// <param name="Seeds">
/// How many perceptrons, trained with seeds seed, seed + 1, …, are averaged into the model (PARSER_SEEDS). Each order
/// of the training sentences and each exploration path leaves its own noise in the weights (single seeds differ by
/// up to 0.6 dev LAS); their mean keeps what they agree on.
/// </param>
/// <param name="Hierarchical">
/// A transition model of four unlabelled classes and a label model per arc direction (PARSER_HIERARCHICAL=1,
/// <see cref="Dyad.Nlp.Parsing.DependencyParser.IsHierarchical"/>), written in the parser's second file layout. Off
/// by default: the shipped parser is the labelled one.
/// </param>
public sealed record ParserRun(int Epochs, bool PseudoProjective, int Seeds, bool Hierarchical)
{
    /// <summary>The run the PARSER_* environment variables describe; unset, the defaults.</summary>
    public static ParserRun FromEnvironment() => new(
        int.Parse(Environment.GetEnvironmentVariable("PARSER_EPOCHS") ?? "12", System.Globalization.CultureInfo.InvariantCulture),
        (Environment.GetEnvironmentVariable("PARSER_PSEUDO_PROJECTIVE") ?? "0") == "1",
        int.Parse(Environment.GetEnvironmentVariable("PARSER_SEEDS") ?? "1", System.Globalization.CultureInfo.InvariantCulture),
        (Environment.GetEnvironmentVariable("PARSER_HIERARCHICAL") ?? "0") == "1");
}
