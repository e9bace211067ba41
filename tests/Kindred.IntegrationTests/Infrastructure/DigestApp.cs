using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kindred.Core.Digests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>
/// A server whose mail goes to an in-process SMTP server (netDumbster on loopback) and whose digest job is off, so the
/// tests run digests themselves on a clock they control. Built with <c>sameDatabaseAs</c>, it is a second server
/// process on the first one's database and mail server (a restart, or a second node).
/// </summary>
public class DigestApp : KindredApp
{
    private readonly DigestApp? first;

    public DigestApp(DatabaseKind database, DigestApp? sameDatabaseAs = null)
        : base(database)
    {
        first = sameDatabaseAs;
        SmtpPort = first?.SmtpPort ?? FreePort();
        if (first is null)
        {
            Smtp = SimpleSmtpServer.Start(SmtpPort);
        }
        else
        {
            Set("Kindred:DataDirectory", first.DataDirectory);
            if (database == DatabaseKind.Postgres)
            {
                Set("Kindred:Database:ConnectionString", first.Services.GetRequiredService<IConfiguration>()["Kindred:Database:ConnectionString"]);
            }
        }
        Set("Kindred:Smtp:Host", "127.0.0.1");
        Set("Kindred:Smtp:Port", SmtpPort.ToString(CultureInfo.InvariantCulture));
        Set("Kindred:Smtp:FromAddress", "community@example.org");
        Set("Kindred:Digests:Enabled", "false");
        Set("Kindred:Digests:RetrySeconds", "600");
        // Due times half a day from now, so "now" in a test is never right next to a due time.
        Set("Kindred:Digests:LocalHour", ((DateTime.UtcNow.Hour + 12) % 24).ToString(CultureInfo.InvariantCulture));
    }

    public int SmtpPort { get; }

    /// <summary>The mail server; a test may stop it to make sending fail, and start a new one on <see cref="SmtpPort"/>.</summary>
    public SimpleSmtpServer? Smtp
    {
        get => first is null ? field : first.Smtp;
        set
        {
            if (first is null)
            {
                field = value;
            }
            else
            {
                first.Smtp = value;
            }
        }
    }

    protected override bool CompleteSetup => first is null;

    /// <summary>A clock a minute behind the real one, so what a test posts next falls inside the first digest period.</summary>
    public static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow.AddMinutes(-1));

    /// <summary>One run of the digest job, as the hosted job would do it, on <paramref name="clock"/>.</summary>
    public Task<int> RunDigestsAsync(TimeProvider clock) =>
        WithServicesAsync(s => ActivatorUtilities.CreateInstance<DigestService>(s, clock).RunAsync());

    /// <summary>The digests received for <paramref name="address"/>, parsed.</summary>
    public IReadOnlyList<MimeMessage> DigestsTo(string address) =>
        (Smtp?.ReceivedEmail ?? [])
            .Where(m => m.ToAddresses.Any(a => a.Address == address))
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => m.Headers.Contains("List-Unsubscribe"))
            .ToList();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void Dispose(bool disposing)
    {
        if (first is null)
        {
            Smtp?.Dispose();
        }
        base.Dispose(disposing);
    }
}

public sealed class DigestSqliteApp() : DigestApp(DatabaseKind.Sqlite);

public sealed class DigestPostgresApp() : DigestApp(DatabaseKind.Postgres);
