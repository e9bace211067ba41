using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Kindred.Core.Lists;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Exports;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Imports;

/// <summary>/settings/import (ADR 69): an export imports back on another account, a preview changes nothing, bad rows
/// and accounts not found are reported while the rest is imported, and limits are kept.</summary>
public abstract partial class ImportTests(ExportApp app)
{
    private static int users;

    private static string Name(string prefix) => prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task AnExportImportsBackOnASecondAccountWithTheSameFollowsBlocksMutesBookmarksAndLists()
    {
        var (ana, anaBrowser) = await app.SignedInAsync(Name("imana"));
        var ben = await app.CreateUserAsync(Name("imben"));
        var carl = await app.CreateUserAsync(Name("imcarl"));
        var dora = await app.CreateUserAsync(Name("imdora"));
        var erin = await app.CreateUserAsync(Name("imerin"));
        var post = await app.PostStatusAsync(await app.TokenAsync(ben.UserName!), "A post worth keeping");
        var postId = long.Parse(post.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
        await app.WithServicesAsync(async s =>
        {
            var relationships = s.GetRequiredService<RelationshipService>();
            await relationships.FollowAsync(ana.Id, ben.Id, showReblogs: false, notifyOfPosts: true);
            await relationships.FollowAsync(ana.Id, carl.Id);
            await relationships.BlockAsync(ana.Id, dora.Id);
            await relationships.MuteAsync(ana.Id, erin.Id, null, false);
            await s.GetRequiredService<StatusService>().BookmarkAsync(ana.Id, postId);
            var lists = s.GetRequiredService<ListService>();
            var list = await lists.CreateAsync(ana.Id, "Neighbours, close by");
            await lists.AddMembersAsync(ana.Id, list.Id, [ben.Id, carl.Id]);
            return true;
        });
        var (_, zip) = await app.ExportAsync(anaBrowser);
        using (zip)
        {
            var (zed, browser) = await app.SignedInAsync(Name("imzed"));
            foreach (var (kind, file) in new[] { ("Following", "following_accounts.csv"), ("Lists", "lists.csv"), ("Blocks", "blocked_accounts.csv"), ("Mutes", "muted_accounts.csv"), ("Bookmarks", "bookmarks.csv") })
            {
                var result = await ImportAsync(browser, kind, ExportApp.Entry(zip, file));
                Assert.DoesNotContain("<table", result, StringComparison.Ordinal);
            }
            Assert.Equal(await RelationsAsync(ana.Id), await RelationsAsync(zed.Id));
        }
    }

    [Fact]
    public async Task BadRowsAndAccountsNotFoundAreReportedAndTheOtherRowsImported()
    {
        var (zed, browser) = await app.SignedInAsync(Name("imbad"));
        var ben = await app.CreateUserAsync(Name("imok"));
        var carl = await app.CreateUserAsync(Name("imflag"));
        var csv = $"""
            Account address,Show boosts,Notify on new posts,Languages
            {ben.UserName}@localhost,true,false,
            not an address!!,true,false,
            someone@elsewhere.example,true,false,
            nobody_here_at_all,true,false,
            @{carl.UserName},maybe,false,
            """;

        var preview = await PreviewAsync(browser, "Following", csv);
        Assert.Equal(("5", "1", "2", "2"), Counts(preview));
        Assert.Contains("This is not an account address.", preview, StringComparison.Ordinal);
        Assert.Contains("Accounts on other servers cannot be followed yet.", preview, StringComparison.Ordinal);
        Assert.Contains("No account here has this address.", preview, StringComparison.Ordinal);
        Assert.Contains("A yes-or-no column holds something else than true or false.", preview, StringComparison.Ordinal);
        // A preview changes nothing.
        Assert.False(await app.WithDbAsync(db => db.Follows.AnyAsync(f => f.AccountId == zed.Id)));

        var result = await ConfirmAsync(browser, "Following", preview);
        Assert.Contains("What happened", result, StringComparison.Ordinal);
        Assert.Equal([ben.Id], await app.WithDbAsync(db => db.Follows.Where(f => f.AccountId == zed.Id).Select(f => f.TargetAccountId).ToListAsync()));
    }

    [Fact]
    public async Task ARowTheServiceRefusesIsReportedAndTheOthersStillImported()
    {
        var (zed, browser) = await app.SignedInAsync(Name("imref"));
        var ben = await app.CreateUserAsync(Name("imfriend"));
        var stranger = await app.CreateUserAsync(Name("imstranger"));
        // A list may only hold accounts the member follows: the stranger's row is refused, Ben's goes in.
        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<RelationshipService>().FollowAsync(zed.Id, ben.Id);
            return true;
        });
        var preview = await PreviewAsync(browser, "Lists", $"Friends,{ben.UserName}\nFriends,{stranger.UserName}\n");
        var result = await ConfirmAsync(browser, "Lists", preview);
        Assert.Contains("You can only add accounts you follow to a list.", result, StringComparison.Ordinal);
        var members = await app.WithDbAsync(db => db.Lists.Where(l => l.AccountId == zed.Id && l.Title == "Friends")
            .Join(db.ListMembers, l => l.Id, m => m.ListId, (l, m) => m.AccountId).ToListAsync());
        Assert.Equal([ben.Id], members);
    }

    [Fact]
    public async Task AFileTooLargeOrNotCsvOrOfTooManyRowsIsRefusedAndChangesNothing()
    {
        var (zed, browser) = await app.SignedInAsync(Name("imbig"));
        var big = await Upload(browser, "Blocks", new string('a', 1_000_001));
        Assert.Contains("The file is too large: at most 1 MB.", big, StringComparison.Ordinal);
        var many = await Upload(browser, "Blocks", string.Concat(Enumerable.Repeat("someone\n", 5_002)));
        Assert.Contains("The file has too many rows.", many, StringComparison.Ordinal);
        var empty = await Upload(browser, "Blocks", "\n\n");
        Assert.Contains("The file has no rows.", empty, StringComparison.Ordinal);
        var kind = await Upload(browser, "Everything", "someone\n");
        Assert.Contains("Choose what the file holds.", kind, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Blocks.AnyAsync(b => b.AccountId == zed.Id)));
    }

    [Fact]
    public async Task VisitorsAreSentToSignIn()
    {
        var visitor = await app.Browser().GetAsync("/settings/import");
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.StartsWith("/account/sign-in", Html.Location(visitor), StringComparison.Ordinal);
    }

    private async Task<string> ImportAsync(HttpClient browser, string kind, string csv) =>
        await ConfirmAsync(browser, kind, await PreviewAsync(browser, kind, csv));

    private static async Task<string> PreviewAsync(HttpClient browser, string kind, string csv)
    {
        var body = await Upload(browser, kind, csv);
        Assert.Contains("What would happen", body, StringComparison.Ordinal);
        return body;
    }

    private static async Task<string> Upload(HttpClient browser, string kind, string csv)
    {
        var response = await Html.PostMultipartFormAsync(browser, "/settings/import", "import", new Dictionary<string, string> { ["Kind"] = kind, ["Step"] = "preview" },
            [("file", "import.csv", Encoding.UTF8.GetBytes(csv), "text/csv")]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Html.Snippet(body));
        return body;
    }

    private static async Task<string> ConfirmAsync(HttpClient browser, string kind, string preview)
    {
        var text = WebUtility.HtmlDecode(HiddenText().Match(preview).Groups[1].Value);
        Assert.NotEmpty(text);
        var response = await Html.PostFormAsync(browser, "/settings/import", "import", new Dictionary<string, string> { ["Kind"] = kind, ["Text"] = text, ["Step"] = "confirm" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Html.Snippet(body));
        Assert.Contains("What happened", body, StringComparison.Ordinal);
        return body;
    }

    /// <summary>Rows, found, not found and bad, as the preview counts them.</summary>
    private static (string, string, string, string) Counts(string page)
    {
        var values = CountValues().Matches(CountList().Match(page).Value).Select(m => m.Groups[1].Value).ToList();
        return (values[0], values[1], values[2], values[3]);
    }

    private Task<string> RelationsAsync(long accountId) => app.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var following = await Names(db, db.Follows.Where(f => f.AccountId == accountId).Select(f => f.TargetAccountId));
        var showReblogs = await db.Follows.Where(f => f.AccountId == accountId).OrderBy(f => f.TargetAccountId).Select(f => f.ShowReblogs + "/" + f.Notify).ToListAsync();
        var blocked = await Names(db, db.Blocks.Where(b => b.AccountId == accountId).Select(b => b.TargetAccountId));
        var muted = await Names(db, db.Mutes.Where(m => m.AccountId == accountId).Select(m => m.TargetAccountId));
        var hide = await db.Mutes.Where(m => m.AccountId == accountId).Select(m => m.HideNotifications).ToListAsync();
        var bookmarks = await db.Bookmarks.Where(b => b.AccountId == accountId).Select(b => b.StatusId).OrderBy(i => i).ToListAsync();
        var lists = await db.Lists.Where(l => l.AccountId == accountId).Join(db.ListMembers, l => l.Id, m => m.ListId, (l, m) => new { l.Title, m.AccountId })
            .Join(db.Accounts, x => x.AccountId, a => a.Id, (x, a) => x.Title + ":" + a.Username).OrderBy(x => x).ToListAsync();
        return string.Join(" | ", following, string.Join(",", showReblogs), blocked, muted, string.Join(",", hide), string.Join(",", bookmarks), string.Join(",", lists));
    });

    private static async Task<string> Names(KindredDbContext db, IQueryable<long> ids) =>
        string.Join(",", await db.Accounts.Where(a => ids.Contains(a.Id)).Select(a => a.Username).OrderBy(n => n).ToListAsync());

    [GeneratedRegex("name=\"Text\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenText();

    [GeneratedRegex("<dl class=\"facts\" id=\"import-counts\">.*?</dl>", RegexOptions.Singleline)]
    private static partial Regex CountList();

    [GeneratedRegex("<dd>([0-9]+)</dd>")]
    private static partial Regex CountValues();
}

public sealed class ImportSqliteTests(ExportSqliteApp app) : ImportTests(app), IClassFixture<ExportSqliteApp>;

public sealed class ImportPostgresTests(ExportPostgresApp app) : ImportTests(app), IClassFixture<ExportPostgresApp>;
