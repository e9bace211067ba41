using Kindred.Core.Common;
using Kindred.Core.Filters;
using Kindred.Core.Lists;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Streaming;

/// <summary>
/// Decides, for one subscriber and one status event, which of their streams it belongs in. Every answer starts from
/// <see cref="StatusVisibility.CanSee"/> (for a boost, of the original too); then each stream asks what its REST
/// timeline asks: <c>user</c> is the home feed (an entry in the member's feed index, ADR 12, minus muted accounts);
/// <c>public</c> and <c>hashtag</c> are the public and hashtag timelines (originals, public posts and, since every
/// subscriber is a signed-in member, members-only posts, ADR 11; minus muted accounts); <c>direct</c> is direct posts
/// the member takes part in; <c>list</c> asks the list timeline itself (<see cref="ListQueries.ContainsAsync"/>).
/// </summary>
public sealed class StreamQueries(KindredDbContext db, TimeProvider time, ListQueries lists)
{
    /// <param name="deleted">For a deletion: judged as the status stood just before it, so only those who could see
    /// it hear that it is gone.</param>
    public async Task<StreamMatch?> MatchAsync(long viewerId, long statusId, bool deleted, IReadOnlyCollection<StreamKey> keys, CancellationToken ct = default)
    {
        if (keys.All(k => k.Name == StreamKey.UserNotification))
        {
            return null;
        }
        var status = await StatusDetails.WithDetails(db.Statuses.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == statusId, ct);
        if (status is null || deleted != status.DeletedAt is not null)
        {
            return null;
        }
        status.DeletedAt = null;
        var viewer = Viewer.Member(viewerId);
        if (!await StatusVisibility.CanSeeAsync(db, status, viewer, ct))
        {
            return null;
        }
        long? originalAuthor = null;
        var shown = status;
        if (status.ReblogOfId is { } originalId)
        {
            var original = await StatusDetails.WithDetails(db.Statuses.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == originalId, ct);
            if (original is null || !await StatusVisibility.CanSeeAsync(db, original, viewer, ct))
            {
                return null;
            }
            originalAuthor = original.AccountId;
            shown = original;
        }
        var now = time.UtcNow();
        var muted = await db.Mutes.Live(now).AnyAsync(m => m.AccountId == viewerId
            && (m.TargetAccountId == status.AccountId || m.TargetAccountId == originalAuthor), ct);
        var listed = !muted && status.ReblogOfId is null && StatusVisibility.Listed(status.Visibility, viewer)
            && !await db.ActiveLimits().AnyAsync(k => k.AccountId == status.AccountId, ct);
        var matched = new List<StreamKey>();
        foreach (var key in keys)
        {
            var belongs = key.Name switch
            {
                StreamKey.User => !muted && await db.HomeFeedEntries.AnyAsync(e => e.AccountId == viewerId && e.StatusId == status.Id, ct),
                StreamKey.Public or StreamKey.PublicLocal => listed,
                StreamKey.Hashtag or StreamKey.HashtagLocal => listed && status.Tags.Any(t => t.Tag.Name == key.Tag),
                StreamKey.Direct => status.Visibility == Audience.Direct,
                StreamKey.List => key.ListId is { } list && await lists.ContainsAsync(viewerId, list, status.Id, ct),
                _ => false,
            };
            if (belongs)
            {
                matched.Add(key);
            }
        }
        if (matched.Count == 0)
        {
            return null;
        }
        // A "hide" filter keeps the status out of the streams of its context (ADR 68); a deletion is always told.
        var filters = await ActiveFilters.LoadAsync(db, viewerId, now, ct);
        if (!deleted && !filters.IsEmpty)
        {
            matched.RemoveAll(k => k.FilterContext != FilterContexts.None && filters.Hides(shown, k.FilterContext, viewerId));
        }
        return matched.Count == 0 ? null : new StreamMatch(status, matched, filters);
    }

    /// <summary>Whether a member may open <paramref name="key"/>: list streams need a list they own.</summary>
    public async Task CheckAsync(long viewerId, StreamKey key, CancellationToken ct = default)
    {
        if (key.ListId is { } list && !await lists.OwnsAsync(viewerId, list, ct))
        {
            throw KindredException.NotFound();
        }
    }

}
