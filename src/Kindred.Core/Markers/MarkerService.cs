using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Markers;

/// <summary>Reading positions in the home and notifications timelines (Mastodon docs: methods/markers).</summary>
public sealed class MarkerService(KindredDbContext db, TimeProvider time)
{
    public static readonly string[] Timelines = ["home", "notifications"];

    public async Task<IReadOnlyList<Marker>> GetAsync(long accountId, IReadOnlyList<string> timelines, CancellationToken ct = default)
    {
        var wanted = timelines.Where(Timelines.Contains).ToList();
        return await db.Markers.AsNoTracking().Where(m => m.AccountId == accountId && wanted.Contains(m.Timeline)).ToListAsync(ct);
    }

    /// <summary>Saves the given positions (timeline → last read id) in one SaveChanges; each save bumps the version.</summary>
    public async Task<IReadOnlyList<Marker>> SaveAsync(long accountId, IReadOnlyDictionary<string, long> positions, CancellationToken ct = default)
    {
        var names = positions.Keys.Where(Timelines.Contains).ToList();
        var markers = await db.Markers.Where(m => m.AccountId == accountId && names.Contains(m.Timeline)).ToDictionaryAsync(m => m.Timeline, ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var name in names)
        {
            if (!markers.TryGetValue(name, out var marker))
            {
                marker = new Marker { AccountId = accountId, Timeline = name };
                db.Markers.Add(marker);
                markers[name] = marker;
            }
            marker.LastReadId = positions[name];
            marker.Version++;
            marker.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return markers.Values.ToList();
    }
}
