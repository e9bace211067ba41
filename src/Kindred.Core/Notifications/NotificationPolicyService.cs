using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Notifications;

/// <summary>A member's notification policy (ADR 79): Mastodon's defaults until they change it; <see cref="Notify"/> applies it.</summary>
public sealed class NotificationPolicyService(KindredDbContext db, TimeProvider time)
{
    public async Task<NotificationPolicy> GetAsync(long accountId, CancellationToken ct = default) =>
        await db.NotificationPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == accountId, ct) ?? new NotificationPolicy { AccountId = accountId };

    /// <summary>Changes the answers given (null leaves one as it is) and returns the policy as stored.</summary>
    public async Task<NotificationPolicy> UpdateAsync(long accountId, NotificationPolicyValue? notFollowing, NotificationPolicyValue? notFollowers,
        NotificationPolicyValue? newAccounts, NotificationPolicyValue? privateMentions, NotificationPolicyValue? limitedAccounts, CancellationToken ct = default)
    {
        var policy = await db.NotificationPolicies.FirstOrDefaultAsync(p => p.AccountId == accountId, ct);
        if (policy is null)
        {
            policy = new NotificationPolicy { AccountId = accountId };
            db.NotificationPolicies.Add(policy);
        }
        policy.ForNotFollowing = notFollowing ?? policy.ForNotFollowing;
        policy.ForNotFollowers = notFollowers ?? policy.ForNotFollowers;
        policy.ForNewAccounts = newAccounts ?? policy.ForNewAccounts;
        policy.ForPrivateMentions = privateMentions ?? policy.ForPrivateMentions;
        policy.ForLimitedAccounts = limitedAccounts ?? policy.ForLimitedAccounts;
        policy.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return policy;
    }
}
