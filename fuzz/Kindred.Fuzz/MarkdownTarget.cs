using Kindred.Core.Common;

namespace Kindred.Fuzz;

/// <summary>Posts, bios and descriptions as members type them (<see cref="SafeHtml.RenderMarkdown"/>).</summary>
public static class MarkdownTarget
{
    public static void Run(byte[] data)
    {
        var html = SafeHtml.RenderMarkdown(FuzzInput.Text(data));
        SafeHtmlPromise.Check(html);
        _ = SafeHtml.PlainText(html, 200);
    }
}
