namespace Kindred.Data.Entities;

/// <summary>
/// The username of a deleted account (ADR 70): never given to anyone again, so a new member cannot pass for the one who
/// left, and old mentions and links never point at a stranger. Only the name is kept, nothing that says who it was.
/// </summary>
public class ReservedUsername
{
    /// <summary>Lower-cased, as <see cref="Account.UsernameNormalized"/>.</summary>
    public required string UsernameNormalized { get; set; }
    public DateTime ReservedAt { get; set; }
}
