using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Deletion;

/// <summary>
/// Scheduling and cancelling the deletion of an account (ADR 70). A deletion waits <see cref="GracePeriod"/>: the member
/// is signed out everywhere at once, and signing in again before the end cancels it. Then
/// <see cref="AccountDeletionJob"/> erases the account. The organization's account is never deleted, nor the last owner.
/// </summary>
public sealed class AccountDeletion(
    KindredDbContext db,
    UserManager<User> users,
    AccountAccess access,
    AuditLog audit,
    JobQueue jobs,
    TimeProvider time)
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromDays(30);

    /// <summary>The member's own request from /settings/delete, confirmed with the password and, when two-factor
    /// authentication is on, a code from the authenticator app. A wrong confirmation changes nothing.</summary>
    /// <returns>When the account will be deleted.</returns>
    public async Task<DateTime> RequestAsync(long userId, string? password, string? code, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw KindredException.Unauthorized();
        await CheckDeletableAsync(user, ct);
        if (string.IsNullOrEmpty(password) || password.Length > 200 || !await users.CheckPasswordAsync(user, password))
        {
            throw KindredException.Invalid("password", "That is not your password.");
        }
        if (user.TwoFactorEnabled)
        {
            var token = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (token.Length is 0 or > 10
                || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, token))
            {
                throw KindredException.Invalid("code", "That code is not right. Enter the code your authenticator app shows now.");
            }
        }
        return await ScheduleAsync(user, ct);
    }

    /// <summary>A moderator (or above) schedules the deletion of a suspended account, with the same grace period; the
    /// audit log keeps who did it. Only a suspended account: a member in good standing deletes their own.</summary>
    public async Task<DateTime> ScheduleForSuspendedAsync(long actorId, UserRole actorRole, long userId, CancellationToken ct = default)
    {
        var user = await db.Users.Include(u => u.Account).FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw KindredException.NotFound("No such user.");
        if (!Roles.CanSuspend(actorRole, user.Role))
        {
            throw KindredException.Forbidden("You may not delete this member.");
        }
        if (user.Status != UserStatus.Disabled)
        {
            throw KindredException.Conflict("Only a suspended account can be deleted by a moderator.");
        }
        await CheckDeletableAsync(user, ct);
        if (user.DeletionDueAt is { } due)
        {
            return due;
        }
        audit.Add(actorId, AuditActions.AccountDeletionSchedule, AuditTarget.Account(user.Id),
            $"Scheduled the deletion of @{user.Account.Username}.");
        return await ScheduleAsync(user, ct);
    }

    /// <summary>Called by every successful sign-in: signing in during the grace period keeps the account.</summary>
    /// <returns>Whether a scheduled deletion was cancelled (the caller tells the member).</returns>
    public static bool CancelOnSignIn(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.DeletionDueAt is null)
        {
            return false;
        }
        // Saved by the sign-in's own update of the user; the job finds nothing due and does nothing.
        user.DeletionDueAt = null;
        return true;
    }

    private async Task CheckDeletableAsync(User user, CancellationToken ct)
    {
        if (await db.Organizations.AnyAsync(o => o.AccountId == user.Id, ct))
        {
            throw KindredException.Forbidden("The organization's account cannot be deleted.");
        }
        if (user.Role == UserRole.Owner && await db.Users.CountAsync(u => u.Role == UserRole.Owner, ct) == 1)
        {
            throw KindredException.Conflict("You are the organization's only owner. Make someone else an owner before you delete your account.");
        }
    }

    private async Task<DateTime> ScheduleAsync(User user, CancellationToken ct)
    {
        var due = time.UtcNow() + GracePeriod;
        user.DeletionDueAt = due;
        // Saved with the date: a job exists exactly when a deletion is scheduled. An earlier job of a cancelled
        // deletion finds this later date and does nothing.
        jobs.Add(AccountDeletionJob.Kind, new AccountDeletionPayload(user.Id), due);
        await db.SaveChangesAsync(ct);
        // Signed out everywhere: coming back is then a sign-in, which is what cancels.
        await access.EndAllAsync(user.Id, AccessEndReason.Deletion, ct: ct);
        return due;
    }
}
