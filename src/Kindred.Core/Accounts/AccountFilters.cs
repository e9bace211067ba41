using Kindred.Data.Entities;

namespace Kindred.Core.Accounts;

/// <summary>Reusable filters over accounts.</summary>
public static class AccountFilters
{
    /// <summary>Accounts others may know about: remote ones, and local ones whose user is active (not pending, rejected or disabled).</summary>
    public static IQueryable<Account> Visible(this IQueryable<Account> accounts) =>
        accounts.Where(a => a.Domain != null || (a.User != null && a.User.Status == UserStatus.Active));
}
