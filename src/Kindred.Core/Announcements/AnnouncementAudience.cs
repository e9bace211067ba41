using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Announcements;

/// <summary>
/// Who gets an announcement by e-mail: everyone, the members of chosen groups, the holders of chosen roles, or the
/// members a people-list filter finds (ADR 76). It is a value (stored in each batch job's payload). Consent is not part
/// of it: <see cref="Recipients"/> always leaves out members who said no.
/// </summary>
/// <param name="People">The people-list filter of a <see cref="AnnouncementAudienceKind.People"/> audience.</param>
/// <param name="PeopleGroupId">Its group, as the sender was allowed to see it when sending (set by <see cref="ResolveAsync"/>).</param>
/// <param name="AsOf">The moment "lapsed" counts back from: when it was sent, so every batch mails the segment staff
/// counted (set by <see cref="ResolveAsync"/>).</param>
public sealed record AnnouncementAudience(AnnouncementAudienceKind Kind, IReadOnlyList<long> GroupIds, IReadOnlyList<UserRole> Roles,
    PeopleFilter? People = null, long? PeopleGroupId = null, DateTime? AsOf = null)
{
    public static readonly AnnouncementAudience Everyone = new(AnnouncementAudienceKind.Everyone, [], []);

    /// <summary>At most this many groups or roles in one audience.</summary>
    public const int MaxChoices = 100;

    /// <summary>The members this audience names who may be mailed: active, with a confirmed address, not opted out.</summary>
    public IQueryable<User> Recipients(KindredDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var users = db.Users.Active().Where(u => u.EmailConfirmed && u.Email != null && !u.AnnouncementEmailsOff);
        switch (Kind)
        {
            case AnnouncementAudienceKind.Groups:
                var groups = GroupIds.ToList();
                return users.Where(u => db.GroupMemberships.Any(m => m.AccountId == u.Id && groups.Contains(m.GroupId)));
            case AnnouncementAudienceKind.Roles:
                var roles = Roles.ToList();
                return users.Where(u => roles.Contains(u.Role));
            case AnnouncementAudienceKind.People when People is not null && AsOf is { } asOf:
                // The very query of the people list (ADR 76), so the mail reaches the members staff saw there.
                return PeopleSegment.Apply(db, users, People, PeopleGroupId, asOf);
            case AnnouncementAudienceKind.People:
                throw new InvalidOperationException("A people audience is resolved before its recipients are read.");
            default:
                return users;
        }
    }

    /// <summary>
    /// A people audience as <paramref name="senderId"/> may send it at <paramref name="now"/>: its group read with the
    /// sender's sight, its moment fixed, any values given for those replaced. Forbidden unless the sender may see the
    /// people list; Invalid for a filter the list would refuse. Other kinds come back as they are.
    /// </summary>
    public async Task<AnnouncementAudience> ResolveAsync(KindredDbContext db, long senderId, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Kind != AnnouncementAudienceKind.People)
        {
            return this;
        }
        var role = await db.Users.Active().Where(u => u.Id == senderId).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct);
        if (role is not { } r || !Kindred.Core.Accounts.Roles.CanSeePeople(r))
        {
            throw KindredException.Forbidden("Only the organization's staff see its people.");
        }
        if (People is null)
        {
            throw KindredException.Invalid("audience", "Choose the people-list filter.");
        }
        var filter = People with { MaxId = null, Limit = PeopleFilter.DefaultLimit };
        var groupId = await PeopleSegment.GroupIdAsync(db, senderId, filter, ct);
        // Checks the limits now, so a bad filter is refused when it is sent rather than when its first batch runs.
        _ = PeopleSegment.Apply(db, db.Users, filter, groupId, now);
        return this with { People = filter, PeopleGroupId = groupId, AsOf = now };
    }
}
