using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Core.Groups;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Staff;

/// <summary>The supporter view (ADR 59): one member's relationship with the organization, for staff.</summary>
public sealed class SupporterQueries(KindredDbContext db, StaffNoteQueries notes, IPeopleAudit audit, TimeProvider time)
{
    public const int ActiveDays = 30;
    public const int Shown = 10;
    private const int Excerpt = 280;

    public async Task<SupporterView> GetAsync(long? viewerId, string username, CancellationToken ct = default)
    {
        var viewer = await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var normalized = Usernames.Normalize(username);
        var user = await db.Users.AsNoTracking().Include(u => u.Account)
            .FirstOrDefaultAsync(u => u.Account.UsernameNormalized == normalized && u.Account.Domain == null, ct)
            ?? throw KindredException.NotFound("No such member.");
        await audit.SupporterViewedAsync(viewer.Id, user.Id, ct);
        var staffViewer = Viewer.Member(viewer.Id);
        var now = time.UtcNow();
        var lastSeen = await db.UserSessions.Where(s => s.UserId == user.Id).MaxAsync(s => (DateTime?)s.LastSeenAt, ct);
        var member = new SupporterView.Person(user.Id, user.Account.Username, user.Account.DisplayName, user.Role, user.Status, user.CreatedAt, user.ApprovedAt,
            PeopleQueries.Latest(user.LastSignInAt, user.Account.LastStatusAt, lastSeen),
            user.Account.AreaVisibility == ProfileVisibility.OnlyMe ? null : user.Account.AreaName);

        return new SupporterView(member, await ArrivalAsync(user, ct), await InviteesAsync(user.Id, now, ct),
            await GroupsAsync(user.Id, staffViewer, ct), await EventsAsync(user.Id, staffViewer, ct),
            await PostsAsync(user.Id, viewer.Id, staffViewer, ct), await AidAsync(user.Id, ct),
            new SupporterView.Consent(user.DigestFrequency, user.EmailConfirmed, user.Account.DirectMessages),
            await notes.AboutMemberAsync(user.Id, ct));
    }

    private async Task<SupporterView.Arrival> ArrivalAsync(User user, CancellationToken ct)
    {
        var invitation = user.InvitationId is { } id ? await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) : null;
        var inviter = user.InvitedById is { } by
            ? await db.Users.AsNoTracking().Where(u => u.Id == by).Select(u => new { u.Account.Username, u.Role }).FirstOrDefaultAsync(ct)
            : null;
        return new SupporterView.Arrival(invitation is not null, inviter?.Username, inviter is not null && (Roles.IsStaff(inviter.Role) || Roles.CanModerate(inviter.Role)),
            invitation is null || invitation.Note.Length == 0 ? null : invitation.Note, user.ApplicationText is not null);
    }

    private async Task<SupporterView.Invitees> InviteesAsync(long id, DateTime now, CancellationToken ct)
    {
        var since = now - TimeSpan.FromDays(ActiveDays);
        var invited = db.Users.AsNoTracking().Where(u => u.InvitedById == id);
        var count = await invited.CountAsync(ct);
        var active = await invited.Active().CountAsync(u => (u.LastSignInAt != null && u.LastSignInAt >= since) || (u.Account.LastStatusAt != null && u.Account.LastStatusAt >= since)
            || db.UserSessions.Any(s => s.UserId == u.Id && s.LastSeenAt >= since), ct);
        var shown = await invited.OrderByDescending(u => u.Id).Take(Shown)
            .Select(u => new PersonRow(u.Id, u.Account.Username, u.Account.DisplayName, u.CreatedAt, null, null, Array.Empty<string>()))
            .ToListAsync(ct);
        return new SupporterView.Invitees(count, active, shown);
    }

    private async Task<IReadOnlyList<SupporterView.GroupLine>> GroupsAsync(long id, Viewer viewer, CancellationToken ct)
    {
        var groups = db.Groups.VisibleTo(db, viewer);
        var rows = await db.GroupMemberships.AsNoTracking().Where(m => m.AccountId == id)
            .Join(groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Name, g.Slug, g.ParentId, m.Role, m.CreatedAt })
            .OrderBy(x => x.Name).Take(100).ToListAsync(ct);
        var parentIds = rows.Where(r => r.ParentId != null).Select(r => r.ParentId!.Value).Distinct().ToList();
        var parents = await groups.Where(g => parentIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        return rows.Select(r => new SupporterView.GroupLine(r.Name, r.Slug, r.ParentId is { } p ? parents.GetValueOrDefault(p) : null, r.Role, r.CreatedAt)).ToList();
    }

    private async Task<SupporterView.EventFigures> EventsAsync(long id, Viewer viewer, CancellationToken ct)
    {
        var events = db.Events.VisibleTo(db, viewer);
        var answers = db.EventRsvps.AsNoTracking().Where(r => r.AccountId == id && events.Any(e => e.Id == r.EventId));
        var answered = await answers.CountAsync(r => r.Response != RsvpResponse.NotGoing, ct);
        var going = await answers.CountAsync(r => r.Response == RsvpResponse.Going, ct);
        var attended = await answers.CountAsync(r => r.CheckedInAt != null, ct);
        var recent = await answers.OrderByDescending(r => r.OccurrenceStartsAt).Take(Shown)
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => new { e.Id, e.Title, r.OccurrenceStartsAt, r.Response, Attended = r.CheckedInAt != null })
            .ToListAsync(ct);
        return new SupporterView.EventFigures(answered, going, attended, recent.OrderByDescending(e => e.OccurrenceStartsAt)
            .Select(e => new SupporterView.EventLine(e.Id, e.Title, e.OccurrenceStartsAt, e.Response, e.Attended)).ToList());
    }

    private async Task<SupporterView.Posts> PostsAsync(long id, long staffId, Viewer viewer, CancellationToken ct)
    {
        var readable = db.Statuses.AsNoTracking().VisibleTo(db, viewer).Where(s => s.DeletedAt == null && s.ReblogOfId == null);
        var community = readable.Where(s => s.AccountId == id
            && (s.Visibility == Audience.Public || s.Visibility == Audience.Unlisted || s.Visibility == Audience.Members));
        // Only the conversation between this member and the staff member looking: a message to someone else stays theirs.
        var withYou = readable.Where(s => s.Visibility == Audience.Direct
            && ((s.AccountId == id && s.Mentions.Any(m => m.AccountId == staffId)) || (s.AccountId == staffId && s.Mentions.Any(m => m.AccountId == id))));
        return new SupporterView.Posts(
            await community.CountAsync(ct), await LinesAsync(community, id, ct),
            await withYou.CountAsync(ct), await LinesAsync(withYou, id, ct));
    }

    private static async Task<IReadOnlyList<SupporterView.PostLine>> LinesAsync(IQueryable<Status> statuses, long memberId, CancellationToken ct) =>
        (await statuses.OrderByDescending(s => s.Id).Take(Shown).Select(s => new { s.Id, s.CreatedAt, s.Text, s.AccountId }).ToListAsync(ct))
            .Select(s => new SupporterView.PostLine(s.Id, s.CreatedAt, s.Text.Length > Excerpt ? s.Text[..Excerpt] + "…" : s.Text, s.AccountId == memberId))
            .ToList();

    private async Task<SupporterView.AidCounts> AidAsync(long id, CancellationToken ct)
    {
        // Sensitive items are left out of every count, not only hidden: a count that moves tells as much as a line.
        var items = db.AidItems.AsNoTracking().Where(i => i.AccountId == id && !i.Sensitive);
        var requests = await items.CountAsync(i => i.Kind == AidKind.Request, ct);
        var offers = await items.CountAsync(i => i.Kind == AidKind.Offer, ct);
        var fulfilled = await items.CountAsync(i => i.State == AidItemState.Fulfilled, ct);
        var answers = await db.AidResponses.AsNoTracking().CountAsync(r => r.ResponderId == id && db.AidItems.Any(i => i.Id == r.ItemId && !i.Sensitive), ct);
        return new SupporterView.AidCounts(requests, offers, answers, fulfilled);
    }
}
