using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Common;

/// <summary>
/// The one translation of a <see cref="PeopleFilter"/> into SQL: the staff people list (ADR 59) and an announcement
/// e-mailed to a segment (ADR 76) both find members here, so the e-mail reaches exactly the people the list shows. The
/// group is read first (it depends on who looks: a secret group stays secret); the rest is one composable query.
/// </summary>
public static class PeopleSegment
{
    public const int MaxLapsedDays = 3_660;

    /// <summary>How staff tags are compared: trimmed, any case.</summary>
    public static string NormalizeTag(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant();
    }

    /// <summary>The id of the filter's group when <paramref name="viewerId"/> may see it, null without a group filter;
    /// Invalid when there is no such group for them.</summary>
    public static async Task<long?> GroupIdAsync(KindredDbContext db, long viewerId, PeopleFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        if (Clean(filter.Group, "group") is not { } slug)
        {
            return null;
        }
        // Only a group the viewer may see: a secret group's members stay as secret in a filter as on its page.
        var lowered = slug.ToLowerInvariant();
        return await db.Groups.VisibleTo(db, Viewer.Member(viewerId)).Where(g => g.Slug == lowered).Select(g => (long?)g.Id).FirstOrDefaultAsync(ct)
            ?? throw KindredException.Invalid("group", "No such group.");
    }

    /// <summary>
    /// <paramref name="users"/> narrowed to the members the filter finds at <paramref name="now"/>, with the group read by
    /// <see cref="GroupIdAsync"/>. Throws Invalid, before any query runs, for a part out of its limits.
    /// </summary>
    public static IQueryable<User> Apply(KindredDbContext db, IQueryable<User> users, PeopleFilter filter, long? groupId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        if (Clean(filter.Tag, "tag") is { } tag)
        {
            var normalized = NormalizeTag(tag);
            users = users.Where(u => db.StaffTags.Any(t => t.AccountId == u.Id && t.NameNormalized == normalized && t.RemovedAt == null));
        }
        if (groupId is { } group)
        {
            users = users.Where(u => db.GroupMemberships.Any(m => m.GroupId == group && m.AccountId == u.Id));
        }
        if (Clean(filter.Area, "area") is { } area)
        {
            var lowered = area.ToLowerInvariant();
            users = users.Where(u => u.Account.AreaVisibility != ProfileVisibility.OnlyMe && u.Account.AreaName != null && u.Account.AreaName.ToLower() == lowered);
        }
        CheckRange(filter.JoinedFrom, filter.JoinedTo, "joined");
        if (filter.JoinedFrom is { } joinedFrom)
        {
            users = users.Where(u => u.CreatedAt >= joinedFrom);
        }
        if (filter.JoinedTo is { } joinedTo)
        {
            users = users.Where(u => u.CreatedAt < joinedTo);
        }
        CheckRange(filter.ActiveFrom, filter.ActiveTo, "active");
        if (filter.ActiveFrom is { } activeFrom)
        {
            users = users.Where(u => (u.LastSignInAt != null && u.LastSignInAt >= activeFrom) || (u.Account.LastStatusAt != null && u.Account.LastStatusAt >= activeFrom)
                || db.UserSessions.Any(s => s.UserId == u.Id && s.LastSeenAt >= activeFrom));
        }
        // Each nullable moment is tested for null first: under NOT, SQL's NULL would otherwise drop the row (three-valued
        // logic), where "never signed in" should simply count as "not since".
        if (filter.ActiveTo is { } activeTo)
        {
            users = users.Where(u => !((u.LastSignInAt != null && u.LastSignInAt >= activeTo) || (u.Account.LastStatusAt != null && u.Account.LastStatusAt >= activeTo)
                    || db.UserSessions.Any(s => s.UserId == u.Id && s.LastSeenAt >= activeTo))
                && (u.LastSignInAt != null || u.Account.LastStatusAt != null || db.UserSessions.Any(s => s.UserId == u.Id)));
        }
        if (filter.LapsedDays is { } days)
        {
            if (days is < 1 or > MaxLapsedDays)
            {
                throw KindredException.Invalid("lapsed", $"Lapsed is a number of days from 1 to {MaxLapsedDays}.");
            }
            // Active before: some sign-in, post or page seen; lapsed: none of them since the cut-off.
            var cutoff = now - TimeSpan.FromDays(days);
            users = users.Where(u => !((u.LastSignInAt != null && u.LastSignInAt >= cutoff) || (u.Account.LastStatusAt != null && u.Account.LastStatusAt >= cutoff)
                    || db.UserSessions.Any(s => s.UserId == u.Id && s.LastSeenAt >= cutoff))
                && (u.LastSignInAt != null || u.Account.LastStatusAt != null || db.UserSessions.Any(s => s.UserId == u.Id)));
        }
        if (filter.NeverEngaged)
        {
            users = users.Where(u => !db.Statuses.Any(s => s.AccountId == u.Id)
                && !db.Favourites.Any(f => f.AccountId == u.Id)
                && !db.EventRsvps.Any(r => r.AccountId == u.Id)
                && !db.AidItems.Any(i => i.AccountId == u.Id)
                && !db.AidResponses.Any(r => r.ResponderId == u.Id)
                && !db.GroupMemberships.Any(m => m.AccountId == u.Id && m.InvitationId == null));
        }
        return users;
    }

    private static string? Clean(string? value, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return trimmed.Length > 100 ? throw KindredException.Invalid(field, "That is too long to search for.") : trimmed;
    }

    private static void CheckRange(DateTime? from, DateTime? to, string field)
    {
        if (from is { } f && to is { } t && f >= t)
        {
            throw KindredException.Invalid(field, "The start must come before the end.");
        }
    }
}
