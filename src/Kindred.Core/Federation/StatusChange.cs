namespace Kindred.Core.Federation;

/// <summary>What happened to a status that its author's (or its group's) remote followers are told.</summary>
public enum StatusChange
{
    Created = 0,
    Edited = 1,
    Deleted = 2,

    /// <summary>A group's moderator removed it: the group announces a Delete by the group (ADR 105).</summary>
    Removed = 3,

    /// <summary>A group's moderator pinned it: the group sends Add to its featured collection.</summary>
    Pinned = 4,

    /// <summary>A group's moderator unpinned it: the group sends Remove from its featured collection.</summary>
    Unpinned = 5,
}
