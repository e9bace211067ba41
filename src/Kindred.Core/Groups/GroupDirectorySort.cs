namespace Kindred.Core.Groups;

/// <summary>How the group directory orders what it finds (ADR 22).</summary>
public enum GroupDirectorySort
{
    /// <summary>Shared interests, words found, closeness and a little activity, in one score.</summary>
    Relevance = 0,

    /// <summary>Most recent post first, then the most members.</summary>
    Activity = 1,

    /// <summary>Nearest first; the same as relevance when no point is given.</summary>
    Distance = 2,
}
