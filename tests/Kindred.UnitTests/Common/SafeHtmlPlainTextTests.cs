using Kindred.Core.Common;

namespace Kindred.UnitTests.Common;

/// <summary>Plain-text excerpts for page descriptions: words only, one line, cut with an ellipsis.</summary>
public class SafeHtmlPlainTextTests
{
    [Fact]
    public void TagsAreDroppedEntitiesDecodedAndBlocksSeparatedBySpaces()
    {
        var html = SafeHtml.RenderMarkdown("Join **us** &amp; *bring* seeds\nat ten\n\n- one\n- two");

        Assert.Equal("Join us & bring seeds at ten one two", SafeHtml.PlainText(html));
    }

    [Fact]
    public void ScriptAndStyleContentNeverBecomeText()
    {
        Assert.Equal("before after", SafeHtml.PlainText("<p>before</p><script>alert(1)</script><style>p{}</style><p>after</p>"));
    }

    [Fact]
    public void LongTextIsCutAtTheLimitWithAnEllipsis()
    {
        var text = SafeHtml.PlainText("<p>" + string.Concat(Enumerable.Repeat("word ", 100)) + "</p>", 50);

        Assert.Equal(50, text.Length);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmojiIsNeverCutInHalf()
    {
        var text = SafeHtml.PlainText("<p>" + new string('a', 8) + "😀😀😀" + "</p>", 10);

        Assert.False(char.IsHighSurrogate(text[^2]), text);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }
}
