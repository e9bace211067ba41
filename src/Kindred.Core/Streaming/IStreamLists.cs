namespace Kindred.Core.Streaming;

/// <summary>
/// The list streams' question to the lists feature: does the member own this list, and is this status in it. Answered
/// by <c>Kindred.Core.Lists.ListStreams</c> from the list timeline itself.
/// </summary>
public interface IStreamLists
{
    Task<bool> OwnsAsync(long ownerId, long listId, CancellationToken ct);

    /// <summary>Whether <paramref name="statusId"/> (already known to be visible to the owner) belongs in the list timeline.</summary>
    Task<bool> ContainsAsync(long ownerId, long listId, long statusId, CancellationToken ct);
}
