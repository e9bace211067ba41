namespace Kindred.Data.Entities;

/// <summary>A member's role in a group; a larger value may do everything a smaller one may.</summary>
public enum GroupRole
{
    Member = 0,
    Moderator = 1,
    Admin = 2,

    /// <summary>Exactly one per group; ownership moves only by an explicit transfer.</summary>
    Owner = 3,
}
