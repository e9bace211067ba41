using Kindred.Data.Entities;

namespace Kindred.Core.Groups;

/// <summary>Where one person stands with one group; a person is at most one of member, requested or banned.</summary>
public sealed record GroupRelationship(long GroupId, GroupRole? Role, bool Requested, bool Banned)
{
    public bool Member => Role is not null;

    public static GroupRelationship None(long groupId) => new(groupId, null, false, false);
}
