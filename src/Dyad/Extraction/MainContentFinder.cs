using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Dyad.Extraction;

/// <summary>
/// Finds the article body in a parsed page and renders it as paragraphs separated by blank lines. Page furniture
/// (navigation, headers, footers, asides, share bars, adverts, related lists, comments, cookie banners, figures and
/// credits) is dropped first; then each paragraph scores its ancestors by length and commas, link-heavy blocks are
/// penalised, class and id hints such as "article" or "story-body" count for or against, and the best container
/// plus its strong siblings is kept in document order.
/// </summary>
internal static partial class MainContentFinder
{
    private static readonly HashSet<string> DroppedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "iframe", "svg", "nav", "header", "footer", "aside", "form", "button", "input",
        "select", "textarea", "template", "object", "embed", "canvas", "video", "audio", "figure", "figcaption",
        "picture", "img", "map", "dialog", "menu", "link", "meta",
    };

    private static readonly HashSet<string> DroppedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "alert", "alertdialog", "dialog", "search",
    };

    private static readonly HashSet<string> ParagraphTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "pre", "td", "blockquote", "li", "h2", "h3", "h4", "h5", "h6", "dd",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr",
        "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address", "center", "body", "tbody", "thead",
    };

    public static string Extract(IDocument page, CancellationToken cancel)
    {
        var body = page.Body;
        if (body is null) return "";
        Prune(body, cancel);
        var container = BestContainer(body, cancel, out var siblings);
        if (container is null) return "";
        var sb = new StringBuilder();
        foreach (var part in siblings)
        {
            cancel.ThrowIfCancellationRequested();
            Render(part, sb, cancel);
            sb.Append("\n\n");
        }
        return Paragraphs(sb.ToString());
    }

    /// <summary>
    /// Removes furniture everywhere in the page, before any scoring sees it. Code and media go first; then
    /// elements that look like furniture by tag, role, class or style, unless they hold most of the page's text
    /// (an advert "skin", an ASP.NET form or a display:none wrapper sometimes encloses the whole article).
    /// </summary>
    private static void Prune(IElement body, CancellationToken cancel)
    {
        foreach (var element in body.QuerySelectorAll(string.Join(',', CodeAndMediaTags)).ToList())
            if (element.Parent is not null) element.Remove();
        cancel.ThrowIfCancellationRequested();

        int pageLetters = CountLetters(body.TextContent);
        var doomed = new List<IElement>();
        foreach (var element in body.QuerySelectorAll("*"))
        {
            if (DroppedTags.Contains(element.LocalName)
                || element.GetAttribute("role") is { } role && DroppedRoles.Contains(role)
                || element.HasAttribute("hidden")
                || element.GetAttribute("aria-hidden") == "true"
                || element.GetAttribute("style") is { } style && HiddenStyle().IsMatch(style)
                || IsUnlikely(element))
                doomed.Add(element);
        }
        cancel.ThrowIfCancellationRequested();
        foreach (var element in doomed)
        {
            if (element.Parent is null || !body.Contains(element)) continue;
            if (CountLetters(element.TextContent) * 2 > pageLetters) continue;
            if (!StrongNegativeHints().IsMatch(Hints(element)) && HoldsProse(element)) continue;
            element.Remove();
        }
    }

    private static readonly string[] CodeAndMediaTags =
    [
        "script", "style", "noscript", "iframe", "svg", "template", "button", "input", "select", "textarea", "object",
        "embed", "canvas", "video", "audio", "img", "picture", "map", "link", "meta",
    ];

    private static string Hints(IElement element) => (element.ClassName + " " + element.Id).Trim();

    /// <summary>Class or id says furniture, and nothing says content (readability's "unlikely candidate" idea).</summary>
    private static bool IsUnlikely(IElement element)
    {
        if (element.LocalName is "body" or "html" or "article" or "main" or "p") return false;
        var hints = Hints(element);
        if (hints.Length == 0) return false;
        if (!NegativeHints().IsMatch(hints)) return false;
        if (StrongNegativeHints().IsMatch(hints)) return true;
        return !PositiveHints().IsMatch(hints);
    }

    private static int HintWeight(IElement element)
    {
        var hints = Hints(element);
        if (hints.Length == 0) return 0;
        int weight = 0;
        if (PositiveHints().IsMatch(hints)) weight += 25;
        if (NegativeHints().IsMatch(hints)) weight -= 25;
        if (element.GetAttribute("itemprop") is "articleBody" or "text") weight += 40;
        return weight;
    }

    private static IElement? BestContainer(IElement body, CancellationToken cancel, out List<IElement> parts)
    {
        var scores = new Dictionary<IElement, double>();
        var prose = new Dictionary<IElement, int>();
        foreach (var element in body.QuerySelectorAll("*"))
        {
            cancel.ThrowIfCancellationRequested();
            bool paragraphLike = ParagraphTags.Contains(element.LocalName)
                                 || element.LocalName is "div" or "section" && !HasBlockChild(element);
            // Text written straight into a container between <br>s and block children is a paragraph of the
            // container itself (readability wraps such runs in <p>); score it from the container up.
            string text;
            IElement? first;
            if (paragraphLike) { text = element.TextContent; first = element.ParentElement; }
            else if (BlockTags.Contains(element.LocalName) && InlineText(element) is { Length: > 0 } inline) { text = inline; first = element; }
            else continue;
            int length = CountLetters(text);
            if (length < 25) continue;
            double score = 1 + CountCommas(text) + Math.Min(length / 100, 3);
            if (length >= ProseLetters && LinkDensity(element) < 0.25)
                for (var holder = first; holder is not null; holder = holder.ParentElement)
                    prose[holder] = prose.GetValueOrDefault(holder) + length;
            var ancestor = first;
            for (int level = 0; ancestor is not null && level < 5; level++, ancestor = ancestor.ParentElement)
            {
                if (!scores.ContainsKey(ancestor)) scores[ancestor] = InitialScore(ancestor);
                scores[ancestor] += level switch { 0 => score, 1 => score / 2, _ => score / (level * 3) };
            }
        }

        IElement? top = null;
        double topScore = double.MinValue;
        foreach (var (element, raw) in scores)
        {
            double score = raw * (1 - LinkDensity(element));
            scores[element] = score;
            if (score > topScore) { topScore = score; top = element; }
        }
        parts = [];
        if (top is null) return null;

        // A container whose parent holds most of the same text is a fragment of the real body: climb.
        while (top.ParentElement is { } parent && parent != body && parent.LocalName != "html"
               && scores.TryGetValue(parent, out var parentScore) && parentScore >= topScore * 0.9)
        {
            top = parent;
            topScore = parentScore;
        }

        // An article split into sibling sections (one per subheading, with adverts between) scores as several
        // candidates; climb while an ancestor holds clearly more plain prose than the chosen one.
        for (bool climbed = true; climbed;)
        {
            climbed = false;
            int level = 0;
            for (var holder = top.ParentElement; holder is not null && holder != body && holder.LocalName != "html" && level < 6;
                 holder = holder.ParentElement, level++)
            {
                int holderProse = prose.GetValueOrDefault(holder);
                if (holderProse < prose.GetValueOrDefault(top) * 5 / 4 + ProseLetters) continue;
                // Only a container that is mostly prose itself; a page column with teasers and lists is not the article.
                if (holderProse < CountLetters(holder.TextContent) * 3 / 4) break;
                top = holder;
                topScore = Math.Max(topScore, scores.GetValueOrDefault(holder));
                climbed = true;
                break;
            }
        }

        var parentOfTop = top.ParentElement;
        if (parentOfTop is null) { parts.Add(top); return top; }
        double threshold = Math.Max(10, topScore * 0.2);
        foreach (var sibling in parentOfTop.Children)
        {
            if (sibling == top) { parts.Add(sibling); continue; }
            double bonus = !string.IsNullOrEmpty(top.ClassName) && sibling.ClassName == top.ClassName ? topScore * 0.2 : 0;
            if (scores.TryGetValue(sibling, out var s) && s + bonus >= threshold) { parts.Add(sibling); continue; }
            if (sibling.LocalName == "p")
            {
                var text = sibling.TextContent;
                int length = CountLetters(text);
                double density = LinkDensity(sibling);
                if (length > 80 && density < 0.25 || length is > 0 and <= 80 && density == 0 && SentenceEnd().IsMatch(text))
                    parts.Add(sibling);
            }
        }
        return top;
    }

    /// <summary>A paragraph at least this long (letters) with few links is plain prose.</summary>
    private const int ProseLetters = 80;

    private static double InitialScore(IElement element) => HintWeight(element) + element.LocalName switch
    {
        "div" or "article" or "main" => 5,
        "pre" or "td" or "blockquote" => 3,
        "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
        "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
        _ => 0,
    };

    /// <summary>The text of an element's own text nodes and inline children, leaving out its block children.</summary>
    private static string InlineText(IElement element)
    {
        StringBuilder? sb = null;
        foreach (var child in element.ChildNodes)
        {
            if (child is IText t) (sb ??= new StringBuilder()).Append(t.Data);
            else if (child is IElement e && !BlockTags.Contains(e.LocalName)) (sb ??= new StringBuilder()).Append(e.TextContent);
        }
        return sb?.ToString() ?? "";
    }

    /// <summary>Three or more long, plain paragraphs: the element holds article text, whatever its class says.</summary>
    private static bool HoldsProse(IElement element)
    {
        int paragraphs = 0;
        foreach (var p in element.QuerySelectorAll("p"))
            if (CountLetters(p.TextContent) >= 150 && LinkDensity(p) < 0.2 && ++paragraphs >= 3) return true;
        return false;
    }

    private static bool HasBlockChild(IElement element)
    {
        foreach (var child in element.Children)
            if (BlockTags.Contains(child.LocalName)) return true;
        return false;
    }

    /// <summary>Share of the element's text that sits inside links; menus and related lists are mostly links.</summary>
    private static double LinkDensity(IElement element)
    {
        int total = element.TextContent.Length;
        if (total == 0) return 0;
        int linked = 0;
        foreach (var a in element.QuerySelectorAll("a")) linked += a.TextContent.Length;
        return Math.Min(1.0, (double)linked / total);
    }

    /// <summary>Writes the visible text of a kept container, one block per paragraph, leaving out link lists and stray furniture.</summary>
    private static void Render(INode node, StringBuilder sb, CancellationToken cancel)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                sb.Append(text.Data);
                continue;
            }
            if (child is not IElement element) continue;
            var name = element.LocalName;
            if (name == "br") { sb.Append('\n'); continue; }
            if (name is "h1") continue;
            bool block = BlockTags.Contains(name);
            if (block && IsLinkList(element)) continue;
            if (block) sb.Append("\n\n");
            Render(element, sb, cancel);
            if (block) sb.Append("\n\n");
            else if (name is "td" or "th") sb.Append(' ');
        }
    }

    /// <summary>A list or box that is mostly links (related stories, tags, share buttons) inside the article.</summary>
    private static bool IsLinkList(IElement element)
    {
        if (element.LocalName is "p" or "blockquote" or "h2" or "h3" or "h4" or "h5" or "h6") return false;
        var text = element.TextContent;
        int letters = CountLetters(text);
        if (letters == 0) return false;
        double density = LinkDensity(element);
        if (element.LocalName is "ul" or "ol") return density > 0.5;
        return density > 0.5 && letters < 2000 || density > 0.3 && letters < 200 && HintWeight(element) < 0;
    }

    private static string Paragraphs(string raw)
    {
        var result = new StringBuilder(raw.Length);
        foreach (var block in raw.Split("\n\n"))
        {
            foreach (var line in block.Split('\n'))
            {
                var clean = string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                if (clean.Length == 0) continue;
                if (result.Length > 0) result.Append("\n\n");
                result.Append(clean);
            }
        }
        return result.ToString();
    }

    private static int CountLetters(string text)
    {
        int n = 0;
        foreach (var c in text) if (!char.IsWhiteSpace(c)) n++;
        return n;
    }

    private static int CountCommas(string text)
    {
        int n = 0;
        foreach (var c in text) if (c is ',' or '，' or '、' or '،') n++;
        return n;
    }

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"(^|[\s_-])(ad|ads|adv|advert\w*|banner|breadcrumbs?|comments?|comment-\w+|disqus|footer|header|masthead|menu|nav|navbar|navigation|related|sidebar|side-bar|social|share|sharing|sharebar|sponsor\w*|promo\w*|newsletter|subscribe|subscription|signup|paywall|cookie\w*|consent|gdpr|popup|modal|overlay|outbrain|taboola|most-?read|mostread|most-?popular|trending|recommend\w*|widget|tags?|tag-list|pagination|pager|print|skip|login|toolbar|caption|credit|byline|author-?bio|bio|meta|timestamp|dateline|supplemental|extra|rss|shoutbox|skyscraper|agegate|remark|replies|community|legends|more-stories|read-?more|also-read|next-?story|jump|visually-hidden|sr-only|screen-reader\w*|teaser|newsletter-\w+)($|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex NegativeHints();

    [GeneratedRegex(@"comment|disqus|cookie|consent|gdpr|newsletter|outbrain|taboola|most-?read|mostread|share|social|sponsor|advert|subscribe|related|recommend|caption|credit|visually-hidden|sr-only|screen-reader", RegexOptions.IgnoreCase)]
    private static partial Regex StrongNegativeHints();

    [GeneratedRegex(@"article|body|content|entry|main|page|post|text|blog|story|column", RegexOptions.IgnoreCase)]
    private static partial Regex PositiveHints();

    [GeneratedRegex(@"\.( |$)")]
    private static partial Regex SentenceEnd();
}
