namespace Dyad.Nlp.Entities;

/// <summary>
/// Nationalities, religious and political groups (NORP): the entity data has no such layer, so these come
/// from a word list. A compass word before a listed word joins the span (North Korean, South Sudanese).
/// </summary>
internal static class Nationalities
{
    private static readonly string[] Stems =
    [
        "American", "British", "Briton", "English", "Scottish", "Welsh", "Irish", "Russian", "Ukrainian", "Belarusian",
        "Chinese", "Taiwanese", "Japanese", "Korean", "Mongolian", "Vietnamese", "Thai", "Cambodian", "Laotian", "Burmese",
        "Filipino", "Indonesian", "Malaysian", "Singaporean", "Indian", "Pakistani", "Bangladeshi", "Nepalese", "Nepali",
        "Afghan", "Iranian", "Iraqi", "Syrian", "Lebanese", "Jordanian", "Israeli", "Palestinian", "Saudi", "Emirati",
        "Qatari", "Kuwaiti", "Bahraini", "Omani", "Yemeni", "Egyptian", "Libyan", "Tunisian", "Algerian", "Moroccan",
        "Sudanese", "Somali", "Ethiopian", "Eritrean", "Kenyan", "Ugandan", "Rwandan", "Congolese", "Nigerian",
        "Ghanaian", "Malian", "Senegalese", "Cameroonian", "Angolan", "Mozambican", "Zimbabwean", "Zambian",
        "Tanzanian", "Chadian", "Nigerien", "Burkinabe", "Ivorian", "Liberian", "Namibian", "Mexican", "Guatemalan",
        "Honduran", "Salvadoran", "Nicaraguan", "Panamanian", "Cuban", "Haitian", "Dominican", "Jamaican", "Colombian",
        "Venezuelan", "Ecuadorian", "Peruvian", "Bolivian", "Chilean", "Argentine", "Argentinian", "Uruguayan",
        "Paraguayan", "Brazilian", "Canadian", "Australian", "Zealander", "French", "German", "Italian", "Spanish",
        "Portuguese", "Dutch", "Belgian", "Swiss", "Austrian", "Swedish", "Swede", "Norwegian", "Danish", "Dane",
        "Finnish", "Finn", "Icelandic", "Polish", "Pole", "Czech", "Slovak", "Hungarian", "Romanian", "Bulgarian",
        "Greek", "Cypriot", "Turkish", "Turk", "Serb", "Serbian", "Croat", "Croatian", "Bosnian", "Slovenian",
        "Albanian", "Kosovar", "Macedonian", "Montenegrin", "Moldovan", "Georgian", "Armenian", "Azerbaijani",
        "Kazakh", "Uzbek", "Turkmen", "Kyrgyz", "Tajik", "Chechen", "Kurd", "Kurdish", "Arab", "Persian", "Pashtun",
        "Baloch", "Tamil", "Sinhalese", "Uighur", "Uyghur", "Tibetan", "Rohingya", "Yazidi", "Druze", "Berber",
        "Tuareg", "Hutu", "Tutsi", "European", "African", "Asian", "Latino", "Hispanic", "Arabian", "Caucasian",
        "Muslim", "Christian", "Jew", "Jewish", "Catholic", "Protestant", "Orthodox", "Sunni", "Shia", "Shiite",
        "Alawite", "Hindu", "Buddhist", "Sikh", "Evangelical", "Republican", "Democrat", "Communist", "Socialist",
        "Islamist", "Jihadist", "Zionist", "Maoist", "Bolshevik", "Nazi", "Sandinista", "Chavista", "Peshmerga",
        "Houthi", "Baathist", "Soviet", "Western", "Arabic",
    ];

    private static readonly HashSet<string> Words = BuildWords();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WordLookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    private static HashSet<string> BuildWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stem in Stems)
        {
            words.Add(stem);
            if (!stem.EndsWith('s') && !stem.EndsWith("ese", StringComparison.Ordinal) && !stem.EndsWith("ish", StringComparison.Ordinal)
                && !stem.EndsWith("ch", StringComparison.Ordinal))
                words.Add(stem + "s");
        }
        words.Add("Swiss");
        words.Add("Shias");
        words.Add("Jews");
        return words;
    }

    private static readonly HashSet<string> Compass = new(StringComparer.Ordinal) { "North", "South", "East", "West", "Central" };
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CompassLookup = Compass.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsNationality(ReadOnlySpan<char> word) => word.Length > 2 && char.IsUpper(word[0]) && WordLookup.Contains(word);
    public static bool IsCompass(ReadOnlySpan<char> word) => CompassLookup.Contains(word);
}
