namespace Dyad.Documents;

/// <summary>The annotation layers a <see cref="Document"/> can carry. Stages declare which they need and which they add.</summary>
[Flags]
public enum Layers
{
    None = 0,
    /// <summary>The article text and its metadata: every document has it.</summary>
    Text = 1 << 0,
    /// <summary>Ranges of the text marked as noise (captions, adverts, prompts) and left out of every later layer.</summary>
    Cleaning = 1 << 1,
    Tokens = 1 << 2,
    Sentences = 1 << 3,
    PartOfSpeech = 1 << 4,
    Lemmas = 1 << 5,
    Dependencies = 1 << 6,
    Entities = 1 << 7,
    TimeExpressions = 1 << 8,
    Places = 1 << 9,
    Actors = 1 << 10,
    Events = 1 << 11,
}
