using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Common;
using Kindred.Core.Demo;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Shared;

/// <summary>
/// Time, everywhere (ADR 84): over the demo community, the main pages a member and the owner read write every time in
/// the reader's zone through the one formatter: no " UTC" suffix and no raw ISO instant in the visible text (the
/// machine-readable datetime attributes excepted), and the member's own zone is the one used.
/// </summary>
public abstract partial class ViewerTimesTests(KindredApp app)
{
    private const string MemberZone = "Asia/Tokyo";
    private const string OwnerZone = "America/Vancouver";

    [Fact]
    public async Task NoPageAMemberOrTheOwnerReadsShowsAUtcSuffixOrARawInstantAndTheMembersZoneIsUsed()
    {
        await app.WithServicesAsync(s => s.GetRequiredService<DemoSeeder>().SeedAsync("http://localhost", "demo password 123"));
        var facts = await app.WithDbAsync(async db =>
        {
            var item = await db.AidItems.AsNoTracking().OrderBy(i => i.Id).FirstAsync();
            var owner = await db.Accounts.AsNoTracking().Where(a => a.Id == item.AccountId).Select(a => a.Username).SingleAsync();
            var post = await db.Statuses.AsNoTracking().Where(s => s.AccountId == item.AccountId && s.GroupId == null && s.InReplyToId == null)
                .OrderBy(s => s.Id).FirstOrDefaultAsync()
                ?? await db.Statuses.AsNoTracking().Where(s => s.AccountId == item.AccountId).OrderBy(s => s.Id).FirstAsync();
            var group = await db.GroupMemberships.AsNoTracking().Where(m => m.AccountId == item.AccountId)
                .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => g.Slug).FirstAsync();
            var ev = await db.Events.AsNoTracking().Where(e => e.Visibility == EventVisibility.Public).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            var user = await db.Users.SingleAsync(u => u.Id == item.AccountId);
            user.TimeZone = MemberZone;
            var lead = await db.Users.SingleAsync(u => u.Role == UserRole.Owner);
            lead.TimeZone = OwnerZone;
            await db.SaveChangesAsync();
            var organizationZone = await db.Organizations.Select(o => o.TimeZone).FirstOrDefaultAsync();
            return (Item: item.Id, Member: owner, Post: post, Group: group, Event: ev, OrganizationZone: organizationZone);
        });

        var member = app.Browser();
        await global::Kindred.IntegrationTests.Web.Account.AccountFlowTests.SignInAsync(member, facts.Member, "demo password 123");
        var memberPages = new[]
        {
            "/", $"/@{facts.Member}", $"/@{facts.Member}/{facts.Post.Id}", "/notifications", "/events", "/events/calendar",
            $"/events/{facts.Event}", $"/groups/{facts.Group}", $"/aid/{facts.Item}", "/messages", "/settings/account", "/settings/preferences",
        };
        foreach (var path in memberPages)
        {
            AssertTimesAreFormatted(path, await Html.GetAsync(member, path));
        }

        // The post's own time is the member's Tokyo time in the organization's regional English, with the exact time on hover.
        var thread = await Html.GetAsync(member, $"/@{facts.Member}/{facts.Post.Id}");
        var tokyo = new TimeFormat(TimeZones.Find(MemberZone), TimeCultures.For("en", facts.OrganizationZone));
        Assert.Contains($"datetime=\"{TimeFormat.Iso(facts.Post.CreatedAt)}\"", thread, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(tokyo.Exact(facts.Post.CreatedAt)), thread, StringComparison.Ordinal);

        var owner = app.Browser();
        await global::Kindred.IntegrationTests.Web.Account.AccountFlowTests.SignInAsync(owner, "owner", KindredApp.OwnerPassword);
        foreach (var path in new[] { "/admin/users", "/admin/audit", "/admin/applications", "/admin/invitations", "/admin/jobs", "/staff", "/staff/people", "/moderation", $"/events/{facts.Event}", $"/@{facts.Member}" })
        {
            AssertTimesAreFormatted(path, await Html.GetAsync(owner, path));
        }
    }

    private static void AssertTimesAreFormatted(string path, string html)
    {
        var text = WebUtility.HtmlDecode(Tags().Replace(Hidden().Replace(html, " "), " "));
        Assert.False(text.Contains(" UTC", StringComparison.Ordinal), $"{path} shows a UTC time: {Around(text, text.IndexOf(" UTC", StringComparison.Ordinal))}");
        var iso = Iso().Match(text);
        Assert.False(iso.Success, $"{path} shows a raw instant: {Around(text, iso.Index)}");
    }

    private static string Around(string text, int index) => text[Math.Max(0, index - 80)..Math.Min(text.Length, index + 40)];

    // Scripts, styles and the head are not read; tags (and with them every attribute, datetime included) are not text.
    [GeneratedRegex(@"<(script|style|head)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")]
    private static partial Regex Iso();
}

public sealed class ViewerTimesSqliteTests(SqliteApp app) : ViewerTimesTests(app), IClassFixture<SqliteApp>;

public sealed class ViewerTimesPostgresTests(PostgresApp app) : ViewerTimesTests(app), IClassFixture<PostgresApp>;
