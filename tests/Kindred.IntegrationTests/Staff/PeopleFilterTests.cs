using Kindred.Core.Announcements;
using Kindred.Core.Common;
using Kindred.Core.Common.Email;
using Kindred.Core.Jobs;
using Kindred.Core.Staff;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.IntegrationTests.Staff;

/// <summary>The people list's filters on a small fixed community, on a clock the test sets (ADR 59).</summary>
public abstract class PeopleFilterTests(StaffApp app)
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);
    private static DateTime DaysAgo(int days) => Now.AddDays(-days);

    private async Task<(long Staff, HashSet<string> Names)> CommunityAsync(string p = "pf")
    {
        var staff = await app.CreateUserAsync($"{p}_staff", UserRole.Staff);
        var ana = await app.CreateUserAsync($"{p}_ana");
        var ben = await app.CreateUserAsync($"{p}_ben");
        var cat = await app.CreateUserAsync($"{p}_cat");
        var dan = await app.CreateUserAsync($"{p}_dan");
        var eve = await app.CreateUserAsync($"{p}_eve");
        var hidden = await app.CreateUserAsync($"{p}_pending");
        await PeopleCommunity.ShapeAsync(app, staff.Id, u => u.CreatedAt = DaysAgo(400));
        await PeopleCommunity.ShapeAsync(app, ana.Id, u =>
        {
            u.CreatedAt = DaysAgo(100);
            u.LastSignInAt = DaysAgo(2);
            u.Account.AreaName = "Riverside";
        });
        await PeopleCommunity.ShapeAsync(app, ben.Id, u =>
        {
            u.CreatedAt = DaysAgo(60);
            u.Account.LastStatusAt = DaysAgo(40);
            // Ben keeps his area to himself: no filter finds him by it.
            u.Account.AreaName = "riverside";
            u.Account.AreaVisibility = ProfileVisibility.OnlyMe;
        });
        await PeopleCommunity.ShapeAsync(app, cat.Id, u => u.CreatedAt = DaysAgo(10));
        await PeopleCommunity.ShapeAsync(app, dan.Id, u => u.CreatedAt = DaysAgo(5));
        await PeopleCommunity.ShapeAsync(app, eve.Id, u =>
        {
            u.CreatedAt = DaysAgo(200);
            u.LastSignInAt = DaysAgo(90);
        });
        await PeopleCommunity.ShapeAsync(app, hidden.Id, u =>
        {
            u.CreatedAt = DaysAgo(3);
            u.Status = UserStatus.Pending;
        });
        var chapter = PeopleCommunity.Group($"{p}-riverside", staff.Id, DaysAgo(300));
        await PeopleCommunity.AddAsync(app, db =>
        {
            db.Groups.Add(chapter);
            db.GroupMemberships.Add(new GroupMembership { GroupId = chapter.Id, AccountId = ana.Id, CreatedAt = DaysAgo(90) });
            db.GroupMemberships.Add(new GroupMembership { GroupId = chapter.Id, AccountId = eve.Id, CreatedAt = DaysAgo(150) });
            db.Statuses.Add(PeopleCommunity.Post(ana.Id, DaysAgo(3)));
            db.Statuses.Add(PeopleCommunity.Post(ben.Id, DaysAgo(40)));
            db.UserSessions.Add(new UserSession { Id = Snowflake.NewId(DateTime.UtcNow), UserId = dan.Id, CreatedAt = DaysAgo(4), LastSeenAt = DaysAgo(1) });
            db.StaffTags.Add(PeopleCommunity.Tag(ana.Id, "Volunteer driver", staff.Id, DaysAgo(20)));
            db.StaffTags.Add(PeopleCommunity.Tag(eve.Id, "volunteer driver", staff.Id, DaysAgo(20), removedAt: DaysAgo(10)));
            db.StaffTags.Add(PeopleCommunity.Tag(dan.Id, "Board", staff.Id, DaysAgo(2)));
        });
        return (staff.Id, [$"{p}_ana", $"{p}_ben", $"{p}_cat", $"{p}_dan", $"{p}_eve", $"{p}_pending", $"{p}_staff"]);
    }

    private async Task<List<string>> FindAsync(long staff, PeopleFilter filter, HashSet<string> community)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        var page = await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<PeopleQueries>(s, (TimeProvider)clock).ListAsync(staff, filter with { Limit = PeopleQueries.MaxLimit }));
        return page.People.Select(p => p.Username).Where(community.Contains).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task EveryFilterFindsExactlyTheMembersItDescribes()
    {
        var (staff, community) = await CommunityAsync();
        async Task Expect(PeopleFilter filter, params string[] names) =>
            Assert.Equal(names.Order(StringComparer.Ordinal), await FindAsync(staff, filter, community));

        await Expect(new PeopleFilter(), "pf_ana", "pf_ben", "pf_cat", "pf_dan", "pf_eve", "pf_staff");
        await Expect(new PeopleFilter(Tag: "VOLUNTEER DRIVER"), "pf_ana");
        await Expect(new PeopleFilter(Tag: " board "), "pf_dan");
        await Expect(new PeopleFilter(Group: "pf-riverside"), "pf_ana", "pf_eve");
        await Expect(new PeopleFilter(Area: "RIVERSIDE"), "pf_ana");
        await Expect(new PeopleFilter(JoinedFrom: DaysAgo(70)), "pf_ben", "pf_cat", "pf_dan");
        await Expect(new PeopleFilter(JoinedTo: DaysAgo(50)), "pf_ana", "pf_ben", "pf_eve", "pf_staff");
        await Expect(new PeopleFilter(JoinedFrom: DaysAgo(70), JoinedTo: DaysAgo(50)), "pf_ben");
        await Expect(new PeopleFilter(ActiveFrom: DaysAgo(3)), "pf_ana", "pf_dan");
        await Expect(new PeopleFilter(ActiveTo: DaysAgo(30)), "pf_ben", "pf_eve");
        await Expect(new PeopleFilter(LapsedDays: 30), "pf_ben", "pf_eve");
        await Expect(new PeopleFilter(LapsedDays: 50), "pf_eve");
        await Expect(new PeopleFilter(NeverEngaged: true), "pf_cat", "pf_dan", "pf_staff");
        await Expect(new PeopleFilter(NeverEngaged: true, ActiveFrom: DaysAgo(3)), "pf_dan");
    }

    [Fact]
    public async Task AnAnnouncementMailedToASegmentReachesExactlyThePeopleTheListShowsForEachFilterWhoConsented()
    {
        var (staff, community) = await CommunityAsync("ps");
        // Ana said no to announcement e-mails: the list still shows her, the mail leaves her out.
        await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "ps_ana").ExecuteUpdateAsync(s => s.SetProperty(u => u.AnnouncementEmailsOff, true)));
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        PeopleFilter[] filters =
        [
            new(), new(Tag: "VOLUNTEER DRIVER"), new(Tag: " board "), new(Group: "ps-riverside"), new(Area: "RIVERSIDE"),
            new(JoinedFrom: DaysAgo(70)), new(JoinedTo: DaysAgo(50)), new(JoinedFrom: DaysAgo(70), JoinedTo: DaysAgo(50)),
            new(ActiveFrom: DaysAgo(3)), new(ActiveTo: DaysAgo(30)), new(LapsedDays: 30), new(LapsedDays: 50),
            new(NeverEngaged: true), new(NeverEngaged: true, ActiveFrom: DaysAgo(3)),
        ];
        var wrong = new List<string>();
        foreach (var filter in filters)
        {
            var listed = await FindAsync(staff, filter, community);
            var announcement = await Kindred.IntegrationTests.Announcements.AnnouncementFixtures.CreateAsync(app, "Segment " + filter);
            var audience = new AnnouncementAudience(AnnouncementAudienceKind.People, [], [], filter);
            var counted = await app.WithServicesAsync(async s =>
            {
                var announcements = ActivatorUtilities.CreateInstance<AnnouncementService>(s, (TimeProvider)clock);
                await announcements.EmailAsync(staff, announcement.Id, audience);
                return await ActivatorUtilities.CreateInstance<AnnouncementQueries>(s, (TimeProvider)clock).CountRecipientsAsync(staff, audience);
            });
            await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync([AnnouncementMailJob.Name]));
            var mailed = await app.WithDbAsync(async db =>
            {
                var prefix = $"announcement:{announcement.Id}:";
                var to = (await db.Jobs.AsNoTracking().Where(j => j.Kind == MailJob.Name && j.IdempotencyKey!.StartsWith(prefix)).ToListAsync())
                    .Select(j => JobQueue.Read<QueuedMail>(j).To).ToList();
                return await db.Users.Where(u => to.Contains(u.Email!)).Select(u => u.UserName!).ToListAsync();
            });

            var expected = string.Join(", ", listed.Where(n => n != "ps_ana"));
            var got = string.Join(", ", mailed.Where(community.Contains).Order(StringComparer.Ordinal));
            if (expected != got || mailed.Count != counted)
            {
                wrong.Add($"{filter}: listed {expected}; mailed {got}; {mailed.Count} mailed, {counted} counted");
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task ASegmentIsForThoseWhoMaySeeThePeopleAndItsGroupIsReadWithTheSendersSight()
    {
        var moderator = await app.CreateUserAsync("ps2_mod", UserRole.Moderator);
        var staff = await app.CreateUserAsync("ps2_staff", UserRole.Staff);
        var announcement = await Kindred.IntegrationTests.Announcements.AnnouncementFixtures.CreateAsync(app, "Segment refused");
        var secret = PeopleCommunity.Group("ps2-secret", moderator.Id, DateTime.UtcNow.AddDays(-1));
        secret.Visibility = GroupVisibility.Secret;
        await PeopleCommunity.AddAsync(app, db => db.Groups.Add(secret));

        var refused = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(s => s.GetRequiredService<AnnouncementQueries>()
            .CountRecipientsAsync(moderator.Id, new AnnouncementAudience(AnnouncementAudienceKind.People, [], [], new PeopleFilter()))));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        var hidden = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<AnnouncementService>().EmailAsync(staff.Id, announcement.Id,
                new AnnouncementAudience(AnnouncementAudienceKind.People, [], [], new PeopleFilter(Group: "ps2-secret")));
            return true;
        }));
        Assert.Equal(ErrorKind.Invalid, hidden.Kind);
        var bad = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<AnnouncementService>().EmailAsync(staff.Id, announcement.Id,
                new AnnouncementAudience(AnnouncementAudienceKind.People, [], [], new PeopleFilter(LapsedDays: 0)));
            return true;
        }));
        Assert.Equal(ErrorKind.Invalid, bad.Kind);
        // Nothing was sent: the announcement can still be mailed.
        Assert.Null(await app.WithDbAsync(db => db.Announcements.Where(a => a.Id == announcement.Id).Select(a => a.EmailedAt).SingleAsync()));
    }

    [Fact]
    public async Task ARowSaysWhenTheMemberWasLastActiveAndWhichTagsTheyCarry()
    {
        var (staff, community) = await CommunityAsync2();
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        var page = await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<PeopleQueries>(s, (TimeProvider)clock).ListAsync(staff, new PeopleFilter(Tag: "pf2-tag")));
        var row = Assert.Single(page.People);
        Assert.Equal("pf2_row", row.Username);
        // The latest of the sign-in, the last post and the last page seen.
        Assert.Equal(DaysAgo(1), row.LastActiveAt);
        Assert.Equal(["other", "pf2-tag"], row.Tags.Order(StringComparer.Ordinal));
        _ = community;
    }

    private async Task<(long Staff, string Name)> CommunityAsync2()
    {
        var staff = await app.CreateUserAsync("pf2_staff", UserRole.Staff);
        var row = await app.CreateUserAsync("pf2_row");
        await PeopleCommunity.ShapeAsync(app, row.Id, u =>
        {
            u.LastSignInAt = DaysAgo(5);
            u.Account.LastStatusAt = DaysAgo(3);
        });
        await PeopleCommunity.AddAsync(app, db =>
        {
            db.UserSessions.Add(new UserSession { Id = Snowflake.NewId(DateTime.UtcNow), UserId = row.Id, CreatedAt = DaysAgo(9), LastSeenAt = DaysAgo(1) });
            db.StaffTags.Add(PeopleCommunity.Tag(row.Id, "pf2-tag", staff.Id, DaysAgo(2)));
            db.StaffTags.Add(PeopleCommunity.Tag(row.Id, "other", staff.Id, DaysAgo(2)));
            db.StaffTags.Add(PeopleCommunity.Tag(row.Id, "gone", staff.Id, DaysAgo(2), removedAt: DaysAgo(1)));
        });
        return (staff.Id, "pf2_row");
    }

    [Fact]
    public async Task PagesWalkEveryoneOnceNewestFirst()
    {
        var staff = await app.CreateUserAsync("pf3_staff", UserRole.Staff);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var user = await app.CreateUserAsync($"pf3_member{i}");
            ids.Add(user.Id);
            await PeopleCommunity.AddAsync(app, db => db.StaffTags.Add(PeopleCommunity.Tag(user.Id, "pf3-page", staff.Id, DateTime.UtcNow)));
        }
        var seen = new List<long>();
        long? next = null;
        do
        {
            var page = await app.WithServicesAsync(s => s.GetRequiredService<PeopleQueries>().ListAsync(staff.Id, new PeopleFilter(Tag: "pf3-page", MaxId: next, Limit: 2)));
            Assert.True(page.People.Count <= 2);
            seen.AddRange(page.People.Select(p => p.Id));
            next = page.NextMaxId;
        }
        while (next is not null);
        Assert.Equal(ids.OrderByDescending(id => id), seen);
    }

    [Theory]
    [InlineData("lapsed", 0)]
    [InlineData("lapsed", 99999)]
    [InlineData("group", 1)]
    [InlineData("joined", 2)]
    public async Task AFilterThatCannotBeReadIsRefusedWithItsName(string field, int value)
    {
        var staff = await app.CreateUserAsync($"pf4_staff_{field}{value}", UserRole.Staff);
        var filter = field switch
        {
            "lapsed" => new PeopleFilter(LapsedDays: value),
            "group" => new PeopleFilter(Group: "pf4-no-such-group"),
            _ => new PeopleFilter(JoinedFrom: DaysAgo(1), JoinedTo: DaysAgo(3)),
        };
        var error = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(s => s.GetRequiredService<PeopleQueries>().ListAsync(staff.Id, filter)));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task ASecretGroupTheViewerCannotSeeIsNoFilter()
    {
        var staff = await app.CreateUserAsync("pf5_staff", UserRole.Staff);
        var member = await app.CreateUserAsync("pf5_member");
        var secret = PeopleCommunity.Group("pf5-secret", member.Id, DateTime.UtcNow, visibility: GroupVisibility.Secret);
        await PeopleCommunity.AddAsync(app, db =>
        {
            db.Groups.Add(secret);
            db.GroupMemberships.Add(new GroupMembership { GroupId = secret.Id, AccountId = member.Id, Role = GroupRole.Owner, CreatedAt = DateTime.UtcNow });
        });
        var error = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(s => s.GetRequiredService<PeopleQueries>().ListAsync(staff.Id, new PeopleFilter(Group: "pf5-secret"))));
        Assert.Equal("group", error.Field);
    }
}

public sealed class PeopleFilterSqliteTests(StaffSqliteApp app) : PeopleFilterTests(app), IClassFixture<StaffSqliteApp>;

public sealed class PeopleFilterPostgresTests(StaffPostgresApp app) : PeopleFilterTests(app), IClassFixture<StaffPostgresApp>;
