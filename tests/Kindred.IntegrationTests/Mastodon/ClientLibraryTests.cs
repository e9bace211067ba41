using System.Diagnostics;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon;

/// <summary>Real Mastodon client libraries (masto.js and megalodon, pinned in tests/clients) against the server on Kestrel.</summary>
public sealed class ClientLibraryApp : KindredApp
{
    public ClientLibraryApp()
        : base(DatabaseKind.Sqlite)
    {
        // Links follow the address the server listens on, which is known only once it has started.
        Set("Kindred:PublicUrl", null);
        UseKestrel(0);
    }

    public string Url { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        StartServer();
        Url = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        await base.InitializeAsync();
    }
}

public sealed class ClientLibraryTests(ClientLibraryApp app) : IClassFixture<ClientLibraryApp>
{
    [Fact]
    public async Task MastoJsAndMegalodonSignInAndReadTheAccountAndInstance()
    {
        await app.CreateUserAsync("mastouser");
        await app.CreateUserAsync("mastofriend");
        var clients = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "clients"));
        Assert.True(Directory.Exists(Path.Combine(clients, "node_modules", "masto")),
            $"The client libraries are not installed: run `npm ci --prefix tests/clients` (looked in {clients}).");
        var start = new ProcessStartInfo("node", "compat.mjs")
        {
            WorkingDirectory = clients,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["KINDRED_URL"] = app.Url;
        start.Environment["KINDRED_USERNAME"] = "mastouser";
        start.Environment["KINDRED_FRIEND_USERNAME"] = "mastofriend";
        start.Environment["KINDRED_PASSWORD"] = KindredApp.Password;
        var announcement = await Announcements.AnnouncementFixtures.CreateAsync(app, "The **client libraries** read this");
        start.Environment["KINDRED_ANNOUNCEMENT_ID"] = announcement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node compat.mjs failed ({process.ExitCode}):\n{await output}\n{await errors}");
        Assert.Contains("\"ok\":true", await output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MastoJsModeratesThroughTheAdminApiListingAndResolvingAReportAndSilencingAnAccount()
    {
        await app.CreateUserAsync("mastomod", Kindred.Data.Entities.UserRole.Moderator);
        var target = await app.CreateUserAsync("mastotarget");
        var reporter = await app.CreateUserAsync("mastoreporter");
        var report = await app.WithServicesAsync(s => s.GetRequiredService<Kindred.Core.Reports.ReportService>()
            .CreateAsync(reporter.Id, new Kindred.Core.Reports.NewReport(target.Id, [], "Shouting at everyone", Kindred.Data.Entities.ReportCategory.Other, [])));
        var clients = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "clients"));
        Assert.True(Directory.Exists(Path.Combine(clients, "node_modules", "masto")),
            $"The client libraries are not installed: run `npm ci --prefix tests/clients` (looked in {clients}).");
        var start = new ProcessStartInfo("node", "admin.mjs")
        {
            WorkingDirectory = clients,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["KINDRED_URL"] = app.Url;
        start.Environment["KINDRED_MODERATOR_USERNAME"] = "mastomod";
        start.Environment["KINDRED_PASSWORD"] = KindredApp.Password;
        start.Environment["KINDRED_TARGET_USERNAME"] = "mastotarget";
        start.Environment["KINDRED_REPORT_ID"] = report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node admin.mjs failed ({process.ExitCode}):\n{await output}\n{await errors}");
        Assert.Contains("\"ok\":true", await output, StringComparison.Ordinal);
    }
}
