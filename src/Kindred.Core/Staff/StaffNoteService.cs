using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Staff;

/// <summary>
/// Staff notes and tags about a member (ADR 59): written by staff only, kept with their history (an edit keeps the old
/// text, a removed tag keeps who removed it and when), never shown to members. Each change is in the audit log too; the
/// log names the member and the tag, never a note's text (that stays with the note's own history).
/// </summary>
public sealed class StaffNoteService(KindredDbContext db, TimeProvider time, AuditLog audit)
{
    public const int MaxNoteLength = 5_000;
    public const int MaxTagLength = 100;

    public static string NormalizeTag(string name) => PeopleSegment.NormalizeTag(name);

    public async Task<StaffNote> AddNoteAsync(long? staffId, long accountId, string? text, CancellationToken ct = default)
    {
        var staff = await StaffAccess.RequirePeopleAsync(db, staffId, ct);
        await RequireMemberAsync(accountId, ct);
        var now = time.UtcNow();
        var note = new StaffNote { Id = Snowflake.NewId(now), AccountId = accountId, AuthorId = staff.Id, Text = NoteText(text), CreatedAt = now };
        db.StaffNotes.Add(note);
        audit.Add(staff.Id, AuditActions.StaffNoteAdd, AuditTarget.Account(accountId), "Added a staff note.");
        await db.SaveChangesAsync(ct);
        return note;
    }

    /// <summary>Replaces a note's text; the text it had is kept as an edit with who changed it and when.</summary>
    public async Task<StaffNote> EditNoteAsync(long? staffId, long accountId, long noteId, string? text, CancellationToken ct = default)
    {
        var staff = await StaffAccess.RequirePeopleAsync(db, staffId, ct);
        var note = await db.StaffNotes.FirstOrDefaultAsync(n => n.Id == noteId && n.AccountId == accountId, ct) ?? throw KindredException.NotFound("No such note.");
        var clean = NoteText(text);
        if (clean == note.Text)
        {
            return note;
        }
        var now = time.UtcNow();
        db.StaffNoteEdits.Add(new StaffNoteEdit { Id = Snowflake.NewId(now), NoteId = note.Id, OldText = note.Text, EditedById = staff.Id, EditedAt = now });
        note.Text = clean;
        note.EditedAt = now;
        note.EditedById = staff.Id;
        audit.Add(staff.Id, AuditActions.StaffNoteEdit, AuditTarget.Account(accountId), "Changed a staff note.");
        await db.SaveChangesAsync(ct);
        return note;
    }

    /// <summary>Puts a tag on a member; a tag they already carry (any case) is left as it is.</summary>
    public async Task<StaffTag> AddTagAsync(long? staffId, long accountId, string? name, CancellationToken ct = default)
    {
        var staff = await StaffAccess.RequirePeopleAsync(db, staffId, ct);
        await RequireMemberAsync(accountId, ct);
        var clean = (name ?? "").Trim();
        if (clean.Length == 0 || clean.Length > MaxTagLength || clean.Any(char.IsControl))
        {
            throw KindredException.Invalid("tag", $"A tag is 1 to {MaxTagLength} characters on one line.");
        }
        var normalized = NormalizeTag(clean);
        if (await db.StaffTags.FirstOrDefaultAsync(t => t.AccountId == accountId && t.NameNormalized == normalized && t.RemovedAt == null, ct) is { } current)
        {
            return current;
        }
        var now = time.UtcNow();
        var tag = new StaffTag { Id = Snowflake.NewId(now), AccountId = accountId, Name = clean, NameNormalized = normalized, AddedById = staff.Id, AddedAt = now };
        db.StaffTags.Add(tag);
        audit.Add(staff.Id, AuditActions.StaffTagAdd, AuditTarget.Account(accountId), "Added a tag.", after: clean);
        await db.SaveChangesAsync(ct);
        return tag;
    }

    /// <summary>Takes a tag off; the row stays as history. A tag already removed is a conflict, not a second removal.</summary>
    public async Task<StaffTag> RemoveTagAsync(long? staffId, long accountId, long tagId, CancellationToken ct = default)
    {
        var staff = await StaffAccess.RequirePeopleAsync(db, staffId, ct);
        var tag = await db.StaffTags.FirstOrDefaultAsync(t => t.Id == tagId && t.AccountId == accountId, ct) ?? throw KindredException.NotFound("No such tag.");
        if (tag.RemovedAt is not null)
        {
            throw KindredException.Conflict("This tag was already removed.");
        }
        tag.RemovedAt = time.UtcNow();
        tag.RemovedById = staff.Id;
        audit.Add(staff.Id, AuditActions.StaffTagRemove, AuditTarget.Account(accountId), "Removed a tag.", before: tag.Name);
        await db.SaveChangesAsync(ct);
        return tag;
    }

    private async Task RequireMemberAsync(long accountId, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == accountId, ct))
        {
            throw KindredException.NotFound("No such member.");
        }
    }

    private static string NoteText(string? text)
    {
        var clean = (text ?? "").Trim();
        return clean.Length is 0 or > MaxNoteLength
            ? throw KindredException.Invalid("text", $"A note is 1 to {MaxNoteLength} characters.")
            : clean;
    }
}
