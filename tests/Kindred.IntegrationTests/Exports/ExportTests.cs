using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kindred.Core.Exports;
using Kindred.Core.Jobs;
using Kindred.Core.Lists;
using Kindred.Core.Relationships;
using Kindred.Core.Staff;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Exports;

/// <summary>/settings/export (ADR 69): what the ZIP holds and what it never holds, one a day, who may download it, and
/// the retention that removes it.</summary>
public abstract class ExportTests(ExportApp app)
{
    private static int users;

    private static string Name(string prefix) => prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);

    private async Task<(AidFixtures.Member Member, HttpClient Browser)> MemberAsync(AidFixtures aid, string role)
    {
        var member = await aid.MemberAsync(role);
        var browser = app.Browser();
        await AccountFlowTests.SignInAsync(browser, member.Name, KindredApp.Password);
        return (member, browser);
    }

    [Fact]
    public async Task TheZipHoldsTheActorTheOutboxTheMediaTheMastodonCsvsAndKindredsJson()
    {
        var aid = new AidFixtures(app, Name("exz"));
        var (ana, browser) = await MemberAsync(aid, "ana");
        var ben = await aid.MemberAsync("ben");
        var carl = await aid.MemberAsync("carl");
        var dora = await aid.MemberAsync("dora");
        var staff = await app.CreateUserAsync(Name("exstaff"), UserRole.Staff);

        // Ana's own words, in every audience, with a picture.
        var png = new ByteArrayContent(TestImages.Png(40, 30));
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var media = await KindredApp.Json(await app.Api(ana.Token).PostAsync("/api/v2/media", new MultipartFormDataContent { { png, "file", "p.png" } }), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(ana.Token).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["status"] = "ANA-PUBLIC-POST with a picture",
            ["visibility"] = "public",
            ["media_ids[]"] = media.GetProperty("id").GetString()!,
        })), HttpStatusCode.OK);
        await app.PostStatusAsync(ana.Token, $"@{ben.Name} ANA-OWN-DM", "direct");
        await app.WithServicesAsync(async s =>
        {
            var relationships = s.GetRequiredService<RelationshipService>();
            await relationships.FollowAsync(ana.Id, ben.Id);
            await relationships.FollowAsync(ben.Id, ana.Id);
            await relationships.BlockAsync(ana.Id, carl.Id);
            await relationships.MuteAsync(ana.Id, dora.Id, null, false);
            var list = await s.GetRequiredService<ListService>().CreateAsync(ana.Id, "Close friends");
            await s.GetRequiredService<ListService>().AddMembersAsync(ana.Id, list.Id, [ben.Id]);
            var notes = s.GetRequiredService<StaffNoteService>();
            await notes.AddNoteAsync(staff.Id, ana.Id, "NOTE-ABOUT-ANA");
            await notes.AddNoteAsync(staff.Id, ben.Id, "NOTE-ABOUT-BEN");
            return true;
        });

        // What Ben wrote privately, to Ana or to his followers, and his aid item: none of it may be in Ana's export.
        await app.PostStatusAsync(ben.Token, $"@{ana.Name} BEN-SECRET-DM", "direct");
        var benPrivate = await app.PostStatusAsync(ben.Token, "BEN-FOLLOWERS-ONLY", "private");
        await app.WithServicesAsync(s => s.GetRequiredService<StatusService>().BookmarkAsync(ana.Id, long.Parse(benPrivate.GetProperty("id").GetString()!, CultureInfo.InvariantCulture)));
        var benItem = await aid.ItemAsync(ben);
        var anaItem = await aid.ItemAsync(ana, AidKind.Offer);
        await app.WithDbAsync(async db =>
        {
            var benRow = await db.AidItems.FirstAsync(i => i.Id == benItem.Id);
            benRow.Title = "BEN-AID-TITLE";
            benRow.Description = "BEN-AID-DESCRIPTION";
            (await db.AidItems.FirstAsync(i => i.Id == anaItem.Id)).Title = "ANA-AID-ITEM";
            await db.SaveChangesAsync();
        });
        var rid = await aid.AnsweredAsync(ana, benItem.Id, "ANA-AID-ANSWER");
        await aid.PostOkAsync(ben, $"/api/v1/kindred/aid/responses/{rid}/messages", ("text", "BEN-AID-REPLY"));

        var (_, zip) = await app.ExportAsync(browser);
        using (zip)
        {
            var everything = string.Join("\n", zip.Entries.Where(e => !e.FullName.StartsWith("media_attachments/", StringComparison.Ordinal) && !e.FullName.StartsWith("avatar", StringComparison.Ordinal))
                .Select(e => ExportApp.Entry(zip, e.FullName)));
            foreach (var secret in new[] { "BEN-SECRET-DM", "BEN-FOLLOWERS-ONLY", "BEN-AID-TITLE", "BEN-AID-REPLY", "NOTE-ABOUT-BEN", "BEN-AID-DESCRIPTION" })
            {
                Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
            }

            using var actor = JsonDocument.Parse(ExportApp.Entry(zip, "actor.json"));
            Assert.Equal("Person", actor.RootElement.GetProperty("type").GetString());
            Assert.Equal(ana.Name, actor.RootElement.GetProperty("preferredUsername").GetString());
            Assert.Equal("outbox.json", actor.RootElement.GetProperty("outbox").GetString());

            using var outbox = JsonDocument.Parse(ExportApp.Entry(zip, "outbox.json"));
            Assert.Equal("OrderedCollection", outbox.RootElement.GetProperty("type").GetString());
            var items = outbox.RootElement.GetProperty("orderedItems").EnumerateArray().ToList();
            Assert.Equal(2, outbox.RootElement.GetProperty("totalItems").GetInt32());
            Assert.All(items, i => Assert.Equal("Create", i.GetProperty("type").GetString()));
            var notes = items.Select(i => i.GetProperty("object")).ToList();
            Assert.All(notes, n => Assert.Equal("Note", n.GetProperty("type").GetString()));
            var withPicture = Assert.Single(notes, n => n.GetProperty("content").GetString()!.Contains("ANA-PUBLIC-POST", StringComparison.Ordinal));
            Assert.Contains("https://www.w3.org/ns/activitystreams#Public", withPicture.GetProperty("to").EnumerateArray().Select(t => t.GetString()));
            var document = Assert.Single(withPicture.GetProperty("attachment").EnumerateArray().ToList());
            Assert.Equal("Document", document.GetProperty("type").GetString());
            var picture = document.GetProperty("url").GetString()!.TrimStart('/');
            Assert.NotNull(zip.GetEntry(picture));
            Assert.Contains(notes, n => n.GetProperty("content").GetString()!.Contains("ANA-OWN-DM", StringComparison.Ordinal));

            Assert.Equal("Account address,Show boosts,Notify on new posts,Languages", Lines(zip, "following_accounts.csv")[0]);
            Assert.Equal($"{ben.Name}@localhost,true,false,", Lines(zip, "following_accounts.csv")[1]);
            Assert.Equal([$"{carl.Name}@localhost"], Lines(zip, "blocked_accounts.csv"));
            Assert.Equal(["Account address,Hide notifications", $"{dora.Name}@localhost,false"], Lines(zip, "muted_accounts.csv"));
            Assert.Equal([$"Close friends,{ben.Name}@localhost"], Lines(zip, "lists.csv"));
            // The bookmark of Ben's post is its address only: his words stay out (checked above).
            Assert.Equal([$"http://localhost/users/{ben.Name}/statuses/{benPrivate.GetProperty("id").GetString()}"], Lines(zip, "bookmarks.csv"));

            using var aidJson = JsonDocument.Parse(ExportApp.Entry(zip, "kindred/aid.json"));
            Assert.Equal("ANA-AID-ITEM", Assert.Single(aidJson.RootElement.GetProperty("items").EnumerateArray().ToList()).GetProperty("title").GetString());
            Assert.Equal(benItem.Id, Assert.Single(aidJson.RootElement.GetProperty("responses").EnumerateArray().ToList()).GetProperty("item_id").GetInt64());
            Assert.Equal("ANA-AID-ANSWER", Assert.Single(aidJson.RootElement.GetProperty("messages").EnumerateArray().ToList()).GetProperty("text").GetString());
            using var staffNotes = JsonDocument.Parse(ExportApp.Entry(zip, "kindred/staff_notes.json"));
            Assert.Equal("NOTE-ABOUT-ANA", Assert.Single(staffNotes.RootElement.GetProperty("notes").EnumerateArray().ToList()).GetProperty("text").GetString());
            foreach (var name in new[] { "groups.json", "events.json", "invitations.json", "settings.json" })
            {
                using var parsed = JsonDocument.Parse(ExportApp.Entry(zip, "kindred/" + name));
                Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
            }
            // The member's own choices are there, "who may mention me" (ADR 75) among them.
            using var settings = JsonDocument.Parse(ExportApp.Entry(zip, "kindred/settings.json"));
            Assert.Equal("everyone", settings.RootElement.GetProperty("profile").GetProperty("mentions").GetString());
        }

        // The e-mail says the export is ready and links to the page, where signing in is needed.
        await app.DeliverMailAsync();
        var mail = Directory.GetFiles(app.MailDirectory, "*.eml").Select(File.ReadAllText)
            .Single(m => m.Contains(ana.Name + "@example.org", StringComparison.Ordinal) && m.Contains("export", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("/settings/export", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMemberCanAskForOneExportADay()
    {
        var (user, browser) = await app.SignedInAsync(Name("exday"));
        var first = await Html.PostFormAsync(browser, "/settings/export", "export", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var second = await Html.PostFormAsync(browser, "/settings/export", "export", new Dictionary<string, string>());
        var body = await second.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("You can ask for one export a day.", body, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.DataExports.CountAsync(e => e.AccountId == user.Id)));
        var exportId = await app.WithDbAsync(db => db.DataExports.Where(e => e.AccountId == user.Id).Select(e => e.Id).SingleAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == ExportJob.Name && j.Payload.Contains(exportId.ToString(CultureInfo.InvariantCulture)))));

        // A day later the member may ask again.
        await app.WithDbAsync(async db =>
        {
            var export = await db.DataExports.SingleAsync(e => e.AccountId == user.Id);
            export.RequestedAt = export.RequestedAt.AddDays(-1).AddMinutes(-1);
            await db.SaveChangesAsync();
        });
        var third = await Html.PostFormAsync(browser, "/settings/export", "export", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, third.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.DataExports.CountAsync(e => e.AccountId == user.Id)));
    }

    [Fact]
    public async Task AnExportIsKeptAsLongAsTheOrganizationsRetentionSettingSays()
    {
        var before = await app.WithDbAsync(db => db.Organizations.Select(o => o.ExportRetentionDays).FirstAsync());
        await app.WithDbAsync(db => db.Organizations.ExecuteUpdateAsync(s => s.SetProperty(o => o.ExportRetentionDays, 3)));
        try
        {
            var (user, browser) = await app.SignedInAsync(Name("exkeep"));
            Assert.Contains("Each is kept for 3 days.", await Html.GetAsync(browser, "/settings/export"), StringComparison.Ordinal);
            var asked = await Html.PostFormAsync(browser, "/settings/export", "export", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
            var export = await app.WithDbAsync(db => db.DataExports.AsNoTracking().SingleAsync(e => e.AccountId == user.Id));
            Assert.Equal(TimeSpan.FromDays(3), export.ExpiresAt - export.RequestedAt);
        }
        finally
        {
            await app.WithDbAsync(db => db.Organizations.ExecuteUpdateAsync(s => s.SetProperty(o => o.ExportRetentionDays, before)));
        }
    }

    [Fact]
    public async Task OnlyTheMemberSignedInCanDownloadTheirExport()
    {
        var (_, browser) = await app.SignedInAsync(Name("exown"));
        var (link, zip) = await app.ExportAsync(browser);
        zip.Dispose();

        var signedOut = await app.Browser().GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/account/sign-in", Html.Location(signedOut), StringComparison.Ordinal);
        foreach (var role in new[] { UserRole.Member, UserRole.Moderator, UserRole.Admin, UserRole.Owner })
        {
            var (_, other) = await app.SignedInAsync(Name("exother"), role);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(link)).StatusCode);
        }
        // An app token is no cookie: the download is a web page's, never the API's.
        var token = await app.TokenAsync("owner", password: KindredApp.OwnerPassword);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Api(token).GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task EveryRoleSeesOnlyTheirOwnExportsAndVisitorsAreSentToSignIn()
    {
        var (_, ana) = await app.SignedInAsync(Name("exlist"));
        await app.ExportAsync(ana);
        foreach (var role in new[] { UserRole.Member, UserRole.Moderator, UserRole.Admin, UserRole.Owner })
        {
            var (_, other) = await app.SignedInAsync(Name("exrole"), role);
            var page = await Html.GetAsync(other, "/settings/export");
            Assert.DoesNotContain("/settings/export/", page, StringComparison.Ordinal);
            Assert.Contains("Ask for an export", page, StringComparison.Ordinal);
        }
        var visitor = await app.Browser().GetAsync("/settings/export");
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.StartsWith("/account/sign-in", Html.Location(visitor), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredExportIsRemovedWithItsFile()
    {
        var (user, browser) = await app.SignedInAsync(Name("exexp"));
        var (link, zip) = await app.ExportAsync(browser);
        zip.Dispose();
        var file = Path.Combine(app.DataDirectory, "exports", link.Split('/').Last());
        Assert.True(File.Exists(file));

        var removed = await app.WithServicesAsync(s => s.GetServices<IRowRetention>().OfType<ExportRetention>().Single().DeleteExpiredAsync(DateTime.UtcNow.AddDays(6), CancellationToken.None));
        Assert.Equal(0, removed);
        Assert.True(File.Exists(file));

        removed = await app.WithServicesAsync(s => s.GetServices<IRowRetention>().OfType<ExportRetention>().Single().DeleteExpiredAsync(DateTime.UtcNow.AddDays(8), CancellationToken.None));
        Assert.True(removed >= 1);
        Assert.False(File.Exists(file));
        Assert.False(await app.WithDbAsync(db => db.DataExports.AnyAsync(e => e.AccountId == user.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task AFileWhoseRowIsGoneIsRemovedByTheRetention()
    {
        // An account deleted with its rows (the cascade) leaves its ZIP behind; the next round removes it.
        var (user, browser) = await app.SignedInAsync(Name("exorphan"));
        var (link, zip) = await app.ExportAsync(browser);
        zip.Dispose();
        var file = Path.Combine(app.DataDirectory, "exports", link.Split('/').Last());
        await app.WithDbAsync(db => db.DataExports.Where(e => e.AccountId == user.Id).ExecuteDeleteAsync());
        Assert.True(File.Exists(file));

        await app.WithServicesAsync(s => s.GetServices<IRowRetention>().OfType<ExportRetention>().Single().DeleteExpiredAsync(DateTime.UtcNow, CancellationToken.None));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task TheLinkStopsWorkingWhenTheExportExpires()
    {
        var (user, browser) = await app.SignedInAsync(Name("exlate"));
        var (link, zip) = await app.ExportAsync(browser);
        zip.Dispose();
        await app.WithDbAsync(async db =>
        {
            var export = await db.DataExports.SingleAsync(e => e.AccountId == user.Id);
            export.ExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(link)).StatusCode);
        Assert.DoesNotContain("/settings/export/", await Html.GetAsync(browser, "/settings/export"), StringComparison.Ordinal);
    }

    private static string[] Lines(ZipArchive zip, string name) =>
        ExportApp.Entry(zip, name).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}

public sealed class ExportSqliteTests(ExportSqliteApp app) : ExportTests(app), IClassFixture<ExportSqliteApp>;

public sealed class ExportPostgresTests(ExportPostgresApp app) : ExportTests(app), IClassFixture<ExportPostgresApp>;
