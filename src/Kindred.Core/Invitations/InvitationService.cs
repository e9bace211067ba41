using System.Security.Cryptography;
using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Invitations;

/// <summary>
/// Invitation links and e-mails: created by staff (admin page, CLI) and by members (ADR 23), revoked, used on sign-up
/// and accepted by members who are already here. Every use is counted with one guarded UPDATE, so the last use of a
/// link goes to exactly one person.
/// </summary>
public sealed partial class InvitationService(
    KindredDbContext db,
    GroupInvitations groupInvitations,
    UserManager<User> users,
    InvitationEmails emails,
    IOptions<KindredOptions> options,
    TimeProvider time,
    AuditLog audit,
    ILogger<InvitationService> logger)
{
    public const int MaxMessageLength = 500;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>Creates an invitation without asking who may invite: for staff pages and the command line, which check that themselves.</summary>
    public async Task<Invitation> CreateAsync(long? createdById, NewInvitation request, CancellationToken ct = default)
    {
        var invitation = Build(createdById, request);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        return invitation;
    }

    /// <summary>A member's personal invitation link, optionally into a group they may invite to.</summary>
    public async Task<Invitation> CreateForMemberAsync(long memberId, NewInvitation request, CancellationToken ct = default)
    {
        await RequireInviterAsync(memberId, request.GroupId, ct);
        return await CreateAsync(memberId, request with { Email = null, Note = null }, ct);
    }

    /// <summary>
    /// Sends an invitation by e-mail in <paramref name="locale"/>, with the member's message. The answer is the same
    /// whether or not the address already has an account here (so nobody learns who is a member), but no e-mail goes
    /// to an existing account. At most Kindred:Invitations:EmailsPerDay per member in 24 hours.
    /// </summary>
    public async Task<Invitation> InviteByEmailAsync(long memberId, string? email, string? locale, NewInvitation request, string baseUrl, CancellationToken ct = default)
    {
        var address = AccountService.ValidateEmail(email);
        var language = string.IsNullOrWhiteSpace(locale) ? null : Languages.Validate(locale, "locale");
        var inviter = await RequireInviterAsync(memberId, request.GroupId, ct);
        var since = time.UtcNow() - TimeSpan.FromDays(1);
        var sent = await db.Invitations.CountAsync(i => i.CreatedById == memberId && i.CreatedAt > since && i.Email != null, ct);
        if (sent >= options.Value.Invitations.EmailsPerDay)
        {
            throw KindredException.RateLimited(TimeSpan.FromHours(1), "You have sent as many invitation e-mails as you can today. Try again tomorrow, or share a link instead.");
        }
        // An e-mail invitation is for one person unless the member says otherwise.
        var invitation = Build(memberId, request with { Email = address, Note = null, MaxUses = request.MaxUses ?? 1 });
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);

        if (await users.FindByEmailAsync(address) is not null)
        {
            LogExistingAddress(logger, invitation.Id);
            return invitation;
        }
        var group = invitation.GroupId is { } groupId ? await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => g.Name).FirstOrDefaultAsync(ct) : null;
        var organization = await db.Organizations.AsNoTracking().Select(o => new { o.Name, o.TimeZone }).FirstOrDefaultAsync(ct);
        try
        {
            await emails.SendAsync(address, language ?? inviter.Locale, inviter.Account.DisplayName.Length > 0 ? inviter.Account.DisplayName : inviter.Account.Username,
                organization?.Name ?? "Kindred", group, invitation, baseUrl, organization?.TimeZone, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException and not KindredException)
        {
            // The invitation exists and its link is shown to the member, who can pass it on another way.
            LogSendFailed(logger, e, invitation.Id);
        }
        return invitation;
    }

    public async Task<IReadOnlyList<Invitation>> ListAsync(long? createdById, CancellationToken ct = default)
    {
        var query = db.Invitations.AsNoTracking();
        if (createdById is { } id)
        {
            query = query.Where(i => i.CreatedById == id);
        }
        return await query.OrderByDescending(i => i.Id).Take(200).ToListAsync(ct);
    }

    public async Task<Invitation?> FindUsableAsync(string? code, CancellationToken ct = default)
    {
        var invitation = await FindAsync(code, ct);
        return invitation is not null && invitation.IsUsable(time.UtcNow()) ? invitation : null;
    }

    /// <summary>The invitation with this code, usable or not; null for a code nobody issued.</summary>
    public async Task<Invitation?> FindAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 64)
        {
            return null;
        }
        var trimmed = code.Trim();
        return await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Code == trimmed, ct);
    }

    /// <summary>Staff withdraw any invitation (audited, ADR 56).</summary>
    /// <param name="actorId">The staff member; null for the command line.</param>
    public async Task RevokeAsync(long? actorId, long id, CancellationToken ct = default)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id, ct)
            ?? throw KindredException.NotFound("No such invitation.");
        if (!invitation.Revoked)
        {
            audit.Add(actorId, AuditActions.InvitationRevoke, AuditTarget.Invitation(invitation.Id),
                $"Withdrew the invitation {invitation.Code}{(string.IsNullOrEmpty(invitation.Note) ? "" : $" ({invitation.Note})")}.");
        }
        invitation.Revoked = true;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A member withdraws one of their own invitations; anyone else's is a 404.</summary>
    public async Task<Invitation> RevokeMineAsync(long memberId, long id, CancellationToken ct = default)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id && i.CreatedById == memberId, ct)
            ?? throw KindredException.NotFound("No such invitation.");
        invitation.Revoked = true;
        await db.SaveChangesAsync(ct);
        return invitation;
    }

    /// <summary>
    /// Takes one use of an invitation if it still has one, in a single guarded UPDATE: of two people racing for the
    /// last use, the database lets exactly one through. Call it inside the transaction that records the use.
    /// </summary>
    public async Task<bool> TryTakeUseAsync(long invitationId, DateTime now, CancellationToken ct) =>
        await db.Invitations
            .Where(i => i.Id == invitationId && !i.Revoked && (i.ExpiresAt == null || i.ExpiresAt > now) && (i.MaxUses == null || i.Uses < i.MaxUses))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Uses, i => i.Uses + 1), ct) == 1;

    /// <summary>
    /// Takes a use of the invitation an account was just made with and joins its group, for a caller that made the
    /// account itself inside its own transaction (the demo community; public sign-up is <see cref="SignUpService"/>).
    /// </summary>
    public async Task UseForNewAccountAsync(Invitation invitation, long userId, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        if (!await TryTakeUseAsync(invitation.Id, now, ct))
        {
            throw InvitationStates.Error(InvitationState.UsedUp);
        }
        if (invitation.GroupId is { } groupId)
        {
            await groupInvitations.AddMemberFromInvitationAsync(groupId, userId, invitation.Id, now, ct);
        }
    }

    /// <summary>
    /// A member who is already here opens an invitation into a group: they join it (bypassing its join policy, but
    /// not a ban), and the invitation counts the use. Returns the group's id.
    /// </summary>
    public async Task<long> AcceptAsync(long userId, string? code, CancellationToken ct = default)
    {
        var invitation = await FindAsync(code, ct);
        var now = time.UtcNow();
        var state = InvitationStates.Of(invitation, now);
        if (state != InvitationState.Active)
        {
            throw InvitationStates.Error(state);
        }
        if (invitation!.GroupId is not { } groupId)
        {
            throw KindredException.Invalid("invitation", "You are already a member of this community.");
        }
        if (await db.GroupBans.AnyAsync(b => b.GroupId == groupId && b.AccountId == userId, ct))
        {
            throw KindredException.Forbidden("You cannot join this group.");
        }
        if (await db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.AccountId == userId, ct))
        {
            // Already in: nothing to do, and the invitation keeps its use for someone else.
            return groupId;
        }
        // The use and the membership land together (with the caller's transaction when it holds one).
        try
        {
            await db.InTransactionAsync(async () =>
            {
                if (!await TryTakeUseAsync(invitation.Id, now, ct))
                {
                    throw InvitationStates.Error(InvitationState.UsedUp);
                }
                await groupInvitations.AddMemberFromInvitationAsync(groupId, userId, invitation.Id, now, ct);
            }, ct);
        }
        catch (DbUpdateException)
        {
            // The same member accepting twice at once: the other request made them a member; this one takes no use.
        }
        return groupId;
    }

    /// <summary>Whether this person may invite at all (their role and the operator's setting).</summary>
    public async Task<bool> MayInviteAsync(long memberId, CancellationToken ct = default)
    {
        var role = await db.Users.AsNoTracking().Active().Where(u => u.Id == memberId).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct);
        return role is { } r && Roles.CanInvite(r, options.Value.Invitations.MembersMayInvite);
    }

    private async Task<User> RequireInviterAsync(long memberId, long? groupId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Account).Active().FirstOrDefaultAsync(u => u.Id == memberId, ct)
            ?? throw KindredException.Forbidden("Only members can invite people.");
        if (!Roles.CanInvite(user.Role, options.Value.Invitations.MembersMayInvite))
        {
            throw KindredException.Forbidden("On this server only staff can invite people.");
        }
        if (groupId is { } id && !await groupInvitations.MayInviteAsync(memberId, id, ct))
        {
            // Groups the member cannot invite to (or cannot see) all look the same.
            throw KindredException.Invalid("group_id", "You can only invite people into a group you belong to and may invite to.");
        }
        return user;
    }

    private Invitation Build(long? createdById, NewInvitation request)
    {
        if (request.MaxUses is < 1 or > 10_000)
        {
            throw KindredException.Invalid("max_uses", "An invitation can be used from 1 to 10,000 times, or without limit.");
        }
        if (request.ExpiresIn is { } span && (span < TimeSpan.FromMinutes(30) || span > TimeSpan.FromDays(365)))
        {
            throw KindredException.Invalid("expires_in", "An invitation lasts from 30 minutes to a year, or forever.");
        }
        var note = (request.Note ?? "").Trim();
        if (note.Length > 500)
        {
            throw KindredException.Invalid("note", "The note has at most 500 characters.");
        }
        var message = (request.Message ?? "").Trim();
        if (message.Length > MaxMessageLength)
        {
            throw KindredException.Invalid("message", "The message has at most 500 characters.");
        }
        var now = time.UtcNow();
        return new Invitation
        {
            Id = Snowflake.NewId(now),
            Code = RandomNumberGenerator.GetString(Alphabet, 12),
            CreatedById = createdById,
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            Note = note,
            Message = message,
            MaxUses = request.MaxUses,
            ExpiresAt = request.ExpiresIn is { } expires ? now + expires : null,
            CreatedAt = now,
            GroupId = request.GroupId,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Invitation {InvitationId} names an address that already has an account; no e-mail sent")]
    private static partial void LogExistingAddress(ILogger logger, long invitationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send the e-mail for invitation {InvitationId}")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, long invitationId);
}
