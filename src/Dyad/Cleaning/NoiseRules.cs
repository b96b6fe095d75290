using System.Buffers;
using System.Text.RegularExpressions;
using Dyad.Extraction;

namespace Dyad.Cleaning;

/// <summary>
/// Line-level tests for the kinds of noise that scrapers leave in news text. Each test looks at the shape of one
/// line (and never at a list of known article sentences), so the rules carry over to unseen sites.
/// </summary>
internal static partial class NoiseRules
{
    /// <summary>News agencies and picture services, as they appear in bylines and photo credits.</summary>
    private const string Agencies =
        "AFP|AP|PTI|IANS|ANI|UNI|Reuters|REUTERS|Xinhua|XINHUA|dpa|DPA|EFE|TASS|Bloomberg|AAP|Anadolu|AA|Yonhap|Kyodo|" +
        "Sputnik|WAM|SPA|IRNA|EPA|EPA-EFE|Getty Images|Getty|Shutterstock|NurPhoto|Pool|PA|CNN|BBC|ABC|NHK|AP Photo";

    private static readonly HashSet<string> AgencyNames =
        new(Agencies.Split('|'), StringComparer.Ordinal);

    /// <summary>Short page furniture that stands alone on a line.</summary>
    private static readonly HashSet<string> NavigationLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "skip to main content", "skip to content", "skip to navigation", "main menu", "menu", "home", "search",
        "sign in", "log in", "login", "register", "advertisement", "advertisements", "sponsored", "sponsored content",
        "ad", "ads", "no sidebar", "sidebar", "close", "toggle navigation", "back to top", "scroll to top", "loading",
        "listen to this article", "print this article", "print", "font size", "open in app", "go to homepage",
        "view comments", "accept cookies", "accept all cookies", "cookie settings", "manage cookies",
    };

    /// <summary>Words that make up a share bar when a line holds nothing else.</summary>
    private static readonly HashSet<string> ShareWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "share", "shares", "tweet", "facebook", "twitter", "x", "whatsapp", "linkedin", "email", "e-mail", "mail",
        "print", "reddit", "pinterest", "telegram", "messenger", "copy", "link", "copied", "comments", "comment",
        "save", "bookmark", "flipboard", "this", "article", "story", "on", "via",
    };

    /// <summary>Small words allowed inside a name-only caption such as "Bashar al-Assad" or "Ministry of Defence".</summary>
    private static readonly HashSet<string> NameConnectors = new(StringComparer.Ordinal)
    {
        "and", "of", "the", "de", "del", "da", "di", "al", "al-", "el", "bin", "ibn", "van", "von", "der", "den", "la",
        "le", "du", "&", "-", "–", "—", "in", "for", "to", "at", "on", "y", "e",
    };

    public static bool IsNavigation(in TextLine line)
    {
        if (line.Words > 5) return false;
        var label = line.Key.TrimEnd('.', ':', '!', '…', ' ');
        return NavigationLabels.Contains(label);
    }

    public static bool HasHtml(in TextLine line) => line.Trimmed.Contains('<') && HtmlTag().IsMatch(line.Trimmed);

    public static IEnumerable<(int Start, int Length)> HtmlTags(string text) =>
        HtmlTag().Matches(text).Select(m => (m.Index, m.Length));

    public static string WithoutHtml(string text) => HtmlTag().Replace(text, " ");

    public static bool IsPunctuationOnly(in TextLine line)
    {
        foreach (var c in line.Trimmed)
            if (char.IsLetterOrDigit(c)) return false;
        return true;
    }

    public static bool IsCommentPrompt(in TextLine line) => line.Words <= 14 && CommentPrompt().IsMatch(line.Trimmed);

    public static bool IsMetadata(in TextLine line) => line.Words <= 12 && MetadataLabel().IsMatch(line.Trimmed);

    /// <summary>Bylines and date lines: "By John Smith", "AFP | PTI Paris", "Last Updated : Jul 14 2016 | 3:08 PM IST".</summary>
    public static bool IsBylineOrDate(in TextLine line)
    {
        var t = line.Trimmed;
        if (line.Words > 16) return false;
        if (DateLabel().IsMatch(t) && t.Any(char.IsDigit)) return true;
        if (DateText.IsOnlyDate(t)) return true;
        if (line.IsProse) return false;
        var byline = ByPrefix().Match(t);
        if (byline.Success && IsNameList(t[byline.Length..])) return true;
        return StartsWithAgency(t);
    }

    /// <summary>A leading machine marker such as " date 2021-06-16 " in front of the first paragraph.</summary>
    public static Match LeadingDateMarker(string text) => DateMarker().Match(text);

    private static bool StartsWithAgency(string t)
    {
        var parts = t.Split(['|', ',', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2 && !t.Contains('|')) return false;
        var first = parts[0];
        if (AgencyNames.Contains(first)) return true;
        int space = first.IndexOf(' ');
        // "PTI Paris": an agency followed by its dateline place.
        return space > 0 && AgencyNames.Contains(first[..space]) && IsNameList(first[(space + 1)..]);
    }

    /// <summary>Names joined by commas, "and", pipes: every word capitalised or a connector.</summary>
    private static bool IsNameList(string text)
    {
        int capitalised = 0;
        foreach (var raw in text.Split([' ', ',', '|', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw is "and" or "&" or "with" or "in") continue;
            if (NameConnectors.Contains(raw)) continue;
            if (!char.IsUpper(raw[0])) return false;
            capitalised++;
        }
        return capitalised is >= 1 and <= 12;
    }

    /// <summary>
    /// A short line made only of capitalised words (a photo caption or label: "Russian President Vladimir Putin",
    /// "Syrian Flag"). Headings with ordinary lowercase words ("Return of diplomats") do not match.
    /// </summary>
    public static bool IsNameOnly(in TextLine line)
    {
        if (line.Words is < 2 or > 9 || line.EndsLikeSentence) return false;
        int capitalised = 0;
        foreach (var word in line.Key.Split(' '))
        {
            if (NameConnectors.Contains(word)) continue;
            var core = word.TrimStart('(', '"', '“', '‘', '\'').TrimEnd(',', ')', '"', '”', '’', '\'');
            if (core.Length == 0) continue;
            if (char.IsDigit(core[0])) return false;
            if (!char.IsUpper(core[0])) return false;
            capitalised++;
        }
        return capitalised >= 2;
    }

    /// <summary>The line ends in a picture credit: "(AP Photo/Evan Vucci)", "Kevin Lamarque/Reuters", ". AFP".</summary>
    public static bool EndsWithCredit(in TextLine line)
    {
        // each pattern needs a character or word that most lines lack; the checks keep the scans off those lines
        var t = line.Trimmed;
        var end = t.AsSpan().TrimEnd('.').TrimEnd();
        if (end.Length > 0 && end[^1] == ')' && CreditInParentheses().IsMatch(t)) return true;
        if (t.Contains('/') && (AgencySlashName().IsMatch(t) || NameSlashAgency().IsMatch(t))) return true;
        if (AgencyAfterSentence().IsMatch(t)) return true;
        return t.AsSpan().ContainsAny(PictureWords) && CreditPhrase().IsMatch(t);
    }

    private static readonly SearchValues<string> PictureWords = SearchValues.Create(["photo", "image", "picture"], StringComparison.OrdinalIgnoreCase);

    /// <summary>The whole line is a credit: "(Taiwan Presidential Office)", "Photo: Reuters", "image via Shutterstock".</summary>
    public static bool IsCreditOnly(in TextLine line)
    {
        var t = line.Trimmed;
        if (line.Words <= 6 && t.StartsWith('(') && t.EndsWith(')') && t.IndexOf(')') == t.Length - 1) return true;
        if (line.Words <= 8 && CreditLabel().IsMatch(t)) return true;
        return line.Words <= 6 && CreditPhrase().IsMatch(t);
    }

    public static bool StartsLikeCaption(in TextLine line) => CaptionOpening().IsMatch(line.Trimmed);

    public static bool IsShareOrRelated(in TextLine line)
    {
        if (line.Words > 8) return false;
        if (RelatedHeader().IsMatch(line.Trimmed)) return true;
        bool sawNetwork = false;
        foreach (var raw in line.Key.Split([' ', '|', '/', '·', '•'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim(':', ',', '.');
            if (word.Length == 0) continue;
            if (!ShareWords.Contains(word)) return false;
            sawNetwork |= !FillerShareWords.Contains(word);
        }
        return sawNetwork;
    }

    /// <summary>Share-bar words too common to mark a share bar on their own.</summary>
    private static readonly HashSet<string> FillerShareWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "this", "article", "story", "on", "via", "copy", "link", "save", "comment", "comments", "x", "mail",
    };

    /// <summary>A header that opens a list of other stories; the short lines after it belong to the list.</summary>
    public static bool OpensRelatedList(in TextLine line) => line.Words <= 8 && RelatedHeader().IsMatch(line.Trimmed);

    public static bool IsReadMore(in TextLine line) => ReadMorePrefix().IsMatch(line.Trimmed);

    /// <summary>A teaser cut off with an ellipsis and followed by a section label: "… attempt on ... World News -".</summary>
    public static bool IsTruncatedTeaser(in TextLine line) => !line.EndsLikeSentence && TeaserTail().IsMatch(line.Trimmed);

    /// <summary>Price, plan length, discount or renewal terms: sure signs of a subscription box.</summary>
    public static bool IsSubscriptionStrong(in TextLine line) =>
        PriceLine().IsMatch(line.Trimmed) || PlanLength().IsMatch(line.Trimmed)
        || (line.Trimmed.AsSpan().ContainsAny(SubscriptionWords) && SubscriptionStrong().IsMatch(line.Trimmed));

    /// <summary>Every alternative of <see cref="SubscriptionStrong"/> holds one of these (a cheap vectorised test first).</summary>
    private static readonly SearchValues<string> SubscriptionWords =
        SearchValues.Create(["subscri", "renews", "cancel", "save", "%", "free", "unlimited", "sign"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Subscription vocabulary; only trusted on lines that are not running prose.</summary>
    public static bool IsSubscriptionWeak(in TextLine line) => !line.IsProse && SubscriptionWeak().IsMatch(line.Trimmed);

    [GeneratedRegex(@"</?(?:a|p|div|span|img|br|hr|b|i|u|em|strong|small|sup|sub|font|iframe|script|style|figure|figcaption|h[1-6]|ul|ol|li|blockquote|table|tr|td|th|section|article|source|picture|video|embed|center|noscript|meta|link)\b[^<>]*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"^(please\s+)?(enter|leave|post|add|write|submit|type)\s+(your|a)\s+(comment|name|reply|email|e-mail|response|message)|^(\d+\s+)?comments?$|^leave\s+a\s+(reply|comment)|^you\s+must\s+be\s+logged\s+in|^your\s+email\s+address\s+will\s+not\s+be\s+published|^save\s+my\s+name|^(view|show|load|hide|read)\s+(all\s+)?(\d+\s+)?comments|^post\s+(a\s+)?comment|^notify\s+me\s+of|^comments?\s+are\s+(closed|moderated)|^join\s+the\s+(conversation|discussion)|^be\s+the\s+first\s+to\s+comment", RegexOptions.IgnoreCase)]
    private static partial Regex CommentPrompt();

    [GeneratedRegex(@"^(news|article|story|post)\s*id\s*:\s*\d+|^(tags?|topics?|category|categories|filed\s+under|keywords)\s*:|^\d+\s+min(ute)?s?\s+read$|^reading\s+time\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex MetadataLabel();

    [GeneratedRegex(@"^(last\s+updated|updated|first\s+published|published|posted|date\s*published|dated|modified|last\s+modified)(\s+(on|at))?\s*[:\-|]?\s", RegexOptions.IgnoreCase)]
    private static partial Regex DateLabel();

    [GeneratedRegex(@"^(by|written\s+by|reported\s+by|edited\s+by|compiled\s+by|story\s+by|words\s+by)\s+(?=\p{Lu})", RegexOptions.IgnoreCase)]
    private static partial Regex ByPrefix();

    [GeneratedRegex(@"^\s*date\s+\d{4}-\d{2}-\d{2}\s+")]
    private static partial Regex DateMarker();

    [GeneratedRegex(@"\((?:[^()]*\b(?:Photo|Photograph|Photos|Image|Picture|Credit|Getty|Reuters|REUTERS|AFP|AP|EPA|Xinhua|Shutterstock|File)\b[^()]*)\)\s*\.?$")]
    private static partial Regex CreditInParentheses();

    [GeneratedRegex(@"\b(?:" + Agencies + @")(?:\s+Photo)?\s*/\s*[\p{L}.' -]+(?:/\s*File(?:\s+Photo)?)?\s*$")]
    private static partial Regex AgencySlashName();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}'.-]+(?:\s+\p{Lu}[\p{L}'.-]+){0,3}\s*/\s*(?:" + Agencies + @"|File|Handout)\s*$")]
    private static partial Regex NameSlashAgency();

    [GeneratedRegex(@"[.!?”""]\s+(?:AFP|AP|Reuters|REUTERS|EPA|Getty\s+Images|Xinhua|Shutterstock|Bloomberg)\s*$")]
    private static partial Regex AgencyAfterSentence();

    [GeneratedRegex(@"\b(?:image|photo|picture|photograph)s?\s+(?:via|by|courtesy(?:\s+of)?|credit)\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex CreditPhrase();

    [GeneratedRegex(@"^(?:photo|image|picture|photograph|credit|photo\s+credit|image\s+credit|source|file\s+photo)s?\s*:\s*\S", RegexOptions.IgnoreCase)]
    private static partial Regex CreditLabel();

    [GeneratedRegex(@"^(?:file\s+photo|photo|file|image|picture)\s*:|^(?:an?\s+|the\s+)?(?:file\s+|composite\s+|handout\s+|undated\s+|aerial\s+)?(?:photo|picture|image|photograph|screenshot|screengrab|video\s+grab)\s+(?:of|shows|showing|taken|released|provided)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionOpening();

    [GeneratedRegex(@"^(?:related(?:\s+(?:news|articles?|stories|content|coverage|posts?|links?|topics?|videos?))?|more\s+from\s+this\s+section|more\s+from\b.*|most\s+(?:read|popular|viewed|shared|commented)|next\s+(?:story|article|post)|previous\s+(?:story|article|post)|recommended(?:\s+for\s+you)?|trending(?:\s+now)?|you\s+(?:may|might)\s+also\s+like|top\s+stories|latest\s+(?:news|stories)|more\s+(?:stories|news|videos|articles)(?:\s+(?:from|in|on|about)\s.*)?|also\s+on\b.*|don'?t\s+miss|editor'?s\s+picks?|popular\s+now|follow\s+us\b.*|share\s+this\s+(?:article|story|page)|in\s+case\s+you\s+missed\s+it|what\s+to\s+read\s+next)\s*[:\-–»>]*$", RegexOptions.IgnoreCase)]
    private static partial Regex RelatedHeader();

    [GeneratedRegex(@"^(?:read\s+more|read\s+also|also\s+read|read\s+next|see\s+also|continue\s+reading|read\s+the\s+full|watch\s*:|watch\s+video|listen\s*:|related\s*:|more\s*:)", RegexOptions.IgnoreCase)]
    private static partial Regex ReadMorePrefix();

    [GeneratedRegex(@"(?:\.\.\.|…)\s*(?:\p{Lu}[\p{L}&']*\s*){1,4}[-–|»]?\s*$")]
    private static partial Regex TeaserTail();

    [GeneratedRegex(@"^(?:[₹$€£¥]|Rs\.?\s*|INR\s*|USD\s*)\s?\d[\d,.]*(?:\s*(?:/|per)\s*(?:month|mo|year|yr|week|day|annum))?\s*\*?$", RegexOptions.IgnoreCase)]
    private static partial Regex PriceLine();

    [GeneratedRegex(@"^\d+\s+(?:months?|years?|weeks?|days?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PlanLength();

    [GeneratedRegex(@"^\*?\s*subscribe\b|\bsubscription\s+plans?\b|\brenews\s+automatically\b|\bcancel\s+any\s*time\b|^save\s+\d+\s*%|^\d+\s*%\s+off$|\bfree\s+trial\b|\bunlimited\s+(?:digital\s+)?access\b|^already\s+a\s+subscriber|^sign\s+up\s+for\s+(?:our|the)\s+\w*\s*newsletter", RegexOptions.IgnoreCase)]
    private static partial Regex SubscriptionStrong();

    [GeneratedRegex(@"\bsubscri(?:be|ption|ber|bers)\b|\bnewsletters?\b|\bpremium\b|\bsign\s+up\b|\bper\s+month\b|/month\b|\bpaywall\b|\bdigital\s+access\b|\bad-free\b|\bepaper\b|\be-paper\b", RegexOptions.IgnoreCase)]
    private static partial Regex SubscriptionWeak();
}
