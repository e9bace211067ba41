using Kindred.Core.Common;

namespace Kindred.Fuzz;

/// <summary>
/// HTML from anywhere (remote posts, stored HTML) through <see cref="SafeHtml.Clean"/>, the plain-text excerpt of it, and
/// plain text by contract (profile fields) through <see cref="SafeHtml.PlainTextToHtml"/>.
/// </summary>
public static class HtmlTarget
{
    public static void Run(byte[] data)
    {
        var text = FuzzInput.Text(data);
        SafeHtmlPromise.Check(SafeHtml.Clean(text));
        SafeHtmlPromise.Check(SafeHtml.PlainTextToHtml(text));
        var max = data.Length == 0 ? 1 : 1 + data[0];
        var excerpt = SafeHtml.PlainText(text, max);
        Promise.Holds(excerpt.Length <= max, "an excerpt is at most maxLength characters");
        Promise.Holds(!excerpt.Contains('<', StringComparison.Ordinal) || text.Contains('<', StringComparison.Ordinal), "an excerpt adds no markup");
    }
}
