using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.PublicFace;

/// <summary>
/// The figures the instance, NodeInfo and instance-activity replies publish (ADR 77). A post counts when a signed-out
/// visitor could read it (<see cref="StatusVisibility"/> for an anonymous viewer: local, not deleted, by an active
/// account, public or unlisted, outside non-public groups), so a count never tells of a post someone could not see.
/// </summary>
public sealed class InstanceStatistics(KindredDbContext db, TimeProvider time)
{
    /// <summary>Mastodon's instance activity covers twelve weeks, the current one first.</summary>
    public const int Weeks = 12;

    /// <summary>Active members: the accounts that can sign in, as the about page counts them.</summary>
    public Task<int> UserCountAsync(CancellationToken ct = default) => db.Users.Active().CountAsync(ct);

    /// <summary>Active members who signed in within the last <paramref name="days"/> days (NodeInfo's activeMonth and
    /// activeHalfyear). Kindred keeps only each member's latest sign-in, which is all this needs.</summary>
    public Task<int> ActiveUserCountAsync(int days, CancellationToken ct = default)
    {
        var since = time.GetUtcNow().UtcDateTime.AddDays(-days);
        return db.Users.Active().Where(u => u.LastSignInAt >= since).CountAsync(ct);
    }

    /// <summary>The posts on this server a signed-out visitor could read.</summary>
    public Task<int> StatusCountAsync(CancellationToken ct = default) => CountablePosts().CountAsync(ct);

    /// <summary>The other servers this one knows (Mastodon's peers): the domains of the remote accounts it has stored,
    /// which stays empty until federation arrives.</summary>
    public async Task<IReadOnlyList<string>> PeersAsync(CancellationToken ct = default) =>
        await Domains().OrderBy(d => d).ToListAsync(ct);

    /// <summary>How many <see cref="PeersAsync"/> there are.</summary>
    public Task<int> DomainCountAsync(CancellationToken ct = default) => Domains().CountAsync(ct);

    /// <summary>
    /// Twelve weeks, newest first, each starting on a Monday at midnight UTC as Mastodon's: the posts counted as in
    /// <see cref="StatusCountAsync"/>, the members who signed in, and the accounts created. Kindred keeps no sign-in
    /// history, only each member's latest sign-in, so a member counts in the week of that one: exact for the current
    /// week, a lower bound for the weeks before.
    /// </summary>
    public async Task<IReadOnlyList<WeekActivity>> ActivityAsync(CancellationToken ct = default)
    {
        var today = time.GetUtcNow().UtcDateTime.Date;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var from = monday.AddDays(-7 * (Weeks - 1));
        var posts = await CountablePosts().Where(s => s.CreatedAt >= from).Select(s => s.CreatedAt).ToListAsync(ct);
        var signIns = await db.Users.Where(u => u.LastSignInAt >= from).Select(u => u.LastSignInAt!.Value).ToListAsync(ct);
        var registrations = await db.Users.Where(u => u.CreatedAt >= from).Select(u => u.CreatedAt).ToListAsync(ct);
        return [.. Enumerable.Range(0, Weeks).Select(i =>
        {
            var start = monday.AddDays(-7 * i);
            var end = start.AddDays(7);
            return new WeekActivity(new DateTimeOffset(start, TimeSpan.Zero),
                posts.Count(t => t >= start && t < end), signIns.Count(t => t >= start && t < end), registrations.Count(t => t >= start && t < end));
        })];
    }

    private IQueryable<string> Domains() => db.Accounts.Where(a => a.Domain != null).Select(a => a.Domain!).Distinct();

    private IQueryable<Status> CountablePosts() =>
        db.Statuses.AsNoTracking().Where(s => s.Account.Domain == null && s.ReblogOfId == null).VisibleTo(db, Viewer.Anonymous);
}
