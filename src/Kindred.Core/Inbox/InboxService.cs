using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Core.Organizations;
using Kindred.Core.Staff;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Inbox;

/// <summary>
/// Acting on the staff inbox (ADR 66): answer as the organization, mark done, snooze, assign, and hold the reply box.
/// Staff, admins and the owner only, checked against the database on each call, so a role taken away counts at once.
/// Done, snooze and assignment are in the audit log; the answer is, as every act of the organization's account (ADR 65).
/// </summary>
public sealed class InboxService(KindredDbContext db, StatusService statuses, OrganizationVoice voice, TimeProvider time, AuditLog audit)
{
    /// <summary>How long opening the reply box holds it; the page renews it while the box stays open.</summary>
    public static readonly TimeSpan ReplyLease = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan MaxSnooze = TimeSpan.FromDays(90);

    /// <summary>
    /// Takes (or renews) the reply box for the viewer. Returns null when the viewer holds it, or the username of the
    /// colleague who does: then the page says "X is replying" and an answer needs confirming. One conditional update,
    /// so two staff opening the box at once cannot both get it.
    /// </summary>
    public async Task<string?> StartReplyAsync(long? viewerId, long conversationId, CancellationToken ct = default)
    {
        var viewer = await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var now = time.UtcNow();
        await ExistingAsync(conversationId, ct);
        if (await TakeLeaseAsync(conversationId, viewer.Id, null, now, ct))
        {
            return null;
        }
        return await db.InboxConversations.Where(c => c.Id == conversationId)
            .Select(c => db.Accounts.Where(a => a.Id == c.ReplyingId).Select(a => a.Username).FirstOrDefault()).FirstOrDefaultAsync(ct) ?? "";
    }

    /// <summary>
    /// Answers as the organization. <paramref name="seenLastStatusId"/> is the newest message the viewer saw: when a
    /// colleague holds the reply box, or the conversation moved on since (someone answered first), the answer is refused
    /// with a conflict unless <paramref name="confirmed"/>, so nobody answers twice by accident.
    /// </summary>
    public async Task<Status> AnswerAsync(long? viewerId, long conversationId, string? text, long? seenLastStatusId, bool confirmed, string baseUrl, CancellationToken ct = default)
    {
        var viewer = await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw KindredException.Invalid("text", "Write the answer first.");
        }
        var now = time.UtcNow();
        var conversation = await ExistingAsync(conversationId, ct);
        if (!await TakeLeaseAsync(conversationId, viewer.Id, confirmed ? null : seenLastStatusId, now, ct) && !confirmed)
        {
            var holder = conversation.ReplyingUntil > now && conversation.ReplyingId != viewer.Id
                ? await db.Accounts.Where(a => a.Id == conversation.ReplyingId).Select(a => a.Username).FirstOrDefaultAsync(ct)
                : null;
            throw KindredException.Conflict(holder is not null
                ? $"@{holder} is replying to this conversation. Confirm to answer anyway."
                : "The conversation changed since you opened it (someone may have answered). Read it again, or confirm to answer anyway.");
        }
        await db.Entry(conversation).ReloadAsync(ct);
        return await SpeakAsOrganizationAsync(viewer.Id, conversation, text, baseUrl, ct);
    }

    /// <summary>
    /// The one place the inbox writes as the organization: a reply by the organization's account to the newest message,
    /// in the same audience (a direct message stays direct), naming the member. It goes through
    /// <see cref="OrganizationVoice.ActAsync{T}"/> (ADR 65), which checks the staff member may act as the organization and
    /// records them in the audit log in the same SaveChanges as the reply. The organization's reply answers the
    /// conversation (<see cref="OrganizationInbox"/>).
    /// </summary>
    public async Task<Status> SpeakAsOrganizationAsync(long staffId, InboxConversation conversation, string text, string baseUrl, CancellationToken ct = default)
    {
        var parent = await db.Statuses.AsNoTracking().Where(s => s.Id == conversation.LastStatusId)
            .Select(s => new { s.Id, s.Visibility, s.AccountId }).FirstAsync(ct);
        var member = await db.Accounts.Where(a => a.Id == conversation.AccountId).Select(a => a.Username).FirstAsync(ct);
        var body = text.Trim();
        if (!body.Contains("@" + member, StringComparison.OrdinalIgnoreCase))
        {
            body = $"@{member} {body}";
        }
        return await voice.ActAsync(staffId, $"answered @{member} in inbox conversation {conversation.Id}",
            organizationId => statuses.CreateAsync(organizationId, new NewStatus(body, baseUrl, parent.Visibility, InReplyToId: parent.Id), ct), ct);
    }

    public async Task DoneAsync(long? viewerId, long conversationId, CancellationToken ct = default)
    {
        var staff = await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var conversation = await ExistingAsync(conversationId, ct);
        conversation.State = InboxState.Done;
        conversation.SnoozedUntil = null;
        audit.Add(staff.Id, AuditActions.InboxDone, AuditTarget.InboxConversation(conversationId), "Marked an inbox conversation done.");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Puts the conversation aside until <paramref name="until"/> (UTC); it waits again from then.</summary>
    public async Task SnoozeAsync(long? viewerId, long conversationId, DateTime? until, CancellationToken ct = default)
    {
        var staff = await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var now = time.UtcNow();
        if (until is not { } at || at <= now || at > now + MaxSnooze)
        {
            throw KindredException.Invalid("until", "Choose a time in the future, within 90 days.");
        }
        var conversation = await ExistingAsync(conversationId, ct);
        conversation.State = InboxState.Snoozed;
        conversation.SnoozedUntil = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        audit.Add(staff.Id, AuditActions.InboxSnooze, AuditTarget.InboxConversation(conversationId), "Snoozed an inbox conversation.",
            after: conversation.SnoozedUntil.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Assigns to a colleague who may use the inbox (by username), or to nobody with null or empty.</summary>
    public async Task AssignAsync(long? viewerId, long conversationId, string? username, CancellationToken ct = default)
    {
        var staff = await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var conversation = await ExistingAsync(conversationId, ct);
        long? assignee = null;
        if (!string.IsNullOrWhiteSpace(username))
        {
            var normalized = Usernames.Normalize(username.Trim().TrimStart('@'));
            var id = await db.Accounts.Where(a => a.Domain == null && a.UsernameNormalized == normalized).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
            if (id is null || await StaffAccess.LoadAsync(db, id, ct) is not { } colleague || !Roles.CanSeePeople(colleague.Role))
            {
                throw KindredException.Invalid("assignee", "Assign to a colleague on the staff.");
            }
            assignee = id;
        }
        audit.Add(staff.Id, AuditActions.InboxAssign, AuditTarget.InboxConversation(conversationId),
            assignee is null ? "Left an inbox conversation unassigned." : $"Assigned an inbox conversation to @{username!.Trim().TrimStart('@')}.",
            before: conversation.AssignedToId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            after: assignee?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        conversation.AssignedToId = assignee;
        await db.SaveChangesAsync(ct);
    }

    private async Task<InboxConversation> ExistingAsync(long conversationId, CancellationToken ct) =>
        await db.InboxConversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct) ?? throw KindredException.NotFound("No such conversation.");

    private async Task<bool> TakeLeaseAsync(long conversationId, long staffId, long? seenLastStatusId, DateTime now, CancellationToken ct)
    {
        var until = now + ReplyLease;
        var query = db.InboxConversations.Where(c => c.Id == conversationId && (c.ReplyingId == null || c.ReplyingId == staffId || c.ReplyingUntil <= now));
        if (seenLastStatusId is { } seen)
        {
            query = query.Where(c => c.LastStatusId == seen);
        }
        return await query.ExecuteUpdateAsync(u => u.SetProperty(c => c.ReplyingId, staffId).SetProperty(c => c.ReplyingUntil, until), ct) == 1;
    }
}
