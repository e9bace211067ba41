namespace Kindred.Core.Streaming;

/// <summary>Until the lists feature plugs in its own <see cref="IStreamLists"/>, there are no lists to stream.</summary>
public sealed class NoStreamLists : IStreamLists
{
    public Task<bool> OwnsAsync(long ownerId, long listId, CancellationToken ct) => Task.FromResult(false);

    public Task<bool> ContainsAsync(long ownerId, long listId, long statusId, CancellationToken ct) => Task.FromResult(false);
}
