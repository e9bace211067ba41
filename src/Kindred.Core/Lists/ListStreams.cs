using Kindred.Core.Streaming;

namespace Kindred.Core.Lists;

/// <summary>The list stream's answers, from the same list timeline the API and the pages read.</summary>
public sealed class ListStreams(ListQueries lists) : IStreamLists
{
    public Task<bool> OwnsAsync(long ownerId, long listId, CancellationToken ct) => lists.OwnsAsync(ownerId, listId, ct);

    public Task<bool> ContainsAsync(long ownerId, long listId, long statusId, CancellationToken ct) => lists.ContainsAsync(ownerId, listId, statusId, ct);
}
