using System.Text;

namespace Dyad.Coding.Actors;

/// <summary>
/// Folds the characters of names so "Erdoğan" matches "Erdogan" and "Moscow’s" matches "Moscow's". Hand-written
/// table because the build runs with invariant globalisation, where Unicode decomposition cannot be relied on.
/// </summary>
internal static class NameKey
{
    private const string Accented = "ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćČčĎďĐđÈÉÊËèéêëĒēĖėĘęĚěĞğĢģÌÍÎÏìíîïĪīĮįİıĶķĹĺĻļĽľŁłÑñŃńŅņŇňÒÓÔÕÖØòóôõöøŌōŐőŔŕŘřŚśŞşŠšŢţŤťÙÚÛÜùúûüŪūŮůŰűŲųÝýÿŹźŻżŽžʻ’‘`´‐‑–";
    private const string Plain = "AAAAAAaaaaaaAaAaAaCcCcCcDdDdEEEEeeeeEeEeEeEeGgGgIIIIiiiiIiIiIiKkLlLlLlLlNnNnNnNnOOOOOOooooooOoOoRrRrSsSsSsTtTtUUUUuuuuUuUuUuUuYyyZzZzZz''''''---";

    private static readonly Dictionary<char, char> Fold = BuildFold();

    private static Dictionary<char, char> BuildFold()
    {
        var map = new Dictionary<char, char>();
        for (int i = 0; i < Accented.Length; i++) map[Accented[i]] = Plain[i];
        return map;
    }

    public static char FoldChar(char c) => c < 128 ? c : Fold.TryGetValue(c, out var p) ? p : c;

    public static char FoldLower(char c) => char.ToLowerInvariant(FoldChar(c));

    /// <summary>The key of a knowledge-base string: folded characters, runs of spaces made one.</summary>
    public static string Of(string text, bool lower)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char raw in text.Trim())
        {
            if (char.IsWhiteSpace(raw)) { space = true; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(lower ? FoldLower(raw) : FoldChar(raw));
        }
        return sb.ToString();
    }

}
