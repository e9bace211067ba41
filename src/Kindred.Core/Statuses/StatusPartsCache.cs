using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Statuses;

/// <summary>
/// Keeps the viewer-independent parts of statuses a page shows again (ADR 100): their images and mentioned accounts, so
/// a warm page reads neither. Each entry is stored with the version of the status it was read for, its
/// <see cref="Status.EditedAt"/> and <see cref="Status.DeletedAt"/>, which the page's own query has just read from the
/// row: images and mentions change only with an edit (which sets <c>EditedAt</c> in the same transaction) or with the
/// post's deletion, so a node that reads the row after another node's write was acknowledged sees another version and
/// reads the parts again, with or without the bus. Edits and deletions heard on the hub also drop the entry, which frees
/// its memory and closes the one change no version shows: an image taken into a redraft from a removed post that a
/// moderator later restores.
/// <para>Bounded by memory: each entry counts its approximate bytes against <c>Kindred:RenderCacheMegabytes</c>;
/// <see cref="MemoryCache"/> compacts the least recently used entries when it is full.</para>
/// </summary>
public sealed class StatusPartsCache : IDisposable
{
    /// <summary>How long an entry nobody reads stays; a version decides freshness, this only gives memory back.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(15);

    private static readonly IReadOnlyDictionary<long, MentionedAccount> NoMentions = new Dictionary<long, MentionedAccount>();

    private readonly MemoryCache cache;
    private readonly IDisposable subscription;
    private long heard;

    public StatusPartsCache(IOptions<KindredOptions> options, IStreamHub hub)
    {
        var megabytes = Math.Max(1, options.Value.RenderCacheMegabytes);
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = megabytes * 1024L * 1024L });
        subscription = hub.Subscribe(Hear, () => { });
    }

    /// <summary>The parts of <paramref name="statuses"/> by id: kept ones of the same version, the rest read in two
    /// queries (images, mentioned accounts) and kept.</summary>
    public async Task<IReadOnlyDictionary<long, StatusParts>> LoadAsync(KindredDbContext db, IEnumerable<Status> statuses, CancellationToken ct = default)
    {
        var parts = new Dictionary<long, StatusParts>();
        var missing = new List<Status>();
        var asked = new HashSet<long>();
        foreach (var status in statuses)
        {
            if (!asked.Add(status.Id))
            {
                continue;
            }
            if (cache.TryGetValue(status.Id, out Kept? kept) && kept!.EditedAt == status.EditedAt && kept.DeletedAt == status.DeletedAt)
            {
                parts[status.Id] = kept.Parts;
            }
            else
            {
                missing.Add(status);
            }
        }
        if (missing.Count == 0)
        {
            return parts;
        }
        // Taken before reading: an edit or deletion heard while the parts are read may make them older than its
        // version, so they are used for this page but not kept.
        var stamp = Volatile.Read(ref heard);
        var ids = missing.Select(s => s.Id).ToList();
        var media = (await db.MediaAttachments.AsNoTracking()
                .Where(m => m.StatusId != null && ids.Contains(m.StatusId.Value))
                .OrderBy(m => m.Position)
                .ToListAsync(ct))
            .ToLookup(m => m.StatusId!.Value);
        var mentionIds = missing.SelectMany(s => s.Mentions).Select(m => m.AccountId).Distinct().ToList();
        var mentioned = mentionIds.Count == 0
            ? new Dictionary<long, MentionedAccount>()
            : await db.Accounts.AsNoTracking().Where(a => mentionIds.Contains(a.Id))
                .Select(a => new MentionedAccount(a.Id, a.Username, a.Domain))
                .ToDictionaryAsync(a => a.Id, ct);
        var keep = Volatile.Read(ref heard) == stamp;
        foreach (var status in missing)
        {
            var own = status.Mentions.Where(m => mentioned.ContainsKey(m.AccountId)).Select(m => mentioned[m.AccountId]).DistinctBy(a => a.Id).ToList();
            var found = new StatusParts(media[status.Id].ToList(), own.Count == 0 ? NoMentions : own.ToDictionary(a => a.Id));
            parts[status.Id] = found;
            if (keep)
            {
                cache.Set(status.Id, new Kept(status.EditedAt, status.DeletedAt, found),
                    new MemoryCacheEntryOptions { Size = found.Bytes, SlidingExpiration = Idle });
            }
        }
        return parts;
    }

    /// <summary>How many statuses' parts are kept (for tests and the ADR's measurements).</summary>
    public int Count => cache.Count;

    private bool Hear(StreamEvent e)
    {
        if (e.Kind is StreamEventKind.StatusEdited or StreamEventKind.StatusDeleted)
        {
            Interlocked.Increment(ref heard);
            cache.Remove(e.Id);
        }
        return true;
    }

    public void Dispose()
    {
        subscription.Dispose();
        cache.Dispose();
    }

    private sealed record Kept(DateTime? EditedAt, DateTime? DeletedAt, StatusParts Parts);
}
