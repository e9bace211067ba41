namespace Kindred.Data.Entities;

/// <summary>
/// A grant of vetted-helper status by staff, with the date the vetting was done and a note. Revoking keeps the row
/// (the history matters for safeguarding); the status is current while <see cref="RevokedAt"/> is null.
/// </summary>
public class VettedHelper
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long GrantedById { get; set; }
    public DateTime GrantedAt { get; set; }
    /// <summary>The day the checks were done, as staff recorded it.</summary>
    public DateOnly VettedOn { get; set; }
    public string Note { get; set; } = "";
    public DateTime? RevokedAt { get; set; }
    public long? RevokedById { get; set; }
    public string RevokeNote { get; set; } = "";
}
