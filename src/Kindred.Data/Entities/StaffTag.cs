namespace Kindred.Data.Entities;

/// <summary>
/// A label staff put on a member ("volunteer driver", "board"; ADR 59). Not the member's own interest tags
/// (<see cref="AccountTag"/>): members never see these. Removing one keeps the row with who removed it and when, so
/// the history stays; a tag is current while <see cref="RemovedAt"/> is null.
/// </summary>
public class StaffTag
{
    public long Id { get; set; }
    public long AccountId { get; set; }

    /// <summary>As staff typed it, trimmed; compared case-insensitively through <see cref="NameNormalized"/>.</summary>
    public string Name { get; set; } = "";
    public string NameNormalized { get; set; } = "";
    public long AddedById { get; set; }
    public DateTime AddedAt { get; set; }
    public long? RemovedById { get; set; }
    public DateTime? RemovedAt { get; set; }
}
