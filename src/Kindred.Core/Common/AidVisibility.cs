using Kindred.Data;
using Kindred.Data.Entities;

namespace Kindred.Core.Common;

/// <summary>
/// THE rule for who may see an aid item (ADR 27). Every read path — /aid, item pages, the API, search, notifications,
/// digests, matching — goes through <see cref="VisibleTo"/>; an item a viewer may not see is a 404, never a 403.
/// </summary>
/// <remarks>
/// An item is seen by its owner; by safeguarding leads (all items, sensitive ones included); by anyone who has answered
/// it (their conversation stays theirs); and otherwise by its audience: public — everyone, anonymous visitors included
/// (never for a sensitive item); members — signed-in members; group — the group's members; vetted helpers — members
/// whose vetted status is current. Nobody outside the owner and the leads sees the item of someone they block or who
/// blocks them, and items of accounts that are not active are seen by no one but the leads. Moderators and admins read
/// like any member: sensitive items are for their audience and the safeguarding leads only.
/// </remarks>
public static class AidVisibility
{
    /// <summary>The items <paramref name="viewer"/> may see; translates to SQL on SQLite and PostgreSQL.</summary>
    public static IQueryable<AidItem> VisibleTo(this IQueryable<AidItem> items, KindredDbContext db, AidViewer viewer)
    {
        if (viewer.AccountId is not { } id)
        {
            return items.Where(i => i.Audience == AidAudience.Public && !i.Sensitive
                && db.Users.Active().Any(u => u.Id == i.AccountId));
        }
        if (viewer.IsSafeguardingLead)
        {
            return items;
        }
        var vetted = viewer.IsVettedHelper;
        // Nobody can block themselves, so the block test may stand outside the owner's clause.
        return items.Where(i => i.AccountId == id
            || (db.Users.Active().Any(u => u.Id == i.AccountId)
                && (db.AidResponses.Any(r => r.ItemId == i.Id && r.ResponderId == id)
                    || i.Audience == AidAudience.Public
                    || i.Audience == AidAudience.Members
                    || (i.Audience == AidAudience.Group && db.GroupMemberships.Any(m => m.GroupId == i.GroupId && m.AccountId == id))
                    || (i.Audience == AidAudience.VettedHelpers && vetted))))
            .WithoutBlocksWith(db.Blocks, id, i => i.AccountId);
    }

    /// <summary>Whether the item may ever leave this server or show on public pages and feeds: public and not sensitive.</summary>
    public static bool IsPublic(AidItem item) => item.Audience == AidAudience.Public && !item.Sensitive;
}
