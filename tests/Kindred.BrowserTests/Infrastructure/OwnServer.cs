using Kindred.Core.Setup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kindred.BrowserTests.Infrastructure;

/// <summary>
/// A Kindred server of a test's own, already set up as the Riverside Food Bank, for tests that need a community with
/// members in it: the shared server belongs to the newcomer journey, which starts from a fresh install.
/// </summary>
public sealed class OwnServer : IAsyncDisposable
{
    private readonly string dataDirectory;

    private OwnServer(string dataDirectory, IReadOnlyDictionary<string, string>? settings)
    {
        this.dataDirectory = dataDirectory;
        Server = new KindredServer(dataDirectory, settings);
    }

    public KindredServer Server { get; }

    public string BaseUrl => Server.BaseUrl;

    public IServiceProvider Services => Server.Services;

    /// <param name="settings">Configuration of this server's own (e.g. a local push-service stub allowed).</param>
    /// <param name="setUp">False leaves the first-run setup to the test (the gallery sets up the demo's organization).</param>
    public static async Task<OwnServer> StartAsync(string name, IReadOnlyDictionary<string, string>? settings = null, bool setUp = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"kindred-browser-{name}-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var own = new OwnServer(directory, settings);
        own.Server.StartServer();
        if (!setUp)
        {
            return own;
        }
        await using var scope = own.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SetupService>().CompleteAsync(
            new SetupRequest("Riverside Food Bank", "Neighbours helping neighbours.", "en", "Lyon", "organizer", "organizer@example.org", "riverside-owner-2026"));
        return own;
    }

    /// <summary>A page in a fresh browser profile (no cookies), in English, on a phone-sized screen.</summary>
    public async Task<IPage> NewPageAsync(IBrowser browser, int width = 390, int height = 844)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
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
