namespace Dyad.Coding.Cameo;

/// <summary>
/// One CAMEO event code. <see cref="Quad"/> is the quad class (1 verbal cooperation, 2 material cooperation,
/// 3 verbal conflict, 4 material conflict); <see cref="Plover"/> is the PLOVER category the code maps to, or null
/// where PLOVER has none (statements and appeals).
/// </summary>
public sealed record CameoCode(string Code, string Root, int Quad, double Goldstein, string? Plover, string Label)
{
    public bool IsRoot => Code.Length == 2;

    /// <summary>The code one level up (0231 → 023 → 02); null for a root.</summary>
    public string? ParentCode => Code.Length switch { 4 => Code[..3], 3 => Code[..2], _ => null };
}
