using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Audit;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Admin;

/// <summary>/admin/emojis and custom emojis everywhere they show (ADR 82): only admins and the owner manage them, every
/// change is audited, bad uploads change nothing, and posts, names, polls and the API carry the emojis they write.</summary>
public abstract class CustomEmojisPageTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username, UserRole role = UserRole.Member)
    {
        await app.CreateUserAsync(username, role);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private static async Task<string> AddAsync(HttpClient admin, string shortcode, byte[]? image, string category = "", bool picker = true)
    {
        var fields = new Dictionary<string, string> { ["Input.Shortcode"] = shortcode, ["Input.Category"] = category };
        if (picker)
        {
            fields["Input.VisibleInPicker"] = "true";
        }
        var files = image is null ? [] : new[] { ("image", "emoji.png", image, "image/png") };
        var response = await Html.PostMultipartFormAsync(admin, "/admin/emojis", "custom-emoji", fields, files);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Html.Snippet(body));
        return body;
    }

    private static async Task<string> ActAsync(HttpClient admin, string form, long id, params (string Key, string Value)[] more)
    {
        var fields = new Dictionary<string, string> { ["Emoji"] = id.ToString(CultureInfo.InvariantCulture) };
        foreach (var (key, value) in more)
        {
            fields[key] = value;
        }
        var response = await Html.PostFormAsync(admin, "/admin/emojis", form, fields);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<CustomEmoji?> EmojiAsync(string shortcode) =>
        app.WithDbAsync(db => db.CustomEmojis.AsNoTracking().FirstOrDefaultAsync(e => e.Shortcode == shortcode));

    private async Task<JsonElement> ListAsync() => await KindredApp.Json(await app.Api().GetAsync("/api/v1/custom_emojis"), HttpStatusCode.OK);

    [Fact]
    public async Task OnlyAdminsAndTheOwnerOpenTheEmojiPage()
    {
        foreach (var (name, role) in new[] { ("ce_member", UserRole.Member), ("ce_staff", UserRole.Staff), ("ce_moderator", UserRole.Moderator) })
        {
            var browser = await SignedInAsync(name, role);
            var refused = await browser.GetAsync("/admin/emojis");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/account/denied", Html.Location(refused), StringComparison.Ordinal);
        }
        var signedOut = await app.Browser().GetAsync("/admin/emojis");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/account/sign-in", Html.Location(signedOut), StringComparison.Ordinal);
        foreach (var (name, role) in new[] { ("ce_admin", UserRole.Admin), ("ce_owner", UserRole.Owner) })
        {
            var page = await Html.GetAsync(await SignedInAsync(name, role), "/admin/emojis");
            Assert.Contains("id=\"emoji-shortcode\"", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnAdminAddsAnEmojiThatTheApiPostsNamesPollsAndPagesShow()
    {
        var admin = await SignedInAsync("ce_add_admin", UserRole.Admin);
        var page = await AddAsync(admin, ":wave_hi:", TestImages.Png(300, 200), category: "Greetings");
        Assert.Contains("The emoji :wave_hi: was added.", page, StringComparison.Ordinal);
        var emoji = Assert.IsType<CustomEmoji>(await EmojiAsync("wave_hi"));
        Assert.Equal("Greetings", emoji.Category);
        Assert.Single(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.CustomEmojiAdd && e.TargetId == emoji.Id).ToListAsync()));

        // The picture was re-encoded and scaled to fit 128 × 128; its address answers to anyone.
        var listed = (await ListAsync()).EnumerateArray().Single(e => e.GetProperty("shortcode").GetString() == "wave_hi");
        Assert.True(listed.GetProperty("visible_in_picker").GetBoolean());
        Assert.Equal("Greetings", listed.GetProperty("category").GetString());
        var url = listed.GetProperty("url").GetString()!;
        Assert.Equal(url, listed.GetProperty("static_url").GetString());
        var picture = await app.Api().GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        using (var bitmap = SkiaSharp.SKBitmap.Decode(await picture.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(128, bitmap.Width);
            Assert.True(bitmap.Height <= 128);
        }

        // A post, a display name and a poll that write it carry it; a shortcode nobody made stays text.
        await app.CreateUserAsync("ce_writer");
        var token = await app.TokenAsync("ce_writer");
        var patch = await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["display_name"] = "Writer :wave_hi:" }));
        var account = await KindredApp.Json(patch, HttpStatusCode.OK);
        Assert.Equal("wave_hi", Assert.Single(account.GetProperty("emojis").EnumerateArray()).GetProperty("shortcode").GetString());
        var posted = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new List<KeyValuePair<string, string>>
        {
            new("status", "Hello :wave_hi: and :nobody_made_this: <b>bold</b>"),
            new("visibility", "public"),
            new("poll[options][]", "Yes :wave_hi:"),
            new("poll[options][]", "No"),
            new("poll[expires_in]", "3600"),
        })), HttpStatusCode.OK);
        var status = await KindredApp.Json(await app.Api().GetAsync($"/api/v1/statuses/{posted.GetProperty("id").GetString()}"), HttpStatusCode.OK);
        var used = Assert.Single(status.GetProperty("emojis").EnumerateArray());
        Assert.Equal("wave_hi", used.GetProperty("shortcode").GetString());
        Assert.Equal(url, used.GetProperty("url").GetString());
        Assert.Equal("wave_hi", Assert.Single(status.GetProperty("poll").GetProperty("emojis").EnumerateArray()).GetProperty("shortcode").GetString());
        Assert.Equal("wave_hi", Assert.Single(status.GetProperty("account").GetProperty("emojis").EnumerateArray()).GetProperty("shortcode").GetString());

        // The web shows the picture with the shortcode as its alt text, in the post and the author's name.
        var thread = await Html.GetAsync(app.Browser(), $"/@ce_writer/{posted.GetProperty("id").GetString()}");
        var img = $"<img class=\"emoji\" src=\"/media/{emoji.File}\" alt=\":wave_hi:\"";
        Assert.True(thread.Split(img).Length - 1 >= 2, Html.Snippet(thread));
        Assert.Contains(":nobody_made_this:", thread, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", thread, StringComparison.Ordinal);
        // And on the author's profile, in the name at the top.
        var profile = await Html.GetAsync(app.Browser(), "/@ce_writer");
        Assert.Contains($"<h1 id=\"profile-name\">Writer {img}", profile, StringComparison.Ordinal);

        // The composer offers it.
        var writer = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(writer, "ce_writer", KindredApp.Password);
        var home = await Html.GetAsync(writer, "/compose");
        Assert.Contains("class=\"emoji-picker\"", home, StringComparison.Ordinal);
        Assert.Contains("<code>:wave_hi:</code>", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadUploadsAreRefusedWithAMessageAndChangeNothing()
    {
        var admin = await SignedInAsync("ce_bad_admin", UserRole.Admin);
        await AddAsync(admin, "taken_one", TestImages.Png());
        var before = await app.WithDbAsync(db => db.CustomEmojis.CountAsync());
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.CustomEmojiAdd));

        Assert.Contains("id=\"emoji-shortcode-error\"", await AddAsync(admin, "x", TestImages.Png()), StringComparison.Ordinal);
        Assert.Contains("id=\"emoji-shortcode-error\"", await AddAsync(admin, "no-dashes", TestImages.Png()), StringComparison.Ordinal);
        Assert.Contains("There is already an emoji", await AddAsync(admin, "Taken_One", TestImages.Png()), StringComparison.Ordinal);
        Assert.Contains("id=\"emoji-image-error\"", await AddAsync(admin, "no_file", null), StringComparison.Ordinal);
        Assert.Contains("id=\"emoji-image-error\"", await AddAsync(admin, "not_an_image", "GIF89a but not really"u8.ToArray()), StringComparison.Ordinal);
        var big = new byte[300 * 1024];
        new Random(7).NextBytes(big);
        Assert.Contains("id=\"emoji-image-error\"", await AddAsync(admin, "too_big", big), StringComparison.Ordinal);
        Assert.Contains("id=\"emoji-category-error\"", await AddAsync(admin, "long_category", TestImages.Png(), new string('c', 61)), StringComparison.Ordinal);

        Assert.Equal(before, await app.WithDbAsync(db => db.CustomEmojis.CountAsync()));
        Assert.Equal(audited, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.CustomEmojiAdd)));
        var unknown = await ActAsync(admin, "delete-1", 1);
        Assert.Equal(before, await app.WithDbAsync(db => db.CustomEmojis.CountAsync()));
        Assert.DoesNotContain("id=\"emoji-shortcode-error\"", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HidingDisablingAndDeletingAreAuditedAndTakeEffectEverywhere()
    {
        var admin = await SignedInAsync("ce_life_admin", UserRole.Admin);
        await AddAsync(admin, "life_cycle", TestImages.Png());
        var emoji = (await EmojiAsync("life_cycle"))!;
        await app.CreateUserAsync("ce_life_writer");
        var token = await app.TokenAsync("ce_life_writer");
        var id = (await app.PostStatusAsync(token, "Round :life_cycle: we go")).GetProperty("id").GetString();
        async Task<int> UsedAsync() =>
            (await KindredApp.Json(await app.Api().GetAsync($"/api/v1/statuses/{id}"), HttpStatusCode.OK)).GetProperty("emojis").GetArrayLength();

        await ActAsync(admin, $"picker-{emoji.Id}", emoji.Id, ("Visible", "false"));
        var hidden = (await ListAsync()).EnumerateArray().Single(e => e.GetProperty("shortcode").GetString() == "life_cycle");
        Assert.False(hidden.GetProperty("visible_in_picker").GetBoolean());
        Assert.Equal(1, await UsedAsync());

        await ActAsync(admin, $"category-{emoji.Id}", emoji.Id, ("Category", "Seasons"));
        Assert.Equal("Seasons", (await EmojiAsync("life_cycle"))!.Category);

        await ActAsync(admin, $"disable-{emoji.Id}", emoji.Id, ("Disable", "true"));
        Assert.DoesNotContain((await ListAsync()).EnumerateArray(), e => e.GetProperty("shortcode").GetString() == "life_cycle");
        Assert.Equal(0, await UsedAsync());
        Assert.DoesNotContain("alt=\":life_cycle:\"", await Html.GetAsync(app.Browser(), $"/@ce_life_writer/{id}"), StringComparison.Ordinal);

        await ActAsync(admin, $"disable-{emoji.Id}", emoji.Id, ("Disable", "false"));
        Assert.Equal(1, await UsedAsync());

        var file = Path.Combine(app.DataDirectory, "media", emoji.File);
        Assert.True(File.Exists(file));
        await ActAsync(admin, $"delete-{emoji.Id}", emoji.Id);
        Assert.Null(await EmojiAsync("life_cycle"));
        Assert.False(File.Exists(file));
        Assert.Equal(0, await UsedAsync());
        var actions = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.TargetId == emoji.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(4, actions.Count(a => a == AuditActions.CustomEmojiUpdate));
        Assert.Contains(AuditActions.CustomEmojiDelete, actions);
    }
}

public sealed class CustomEmojisPageSqliteTests(SqliteApp app) : CustomEmojisPageTests(app), IClassFixture<SqliteApp>;

public sealed class CustomEmojisPagePostgresTests(PostgresApp app) : CustomEmojisPageTests(app), IClassFixture<PostgresApp>;
