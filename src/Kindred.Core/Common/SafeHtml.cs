using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Css.Dom;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Caching.Memory;

namespace Kindred.Core.Common;

/// <summary>
/// Turns what people type (or what another server sent us) into HTML that is safe to put in a page,
/// a Mastodon API response or an ActivityPub object. The allow-list mirrors Mastodon's strict sanitizer
/// so our HTML looks the same to every client and peer. Everything here is static and stateless after
/// start-up; Markdig pipelines and a configured HtmlSanitizer are safe to share between threads.
/// </summary>
/// <remarks>
/// Markdown headings are rendered as a bold paragraph rather than h1–h6: a post sits inside a page that
/// has its own heading outline (screen-reader users navigate by it), and h1–h6 are outside the allow-list
/// that Mastodon-compatible clients expect. Images in Markdown become
/// plain links to the image, because pictures belong in attachments where alt text is required.
/// </remarks>
public static partial class SafeHtml
{
    private const string LinkRel = "nofollow noopener noreferrer";

    private static readonly string[] AllowedTags =
    [
        "p", "br", "span", "a", "del", "pre", "code", "em", "strong", "b", "i", "u", "ul", "ol", "li", "blockquote",
        // Headings are let through the sanitizer only to be rewritten as <p><strong> in post-processing.
        "h1", "h2", "h3", "h4", "h5", "h6",
    ];

    // Elements whose text is code or markup, not prose: dropping the tag but keeping the text would put
    // e.g. a script's source on the page as visible words.
    private static readonly HashSet<string> DropWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "noembed", "noframes", "iframe", "object", "embed", "textarea",
        "title", "head", "svg", "math", "select", "frameset", "xmp", "plaintext",
    };

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>
    /// What <see cref="Clean"/> made of each input, so the posts every timeline shows again are not sanitized again on
    /// each view (ADR 42). The result depends on the input alone. Sizes are counted in characters, input and output:
    /// about 4 million, 8 MB, which holds the content of several thousand posts.
    /// </summary>
    private static readonly MemoryCache Cleaned = new(new MemoryCacheOptions { SizeLimit = 4_000_000 });

    private static readonly TimeSpan CleanedLifetime = TimeSpan.FromMinutes(30);

    /// <summary>Passes after the first before giving up on a fixed point; the inputs found so far settle after one.</summary>
    private const int MaxPasses = 3;

    /// <summary>Renders the safe Markdown subset used for posts, bios and group descriptions.</summary>
    public static string RenderMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.IsImage)
            {
                link.IsImage = false;
                if (link.FirstChild is null)
                {
                    // ![](url) has no alt text to show; the address itself keeps the link visible.
                    link.AppendChild(new LiteralInline(link.Url ?? string.Empty));
                }
            }
        }

        return Clean(Markdown.ToHtml(document, Pipeline));
    }

    /// <summary>
    /// Sanitizes HTML from anywhere: remote posts on arrival, and our own stored HTML again on render, so a
    /// tightened allow-list also applies to what was saved before.
    /// </summary>
    public static string Clean(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.Length == 0)
        {
            return string.Empty;
        }
        if (Cleaned.TryGetValue(html, out string? kept))
        {
            return kept!;
        }
        var clean = Sanitizer.Sanitize(html).Trim();
        // The sanitizer serializes a tree the parser built, edited: a heading rewritten as <p><strong> around a stray
        // paragraph, or the children of a dropped tag, can give markup that parses into another tree (a <p> inside a
        // <p>). A browser sees that other tree, so the result is sanitized again until it stands still (afl-fuzz found
        // such inputs, ADR 54); with the cache above this costs one more pass per new input.
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var again = Sanitizer.Sanitize(clean).Trim();
            if (again == clean)
            {
                break;
            }
            clean = again;
        }
        Cleaned.Set(html, clean, new MemoryCacheEntryOptions { Size = html.Length + clean.Length, SlidingExpiration = CleanedLifetime });
        return clean;
    }

    /// <summary>
    /// For values that are plain text by contract (profile custom fields): nothing is interpreted as markup;
    /// http(s) addresses become links and line breaks become &lt;br&gt;.
    /// </summary>
    public static string PlainTextToHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder(text.Length + 32);
        var position = 0;
        foreach (Match match in UrlPattern().Matches(text))
        {
            var url = TrimTrailingPunctuation(match.Value);
            html.Append(EncodeText(text[position..match.Index]));
            html.Append("<a href=\"").Append(WebUtility.HtmlEncode(url)).Append("\">")
                .Append(WebUtility.HtmlEncode(url)).Append("</a>");
            position = match.Index + url.Length;
        }

        html.Append(EncodeText(text[position..]));
        return Clean(html.ToString());
    }

    /// <summary>
    /// The words of some HTML as plain text on one line (for page descriptions and previews): tags dropped, entities
    /// decoded, paragraphs and line breaks turned into spaces, cut to <paramref name="maxLength"/> characters with an
    /// ellipsis. The result is text, to be encoded by whoever writes it into a page.
    /// </summary>
    public static string PlainText(string html, int maxLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(html);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + Clean(html) + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("br, p, li, blockquote, pre").ToArray())
        {
            element.After(document.CreateTextNode(" "));
        }
        var text = WhitespacePattern().Replace(document.Body.TextContent, " ").Trim();
        if (text.Length <= maxLength)
        {
            return text;
        }
        var cut = text[..Math.Max(0, maxLength - 1)];
        // Not in the middle of a surrogate pair.
        if (cut.Length > 0 && char.IsHighSurrogate(cut[^1]))
        {
            cut = cut[..^1];
        }
        return cut.TrimEnd() + "…";
    }

    private static string EncodeText(string text) =>
        WebUtility.HtmlEncode(text).ReplaceLineEndings("<br>");

    // "see https://example.org/page." or "(https://example.org)" should not swallow the sentence's punctuation;
    // a closing parenthesis stays when the URL itself opened one, as Wikipedia links do.
    private static string TrimTrailingPunctuation(string url)
    {
        while (url.Length > 0)
        {
            var last = url[^1];
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"')
            {
                url = url[..^1];
            }
            else if (last == ')' && url.Count(c => c == '(') < url.Count(c => c == ')'))
            {
                url = url[..^1];
            }
            else
            {
                break;
            }
        }

        return url;
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            // "start" keeps "3. third" numbered as written; it carries no URL or script.
            AllowedAttributes = new HashSet<string>(["href", "start"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<CssRuleType>(),
        })
        {
            KeepChildNodes = true,
        };

        sanitizer.RemovingTag += (_, e) =>
        {
            if (DropWithContent.Contains(e.Tag.LocalName))
            {
                e.Tag.InnerHtml = string.Empty;
            }
        };

        // Without a base URL the sanitizer keeps relative links; in federated content they point nowhere useful.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.SanitizedUrl is null
                || !Uri.TryCreate(e.SanitizedUrl, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeMailto))
            {
                e.SanitizedUrl = null;
            }
        };

        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element)
            {
                return;
            }

            switch (element.LocalName)
            {
                case "a" when element.HasAttribute("href"):
                    element.SetAttribute("rel", LinkRel);
                    element.SetAttribute("target", "_blank");
                    break;
                case "a":
                    // A link whose address was removed is just text.
                    foreach (var child in element.ChildNodes.ToArray())
                    {
                        e.ReplacementNodes.Add(child);
                    }

                    break;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    var paragraph = e.Document.CreateElement("p");
                    var strong = e.Document.CreateElement("strong");
                    strong.Append([.. element.ChildNodes]);
                    paragraph.AppendChild(strong);
                    e.ReplacementNodes.Add(paragraph);
                    break;
            }
        };

        return sanitizer;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespacePattern();
}
