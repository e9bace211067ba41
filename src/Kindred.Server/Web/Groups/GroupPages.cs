using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Server.Web.Shared;

namespace Kindred.Server.Web.Groups;

/// <summary>What every group page loads first. A group the reader may not see is null, and the page answers 404.</summary>
public static class GroupPages
{
    public const int MaxChapters = 50;

    public static async Task<LoadedGroup?> LoadAsync(KindredDbContext db, GroupQueries queries, string slug, long? viewerId, CancellationToken ct = default)
    {
        var viewer = viewerId is { } id ? Viewer.Member(id) : Viewer.Anonymous;
        if (await CoreReads.OrNullAsync(() => queries.GetBySlugAsync(viewer, slug, ct), ErrorKind.NotFound) is not { } group)
        {
            return null;
        }
        var relationship = viewerId is { } me
            ? (await GroupQueries.RelationshipsAsync(db, me, [group.Id], ct))[0]
            : GroupRelationship.None(group.Id);
        var (parent, chapters) = await queries.FamilyAsync(viewer, group, MaxChapters, ct);
        var pending = GroupAccess.CanModerate(relationship.Role) ? await queries.PendingRequestCountAsync(group.Id, ct) : 0;
        return new LoadedGroup(group, relationship, parent, chapters, pending);
    }

    /// <summary>The id of the group a parent field names by its address; blank is no parent.</summary>
    public static async Task<long?> ParentIdAsync(GroupQueries queries, long viewerId, string? parentSlug, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(parentSlug))
        {
            return null;
        }
        var parent = await CoreReads.OrNullAsync(() => queries.GetBySlugAsync(Viewer.Member(viewerId), parentSlug, ct), ErrorKind.NotFound);
        return parent?.Id ?? throw KindredException.Invalid("parent_id", "There is no such parent group.");
    }

    /// <summary>Tags as typed in one field, separated by commas or spaces.</summary>
    public static IReadOnlyList<string> SplitTags(string? tags) =>
        (tags ?? "").Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
