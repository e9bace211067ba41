using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Insights;

/// <summary>Writes a community's history straight into the database with the dates a test chooses, so figures over a
/// period can be computed exactly with a fake clock.</summary>
public sealed class InsightsWorld(KindredApp app)
{
    public Dictionary<string, long> People { get; } = [];

    public static DateTime Day(int month, int day, int year = 2026) => new(year, month, day, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A member (or staff) who joined at <paramref name="joined"/>, invited by <paramref name="invitedBy"/>
    /// (open sign-up when null, the organization's command line when "-").</summary>
    public async Task<long> PersonAsync(string name, DateTime joined, string? invitedBy = null, UserRole role = UserRole.Member)
    {
        var user = await app.CreateUserAsync(name, role);
        long? inviterId = invitedBy is null or "-" ? null : People[invitedBy];
        long? invitationId = null;
        if (invitedBy is not null)
        {
            invitationId = await app.WithDbAsync(async db =>
            {
                var invitation = new Invitation { Id = Kindred.Data.Snowflake.NewId(), Code = "code-" + name, CreatedById = inviterId, CreatedAt = joined.AddDays(-1) };
                db.Invitations.Add(invitation);
                await db.SaveChangesAsync();
                return invitation.Id;
            });
        }
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.CreatedAt, joined).SetProperty(x => x.ApprovedAt, joined)
            .SetProperty(x => x.InvitedById, inviterId).SetProperty(x => x.InvitationId, invitationId)));
        People[name] = user.Id;
        return user.Id;
    }

    public Task FollowAsync(string from, string to, DateTime at) => AddAsync(db => db.Follows.Add(new Follow { Id = Kindred.Data.Snowflake.NewId(at), AccountId = People[from], TargetAccountId = People[to], CreatedAt = at }));

    public Task PostAsync(string who, DateTime at, string? replyTo = null) => AddAsync(db => db.Statuses.Add(new Status
    {
        Id = Kindred.Data.Snowflake.NewId(at),
        AccountId = People[who],
        Text = "hello",
        ContentHtml = "<p>hello</p>",
        Visibility = Audience.Public,
        CreatedAt = at,
        InReplyToAccountId = replyTo is null ? null : People[replyTo],
    }));

    /// <summary>A group (a chapter when <paramref name="parentId"/> is set) with these members.</summary>
    public async Task<long> GroupAsync(string slug, string name, long? parentId, params string[] members)
    {
        var id = Kindred.Data.Snowflake.NewId();
        await AddAsync(db =>
        {
            db.Groups.Add(new Group
            {
                Id = id,
                Slug = slug,
                Name = name,
                ParentId = parentId,
                CreatedById = People.Values.First(),
                CreatedAt = Day(1, 1),
                UpdatedAt = Day(1, 1),
                MembersCount = members.Length,
            });
            foreach (var m in members)
            {
                db.GroupMemberships.Add(new GroupMembership { GroupId = id, AccountId = People[m], CreatedAt = Day(1, 2) });
            }
        });
        return id;
    }

    /// <summary>A request for help by <paramref name="owner"/>, answered by <paramref name="helper"/> when given.</summary>
    public async Task RequestAsync(string owner, DateTime at, bool sensitive = false, string? helper = null, AidResponseState state = AidResponseState.Accepted,
        AidItemState itemState = AidItemState.Open, DateTime? firstResponse = null, DateTime? ended = null)
    {
        var category = await app.WithDbAsync(db => db.AidCategories.Select(c => (long?)c.Id).FirstOrDefaultAsync());
        if (category is null)
        {
            category = Kindred.Data.Snowflake.NewId();
            await AddAsync(db => db.AidCategories.Add(new AidCategory { Id = category.Value, Slug = "errands", Name = "Errands" }));
        }
        var itemId = Kindred.Data.Snowflake.NewId(at);
        await AddAsync(db =>
        {
            db.AidItems.Add(new AidItem
            {
                Id = itemId,
                Kind = AidKind.Request,
                AccountId = People[owner],
                CategoryId = category.Value,
                Title = "help " + owner,
                Sensitive = sensitive,
                State = itemState,
                CreatedAt = at,
                UpdatedAt = at,
                ExpiresAt = at.AddDays(30),
                FirstResponseAt = firstResponse,
                EndedAt = ended,
            });
            if (helper is not null)
            {
                db.AidResponses.Add(new AidResponse { Id = Kindred.Data.Snowflake.NewId(at), ItemId = itemId, ResponderId = People[helper], State = state, CreatedAt = at, LastMessageAt = at });
            }
        });
    }

    /// <summary>A one-off event at <paramref name="at"/> with these people going.</summary>
    public async Task EventAsync(string organizer, DateTime at, int? capacity, DateTime answeredAt, params string[] going)
    {
        var id = Kindred.Data.Snowflake.NewId(at);
        await AddAsync(db =>
        {
            db.Events.Add(new Event
            {
                Id = id,
                OrganizerId = People[organizer],
                Title = "Potluck",
                StartsAt = at,
                EndsAt = at.AddHours(2),
                TimeZone = "UTC",
                Capacity = capacity,
                CreatedAt = answeredAt.AddDays(-1),
                UpdatedAt = answeredAt.AddDays(-1),
            });
            foreach (var g in going)
            {
                db.EventRsvps.Add(new EventRsvp { Id = Kindred.Data.Snowflake.NewId(), EventId = id, OccurrenceStartsAt = at, AccountId = People[g], Response = RsvpResponse.Going, CreatedAt = answeredAt, UpdatedAt = answeredAt });
            }
        });
    }

    private Task AddAsync(Action<KindredDbContext> add) => app.WithDbAsync(async db =>
    {
        add(db);
        await db.SaveChangesAsync();
    });
}
