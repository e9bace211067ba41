using Kindred.Core.Common;
using Microsoft.Extensions.Caching.Memory;

namespace Kindred.Core.Groups;

/// <summary>
/// Keeps each member's ranked group suggestions for a few minutes (ADR 40). Ranking reads and scores up to
/// <see cref="GroupDirectory.MaxCandidates"/> groups, which was an eighth of the web home page's work for a member in few
/// groups, and the ranking barely moves between two page views. The key holds everything the ranking is made from on the
/// member's side (home area, interests) and the newest group, so a profile edit or a new group ranks afresh at once;
/// only activity and member counts may be a few minutes old. Who may see or join a group is never taken from here:
/// <see cref="GroupDirectory.SuggestedAsync"/> checks the kept ids again on every call.
/// </summary>
public sealed class GroupSuggestionCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // One entry per member who saw suggestions recently; bounded so that a large community cannot grow it without end.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public IReadOnlyList<(long Id, double? Distance)>? Get(Key key) =>
        cache.TryGetValue(key, out IReadOnlyList<(long Id, double? Distance)>? ranked) ? ranked : null;

    public void Set(Key key, IReadOnlyList<(long Id, double? Distance)> ranked) =>
        cache.Set(key, ranked, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });

    public void Dispose() => cache.Dispose();

    /// <param name="Interests">The member's interests in ordinal order, joined by line feeds.</param>
    public readonly record struct Key(long ViewerId, GeoPoint? Home, string Interests, long NewestGroupId);
}
