namespace Kindred.Core.Staff;

/// <summary>Everything staff noted about one member: notes with their earlier texts, and tags current and removed.</summary>
public sealed record StaffRecord(IReadOnlyList<StaffRecord.Note> Notes, IReadOnlyList<StaffRecord.Tag> Tags)
{
    /// <param name="Edits">Earlier texts, oldest first, each with who replaced it and when.</param>
    public sealed record Note(long Id, string Text, string Author, DateTime CreatedAt, DateTime? EditedAt, string? EditedBy, IReadOnlyList<Edit> Edits);

    public sealed record Edit(string OldText, string EditedBy, DateTime EditedAt);

    public sealed record Tag(long Id, string Name, string AddedBy, DateTime AddedAt, string? RemovedBy, DateTime? RemovedAt);
}
