using Kindred.Data;
using Kindred.Data.Entities;

namespace Kindred.Core.Common;

/// <summary>
/// The one definition of a limited account (ADR 67): one with a limit strike not undone. Its posts reach only its
/// contacts (its followers and the people it follows, <see cref="StatusVisibility"/>), and discovery, search and the
/// public timelines leave it out through these filters. Read from the strikes rather than a flag, so undoing the strike
/// (by a moderator or an accepted appeal) is the one way to lift it.
/// </summary>
public static class LimitFilters
{
    /// <summary>The strikes that limit their account now.</summary>
    public static IQueryable<Strike> ActiveLimits(this KindredDbContext db) =>
        db.Strikes.Where(k => k.Action == StrikeAction.Limit && k.UndoneAt == null);

    /// <summary>Statuses whose author is not limited, for the lists that reach beyond contacts.</summary>
    public static IQueryable<Status> NotByLimited(this IQueryable<Status> statuses, KindredDbContext db)
    {
        var limits = db.ActiveLimits();
        return statuses.Where(s => !limits.Any(k => k.AccountId == s.AccountId));
    }

    /// <summary>Accounts that are not limited, for discovery.</summary>
    public static IQueryable<Account> NotLimited(this IQueryable<Account> accounts, KindredDbContext db)
    {
        var limits = db.ActiveLimits();
        return accounts.Where(a => !limits.Any(k => k.AccountId == a.Id));
    }
}
