using Kindred.Core.Accounts;
using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Core.Notifications;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Digests;

/// <summary>
/// Chooses what one member's digest says about a period. Every post comes through <see cref="StatusVisibility"/> as that
/// member would read it; mentions through <see cref="NotificationQueries"/>; newcomers only when they are discoverable,
/// show their area to members (<see cref="ProfileVisibilityRules"/>) and neither side blocks or mutes the other.
/// A mail leaves the server, so on top of that nothing private is quoted: direct messages and followers-only posts of
/// people the member does not follow are only counted, and no distance is ever written (ADR 47).
/// </summary>
public sealed class DigestQueries(KindredDbContext db, NotificationQueries notifications, EventQueries eventQueries, IOptions<KindredOptions> options, OrganizationSettings organization)
{
    public const int MaxGroupPosts = 8;
    public const int MaxMentions = 8;
    public const int MaxNewMembers = 6;
    public const int MaxPopular = 5;
    public const int MaxAidRequests = 5;
    public const int ExcerptLength = 200;
    public const int MaxEvents = 6;
    public const int EventDays = 7;

    /// <summary>How many unread mentions are looked at to count the private ones.</summary>
    public const int MentionScan = 100;

    /// <summary>"And N more" is counted up to this, so a busy group never costs a full count.</summary>
    public const int GroupPostsCountCap = 100;

    private static readonly string[] MissedTypes = [NotificationTypes.Mention];

    /// <summary>The digest of <paramref name="accountId"/> for [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public async Task<DigestContent> SelectAsync(long accountId, DateTime start, DateTime end, CancellationToken ct = default)
    {
        var viewer = Viewer.Member(accountId);
        var muted = db.Mutes.Live(end).Where(m => m.AccountId == accountId).Select(m => m.TargetAccountId);
        var followed = db.Follows.Where(f => f.AccountId == accountId).Select(f => f.TargetAccountId);
        var inPeriod = db.Statuses.VisibleTo(db, viewer)
            .Where(s => s.CreatedAt >= start && s.CreatedAt < end && s.AccountId != accountId && s.ReblogOfId == null && !muted.Contains(s.AccountId))
            // Mail-safe only: never a direct message, never followers-only from someone the member does not follow.
            .Where(s => s.Visibility != Audience.Direct && (s.Visibility != Audience.Private || followed.Contains(s.AccountId)));

        // Replies and mentions come first in the mail, so they are not repeated below; the private ones are counted only.
        var missed = await notifications.UnreadBetweenAsync(accountId, MissedTypes, start, end, MentionScan, ct);
        var missedIds = missed.Where(n => n.StatusId != null).Select(n => n.StatusId!.Value).Distinct().ToList();
        var privateIds = await db.Statuses.Where(s => missedIds.Contains(s.Id)
                && (s.Visibility == Audience.Direct || (s.Visibility == Audience.Private && !followed.Contains(s.AccountId))))
            .Select(s => s.Id).ToListAsync(ct);
        var mentionIds = missedIds.Where(id => !privateIds.Contains(id)).Take(MaxMentions).ToList();

        var inMyGroups = inPeriod.Where(s => s.GroupId != null && s.InReplyToId == null
            && db.GroupMemberships.Any(m => m.GroupId == s.GroupId && m.AccountId == accountId) && !mentionIds.Contains(s.Id));
        var groupIds = await inMyGroups.OrderByDescending(s => s.Id).Select(s => s.Id).Take(MaxGroupPosts).ToListAsync(ct);
        var groupTotal = groupIds.Count < MaxGroupPosts ? groupIds.Count : await inMyGroups.Take(GroupPostsCountCap).CountAsync(ct);

        var threshold = Math.Max(1, options.Value.Digests.PopularThreshold);
        var shown = mentionIds.Concat(groupIds).ToList();
        var popularIds = await inPeriod
            .Where(s => (s.Visibility == Audience.Public || s.Visibility == Audience.Members) && !shown.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                Score = s.FavouritesCount + db.Statuses.Count(b => b.ReblogOfId == s.Id && b.DeletedAt == null),
            })
            .Where(x => x.Score >= threshold)
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Id)
            .Select(x => x.Id).Take(MaxPopular).ToListAsync(ct);

        var posts = await LoadPostsAsync(mentionIds.Concat(groupIds).Concat(popularIds).ToList(), ct);
        return new DigestContent(
            Pick(posts, groupIds), groupTotal,
            Pick(posts, mentionIds),
            await NewMembersNearAsync(accountId, start, end, ct),
            Pick(posts, popularIds))
        {
            AidRequests = await AidRequestsNearAsync(accountId, start, end, ct),
            PrivateMessages = privateIds.Count,
            Events = await EventsComingUpAsync(accountId, end, ct),
        };
    }

    /// <summary>
    /// The occurrences in the <see cref="EventDays"/> days after <paramref name="from"/> that the member may see (through
    /// <see cref="EventQueries"/> and <see cref="EventAccess"/>): those they answered first, then their groups' events.
    /// Only the area's name goes into the mail, whoever the reader is: the address and the online link stay on the page.
    /// </summary>
    private async Task<IReadOnlyList<DigestEvent>> EventsComingUpAsync(long accountId, DateTime from, CancellationToken ct)
    {
        var to = from.AddDays(EventDays);
        var zone = DigestSchedule.Zone(await db.Users.Where(u => u.Id == accountId).Select(u => u.TimeZone).FirstOrDefaultAsync(ct), (await organization.GetAsync(ct)).TimeZone);
        var mine = (await eventQueries.MyEventsAsync(accountId, 0, EventQueries.MaxLimit, ct)).Items
            .Where(v => v.OccurrenceStartsAt is { } s && s >= from && s < to)
            .Select(v => (View: v, Going: true));
        var groupIds = await db.GroupMemberships.Where(m => m.AccountId == accountId).Select(m => m.GroupId).ToListAsync(ct);
        var ofGroups = new List<(EventView View, bool Going)>();
        if (groupIds.Count > 0)
        {
            var page = await eventQueries.UpcomingAsync(Viewer.Member(accountId), new EventFilter(From: from, To: to, Limit: EventQueries.MaxLimit, GroupIds: groupIds), ct);
            ofGroups.AddRange(page.Items.Select(v => (View: v, Going: false)));
        }
        return mine.Concat(ofGroups)
            .DistinctBy(x => (x.View.Event.Id, x.View.OccurrenceStartsAt))
            .Take(MaxEvents)
            .Select(x => new DigestEvent(x.View.Event.Id, x.View.Event.Title, x.View.OccurrenceStartsAt!.Value,
                TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(x.View.OccurrenceStartsAt!.Value, DateTimeKind.Utc), zone),
                x.View.Event.AreaName, x.View.Event.Mode == EventMode.Online, x.Going))
            .ToList();
    }

    /// <summary>
    /// Requests for help posted in the period, still open, within the nearby distance, that the recipient may see by the
    /// audience rule (<see cref="AidVisibility"/>). A safeguarding lead's override is dropped here: a lead sees every item
    /// to review it, but their digest, like anyone's, holds only items meant for them.
    /// </summary>
    private async Task<IReadOnlyList<DigestAid>> AidRequestsNearAsync(long accountId, DateTime start, DateTime end, CancellationToken ct)
    {
        var home = await db.Accounts.Where(a => a.Id == accountId).Select(a => new { a.Latitude, a.Longitude }).FirstAsync(ct);
        if (home.Latitude is not { } lat || home.Longitude is not { } lon)
        {
            return [];
        }
        var radius = Math.Max(0.1, options.Value.Digests.NearbyKm);
        var box = GeoBox.Around(lat, lon, radius);
        var viewer = await AidViewer.LoadAsync(db, Viewer.Member(accountId), ct) with { IsSafeguardingLead = false };
        var candidates = await db.AidItems.AsNoTracking()
            .Where(i => i.Kind == AidKind.Request && i.State == AidItemState.Open && i.AccountId != accountId
                && i.CreatedAt >= start && i.CreatedAt < end
                && i.Latitude != null && i.Longitude != null && i.Latitude >= box.MinLat && i.Latitude <= box.MaxLat
                && (box.AllLongitudes || (i.Longitude >= box.West1 && i.Longitude <= box.East1) || (i.Longitude >= box.West2 && i.Longitude <= box.East2)))
            .VisibleTo(db, viewer)
            .OrderByDescending(i => i.Id).Take(200)
            .Join(db.AidCategories, i => i.CategoryId, c => c.Id, (i, c) => new { i.Id, i.Title, i.Sensitive, i.AreaName, i.Urgency, Latitude = i.Latitude!.Value, Longitude = i.Longitude!.Value, c.Slug, c.Name })
            .ToListAsync(ct);
        return candidates
            .Select(i => new { Item = i, Distance = CoarseLocation.DistanceKm(lat, lon, i.Latitude, i.Longitude) })
            .Where(x => x.Distance <= radius)
            // Newest first, not nearest first: an order by distance would tell the reader which request is closest.
            .OrderByDescending(x => x.Item.Urgency).ThenByDescending(x => x.Item.Id)
            .Take(MaxAidRequests)
            .Select(x => x.Item.Sensitive
                ? new DigestAid(x.Item.Id, x.Item.Slug, x.Item.Name, null, null)
                : new DigestAid(x.Item.Id, x.Item.Slug, x.Item.Name, x.Item.Title, x.Item.AreaName))
            .ToList();
    }

    private async Task<IReadOnlyList<DigestNewMember>> NewMembersNearAsync(long accountId, DateTime start, DateTime end, CancellationToken ct)
    {
        var home = await db.Accounts.Where(a => a.Id == accountId).Select(a => new { a.Latitude, a.Longitude }).FirstAsync(ct);
        if (home.Latitude is not { } lat || home.Longitude is not { } lon)
        {
            return [];
        }
        var radius = Math.Max(0.1, options.Value.Digests.NearbyKm);
        // A bounding box in SQL (same on both databases), then the real distance in memory.
        var dLat = radius / 111.2;
        var dLon = radius / (111.32 * Math.Max(0.01, Math.Cos(lat * Math.PI / 180)));
        var (minLat, maxLat, minLon, maxLon) = (lat - dLat, lat + dLat, lon - dLon, lon + dLon);
        var candidates = await db.Accounts.Visible()
            .Where(a => a.Domain == null && a.Id != accountId && a.Discoverable
                && a.AreaVisibility != ProfileVisibility.OnlyMe
                && a.Latitude != null && a.Longitude != null
                && a.Latitude >= minLat && a.Latitude <= maxLat && a.Longitude >= minLon && a.Longitude <= maxLon
                && (a.User!.ApprovedAt ?? a.User.CreatedAt) >= start && (a.User.ApprovedAt ?? a.User.CreatedAt) < end)
            .WithoutBlocksWith(db.Blocks, accountId, a => a.Id)
            .Where(a => !db.Mutes.Live(end).Any(m => (m.AccountId == accountId && m.TargetAccountId == a.Id) || (m.AccountId == a.Id && m.TargetAccountId == accountId)))
            .OrderByDescending(a => a.Id).Take(200)
            .Select(a => new { a.Id, a.Username, a.DisplayName, a.AreaName, a.AreaVisibility, Latitude = a.Latitude!.Value, Longitude = a.Longitude!.Value })
            .ToListAsync(ct);
        return candidates
            .Where(a => ProfileVisibilityRules.CanSee(a.AreaVisibility, a.Id, accountId))
            .Where(a => CoarseLocation.DistanceKm(lat, lon, a.Latitude, a.Longitude) <= radius)
            // Newest first (candidates come newest first), not nearest first: the order would rank distances.
            .Take(MaxNewMembers)
            .Select(a => new DigestNewMember(a.Username, a.DisplayName, a.AreaName))
            .ToList();
    }

    private async Task<Dictionary<long, DigestPost>> LoadPostsAsync(List<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await db.Statuses.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.Account.Username,
                s.Account.DisplayName,
                s.ContentHtml,
                s.SpoilerText,
                Group = db.Groups.Where(g => g.Id == s.GroupId).Select(g => new { g.Name, g.Slug }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r =>
        {
            var warned = r.SpoilerText.Length > 0;
            // Behind a content warning only the warning is shown: the reader chose not to be surprised by the rest.
            var excerpt = warned ? Cut(r.SpoilerText) : SafeHtml.PlainText(r.ContentHtml, ExcerptLength);
            return new DigestPost(r.Id, r.Username, r.DisplayName, excerpt, warned, r.Group?.Name, r.Group?.Slug);
        });
    }

    private static string Cut(string text) => text.Length <= ExcerptLength ? text : text[..(ExcerptLength - 1)] + "…";

    private static List<DigestPost> Pick(Dictionary<long, DigestPost> posts, List<long> ids) =>
        ids.Where(posts.ContainsKey).Select(id => posts[id]).ToList();
}
