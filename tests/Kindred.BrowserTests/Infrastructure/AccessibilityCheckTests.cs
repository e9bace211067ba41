using Deque.AxeCore.Playwright;

namespace Kindred.BrowserTests.Infrastructure;

/// <summary>Guards the guard: if axe stopped running in the page, every accessibility assertion would pass silently.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityCheckTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AxeReportsAnImageWithoutAlternativeText()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><head><title>Check</title></head><body><main><h1>Check</h1><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"></main></body></html>");

        var result = await page.RunAxe();

        Assert.Contains(result.Violations, v => v.Id == "image-alt" && v.Impact == "critical");
    }
}
