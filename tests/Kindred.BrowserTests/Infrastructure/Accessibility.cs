using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Kindred.BrowserTests.Infrastructure;

/// <summary>Runs axe-core in the page and fails on any serious or critical violation, listing each one.</summary>
public static class Accessibility
{
    private static readonly string[] FailingImpacts = ["serious", "critical"];

    /// <summary>Every WCAG 2.0–2.2 A and AA rule, target size included (axe leaves some 2.2 rules out by default).</summary>
    private static readonly AxeRunOptions Wcag22 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        Rules = new Dictionary<string, RuleOptions> { ["target-size"] = new RuleOptions { Enabled = true } },
    };

    /// <param name="log">Receives the lesser (minor and moderate) findings, which do not fail the test but are worth reading.</param>
    /// <param name="wcag22">Runs exactly the WCAG 2.2 AA rules instead of axe's default set.</param>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string where, Action<string>? log = null, bool wcag22 = false)
    {
        var result = wcag22 ? await page.RunAxe(Wcag22) : await page.RunAxe();
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
