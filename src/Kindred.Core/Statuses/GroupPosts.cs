using Kindred.Data.Entities;

namespace Kindred.Core.Statuses;

/// <summary>The audience a post in a group gets, whatever the client asked for (ADR 21).</summary>
public static class GroupPosts
{
    /// <summary>
    /// Public group → public; members-only or secret group → members-only, and the group clause of the visibility rule
    /// (ADR 20) narrows that to the group's members. A group post is never followers-only or direct: its audience is the
    /// group.
    /// </summary>
    public static Audience Audience(Group group) =>
        group.Visibility == GroupVisibility.Public ? Data.Entities.Audience.Public : Data.Entities.Audience.Members;
}
