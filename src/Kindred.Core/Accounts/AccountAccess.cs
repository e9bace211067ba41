using System.Globalization;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace Kindred.Core.Accounts;

/// <summary>
/// The one place that ends a member's access (ADR 44): every browser session, every OAuth token and authorization,
/// and every open stream. Password reset and change, signing out everywhere, any change to two-factor
/// authentication, suspension and the loss of a role all call <see cref="EndAllAsync"/>; revoking one app on the
/// Connected apps page calls <see cref="RevokeAppAsync"/>. OAuth tokens never expire (ADR 4), so without this an app
/// someone else signed in keeps reading the account after the member has taken it back.
/// </summary>
public sealed class AccountAccess(
    KindredDbContext db,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    IStreamHub hub,
    AuditLog audit,
    ILogger<AccountAccess> log)
{
    /// <param name="keepSessionId">The browser the member acted from, which stays signed in (a password or two-factor
    /// change); null ends every session.</param>
    public async Task EndAllAsync(long userId, AccessEndReason reason, long? keepSessionId = null, CancellationToken ct = default)
    {
        var subject = Subject(userId);
        // One transaction: either the member's access ends entirely or nothing changed and the action fails.
        var (sessions, revokedTokens, revokedAuthorizations) = await db.InTransactionAsync(async () => (
            await db.UserSessions.Where(s => s.UserId == userId && s.Id != keepSessionId).ExecuteDeleteAsync(ct),
            await tokens.RevokeBySubjectAsync(subject, ct),
            await authorizations.RevokeBySubjectAsync(subject, ct)), ct);
        // Bulk updates bypass the change tracker, so the hub is told here, after the commit: open streams of the
        // member re-check their credential before anything else they would deliver.
        hub.Publish(StreamEvent.AccessChanged(userId));
        if (log.IsEnabled(LogLevel.Information))
        {
            log.LogInformation("Ended the access of member {UserId} ({Reason}): {Sessions} sessions, {Tokens} tokens, {Authorizations} authorizations",
                userId, reason, sessions, revokedTokens, revokedAuthorizations);
        }
    }

    /// <summary>Revokes every token and authorization the member gave one app; the member's other apps and browsers
    /// keep working. An app the member never authorized changes nothing.</summary>
    public Task<bool> RevokeAppAsync(long userId, string applicationId, CancellationToken ct = default) =>
        RevokeAsync(userId, applicationId, null, ct);

    /// <summary>
    /// The owner ends an app through which a staff member acts as the organization (ADR 65), as <see cref="RevokeAppAsync"/>
    /// does, with the audit entry <paramref name="summary"/> in the same transaction. False, and nothing logged, when the
    /// staff member had no such app.
    /// </summary>
    public Task<bool> RevokeOrganizationGrantAsync(long ownerId, long staffId, string applicationId, string summary, CancellationToken ct = default) =>
        RevokeAsync(staffId, applicationId, () => audit.Add(ownerId, AuditActions.OrganizationGrant, AuditTarget.Account(staffId), summary), ct);

    private async Task<bool> RevokeAsync(long userId, string applicationId, Action? record, CancellationToken ct)
    {
        var subject = Subject(userId);
        var revoked = await db.InTransactionAsync(async () =>
        {
            var count = await tokens.RevokeAsync(subject, applicationId, status: null, type: null, ct)
                + await authorizations.RevokeAsync(subject, applicationId, status: null, type: null, ct);
            if (count > 0 && record is not null)
            {
                record();
                await db.SaveChangesAsync(ct);
            }
            return count;
        }, ct);
        hub.Publish(StreamEvent.AccessChanged(userId));
        return revoked > 0;
    }

    private static string Subject(long userId) => userId.ToString(CultureInfo.InvariantCulture);
}
