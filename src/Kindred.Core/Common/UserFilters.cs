using Kindred.Data.Entities;

namespace Kindred.Core.Common;

/// <summary>Reusable filters over local users.</summary>
public static class UserFilters
{
    /// <summary>Users whose account is active: not waiting for approval, rejected or suspended.</summary>
    public static IQueryable<User> Active(this IQueryable<User> users) => users.Where(u => u.Status == UserStatus.Active);

    /// <summary>
    /// Users whose role passes <paramref name="rule"/>, one of the questions of <c>Accounts/Roles</c> (such as
    /// <c>Roles.CanAdminister</c>), so the SQL asks for exactly the roles that class names.
    /// </summary>
    public static IQueryable<User> InRoles(this IQueryable<User> users, Func<UserRole, bool> rule)
    {
        var roles = Enum.GetValues<UserRole>().Where(rule).ToList();
        return users.Where(u => roles.Contains(u.Role));
    }
}
