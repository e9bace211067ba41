using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Kindred.BrowserTests.Infrastructure;

/// <summary>Runs axe-core in the page and fails on any serious or critical violation, listing each one.</summary>
public static class Accessibility
{
    private static readonly string[] FailingImpacts = ["serious", "critical"];

    /// <param name="log">Receives the lesser (minor and moderate) findings, which do not fail the test but are worth reading.</param>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string where, Action<string>? log = null)
    {
        var result = await page.RunAxe();
        foreach (var minor in result.Violations.Where(v => !FailingImpacts.Contains(v.Impact, StringComparer.OrdinalIgnoreCase)))
        {
            log?.Invoke($"axe on {where}: [{minor.Impact}] {minor.Id}: {minor.Help} ({minor.Nodes.Length} element(s))");
        }
        var violations = result.Violations
            .Where(v => FailingImpacts.Contains(v.Impact, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var report = string.Join(Environment.NewLine, violations.Select(v =>
            $"- [{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl})" + Environment.NewLine +
            string.Join(Environment.NewLine, v.Nodes.Select(n => "    " + n.Html))));
        Assert.True(violations.Count == 0, $"axe found {violations.Count} serious or critical problem(s) on {where} ({page.Url}):{Environment.NewLine}{report}");
    }
}
