namespace Kindred.Data.Entities;

/// <summary>What a moderator did to a member's account (ADR 67), stored by name.</summary>
public enum StrikeAction
{
    /// <summary>A warning only: the member reads it and the rule on their warnings page.</summary>
    Warn = 0,

    /// <summary>Posts removed from view (<see cref="Status.DeletedAt"/> set, the rows kept so undo can restore them).</summary>
    RemoveStatuses = 1,

    /// <summary>Posts marked sensitive, so their images are hidden behind a warning.</summary>
    MarkSensitive = 2,

    /// <summary>The account suspended: no sign-in, every session and token ended, profile and posts hidden, data kept.</summary>
    Suspend = 3,

    /// <summary>The account limited: its posts reach only its followers and the people it follows, it starts no private
    /// conversation with anyone else, and it is left out of discovery, search and the public timelines.</summary>
    Limit = 4,

    /// <summary>The account removed from one group (<see cref="Strike.GroupId"/>) and banned from it, so it cannot rejoin
    /// (ADR 74). Undo lifts the ban; it does not make the account a member again.</summary>
    RemoveFromGroup = 5,
}
