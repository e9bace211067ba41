using Kindred.BrowserTests.Infrastructure;
using Kindred.Core.Demo;
using Kindred.Core.Setup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kindred.BrowserTests.Web;

/// <summary>
/// The screenshots the README shows: the demo community's main pages on a desktop and a phone, in English and French.
/// Every run takes them (and checks each page rendered in its language); <c>scripts/screenshots.sh</c> points
/// <c>KINDRED_SCREENSHOTS_DIR</c> at <c>docs/screenshots</c> to refresh the gallery.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GalleryTests(BrowserFixture fixture) : IAsyncLifetime
{
    private static readonly (string Name, int Width, int Height)[] Screens = [("desktop", 1280, 900), ("phone", 390, 844)];
    private static readonly string[] Languages = ["en", "fr"];

    private OwnServer server = null!;
    private DemoSeedResult demo = null!;

    public async Task InitializeAsync()
    {
        server = await OwnServer.StartAsync("gallery", setUp: false);
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SetupService>().CompleteAsync(new SetupRequest(
            DemoContent.OrganizationName, "Neighbours helping neighbours.", "en", "Montréal", "owner", "owner@demo.example.org", "gallery-owner-2026"));
        demo = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(server.BaseUrl, "gallery-member-2026");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_demo_communitys_main_pages_are_photographed_on_a_desktop_and_a_phone_in_both_languages()
    {
        var folder = Environment.GetEnvironmentVariable("KINDRED_SCREENSHOTS_DIR")
            ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var member = demo.SampleUsernames[0];

        foreach (var language in Languages)
        {
            foreach (var (screen, width, height) in Screens)
            {
                await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
                {
                    BaseURL = server.BaseUrl,
                    Locale = language == "fr" ? "fr-CA" : "en-CA",
                    ViewportSize = new ViewportSize { Width = width, Height = height },
                });
                context.SetDefaultTimeout(15_000);
                await context.AddCookiesAsync([new Cookie { Name = "kindred-lang", Value = $"c={language}|uic={language}", Url = server.BaseUrl }]);
                var page = await context.NewPageAsync();

                await ShootAsync(page, "/about", folder, $"{screen}-{language}-about.jpg", language);
                await page.GotoAsync("/account/sign-in");
                await page.Locator("#signin-username").FillAsync(member);
                await page.Locator("#signin-password").FillAsync("gallery-member-2026");
                await page.Locator("#signin-password").PressAsync("Enter");
                await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));

                await ShootAsync(page, "/", folder, $"{screen}-{language}-home.jpg", language);
                await ShootAsync(page, "/groups", folder, $"{screen}-{language}-groups.jpg", language);
                await ShootAsync(page, "/events", folder, $"{screen}-{language}-events.jpg", language);
                await ShootAsync(page, "/aid", folder, $"{screen}-{language}-help.jpg", language);
            }
        }
    }

    private static async Task ShootAsync(IPage page, string path, string folder, string file, string language)
    {
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(folder, file),
            Type = ScreenshotType.Jpeg,
            Quality = 70,
        });
        // A JPEG, and not a blank page: a white screenshot of this size compresses to a few kilobytes.
        Assert.Equal(0xFF, bytes[0]);
        Assert.Equal(0xD8, bytes[1]);
        Assert.True(bytes.Length > 8_000, $"{file} is only {bytes.Length} bytes: the page looks empty.");
    }
}
