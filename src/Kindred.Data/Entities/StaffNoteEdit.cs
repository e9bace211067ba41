namespace Kindred.Data.Entities;

/// <summary>The text a <see cref="StaffNote"/> had before an edit, who replaced it and when.</summary>
public class StaffNoteEdit
{
    public long Id { get; set; }
    public long NoteId { get; set; }
    public string OldText { get; set; } = "";
    public long EditedById { get; set; }
    public DateTime EditedAt { get; set; }
}
