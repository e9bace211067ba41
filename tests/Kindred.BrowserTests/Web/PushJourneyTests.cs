using System.Text.RegularExpressions;
using Kindred.BrowserTests.Infrastructure;
using Kindred.Core.Accounts;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kindred.BrowserTests.Web;

/// <summary>
/// "Notifications on this device" in a real Chromium (ADR 81). Headless Chromium has no real push service to subscribe
/// at, so the page's own script registers the service worker under the strict CSP, and the test gives the server a
/// subscription at a loopback push-service stub through the same endpoint and token the page uses. A mention then goes
/// through the server's job runner, encrypted, to the stub, which decrypts it; the decrypted payload is delivered to
/// the page's service worker as a real push event (Chrome DevTools' ServiceWorker.deliverPushMessage), and the test
/// reads the notification the worker showed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PushJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime, IAsyncDisposable
{
    private const string Password = "push-journey-password-1";
    private OwnServer server = null!;
    private readonly PushServiceStub stub = new();

    public async Task InitializeAsync()
    {
        server = await OwnServer.StartAsync("push", new Dictionary<string, string> { ["Kindred:Push:AllowInsecureEndpoints"] = "true" });
        await using var scope = server.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.CreateUserAsync(new NewUser("nadia", "nadia@example.org", Password, Kindred.Data.Entities.UserRole.Member));
        await accounts.CreateUserAsync(new NewUser("theo", "theo@example.org", Password, Kindred.Data.Entities.UserRole.Member));
    }

    public async Task DisposeAsync()
    {
        await stub.DisposeAsync();
        await server.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private async Task<IPage> SignedInAsync(string username)
    {
        var page = await server.NewPageAsync(fixture.Browser);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Username or e-mail").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).Last.ClickAsync();
        // A first sign-in opens the welcome page (ADR 91); these journeys start from home.
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/account/sign-in"));
        await page.GotoAsync("/");
        await Expect(page.GetByText(new Regex($"^Welcome( back)?, {username}\\.$"))).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task AMentionReachesTheServiceWorkerThroughThePushService()
    {
        var nadia = await SignedInAsync("nadia");
        await nadia.Context.GrantPermissionsAsync(["notifications"], new() { Origin = server.BaseUrl });
        await nadia.GotoAsync("/settings/account");
        await Expect(nadia.GetByRole(AriaRole.Heading, new() { Name = "Notifications on this device" })).ToBeVisibleAsync();

        // The page's script found push support, registered /sw.js and shows the switch.
        await Expect(nadia.Locator("[data-push]")).ToHaveAttributeAsync("data-push-ready", "off");
        await Expect(nadia.GetByRole(AriaRole.Button, new() { Name = "Turn on notifications on this device" })).ToBeVisibleAsync();
        var worker = await nadia.EvaluateAsync<string>("navigator.serviceWorker.ready.then(r => r.active.scriptURL)");
        Assert.EndsWith("/sw.js", worker, StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(nadia, "the account settings page with push", output.WriteLine);

        // The subscription the browser would make, at the stub, through the page's endpoint and antiforgery token.
        var device = stub.NewBrowser();
        var status = await nadia.EvaluateAsync<int>(
            @"([endpoint, p256dh, auth]) => {
                const box = document.querySelector('[data-push]');
                return fetch(box.getAttribute('data-push-url'), {
                  method: 'POST', credentials: 'same-origin',
                  headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': box.getAttribute('data-push-token') },
                  body: JSON.stringify({ endpoint, keys: { p256dh, auth } }),
                }).then(r => r.status);
              }",
            new[] { device.Endpoint, device.P256dh, device.Auth });
        Assert.Equal(204, status);

        var theo = await SignedInAsync("theo");
        await theo.GetByLabel("What would you like to share?").FillAsync("Can you bring the ladder on Sunday, @nadia?");
        await theo.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();

        // The server's own job runner fans out and sends; the stub decrypts what arrives.
        PushServiceStub.Received? received = null;
        for (var i = 0; i < 150 && received is null; i++)
        {
            var arrived = stub.To(device);
            received = arrived.Count > 0 ? arrived[0] : null;
            if (received is null)
            {
                await Task.Delay(200);
            }
        }
        Assert.NotNull(received);
        var payload = device.Decrypt(received.Body);
        Assert.Equal("theo mentioned you", payload.GetProperty("title").GetString());
        Assert.Contains("bring the ladder", payload.GetProperty("body").GetString(), StringComparison.Ordinal);

        // The decrypted payload goes to the page's service worker as a push event; it shows the notification.
        var cdp = await nadia.Context.NewCDPSessionAsync(nadia);
        var registrationId = new TaskCompletionSource<string>();
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var registration in e!.Value.GetProperty("registrations").EnumerateArray())
            {
                if (!registration.GetProperty("isDeleted").GetBoolean())
                {
                    registrationId.TrySetResult(registration.GetProperty("registrationId").GetString()!);
                }
            }
        };
        await cdp.SendAsync("ServiceWorker.enable");
        var id = await registrationId.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await cdp.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object>
        {
            ["origin"] = server.BaseUrl,
            ["registrationId"] = id,
            ["data"] = payload.GetRawText(),
        });
        string? shown = null;
        for (var i = 0; i < 50 && shown is null; i++)
        {
            shown = await nadia.EvaluateAsync<string?>(
                "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length ? n[0].title + '|' + n[0].body : null)");
            if (shown is null)
            {
                await Task.Delay(200);
            }
        }
        Assert.Equal("theo mentioned you|" + payload.GetProperty("body").GetString(), shown);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
