using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Kindred.Core.Common;
using Kindred.Core.Statuses;

namespace Kindred.UnitTests.Common;

/// <summary>
/// The classic filter-evasion vectors (after the categories of the OWASP XSS filter evasion cheat sheet, written here
/// from scratch) through both ways HTML reaches a page: what a member types (Markdown, rendered with mentions and
/// hashtags, then sanitized) and HTML that arrives ready-made (remote posts, stored HTML cleaned again on render).
/// The output is parsed the way a browser would parse it, and must hold nothing that can run.
/// </summary>
public class XssCorpusTests
{
    private static readonly string[] ForbiddenElements =
    [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base", "meta", "link",
        "form", "input", "button", "textarea", "select", "img", "video", "audio", "source", "template", "isindex", "marquee",
        "xml", "import", "bgsound", "layer", "ilayer", "xss", "animate", "set", "image", "table", "body", "html", "head",
    ];

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "data", "background", "poster", "dynsrc", "lowsrc", "xlink:href", "code", "codebase", "srcset", "cite"];

    public static TheoryData<string> Vectors => new(XssVectors.All);

    [Fact]
    public void TheCorpusHasAtLeastSixtyVectors() => Assert.True(XssVectors.All.Count >= 60, $"only {XssVectors.All.Count}");

    [Theory]
    [MemberData(nameof(Vectors))]
    public void WhatAMemberTypesRendersToNothingExecutable(string vector)
    {
        var html = StatusText.Render(vector, (_, _) => null, name => "https://kindred.example/tags/" + Uri.EscapeDataString(name));
        AssertInert(html, vector);
        // Stored HTML is cleaned again on every render; that second pass must not reopen anything either.
        AssertInert(SafeHtml.Clean(html), vector);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void HtmlFromElsewhereIsCleanedToNothingExecutable(string vector)
    {
        var html = SafeHtml.Clean(vector);
        AssertInert(html, vector);
        AssertInert(SafeHtml.Clean(html), vector);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void ProfileFieldsAsPlainTextStayText(string vector) => AssertInert(SafeHtml.PlainTextToHtml(vector), vector);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void PlainTextPreviewsHoldNoMarkupWhenEncoded(string vector)
    {
        // Page descriptions are text: once encoded as an attribute value they cannot open a tag.
        var text = SafeHtml.PlainText(SafeHtml.Clean(vector), 200);
        var encoded = System.Net.WebUtility.HtmlEncode(text);
        Assert.DoesNotContain('<', encoded);
        Assert.DoesNotContain('"', encoded);
    }

    private static void AssertInert(string html, string vector)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><head></head><body><div id=\"root\">" + html + "</div></body></html>");
        var root = document.GetElementById("root")!;
        var context = $"vector: {vector}\noutput: {html}";
        foreach (var element in root.QuerySelectorAll("*"))
        {
            Assert.False(ForbiddenElements.Contains(element.LocalName, StringComparer.OrdinalIgnoreCase), $"<{element.LocalName}> survived\n{context}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} survived\n{context}");
                Assert.False(attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase), $"style survived\n{context}");
                if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase))
                {
                    Assert.True(SafeUrl(attribute.Value), $"{attribute.Name}=\"{attribute.Value}\" survived\n{context}");
                }
            }
            Assert.True(element.LocalName is "p" or "br" or "span" or "a" or "del" or "pre" or "code" or "em" or "strong" or "b" or "i" or "u" or "ul" or "ol" or "li" or "blockquote",
                $"<{element.LocalName}> is outside the allow-list\n{context}");
        }
        // Nothing outside the wrapper: the output may not close it and start markup of its own.
        Assert.Single(document.Body!.Children);
        Assert.Empty(document.Head!.Children);
    }

    /// <summary>What a browser would follow: the value with the characters it strips (controls, whitespace) removed.</summary>
    private static bool SafeUrl(string value)
    {
        var compact = new string(value.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        if (!compact.Contains(':', StringComparison.Ordinal) || compact.StartsWith('/') || compact.StartsWith('#') || compact.StartsWith('?'))
        {
            // Relative: no scheme before the first '/', '?' or '#'.
            var firstColon = compact.IndexOf(':', StringComparison.Ordinal);
            var firstOther = compact.IndexOfAny(['/', '?', '#']);
            return firstColon < 0 || (firstOther >= 0 && firstOther < firstColon);
        }
        return compact.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
            || compact.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            || compact.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
    }
}
