using System.Net;
using Kindred.Core.Audit;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Admin;

/// <summary>/admin/organization (ADR 55): owner and admins change the organization's settings; the next request shows
/// them; every change is audited; bad input changes nothing.</summary>
public abstract class OrganizationPageTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username, UserRole role)
    {
        await app.CreateUserAsync(username, role);
        var browser = app.Browser();
        await AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private async Task<HttpClient> OwnerAsync()
    {
        var browser = app.Browser();
        await AccountFlowTests.SignInAsync(browser, "owner", KindredApp.OwnerPassword);
        return browser;
    }

    private static Dictionary<string, string> Fields(string name, string? accent = null, string? zone = null, string mode = "", string? privacy = null) => new()
    {
        ["Input.Name"] = name,
        ["Input.Description"] = "Neighbours helping neighbours.",
        ["Input.LongDescription"] = "",
        ["Input.AreaName"] = "Lyon",
        ["Input.AccentColor"] = accent ?? "",
        ["Input.LinkColor"] = "",
        ["Input.DefaultLanguage"] = "en",
        ["Input.TimeZone"] = zone ?? "",
        ["Input.RegistrationMode"] = mode,
        ["Input.Rules"] = "",
        ["Input.PrivacyPolicy"] = privacy ?? "",
        ["Input.Terms"] = "",
    };

    [Fact]
    public async Task OnlyAdminsAndTheOwnerOpenTheOrganizationPage()
    {
        foreach (var (name, role) in new[] { ("op_member", UserRole.Member), ("op_staff", UserRole.Staff), ("op_moderator", UserRole.Moderator) })
        {
            var browser = await SignedInAsync(name, role);
            var refused = await browser.GetAsync("/admin/organization");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/account/denied", Html.Location(refused), StringComparison.Ordinal);
            var posted = await browser.PostAsync("/admin/organization", new FormUrlEncodedContent(Fields("Taken over")));
            Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        }
        var anonymous = await app.Browser().GetAsync("/admin/organization");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/sign-in", Html.Location(anonymous), StringComparison.Ordinal);
        foreach (var browser in new[] { await SignedInAsync("op_admin", UserRole.Admin), await OwnerAsync() })
        {
            var page = await Html.GetAsync(browser, "/admin/organization");
            Assert.Contains("value=\"Helping Hands\"", page, StringComparison.Ordinal);
        }
        Assert.Equal("Helping Hands", await app.WithDbAsync(db => db.Organizations.Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task ASavedChangeShowsOnTheNextRequestAndIsAuditedWithBeforeAndAfter()
    {
        var owner = await OwnerAsync();
        try
        {
            var response = await Html.PostMultipartFormAsync(owner, "/admin/organization", "organization",
                Fields("Helping Hands Lyon", accent: "#1B6130", zone: "Europe/Paris", mode: "approval", privacy: "We keep **only** what we need.\n\n<script>alert(1)</script>"),
                [("logo", "logo.png", TestImages.Png(), "image/png")]);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("The organization&#x27;s settings were saved.", body, StringComparison.Ordinal);

            // The next requests, by anyone, see the new settings: no restart.
            var visitor = app.Browser();
            Assert.Contains("Helping Hands Lyon", await Html.GetAsync(visitor, "/"), StringComparison.Ordinal);
            var privacy = await Html.GetAsync(visitor, "/privacy");
            Assert.Contains("<strong>only</strong>", privacy, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", privacy, StringComparison.Ordinal);
            Assert.Contains("href=\"/privacy\"", await Html.GetAsync(visitor, "/account/sign-up"), StringComparison.Ordinal);
            var home = await Html.GetAsync(visitor, "/about");
            var version = await app.WithDbAsync(db => db.Organizations.Select(o => o.Version).SingleAsync());
            Assert.Contains($"/organization.css?v={version}", home, StringComparison.Ordinal);
            Assert.Contains("--accent: #1b6130;", await visitor.GetStringAsync($"/organization.css?v={version}"), StringComparison.Ordinal);
            var instance = await KindredApp.Json(await app.Api().GetAsync("/api/v2/instance"), HttpStatusCode.OK);
            Assert.Equal("Helping Hands Lyon", instance.GetProperty("title").GetString());
            // The stored mode wins over the configured "open".
            Assert.True(instance.GetProperty("registrations").GetProperty("approval_required").GetBoolean());
            var account = await app.WithDbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == db.Organizations.Select(o => o.AccountId).Single()));
            Assert.Equal("Helping Hands Lyon", account.DisplayName);
            Assert.NotNull(account.AvatarFile);

            var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.OrganizationUpdate).OrderByDescending(e => e.Id).FirstAsync());
            Assert.Equal(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "owner").Select(u => (long?)u.Id).SingleAsync()), entry.ActorId);
            Assert.Contains("\"name\":\"Helping Hands\"", entry.Before, StringComparison.Ordinal);
            Assert.Contains("\"name\":\"Helping Hands Lyon\"", entry.After, StringComparison.Ordinal);
            Assert.Contains("\"time_zone\":\"Europe/Paris\"", entry.After, StringComparison.Ordinal);
            Assert.Contains("\"logo\"", entry.After, StringComparison.Ordinal);
        }
        finally
        {
            // Back as the other tests of the class expect it.
            await Html.PostFormAsync(owner, "/admin/organization", "organization", Fields("Helping Hands"));
        }
        Assert.Equal("Helping Hands", await app.WithDbAsync(db => db.Organizations.Select(o => o.Name).SingleAsync()));
    }

    [Theory]
    [InlineData("Input.Name", "")]
    [InlineData("Input.Name", "a name of more than one hundred characters, which the organization's settings refuse as too long to show well")]
    [InlineData("Input.AccentColor", "#fff")]
    [InlineData("Input.AccentColor", "#ffff00")]
    [InlineData("Input.AccentColor", "red;}body{display:none")]
    // 4.54:1 on white but 4.1:1 on the header's grey (ADR 90).
    [InlineData("Input.AccentColor", "#767676")]
    [InlineData("Input.LinkColor", "#8fb8ff")]
    [InlineData("Input.TimeZone", "Mars/Olympus_Mons")]
    [InlineData("Input.RegistrationMode", "everyone")]
    [InlineData("Input.DefaultLanguage", "xx")]
    public async Task BadInputGivesAFormErrorAndChangesNothing(string field, string value)
    {
        var owner = await OwnerAsync();
        var before = await app.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync());
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        var fields = Fields("A new name that must not be saved");
        fields[field] = value;
        var response = await Html.PostFormAsync(owner, "/admin/organization", "organization", fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("aria-invalid=\"true\"", body, StringComparison.Ordinal);
        var after = await app.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync());
        Assert.Equal(before.Version, after.Version);
        Assert.Equal("Helping Hands", after.Name);
        Assert.Equal(audited, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task TheFaviconAndHeaderShowTheLogoOnceUploadedAndKindredsIconBefore()
    {
        var owner = await OwnerAsync();
        var visitor = app.Browser();
        var withoutLogo = Fields("Helping Hands");
        withoutLogo["Input.RemoveLogo"] = "true";
        await Html.PostFormAsync(owner, "/admin/organization", "organization", withoutLogo);

        // No logo yet: Kindred's own icon, never a 404, and no logo in the header.
        var favicon = await visitor.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.Redirect, favicon.StatusCode);
        var icon = await visitor.GetAsync(favicon.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/png", icon.Content.Headers.ContentType?.MediaType);
        var page = await Html.GetAsync(visitor, "/about");
        Assert.Contains("rel=\"icon\" href=\"/favicon.ico?v=", page, StringComparison.Ordinal);
        Assert.DoesNotContain("brand-logo", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/organization/logo")).StatusCode);

        // The staff upload a logo on the settings page (the media pipeline makes it a square picture).
        var saved = await Html.PostMultipartFormAsync(owner, "/admin/organization", "organization", Fields("Helping Hands"),
            [("logo", "logo.png", TestImages.Png(), "image/png")]);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var file = await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == db.Organizations.Select(o => o.AccountId).Single()).Select(a => a.AvatarFile).SingleAsync());
        Assert.NotNull(file);

        favicon = await visitor.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.Redirect, favicon.StatusCode);
        Assert.Equal("/media/" + file, favicon.Headers.Location!.OriginalString);
        var logo = await visitor.GetAsync("/media/" + file);
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.StartsWith("image/", logo.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains($"class=\"brand-logo\" src=\"/media/{file}\"", await Html.GetAsync(visitor, "/about"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDarkSchemeGetsALighterMixOfTheOrganizationsColours()
    {
        var owner = await OwnerAsync();
        try
        {
            await Html.PostFormAsync(owner, "/admin/organization", "organization", Fields("Helping Hands", accent: "#1b6130"));
            var version = await app.WithDbAsync(db => db.Organizations.Select(o => o.Version).SingleAsync());
            var css = await app.Browser().GetStringAsync($"/organization.css?v={version}");
            Assert.Contains("--accent: #1b6130; --accent-ink: #1b6130;", css, StringComparison.Ordinal);
            var dark = css[css.IndexOf("prefers-color-scheme: dark", StringComparison.Ordinal)..];
            var ink = dark[(dark.IndexOf("--accent-ink: #", StringComparison.Ordinal) + 14)..][..7];
            Assert.NotEqual("#1b6130", ink);
            Assert.True(Kindred.Core.Organizations.BrandColors.Contrast(Kindred.Core.Organizations.BrandColors.Parse(ink)!.Value, 0x121212) >= 4.5);
        }
        finally
        {
            await Html.PostFormAsync(owner, "/admin/organization", "organization", Fields("Helping Hands"));
        }
    }

    [Fact]
    public async Task ABrokenImageGivesAFormErrorAndChangesNothing()
    {
        var owner = await OwnerAsync();
        var before = await app.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync());
        var response = await Html.PostMultipartFormAsync(owner, "/admin/organization", "organization", Fields("A new name that must not be saved"),
            [("banner", "banner.png", "not an image at all"u8.ToArray(), "image/png")]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("not an image in a supported format", body, StringComparison.Ordinal);
        var after = await app.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync());
        Assert.Equal(before.Version, after.Version);
        Assert.Equal("Helping Hands", after.Name);
    }
}

public sealed class OrganizationPageSqliteTests(SqliteApp app) : OrganizationPageTests(app), IClassFixture<SqliteApp>;

public sealed class OrganizationPagePostgresTests(PostgresApp app) : OrganizationPageTests(app), IClassFixture<PostgresApp>;
