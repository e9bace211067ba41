using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Staff;

/// <summary>
/// What staff noted about one member, with the whole history. <see cref="AboutMemberAsync"/> checks nobody: the supporter
/// view calls it after its staff check, and the member's own data export (another issue) calls it for the member.
/// </summary>
public sealed class StaffNoteQueries(KindredDbContext db)
{
    /// <summary>Notes (newest first) and tags (newest first, removed ones too) about <paramref name="accountId"/>.</summary>
    public async Task<StaffRecord> AboutMemberAsync(long accountId, CancellationToken ct = default)
    {
        var notes = await db.StaffNotes.AsNoTracking().Where(n => n.AccountId == accountId).OrderByDescending(n => n.Id).ToListAsync(ct);
        var noteIds = notes.Select(n => n.Id).ToList();
        var edits = await db.StaffNoteEdits.AsNoTracking().Where(e => noteIds.Contains(e.NoteId)).OrderBy(e => e.Id).ToListAsync(ct);
        var tags = await db.StaffTags.AsNoTracking().Where(t => t.AccountId == accountId).OrderByDescending(t => t.Id).ToListAsync(ct);
        var authorIds = notes.Select(n => n.AuthorId).Concat(notes.Where(n => n.EditedById != null).Select(n => n.EditedById!.Value))
            .Concat(edits.Select(e => e.EditedById)).Concat(tags.Select(t => t.AddedById))
            .Concat(tags.Where(t => t.RemovedById != null).Select(t => t.RemovedById!.Value)).Distinct().ToList();
        var names = await db.Accounts.AsNoTracking().Where(a => authorIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Username, ct);
        string Name(long id) => names.GetValueOrDefault(id, "?");
        var editsByNote = edits.ToLookup(e => e.NoteId);
        return new StaffRecord(
            notes.Select(n => new StaffRecord.Note(n.Id, n.Text, Name(n.AuthorId), n.CreatedAt, n.EditedAt, n.EditedById is { } by ? Name(by) : null,
                editsByNote[n.Id].Select(e => new StaffRecord.Edit(e.OldText, Name(e.EditedById), e.EditedAt)).ToList())).ToList(),
            tags.Select(t => new StaffRecord.Tag(t.Id, t.Name, Name(t.AddedById), t.AddedAt, t.RemovedById is { } r ? Name(r) : null, t.RemovedAt)).ToList());
    }
}
