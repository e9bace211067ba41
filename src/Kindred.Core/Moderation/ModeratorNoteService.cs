using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Moderation;

/// <summary>
/// Moderators' notes on an account (ADR 73): moderators and up write them on the account view; only their author or an
/// admin deletes one. Both are audited. Nobody but moderators, admins and the owner reads them on a page.
/// </summary>
public sealed class ModeratorNoteService(KindredDbContext db, AuditLog audit, TimeProvider time)
{
    public const int MaxLength = 5_000;

    public async Task<ModeratorNote> AddAsync(long? viewerId, long accountId, string? text, CancellationToken ct = default)
    {
        var viewer = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var body = (text ?? "").Trim();
        if (body.Length == 0)
        {
            throw KindredException.Invalid("text", "Write the note first.");
        }
        if (body.Length > MaxLength)
        {
            throw KindredException.Invalid("text", $"A note has at most {MaxLength} characters.");
        }
        var username = await db.Users.AsNoTracking().Where(u => u.Id == accountId).Select(u => u.Account.Username).FirstOrDefaultAsync(ct)
            ?? throw KindredException.NotFound("No such account.");
        var now = time.UtcNow();
        var note = new ModeratorNote { Id = Snowflake.NewId(now), AccountId = accountId, AuthorId = viewer.Id, Text = body, CreatedAt = now };
        db.ModeratorNotes.Add(note);
        // The audit entry names the account, not the words: the note itself is where they are read, and it can be deleted.
        audit.Add(viewer.Id, AuditActions.ModeratorNoteAdd, AuditTarget.Account(accountId), $"Added a moderator note on @{username}.");
        await db.SaveChangesAsync(ct);
        return note;
    }

    public async Task DeleteAsync(long? viewerId, long noteId, CancellationToken ct = default)
    {
        var viewer = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var note = await db.ModeratorNotes.FirstOrDefaultAsync(n => n.Id == noteId, ct) ?? throw KindredException.NotFound("No such note.");
        if (note.AuthorId != viewer.Id && !Roles.CanAdminister(viewer.Role))
        {
            throw KindredException.Forbidden("Only the note's author or an admin deletes it.");
        }
        var username = await db.Accounts.AsNoTracking().Where(a => a.Id == note.AccountId).Select(a => a.Username).FirstOrDefaultAsync(ct);
        db.ModeratorNotes.Remove(note);
        audit.Add(viewer.Id, AuditActions.ModeratorNoteDelete, AuditTarget.Account(note.AccountId), $"Deleted a moderator note on @{username}.");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether <paramref name="viewer"/> may delete <paramref name="note"/>, for the page's button.</summary>
    public static bool MayDelete(ModeratorViewer viewer, ModeratorNote note) => note.AuthorId == viewer.Id || Roles.CanAdminister(viewer.Role);
}
