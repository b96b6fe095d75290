using Dyad.Coding.Actors;
using Dyad.Documents;

namespace Dyad.Tests.Actors;

/// <summary>Runs the actor coder over a piece of text dated <paramref name="published"/>.</summary>
internal static class ActorTestText
{
    private static readonly ActorCodingStage Stage = new();

    public static Document Code(string text, string? published = "2015-09-28")
    {
        var article = new Article { Id = "t", Text = text, Published = published is null ? null : DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture) };
        var document = new Document(article);
        SimpleTokenizer.Tokenize(document);
        Stage.Process(document);
        return document;
    }

    /// <summary>The mention whose text is exactly <paramref name="text"/> (the first, or the n-th).</summary>
    public static ActorMention Mention(this Document document, string text, int nth = 0)
    {
        var found = document.Actors.Where(m => m.Text == text).ToList();
        Assert.True(found.Count > nth,
            $"no mention '{text}' (#{nth}); found: {string.Join(" | ", document.Actors.Select(m => $"{m.Text}={m.Code}"))}");
        return found[nth];
    }

    /// <summary>
    /// ../shared beside the repository. The repository root is the folder holding Dyad.slnx above the test
    /// assembly; when the build output lives outside the repository (--artifacts-path) the folders above the output
    /// and the working directory are searched the same way.
    /// </summary>
    public static string? Shared()
    {
        foreach (var startDir in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var up = new DirectoryInfo(startDir); up is not null; up = up.Parent)
            {
                string shared = Path.Combine(up.FullName, "shared");
                if (Directory.Exists(Path.Combine(shared, "eval"))) return shared;
                if (File.Exists(Path.Combine(up.FullName, "Dyad.slnx")) && up.Parent is not null)
                {
                    string beside = Path.Combine(up.Parent.FullName, "shared");
                    if (Directory.Exists(beside)) return beside;
                }
            }
        return null;
    }
}
