namespace Dyad.Coding.Cameo;

/// <summary>Short readable names for CAMEO roots, for tables and summaries.</summary>
public static class CameoLabels
{
    private static readonly string[] Roots =
    [
        "", "statement", "appeal", "intent to cooperate", "consult", "diplomatic cooperation", "material cooperation",
        "aid", "yield", "investigate", "demand", "disapprove", "reject", "threaten", "protest", "force posture",
        "reduce relations", "coerce", "assault", "fight", "mass violence",
    ];

    public static string Label(string cameo)
    {
        if (cameo.Length < 2 || !int.TryParse(cameo.AsSpan(0, 2), out int root) || root < 1 || root > 20) return "?";
        return Roots[root];
    }

    /// <summary>QuadClass of a root: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.</summary>
    public static int Quad(string cameo)
    {
        if (cameo.Length < 2 || !int.TryParse(cameo.AsSpan(0, 2), out int root)) return 0;
        return root switch { <= 5 => 1, <= 9 => 2, <= 14 => 3, _ => 4 };
    }
}
