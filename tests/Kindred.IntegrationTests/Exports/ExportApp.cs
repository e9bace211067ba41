using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Exports;
using Kindred.Core.Jobs;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Exports;

/// <summary>A server whose exports are built when a test says so, like its mail, so a test can look before and after.</summary>
public partial class ExportApp : KindredApp
{
    public ExportApp(DatabaseKind database)
        : base(database)
    {
        Set("Kindred:Jobs:Paused", "mail," + ExportJob.Name);
    }

    public Task<int> RunExportsAsync() =>
        WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync([ExportJob.Name]));

    /// <summary>A member with the role, signed in through the web form.</summary>
    public async Task<(User User, HttpClient Browser)> SignedInAsync(string username, UserRole role = UserRole.Member)
    {
        var user = await CreateUserAsync(username, role);
        var browser = Browser();
        await AccountFlowTests.SignInAsync(browser, username, Password);
        return (user, browser);
    }

    /// <summary>Asks for an export on the page, runs the job and downloads the ZIP through the link the page shows.</summary>
    public async Task<(string Link, ZipArchive Zip)> ExportAsync(HttpClient browser)
    {
        var response = await Html.PostFormAsync(browser, "/settings/export", "export", new Dictionary<string, string>());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, Html.Snippet(await response.Content.ReadAsStringAsync()));
        Assert.Equal("/settings/export?done=requested", Html.Location(response));
        Assert.True(await RunExportsAsync() >= 1);
        var page = await Html.GetAsync(browser, "/settings/export");
        var link = DownloadLink().Match(page);
        Assert.True(link.Success, "No download link on the page.");
        var download = await browser.GetAsync(link.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        return (link.Groups[1].Value, new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read));
    }

    public static string Entry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"{name} is missing from the export.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    [GeneratedRegex("href=\"(/settings/export/[0-9]+\\.zip)\"")]
    private static partial Regex DownloadLink();
}

public sealed class ExportSqliteApp() : ExportApp(DatabaseKind.Sqlite);

public sealed class ExportPostgresApp() : ExportApp(DatabaseKind.Postgres);
