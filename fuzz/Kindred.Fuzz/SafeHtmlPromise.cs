using AngleSharp.Html.Parser;
using Kindred.Core.Common;

namespace Kindred.Fuzz;

/// <summary>
/// What <see cref="SafeHtml"/> promises of everything it returns: only the allow-listed elements and attributes, links
/// only to http, https and mailto, and a fixed point (sanitizing the output again gives the same output, so what a
/// browser re-parses is what the sanitizer checked).
/// </summary>
public static class SafeHtmlPromise
{
    private static readonly HashSet<string> Elements =
        ["p", "br", "span", "a", "del", "pre", "code", "em", "strong", "b", "i", "u", "ul", "ol", "li", "blockquote"];

    private static readonly HashSet<string> Attributes = ["href", "start", "rel", "target"];

    private static readonly HtmlParser Parser = new();

    public static void Check(string html)
    {
        // Text may say "javascript:" (it is shown, not run); a tag may not open a script.
        Promise.Holds(!html.Contains("<script", StringComparison.OrdinalIgnoreCase), "no script element");
        var body = Parser.ParseDocument("<body>" + html + "</body>").Body!;
        foreach (var element in body.QuerySelectorAll("*"))
        {
            Promise.Holds(Elements.Contains(element.LocalName), $"no <{element.LocalName}> element");
            foreach (var attribute in element.Attributes)
            {
                Promise.Holds(Attributes.Contains(attribute.LocalName), $"no {attribute.LocalName} attribute");
                Promise.Holds(!attribute.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase), "no javascript: in an attribute");
                if (attribute.LocalName == "href")
                {
                    Promise.Holds(
                        Uri.TryCreate(attribute.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto",
                        $"no link to {attribute.Value}");
                }
            }
        }
        Promise.Holds(SafeHtml.Clean(html) == html, "sanitized HTML is stable when sanitized again");
    }
}
