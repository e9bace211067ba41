using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;

namespace Kindred.Core.Announcements;

/// <summary>
/// Who gets an announcement by e-mail: everyone, the members of chosen groups, or the holders of chosen roles. It is
/// a value (stored in each batch job's payload) so a new kind, such as a saved filter of the staff people list, is one
/// more case here. Consent is not part of it: <see cref="Recipients"/> always leaves out members who said no.
/// </summary>
public sealed record AnnouncementAudience(AnnouncementAudienceKind Kind, IReadOnlyList<long> GroupIds, IReadOnlyList<UserRole> Roles)
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
            default:
                return users;
        }
    }
}
