using System.Net;
using System.Net.Sockets;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Kindred.IntegrationTests.Hosting;

/// <summary>
/// A published server started from another folder, as a service manager or a container starts it (issue 22, items 7
/// and 9; ADR 53): it listens where the standard settings say, serves its own files, keeps its data in the working
/// directory and says in one line where to open it.
/// </summary>
public sealed class ServerDefaultsTests(PublishedServer published) : IClassFixture<PublishedServer>
{
    [Fact]
    public async Task APublishedServerStartedElsewhereListensOnAspNetCoreUrlsAndServesItsStylesheetAndScript()
    {
        var port = PublishedServer.FreePort();
        using var server = published.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        var ready = await server.WaitForLineAsync("Kindred is ready at");
        Assert.Contains($"http://127.0.0.1:{port}/setup", ready, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        foreach (var path in new[] { "/css/site.css", "/js/live.js" })
        {
            var answer = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.True((await answer.Content.ReadAsByteArrayAsync()).Length > 100, $"{path} came back empty");
        }
        // The data folder stays where the README says: under the working directory, not beside the app.
        Assert.True(File.Exists(Path.Combine(server.WorkingDirectory, "data", "kindred.db")));
        Assert.False(Directory.Exists(Path.Combine(published.AppDirectory, "data")));
        // Outside Development the logs stay JSON, and a first start has nothing to warn about.
        Assert.StartsWith("{", ready, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Lines, l => l.Contains("\"LogLevel\":\"Warning\"", StringComparison.Ordinal) || l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AContainersHttpPortsSettingIsHonoured()
    {
        var port = PublishedServer.FreePort();
        using var server = published.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        var ready = await server.WaitForLineAsync("Kindred is ready at");
        Assert.Contains($"http://localhost:{port}/setup", ready, StringComparison.Ordinal);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/health")).StatusCode);
    }

    [Fact]
    public async Task WithNothingSetItListensOnTheDocumentedDefaultAndDevelopmentPrintsPlainLinesWithoutWarnings()
    {
        // The documented address is fixed, so this test needs it free; it fails (never skips) when it is not.
        var port = new Uri(ServerDefaults.Url).Port;
        Assert.False(Listening(port), $"Port {port} is already taken by another process; this test needs it.");
        using var server = published.Start(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        var ready = await server.WaitForLineAsync("Kindred is ready at");
        Assert.EndsWith("Kindred is ready at http://localhost:5000/setup", ready, StringComparison.Ordinal);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://localhost:{port}/health")).StatusCode);
        Assert.DoesNotContain(server.Lines, l => l.StartsWith('{') || l.Contains(" warn: ", StringComparison.Ordinal) || l.Contains(" fail: ", StringComparison.Ordinal));
    }

    private static bool Listening(int port)
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("Urls", "http://127.0.0.1:6001")]
    [InlineData("urls", "http://127.0.0.1:6001")]
    [InlineData("HTTP_PORTS", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:6001")]
    public void AnyStandardAddressSettingTurnsTheDefaultOff(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        Assert.True(ServerDefaults.AddressConfigured(configuration));
        Assert.False(ServerDefaults.AddressConfigured(new ConfigurationBuilder().Build()));
    }
}
