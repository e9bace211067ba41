using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Invitations;

/// <summary>
/// Public sign-up, the sign-up page's and POST /api/v1/accounts': the invitation step around the account's (ADR 23,
/// 52). An invitation code is checked before the account is built, and the invitation's use, the account and the group
/// membership it brings land together or not at all. The account part (modes, approval, the same answer for an address
/// that is taken) is <see cref="AccountService"/>'s.
/// </summary>
public sealed class SignUpService(
    KindredDbContext db,
    AccountService accounts,
    InvitationService invitations,
    GroupInvitations groupInvitations,
    SignUpGuard guard,
    TimeProvider time)
{
    /// <param name="baseUrl">The server's public address, for the links in the mail.</param>
    public async Task<Registered> RegisterAsync(Registration request, string baseUrl, CancellationToken ct = default)
    {
        var applicationText = AccountService.CheckForm(request);
        // Blocked domains, the IP rules and the throttle come first (ADR 73): a refused sign-up costs nothing more.
        var ruleNeedsApproval = await guard.CheckAsync(request.Email, request.Ip, ct);
        var now = time.UtcNow();
        Invitation? invitation = null;
        var code = (request.InvitationCode ?? "").Trim();
        if (code.Length > 0)
        {
            invitation = code.Length > 64 ? null : await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, ct);
            var state = InvitationStates.Of(invitation, now);
            if (state != InvitationState.Active)
            {
                throw InvitationStates.Error(state);
            }
        }

        var answer = await accounts.PrepareRegistrationAsync(request, applicationText, invitation is not null, baseUrl, ruleNeedsApproval, ct);
        if (answer.User is not { } user)
        {
            // The address already has an account; its owner was mailed, and the invitation keeps its use.
            return answer;
        }
        if (invitation is null)
        {
            await accounts.SaveNewUserAsync(user, request.Password);
            await accounts.QueueConfirmationAsync(user, baseUrl, ct);
            return answer;
        }

        // The use, the account and the group membership land together or not at all (ADR 23).
        user.InvitationId = invitation.Id;
        user.InvitedById = invitation.CreatedById;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await invitations.TryTakeUseAsync(invitation.Id, now, ct))
        {
            // Someone else took the last use (or it was withdrawn) since the check above.
            var current = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invitation.Id, ct);
            var state = InvitationStates.Of(current, now);
            throw InvitationStates.Error(state == InvitationState.Active ? InvitationState.UsedUp : state);
        }
        await accounts.SaveNewUserAsync(user, request.Password);
        if (invitation.GroupId is { } groupId)
        {
            await groupInvitations.AddMemberFromInvitationAsync(groupId, user.Id, invitation.Id, now, ct);
        }
        await transaction.CommitAsync(ct);
        await accounts.QueueConfirmationAsync(user, baseUrl, ct);
        return answer;
    }
}
