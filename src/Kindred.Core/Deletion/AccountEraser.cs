using System.Globalization;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Counting;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace Kindred.Core.Deletion;

/// <summary>
/// Erases an account for good (ADR 70). Three steps, each safe to repeat, so a run killed anywhere is finished by the
/// next: end every credential (and delete the OAuth rows, which only record the member by id), delete the member's files,
/// then one transaction that keeps the documented anonymous remains and removes the account row, which takes every row
/// of the member with it through the model's cascades. What stays: the reserved username, <see cref="ErasedAidItem"/> and
/// <see cref="ErasedEventAnswer"/> rows with no author, and audit entries naming the id until their retention ends.
/// </summary>
public sealed class AccountEraser(
    KindredDbContext db,
    AccountAccess access,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    MediaStorage storage,
    TimeProvider time,
    ILogger<AccountEraser> log)
{
    public async Task EraseAsync(long userId, CancellationToken ct = default)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == userId && a.Domain == null, ct);
        if (account is null)
        {
            return;
        }
        var organizationAccount = await db.Organizations.Select(o => o.AccountId).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("The organization has no account to take over what deleted members leave behind.");
        if (organizationAccount == userId)
        {
            throw new InvalidOperationException("The organization's account is never deleted.");
        }

        await access.EndAllAsync(userId, AccessEndReason.Deletion, ct: ct);
        await ForgetCredentialsAsync(userId, ct);
        await DeleteFilesAsync(await FilesOfAsync(account, ct), ct);
        await db.InTransactionAsync(() => EraseRowsAsync(account, organizationAccount, ct), ct);
        if (log.IsEnabled(LogLevel.Information))
        {
            log.LogInformation("Deleted account {AccountId}", userId);
        }
    }

    // Revoked tokens and authorizations stay in OpenIddict's tables with the member's id as their subject.
    private async Task ForgetCredentialsAsync(long userId, CancellationToken ct)
    {
        var subject = userId.ToString(CultureInfo.InvariantCulture);
        var found = new List<object>();
        await foreach (var token in tokens.FindBySubjectAsync(subject, ct))
        {
            found.Add(token);
        }
        foreach (var token in found)
        {
            await tokens.DeleteAsync(token, ct);
        }
        found.Clear();
        await foreach (var authorization in authorizations.FindBySubjectAsync(subject, ct))
        {
            found.Add(authorization);
        }
        foreach (var authorization in found)
        {
            await authorizations.DeleteAsync(authorization, ct);
        }
    }

    private async Task<List<string>> FilesOfAsync(Account account, CancellationToken ct)
    {
        var files = new List<string>();
        files.AddRange(new[] { account.AvatarFile, account.HeaderFile }.OfType<string>());
        var media = await db.MediaAttachments.AsNoTracking().Where(m => m.AccountId == account.Id)
            .Select(m => new { m.File, m.ThumbnailFile }).ToListAsync(ct);
        files.AddRange(media.SelectMany(m => new[] { m.File, m.ThumbnailFile }).Where(f => f.Length > 0));
        return files;
    }

    // Files go before the rows: a retry after a crash in between still finds the rows, so nothing is left on disk. The
    // account is past its grace period and signed out everywhere, so a missing picture until the rows go harms nobody.
    // A store that does not answer fails the job, which is tried again: erasure never ends with the pictures kept.
    private async Task DeleteFilesAsync(List<string> files, CancellationToken ct)
    {
        foreach (var file in files)
        {
            await storage.DeleteAsync(file, ct);
        }
    }

    private async Task EraseRowsAsync(Account account, long organizationAccount, CancellationToken ct)
    {
        var id = account.Id;
        var now = time.UtcNow();

        // The username is never given again.
        if (!await db.ReservedUsernames.AnyAsync(r => r.UsernameNormalized == account.UsernameNormalized, ct))
        {
            db.ReservedUsernames.Add(new ReservedUsername { UsernameNormalized = account.UsernameNormalized, ReservedAt = now });
        }

        // Aid items and past event answers stay only as anonymous rows, so the organization's figures stay right.
        var items = await db.AidItems.AsNoTracking().Where(i => i.AccountId == id).ToListAsync(ct);
        db.ErasedAidItems.AddRange(items.Select(i => new ErasedAidItem
        {
            Id = i.Id,
            Kind = i.Kind,
            CategoryId = i.CategoryId,
            AreaName = i.AreaName,
            State = i.State,
            Sensitive = i.Sensitive,
            CreatedAt = i.CreatedAt,
            FirstResponseAt = i.FirstResponseAt,
            EndedAt = i.EndedAt,
        }));
        var answers = await db.EventRsvps.AsNoTracking().Where(r => r.AccountId == id).ToListAsync(ct);
        db.ErasedEventAnswers.AddRange(answers.Where(r => r.OccurrenceStartsAt <= now).Select(r => new ErasedEventAnswer
        {
            Id = r.Id,
            EventId = r.EventId,
            OccurrenceStartsAt = r.OccurrenceStartsAt,
            Response = r.Response,
            CheckedInAt = r.CheckedInAt,
        }));
        // Places the member held at upcoming occurrences are free again.
        foreach (var r in answers.Where(r => r.OccurrenceStartsAt > now))
        {
            var occurrence = db.EventOccurrences.Where(o => o.EventId == r.EventId && o.StartsAt == r.OccurrenceStartsAt);
            if (r.Response == RsvpResponse.Going)
            {
                await occurrence.ExecuteUpdateAsync(s => s.SetProperty(o => o.GoingCount, o => o.GoingCount - 1), ct);
            }
            else if (r.Response == RsvpResponse.Waitlisted)
            {
                await occurrence.ExecuteUpdateAsync(s => s.SetProperty(o => o.WaitlistCount, o => o.WaitlistCount - 1), ct);
            }
        }
        await db.SaveChangesAsync(ct);

        // The others in the member's private conversations are told that messages are gone, not left guessing.
        var conversations = db.ConversationParticipants.Where(p => p.AccountId == id).Select(p => p.ConversationId);
        await db.Conversations.Where(c => conversations.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.MemberDeletedAt, now), ct);

        // What the community shares outlives its author: groups and events the member made, and what staff recorded
        // as staff, pass to the organization's account (the model refuses to lose them).
        await db.Groups.Where(g => g.CreatedById == id).ExecuteUpdateAsync(s => s.SetProperty(g => g.CreatedById, organizationAccount), ct);
        await db.Events.Where(e => e.OrganizerId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.OrganizerId, organizationAccount), ct);
        await db.StaffNotes.Where(n => n.AuthorId == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.AuthorId, organizationAccount), ct);
        await db.StaffNotes.Where(n => n.EditedById == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.EditedById, organizationAccount), ct);
        await db.StaffNoteEdits.Where(n => n.EditedById == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.EditedById, organizationAccount), ct);
        await db.StaffTags.Where(t => t.AddedById == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.AddedById, organizationAccount), ct);
        await db.StaffTags.Where(t => t.RemovedById == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.RemovedById, organizationAccount), ct);
        await db.SavedReplies.Where(r => r.AuthorId == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.AuthorId, organizationAccount), ct);
        await db.VettedHelpers.Where(v => v.GrantedById == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.GrantedById, organizationAccount), ct);
        await db.VettedHelpers.Where(v => v.RevokedById == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.RevokedById, organizationAccount), ct);
        await db.InsightsSnapshots.Where(s => s.RequestedById == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RequestedById, (long?)null), ct);

        // Ids kept without a foreign key.
        await db.Users.Where(u => u.InvitedById == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.InvitedById, (long?)null), ct);
        await db.Statuses.Where(s => s.InReplyToAccountId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.InReplyToAccountId, (long?)null), ct);
        // The member's invitations keep counting who came through them, without the member or anyone's address.
        await db.Invitations.Where(i => i.CreatedById == id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.CreatedById, (long?)null).SetProperty(i => i.Email, (string?)null)
            .SetProperty(i => i.Note, "").SetProperty(i => i.Message, "").SetProperty(i => i.Revoked, true), ct);
        // Others' boosts of the member's posts would point at nothing.
        var own = db.Statuses.Where(o => o.AccountId == id).Select(o => o.Id);
        var boosts = db.Statuses.Where(s => s.ReblogOfId != null && own.Contains(s.ReblogOfId.Value));
        await StoredCounts.StatusesLeavingAsync(db, boosts, ct);
        await boosts.ExecuteDeleteAsync(ct);
        // The member's favourites go with the account row below; the posts they favourited count them no more.
        await StoredCounts.FavouritesLeavingAsync(db, db.Favourites.Where(f => f.AccountId == id), ct);

        var groups = await db.GroupMemberships.Where(m => m.AccountId == id).Select(m => m.GroupId).ToListAsync(ct);

        // The rest goes with the account row: the model cascades to the user, profile, posts, media rows, messages,
        // follows, blocks, mutes, lists, bookmarks, favourites, notifications, sessions, aid items and answers, event
        // answers, reports, staff notes and tags about the member.
        await db.Accounts.Where(a => a.Id == id).ExecuteDeleteAsync(ct);

        await db.Groups.Where(g => groups.Contains(g.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.MembersCount, g => db.GroupMemberships.Count(m => m.GroupId == g.Id)), ct);
    }
}
