using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Data.Entities;

namespace Kindred.Server.Web.Groups;

/// <summary>
/// A group as one of its pages shows it: the group (already through <see cref="GroupAccess"/>), where the reader stands
/// with it, its parent and chapters the reader may see, and how many requests wait (for moderators only).
/// </summary>
public sealed record LoadedGroup(Group Group, GroupRelationship Relationship, Group? Parent, IReadOnlyList<Group> Chapters, int PendingRequests)
{
    public GroupRole? Role => Relationship.Role;

    public bool CanModerate => GroupAccess.CanModerate(Role);

    public bool CanAdminister => GroupAccess.CanAdminister(Role);

    public string Path => "/groups/" + Group.Slug;
}
