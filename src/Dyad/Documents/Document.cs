using Dyad.Coding.Actors;
using Dyad.Coding.Events;

namespace Dyad.Documents;

/// <summary>
/// One article and its annotation layers. Layers are stored as columns (parallel arrays indexed by token or
/// sentence); <see cref="Token"/> and <see cref="Sentence"/> are cheap views over them. Each stage fills the
/// layers it declares and marks them present, so a later stage can rely on them.
/// </summary>
public sealed class Document
{
    public Document(Article article)
    {
        Article = article;
        Text = article.Text;
        Present = Layers.Text;
        Published = article.Published;
        PublishedClue = article.PublishedClue;
    }

    /// <summary>
    /// The publication date every relative date is resolved against: the article's own, or one a stage found in
    /// the text (byline, dateline, URL), with the clue it came from. Null when nothing says; never today by default.
    /// </summary>
    public DateOnly? Published { get; set; }
    public MetadataClue? PublishedClue { get; set; }

    public Article Article { get; }
    public string Id => Article.Id;

    /// <summary>The article text every character offset refers to. Noise stays in it, marked by <see cref="Removed"/>.</summary>
    public string Text { get; }

    /// <summary>The layers filled so far.</summary>
    public Layers Present { get; private set; }

    public void MarkPresent(Layers layers) => Present |= layers;
    public bool Has(Layers layers) => (Present & layers) == layers;

    // ---- cleaning ----
    public List<RemovedBlock> Removed { get; } = [];

    public bool IsRemoved(int offset)
    {
        foreach (var block in Removed)
            if (block.Span.Contains(offset)) return true;
        return false;
    }

    // ---- tokens (columns) ----
    public int TokenCount { get; private set; }
    public int[] TokenStart { get; private set; } = [];
    public int[] TokenEnd { get; private set; } = [];
    /// <summary>Sentence index of each token.</summary>
    public int[] TokenSentence { get; private set; } = [];
    public string?[] Upos { get; private set; } = [];
    public string?[] Xpos { get; private set; } = [];
    public string?[] Lemma { get; private set; } = [];
    /// <summary>Head token index (document-wide) or -1 for the sentence root.</summary>
    public int[] Head { get; private set; } = [];
    public string?[] Relation { get; private set; } = [];

    /// <summary>Install the token layer; resets the per-token columns.</summary>
    public void SetTokens(int[] starts, int[] ends, int count)
    {
        if (starts.Length < count || ends.Length < count) throw new ArgumentException("token arrays shorter than count");
        TokenCount = count;
        TokenStart = starts;
        TokenEnd = ends;
        TokenSentence = new int[count];
        Upos = new string?[count];
        Xpos = new string?[count];
        Lemma = new string?[count];
        Head = new int[count];
        Array.Fill(Head, -1);
        Relation = new string?[count];
        MarkPresent(Layers.Tokens);
    }

    // ---- sentences (columns) ----
    public int SentenceCount { get; private set; }
    public int[] SentenceFirstToken { get; private set; } = [];
    public int[] SentenceEndToken { get; private set; } = [];

    public void SetSentences(int[] firstTokens, int[] endTokens, int count)
    {
        SentenceCount = count;
        SentenceFirstToken = firstTokens;
        SentenceEndToken = endTokens;
        for (int s = 0; s < count; s++)
            for (int t = firstTokens[s]; t < endTokens[s]; t++)
                TokenSentence[t] = s;
        MarkPresent(Layers.Sentences);
    }

    public Token TokenAt(int index) => new(this, index);
    public Sentence SentenceAt(int index) => new(this, index);

    public IEnumerable<Sentence> Sentences()
    {
        for (int s = 0; s < SentenceCount; s++) yield return new Sentence(this, s);
    }

    public ReadOnlySpan<char> TokenSpan(int index) => Text.AsSpan(TokenStart[index], TokenEnd[index] - TokenStart[index]);
    public string TokenText(int index) => Text.Substring(TokenStart[index], TokenEnd[index] - TokenStart[index]);

    // ---- span layers ----
    public List<EntitySpan> Entities { get; } = [];
    public List<TimeExpression> Times { get; } = [];
    public List<PlaceMention> Places { get; } = [];
    public List<ActorMention> Actors { get; } = [];
    public List<CodedEvent> Events { get; } = [];

    /// <summary>The text with removed blocks left out, paragraphs kept apart by blank lines.</summary>
    public string CleanText()
    {
        if (Removed.Count == 0) return Text.Trim();
        var sb = new System.Text.StringBuilder(Text.Length);
        var ordered = Removed.OrderBy(r => r.Span.Start).ToList();
        int pos = 0;
        foreach (var block in ordered)
        {
            if (block.Span.Start > pos) sb.Append(Text, pos, block.Span.Start - pos);
            pos = Math.Max(pos, block.Span.End);
        }
        if (pos < Text.Length) sb.Append(Text, pos, Text.Length - pos);
        return CollapseBlankLines(sb.ToString());
    }

    /// <summary>Every non-blank line is a paragraph; paragraphs are separated by one blank line.</summary>
    private static string CollapseBlankLines(string text)
    {
        var paragraphs = text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0);
        return string.Join("\n\n", paragraphs);
    }
}

/// <summary>A view of one token: no allocation until text is asked for.</summary>
public readonly struct Token(Document document, int index)
{
    public int Index => index;
    public int Start => document.TokenStart[index];
    public int End => document.TokenEnd[index];
    public ReadOnlySpan<char> Span => document.TokenSpan(index);
    public string Text => document.TokenText(index);
    public string? Upos => document.Upos[index];
    public string? Xpos => document.Xpos[index];
    public string? Lemma => document.Lemma[index];
    public int Head => document.Head[index];
    public string? Relation => document.Relation[index];
    public int SentenceIndex => document.TokenSentence[index];
    public override string ToString() => Text;
}

/// <summary>A view of one sentence: tokens [FirstToken, EndToken).</summary>
public readonly struct Sentence(Document document, int index)
{
    public int Index => index;
    public int FirstToken => document.SentenceFirstToken[index];
    public int EndToken => document.SentenceEndToken[index];
    public int TokenCount => EndToken - FirstToken;
    public int Start => document.TokenStart[FirstToken];
    public int End => document.TokenEnd[EndToken - 1];
    public string Text => document.Text.Substring(Start, End - Start);
    public Token this[int i] => document.TokenAt(FirstToken + i);
    public override string ToString() => Text;
}
