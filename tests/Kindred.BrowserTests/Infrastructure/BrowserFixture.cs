using Microsoft.Playwright;

namespace Kindred.BrowserTests.Infrastructure;

/// <summary>One Kindred server and one Chromium for every browser test; each test opens its own browser context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "kindred-browser-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? playwright;
    private IBrowser? browser;

    public KindredServer Server { get; private set; } = null!;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public string BaseUrl => Server.BaseUrl;

    public async Task InitializeAsync()
    {
        // The tests drive the system Chromium (the CI installs Debian's package); they never download a browser.
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}. Install it (apt-get install chromium) to run the browser tests.");
        }
        Directory.CreateDirectory(dataDirectory);
        Server = new KindredServer(dataDirectory);
        Server.StartServer();

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser profile (no cookies) in English.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold its file for a moment; a temp folder left behind does no harm.
        }
    }
}
