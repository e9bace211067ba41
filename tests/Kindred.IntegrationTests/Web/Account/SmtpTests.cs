using System.Net;
using System.Net.Sockets;
using Kindred.IntegrationTests.Infrastructure;
using netDumbster.smtp;

namespace Kindred.IntegrationTests.Web.Account;

/// <summary>With Kindred:Smtp:Host set, mail goes to the SMTP server (a real one on loopback) instead of the folder.</summary>
public sealed class SmtpApp : KindredApp
{
    public SmtpApp()
        : base(DatabaseKind.Sqlite)
    {
        Port = FreePort();
        Smtp = SimpleSmtpServer.Start(Port);
        Set("Kindred:Smtp:Host", "127.0.0.1");
        Set("Kindred:Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("Kindred:Smtp:FromAddress", "community@example.org");
    }

    public int Port { get; }

    public SimpleSmtpServer Smtp { get; }

    protected override void Dispose(bool disposing)
    {
        Smtp.Dispose();
        base.Dispose(disposing);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class SmtpTests(SmtpApp app) : IClassFixture<SmtpApp>
{
    [Fact]
    public async Task TheConfirmationEmailGoesThroughSmtp()
    {
        var response = await Html.PostFormAsync(app.Browser(), "/account/sign-up", "sign-up", new Dictionary<string, string>
        {
            ["Input.Username"] = "mailed",
            ["Input.Email"] = "mailed@example.org",
            ["Input.Password"] = "mailed password 1",
            ["Input.Language"] = "en",
            ["Input.AcceptRules"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await app.DeliverMailAsync();
        var message = Assert.Single(app.Smtp.ReceivedEmail);
        Assert.Equal("mailed@example.org", message.ToAddresses.Single().Address);
        Assert.Equal("community@example.org", message.FromAddress.Address);
        Assert.Contains("/account/confirm?user=", message.MessageParts.First().BodyData.Replace("=\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.False(Directory.Exists(app.MailDirectory) && Directory.GetFiles(app.MailDirectory, "*.eml").Length > 0);
    }
}
