namespace Dyad.Nlp.Tokenization;

/// <summary>Words that keep their final period as part of the token in news text.</summary>
internal static class Abbreviations
{
    /// <summary>Titles and name parts: always followed by more of the same name, so never end a sentence.</summary>
    public static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Pvt", "Adm",
        "Cmdr", "Cdr", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Brig", "Insp", "Supt", "Amb", "Atty", "Fr",
        "Sr", "Jr", "St", "Mt", "Ft", "Lt.Col", "Sens", "Reps", "Govs", "Gens",
    };

    /// <summary>Other abbreviations: may end a sentence when the next word clearly starts one.</summary>
    public static readonly HashSet<string> Others = new(StringComparer.Ordinal)
    {
        "Inc", "Ltd", "Corp", "Co", "Cos", "Bros", "Plc", "LLC", "etc", "vs", "approx", "No", "Nos", "Vol", "Fig",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
        "Ave", "Blvd", "Rd", "Dept", "Univ", "Assn", "Est", "est", "al", "cf", "ca", "viz", "ed", "eds", "pp", "op",
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La",
        "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn",
        "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "D.C",
    };

    /// <summary>Capitalised words that usually open a sentence; after an abbreviation they signal a break.</summary>
    public static readonly HashSet<string> SentenceStarters = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On", "At", "This",
        "That", "These", "Those", "There", "His", "Her", "Their", "Its", "Our", "My", "However", "Meanwhile",
        "After", "Before", "When", "While", "If", "As", "So", "Yet", "Some", "Many", "Most", "Officials", "Police",
        "Last", "Earlier", "Later", "Now", "Then", "Still", "Also", "According", "Since", "During", "For", "By",
        "One", "Two", "Three", "Both", "Each", "Other", "Another", "What", "Why", "How", "Who", "Where",
    };

    /// <summary>Units and multipliers split from a number written against them ($1.2bn → $ 1.2 bn).</summary>
    public static readonly HashSet<string> NumberUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "bn", "b", "m", "mn", "mln", "k", "tn", "trn", "km", "kg", "cm", "mm", "mg", "ml", "pm", "am", "mph", "kph",
        "kmh", "gw", "mw", "kw", "kwh", "ft", "lb", "lbs", "g", "h", "hr", "hrs", "min", "sec", "yrs", "bln", "mt",
    };

    public static readonly HashSet<string> Ordinals = new(StringComparer.OrdinalIgnoreCase) { "st", "nd", "rd", "th", "s" };
}
