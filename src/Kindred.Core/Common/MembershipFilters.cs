using Kindred.Data.Entities;

namespace Kindred.Core.Common;

/// <summary>Reusable filters over group memberships.</summary>
public static class MembershipFilters
{
    /// <summary>
    /// Memberships whose group role passes <paramref name="rule"/>, one of the questions of <see cref="GroupAccess"/>
    /// (such as <see cref="GroupAccess.CanModerate"/>), so the SQL asks for exactly the roles that class names.
    /// </summary>
    public static IQueryable<GroupMembership> InRoles(this IQueryable<GroupMembership> memberships, Func<GroupRole?, bool> rule)
    {
        var roles = Enum.GetValues<GroupRole>().Where(r => rule(r)).ToList();
        return memberships.Where(m => roles.Contains(m.Role));
    }
}
