using Kindred.Core.Common;

namespace Kindred.UnitTests.Common;

public class SafeHtmlTests
{
    private const string LinkAttributes = "rel=\"nofollow noopener noreferrer\" target=\"_blank\"";

    [Fact]
    public void CleaningAgainGivesEachInputItsOwnResult()
    {
        // Clean keeps what it made of each input (ADR 42): a kept result must be the one for that very input.
        var first = XssVectors.All.Select(SafeHtml.Clean).ToList();
        var again = XssVectors.All.Select(SafeHtml.Clean).ToList();
        Assert.Equal(first, again);
        Assert.Equal("<b>one</b>", SafeHtml.Clean("<b>one</b>"));
        Assert.Equal("<b>two</b>", SafeHtml.Clean("<b>two</b>"));
        Assert.Equal("<b>one</b>", SafeHtml.Clean("<b>one</b><script>two</script>"));
    }

    [Theory]
    // A stray </p> inside a heading: the heading became <p><strong>head<p></p></strong></p>, which parses otherwise
    // (afl-fuzz, fuzz/corpus/html/crash-paragraph-in-heading.html).
    [InlineData("<p>H <a href=\"h\">x</a><h2>head</h2a><script>aler\n(1)</script></p>")]
    [InlineData("<h1><em><h2>inner</h2></em></h1>")]
    [InlineData("<p>a<table><p>b</p></table></p>")]
    public void CleanHtmlIsCleanedToItself(string html)
    {
        var clean = SafeHtml.Clean(html);

        Assert.Equal(clean, SafeHtml.Clean(clean));
    }

    [Fact]
    public void ParagraphsAndLineBreaksRenderAsParagraphsAndBreaks()
    {
        var html = SafeHtml.RenderMarkdown("First line\nsecond line\n\nNew paragraph");

        Assert.Equal("<p>First line<br>\nsecond line</p>\n<p>New paragraph</p>", html);
    }

    [Fact]
    public void EmphasisStrongStrikethroughAndInlineCodeRender()
    {
        var html = SafeHtml.RenderMarkdown("*soft* **loud** ~~gone~~ `code`");

        Assert.Equal("<p><em>soft</em> <strong>loud</strong> <del>gone</del> <code>code</code></p>", html);
    }

    [Fact]
    public void MarkdownLinksGetNofollowAndOpenInANewTab()
    {
        var html = SafeHtml.RenderMarkdown("[Food bank](https://example.org/food)");

        Assert.Equal($"<p><a href=\"https://example.org/food\" {LinkAttributes}>Food bank</a></p>", html);
    }

    [Fact]
    public void BareAddressesBecomeLinks()
    {
        var html = SafeHtml.RenderMarkdown("See https://example.org/rota for the rota");

        Assert.Contains($"<a href=\"https://example.org/rota\" {LinkAttributes}>https://example.org/rota</a>", html);
    }

    [Fact]
    public void MailtoLinksAreKept()
    {
        var html = SafeHtml.RenderMarkdown("[Write to us](mailto:hello@example.org)");

        Assert.Contains("href=\"mailto:hello@example.org\"", html);
    }

    [Fact]
    public void CodeBlocksKeepTheirTextButLoseTheLanguageClass()
    {
        var html = SafeHtml.RenderMarkdown("```html\n<b>not bold</b>\n```");

        Assert.Equal("<pre><code>&lt;b&gt;not bold&lt;/b&gt;\n</code></pre>", html);
    }

    [Fact]
    public void BlockquotesAndListsRender()
    {
        var html = SafeHtml.RenderMarkdown("> quoted\n\n- one\n- two\n\n3. three\n4. four");

        Assert.Contains("<blockquote>\n<p>quoted</p>\n</blockquote>", html);
        Assert.Contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", html);
        Assert.Contains("<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>", html);
    }

    [Fact]
    public void HeadingsRenderAsBoldParagraphs()
    {
        var html = SafeHtml.RenderMarkdown("# Open on Saturday\n\nDetails below");

        Assert.Equal("<p><strong>Open on Saturday</strong></p>\n<p>Details below</p>", html);
    }

    [Fact]
    public void HashtagsAtTheStartOfALineStayText()
    {
        var html = SafeHtml.RenderMarkdown("#childcare swap this week");

        Assert.Equal("<p>#childcare swap this week</p>", html);
    }

    [Fact]
    public void MarkdownImagesBecomeLinksToTheImage()
    {
        var html = SafeHtml.RenderMarkdown("![a cat](https://example.org/cat.png) ![](https://example.org/dog.png)");

        Assert.DoesNotContain("<img", html);
        Assert.Contains($"<a href=\"https://example.org/cat.png\" {LinkAttributes}>a cat</a>", html);
        Assert.Contains($"<a href=\"https://example.org/dog.png\" {LinkAttributes}>https://example.org/dog.png</a>", html);
    }

    [Fact]
    public void RawHtmlInMarkdownIsShownAsTextNotMarkup()
    {
        var html = SafeHtml.RenderMarkdown("Hello <b onclick=\"steal()\">there</b>\n\n<div>block</div>");

        Assert.DoesNotContain("<b", html);
        Assert.DoesNotContain("<div", html);
        Assert.Contains("&lt;b onclick=\"steal()\"&gt;there&lt;/b&gt;", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](javascript&colon;alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![x](javascript:alert(1))")]
    public void DangerousMarkdownLinksLoseTheirAddress(string markdown)
    {
        var html = SafeHtml.RenderMarkdown(markdown);

        Assert.DoesNotContain("href", html);
        Assert.DoesNotContain("<a", html);
    }

    [Fact]
    public void RelativeLinksAreDropped()
    {
        var html = SafeHtml.RenderMarkdown("[settings](/settings/delete)");

        Assert.Equal("<p>settings</p>", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>")]
    [InlineData("<scr<script>ipt>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<p onmouseover=\"alert(1)\">hover</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"&#106;avascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")]
    [InlineData("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>")]
    [InlineData("<form action=\"javascript:alert(1)\"><button>go</button></form>")]
    [InlineData("<span style=\"background:url(javascript:alert(1))\">x</span>")]
    [InlineData("<object data=\"data:text/html,<script>alert(1)</script>\"></object>")]
    [InlineData("<!--<img src=x onerror=alert(1)>-->")]
    [InlineData("<a href=\"https://ok.example\" onclick=\"alert(1)\" style=\"color:red\" class=\"mention\">x</a>")]
    public void CleanRemovesEveryScriptingVector(string html)
    {
        var cleaned = SafeHtml.Clean(html);

        Assert.DoesNotContain("<script", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onmouseover", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", cleaned, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("class=", cleaned, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CleanDropsScriptSourceInsteadOfShowingIt()
    {
        var cleaned = SafeHtml.Clean("<p>before</p><script>alert('stolen')</script><p>after</p>");

        Assert.Equal("<p>before</p><p>after</p>", cleaned);
    }

    [Fact]
    public void CleanKeepsTheTextOfUnknownElements()
    {
        var cleaned = SafeHtml.Clean("<div><section>Community lunch</section></div>");

        Assert.Equal("Community lunch", cleaned);
    }

    [Fact]
    public void CleanReplacesUntrustedLinkAttributesWithOurs()
    {
        var cleaned = SafeHtml.Clean("<a href=\"https://example.org\" rel=\"opener\" target=\"_self\">x</a>");

        Assert.Equal($"<a href=\"https://example.org\" {LinkAttributes}>x</a>", cleaned);
    }

    [Fact]
    public void CleaningTwiceGivesTheSameResult()
    {
        var once = SafeHtml.RenderMarkdown("# Title\n\n**bold** [link](https://example.org) and `code`\n\n> quote");

        Assert.Equal(once, SafeHtml.Clean(once));
    }

    [Fact]
    public void PlainTextIsEncodedAndAddressesBecomeLinks()
    {
        var html = SafeHtml.PlainTextToHtml("<b>Site</b>: https://example.org/a?b=1&c=2.");

        Assert.Equal(
            $"&lt;b&gt;Site&lt;/b&gt;: <a href=\"https://example.org/a?b=1&amp;c=2\" {LinkAttributes}>https://example.org/a?b=1&amp;c=2</a>.",
            html);
    }

    [Fact]
    public void PlainTextKeepsParenthesesThatBelongToTheAddress()
    {
        var html = SafeHtml.PlainTextToHtml("(see https://en.wikipedia.org/wiki/Food_bank_(UK))");

        Assert.Contains("href=\"https://en.wikipedia.org/wiki/Food_bank_(UK)\"", html);
        Assert.EndsWith("</a>)", html);
    }

    [Fact]
    public void PlainTextDoesNotLinkOtherSchemes()
    {
        var html = SafeHtml.PlainTextToHtml("javascript:alert(1) and ftp://example.org");

        Assert.Equal("javascript:alert(1) and ftp://example.org", html);
    }

    [Fact]
    public void PlainTextWithoutAddressesIsOnlyEncoded()
    {
        Assert.Equal("Tom &amp; Jerry", SafeHtml.PlainTextToHtml("Tom & Jerry"));
    }

    [Fact]
    public void TheSharedSanitizerGivesTheSameResultFromManyThreadsAtOnce()
    {
        const string markdown = "**Hi** [there](https://example.org) <script>x</script>";
        var expected = SafeHtml.RenderMarkdown(markdown);
        var results = new string[200];

        Parallel.For(0, results.Length, i => results[i] = SafeHtml.RenderMarkdown(markdown));

        Assert.All(results, result => Assert.Equal(expected, result));
    }
}
