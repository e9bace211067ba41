namespace Kindred.Data.Entities;

/// <summary>
/// What a moderator wrote about an account on the moderation console (ADR 73). Read only by moderators, admins and the
/// owner; not the staff notes of ADR 59. The member reads it only in their own data export.
/// </summary>
public class ModeratorNote
{
    public long Id { get; set; }

    /// <summary>The account the note is about.</summary>
    public long AccountId { get; set; }

    /// <summary>The moderator who wrote it; null once their account is deleted.</summary>
    public long? AuthorId { get; set; }
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
