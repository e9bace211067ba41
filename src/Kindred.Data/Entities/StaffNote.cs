namespace Kindred.Data.Entities;

/// <summary>
/// What staff wrote for themselves about a member (ADR 59). Never shown to members on any page or API; the member may
/// later read it through their data export. An edit keeps the earlier text as a <see cref="StaffNoteEdit"/>.
/// </summary>
public class StaffNote
{
    public long Id { get; set; }

    /// <summary>The member the note is about.</summary>
    public long AccountId { get; set; }
    public long AuthorId { get; set; }
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public long? EditedById { get; set; }
}
