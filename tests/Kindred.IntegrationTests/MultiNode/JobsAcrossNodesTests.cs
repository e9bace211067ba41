using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kindred.Core.Aid;
using Kindred.Core.Exports;
using Kindred.Core.Federation;
using Kindred.Core.Jobs;
using Kindred.Core.Notifications;
using Kindred.Core.Peers;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Digests;
using Kindred.IntegrationTests.Events;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// Issue 20's "every background job runs exactly once with two nodes" (ADR 103): two nodes on one PostgreSQL database,
/// both running every job kind on their own runner, and for each kind the member-visible effect happens once — one
/// digest, one reminder, one match notice per helper, one expiry and one closing-soon notice, one poll-closed notice,
/// one export with one mail, one delivery at the peer. After each effect the test waits for further rounds of the
/// kinds involved, so a second run would have had its chance.
/// </summary>
public sealed class JobsAcrossNodesTests(JobNodes nodes) : IClassFixture<JobNodes>
{
    private static int members;

    private JobNodeApp A => nodes.A;
    private JobNodeApp B => nodes.B;

    /// <summary>Waits (on the real clock, both runners running) until <paramref name="done"/> holds.</summary>
    private static async Task UntilAsync(string what, Func<Task<bool>> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"Not done in time: {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until every job of <paramref name="kinds"/> has been looked at again after now (a recurring kind's
    /// next round, or a one-off kind's queue emptied), so whatever a second run would do has had its chance.</summary>
    private async Task AnotherRoundAsync(params string[] kinds)
    {
        var after = DateTime.UtcNow;
        await UntilAsync("another round of " + string.Join(", ", kinds), () => A.WithDbAsync(async db =>
        {
            var rows = await db.Jobs.AsNoTracking().Where(j => kinds.Contains(j.Kind) && j.State != JobState.Done).ToListAsync();
            return rows.All(j => j.IdempotencyKey == JobRunner.RecurringKey && j.State == JobState.Pending && j.UpdatedAt > after)
                && kinds.Where(IsRecurring).All(k => rows.Any(j => j.Kind == k));
        }));
    }

    private static bool IsRecurring(string kind) => kind is "digests.scan" or "events.reminders" or "aid.matching" or "aid.expiry" or "polls.expiry";

    private List<MimeMessage> MailsTo(string address) =>
        (A.Smtp?.ReceivedEmail ?? [])
            .Where(m => m.ToAddresses.Any(a => a.Address == address))
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .ToList();

    private async Task<User> MemberAsync(string prefix, double? latitude = null, double? longitude = null)
    {
        var user = await A.CreateUserAsync(prefix + Interlocked.Increment(ref members).ToString(CultureInfo.InvariantCulture));
        // Joined two months ago, so no newcomer rule keeps them from helping; placed where a test puts them.
        var joined = DateTime.UtcNow.AddDays(-60);
        await A.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, joined).SetProperty(u => u.ApprovedAt, joined));
            await db.Accounts.Where(a => a.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Latitude, latitude).SetProperty(a => a.Longitude, longitude).SetProperty(a => a.AreaName, "Riverside"));
        });
        return user;
    }

    private Task<int> NotificationsAsync(long accountId, string type, Func<Notification, bool>? where = null) =>
        A.WithDbAsync(async db => (await db.Notifications.AsNoTracking().Where(n => n.AccountId == accountId && n.Type == type).ToListAsync())
            .Count(n => where is null || where(n)));

    [Fact]
    public async Task ADueDigestIsMailedOnce()
    {
        var scenario = new DigestScenario(A);
        var member = await scenario.MemberAsync("jn_digest");
        var friend = await scenario.MemberAsync("jn_digest_friend");
        var group = await scenario.GroupAsync("jn-digest-group", GroupVisibility.Public, friend, member);
        await scenario.PostAsync(friend, "News both nodes could carry", groupId: group);
        var now = DateTime.UtcNow;
        await A.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.DigestDueAt, now.AddMinutes(-1)).SetProperty(u => u.DigestSentThrough, now.AddHours(-1))));

        await UntilAsync("the digest", () => Task.FromResult(A.DigestsTo(member.Email).Count > 0));
        await AnotherRoundAsync("digests.scan");
        Assert.Contains("News both nodes could carry", Assert.Single(A.DigestsTo(member.Email)).TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await A.WithDbAsync(db => db.DigestSends.CountAsync(d => d.UserId == member.Id && d.Outcome == DigestOutcome.Sent)));
    }

    [Fact]
    public async Task AnEventReminderIsMailedAndNotifiedOnce()
    {
        var organizer = await MemberAsync("jn_org");
        var going = await MemberAsync("jn_going");
        var now = DateTime.UtcNow;
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddMinutes(40);
        var ev = await EventFixtures.CreateAsync(A, organizer.Id, EventFixtures.InPerson("Riverside walk", start));
        await EventFixtures.RsvpAsync(B, going.Id, ev.Id, RsvpResponse.Going);

        await UntilAsync("the reminder", () => Task.FromResult(MailsTo(going.Email!).Count > 0));
        await AnotherRoundAsync("events.reminders");
        Assert.Equal("Reminder: Riverside walk starts soon", Assert.Single(MailsTo(going.Email!)).Subject);
        Assert.Equal(1, await NotificationsAsync(going.Id, "pleroma:event_reminder"));
    }

    [Fact]
    public async Task ANewRequestTellsEachNearbyHelperOnce()
    {
        // Far from every other test's people, so only these match.
        const double lat = -33.86, lon = 151.2;
        var owner = await MemberAsync("jn_owner", lat, lon);
        var helpers = new List<User>();
        for (var i = 0; i < 2; i++)
        {
            var helper = await MemberAsync("jn_helper", lat + (0.01 * (i + 1)), lon);
            var token = await A.TokenAsync(helper.UserName!, "read write");
            var node = i == 0 ? A : B;
            await KindredApp.Json(await node.Api(token).PutAsync("/api/v1/kindred/aid/helping",
                JsonContent.Create(new { categories = new[] { new { category = "errands", radius_km = 20 } } })), HttpStatusCode.OK);
            helpers.Add(helper);
        }
        var item = await B.WithServicesAsync(s => s.GetRequiredService<AidService>().CreateAsync(owner.Id, new AidInput
        {
            Kind = AidKind.Request,
            Category = "errands",
            Title = "Someone to carry shopping upstairs",
            Latitude = lat,
            Longitude = lon,
        }));

        await UntilAsync("the match", () => A.WithDbAsync(db => db.AidItems.AnyAsync(i => i.Id == item.Id && i.MatchedAt != null)));
        await AnotherRoundAsync("aid.matching");
        foreach (var helper in helpers)
        {
            Assert.Equal(1, await NotificationsAsync(helper.Id, NotificationTypes.AidMatch, n => n.AidItemId == item.Id));
        }
    }

    [Fact]
    public async Task AnItemExpiresOnceAndItsOwnerIsToldItClosesSoonOnce()
    {
        var owner = await MemberAsync("jn_expiring");
        var (expiring, closing) = await A.WithServicesAsync(async s =>
        {
            var service = s.GetRequiredService<AidService>();
            var input = new AidInput { Kind = AidKind.Offer, Category = "errands", Title = "Lifts to the market", ClearLocation = true };
            return (await service.CreateAsync(owner.Id, input), await service.CreateAsync(owner.Id, input));
        });
        var now = DateTime.UtcNow;
        await A.WithDbAsync(async db =>
        {
            await db.AidItems.Where(i => i.Id == expiring.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, now.AddMinutes(-1)));
            await db.AidItems.Where(i => i.Id == closing.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, now.AddHours(1)));
        });

        await UntilAsync("the expiry and the nudge", () => A.WithDbAsync(async db =>
            await db.AidItems.AnyAsync(i => i.Id == expiring.Id && i.State == AidItemState.Expired)
            && await db.AidItems.AnyAsync(i => i.Id == closing.Id && i.ClosingSoonSentAt != null)));
        var ended = await A.WithDbAsync(db => db.AidItems.Where(i => i.Id == expiring.Id).Select(i => i.EndedAt).SingleAsync());
        await AnotherRoundAsync("aid.expiry");
        // Expired once: a second expiry would have moved its end.
        Assert.Equal(ended, await A.WithDbAsync(db => db.AidItems.Where(i => i.Id == expiring.Id).Select(i => i.EndedAt).SingleAsync()));
        Assert.Equal(1, await NotificationsAsync(owner.Id, NotificationTypes.AidClosingSoon, n => n.AidItemId == closing.Id));
        Assert.Equal(0, await NotificationsAsync(owner.Id, NotificationTypes.AidClosingSoon, n => n.AidItemId == expiring.Id));
    }

    [Fact]
    public async Task AClosedPollIsAnnouncedOnceToItsAuthorAndVoters()
    {
        var author = await MemberAsync("jn_poller");
        var voter = await MemberAsync("jn_voter");
        var authorToken = await A.TokenAsync(author.UserName!);
        var status = await KindredApp.Json(await A.Api(authorToken).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(
        [
            new("status", "Which day suits the clean-up?"), new("poll[options][]", "Saturday"), new("poll[options][]", "Sunday"), new("poll[expires_in]", "3600"),
        ])), HttpStatusCode.OK);
        var pollId = status.GetProperty("poll").GetProperty("id").GetString()!;
        var voterToken = await A.TokenAsync(voter.UserName!);
        await KindredApp.Json(await B.Api(voterToken).PostAsync($"/api/v1/polls/{pollId}/votes", new FormUrlEncodedContent([new("choices[]", "0")])), HttpStatusCode.OK);
        var id = long.Parse(pollId, CultureInfo.InvariantCulture);
        await A.WithDbAsync(db => db.Polls.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        await UntilAsync("the poll announcement", () => A.WithDbAsync(db => db.Polls.AnyAsync(p => p.Id == id && p.ClosedNotifiedAt != null)));
        await AnotherRoundAsync("polls.expiry");
        Assert.Equal(1, await NotificationsAsync(author.Id, NotificationTypes.Poll));
        Assert.Equal(1, await NotificationsAsync(voter.Id, NotificationTypes.Poll));
    }

    [Fact]
    public async Task AnExportIsBuiltOnceAndMailedOnce()
    {
        var member = await MemberAsync("jn_export");
        var export = await B.WithServicesAsync(s => s.GetRequiredService<ExportService>().RequestAsync(member.Id, "http://localhost"));

        await UntilAsync("the export", () => A.WithDbAsync(db => db.DataExports.AnyAsync(e => e.Id == export.Id && e.ReadyAt != null)));
        await UntilAsync("its mail", () => Task.FromResult(MailsTo(member.Email!).Count > 0));
        await AnotherRoundAsync(ExportJob.Name, MailJob.Name);
        Assert.Equal("Your data export is ready", Assert.Single(MailsTo(member.Email!)).Subject);
        var ready = await A.WithDbAsync(db => db.DataExports.AsNoTracking().Where(e => e.AccountId == member.Id).ToListAsync());
        var file = Assert.Single(ready).File!;
        // One archive in the shared store, which both nodes read.
        Assert.Single(Directory.GetFiles(A.DataDirectory, file, SearchOption.AllDirectories));
    }

    [Fact]
    public async Task APublicPostReachesAFollowingPeerOnceAndItsFollowIsAcceptedOnce()
    {
        var member = await MemberAsync("jn_fed");
        var followId = $"{nodes.Peer.ActorId}/follows/{Guid.NewGuid():N}";
        var follow = $$"""{"@context":"https://www.w3.org/ns/activitystreams","id":"{{followId}}","type":"Follow","actor":"{{nodes.Peer.ActorId}}","object":"http://localhost/users/{{member.UserName}}"}""";
        Assert.Equal(HttpStatusCode.Accepted, (await A.Api().SendAsync(nodes.Peer.SignedCavage($"/users/{member.UserName}/inbox", follow))).StatusCode);
        await UntilAsync("the Accept", () => Task.FromResult(Received("Accept", followId) > 0));

        var token = await A.TokenAsync(member.UserName!);
        var status = await B.PostStatusAsync(token, "Spring fair on Saturday, all welcome");
        var note = $"http://localhost/users/{member.UserName}/statuses/{status.GetProperty("id").GetString()}";
        await UntilAsync("the Create", () => Task.FromResult(Received("Create", note) > 0));
        await AnotherRoundAsync(InboxDispatch.Name, StatusDelivery.Name, DeliveryJob.Name);
        Assert.Equal(1, Received("Accept", followId));
        Assert.Equal(1, Received("Create", note));
    }

    /// <summary>How many activities of <paramref name="type"/> about <paramref name="objectId"/> the peer received.</summary>
    private int Received(string type, string objectId) =>
        nodes.Peer.Received.Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Count(e => e.GetProperty("type").GetString() == type && ObjectId(e.GetProperty("object")) == objectId);

    private static string? ObjectId(JsonElement o) => o.ValueKind == JsonValueKind.String ? o.GetString() : o.GetProperty("id").GetString();
}
