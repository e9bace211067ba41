using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Groups;

/// <summary>
/// The group directory and suggested groups (ADR 22): groups the viewer may know about, filtered in SQL by kind, tag and
/// a bounding box around a point, then measured, matched and ranked here, so SQLite and PostgreSQL give the same
/// groups in the same order.
/// </summary>
public sealed class GroupDirectory(KindredDbContext db, TimeProvider time, GroupSuggestionCache suggestionCache)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 40;

    /// <summary>Offset paging ends here; a directory this deep is better narrowed with a filter.</summary>
    public const int MaxOffset = NearbySearch.MaxOffset;
    public const int MaxTextLength = 200;
    public const int MaxTags = 5;
    public const int DefaultRadiusKm = NearbySearch.DefaultRadiusKm;
    public const int MinRadiusKm = NearbySearch.MinRadiusKm;
    public const int MaxRadiusKm = NearbySearch.MaxRadiusKm;

    /// <summary>A group's own radius counts towards "reaching" a point up to this many kilometres.</summary>
    public const int MaxGroupReachKm = 500;

    /// <summary>At most this many groups (the newest) are ranked for one request; past it the directory needs a filter.</summary>
    public const int MaxCandidates = 5_000;

    /// <summary>How far from a member's home area a group still counts as near for suggestions.</summary>
    public const int SuggestionNearKm = 25;

    /// <summary>Members in fewer groups than this get group suggestions on their home page.</summary>
    public const int FewGroups = 3;

    public const int MaxWords = 10;
    private static readonly CompareInfo Compare = CultureInfo.InvariantCulture.CompareInfo;

    /// <summary>One page of the directory for <paramref name="viewerId"/> (null for anonymous visitors and app tokens).</summary>
    /// <exception cref="KindredException">Invalid, naming the parameter, for text, tags, radius, offset or point out of range,
    /// or "near me" without a home area.</exception>
    public async Task<GroupDirectoryPage> SearchAsync(GroupDirectoryQuery query, long? viewerId, CancellationToken ct = default)
    {
        var text = query.Text?.Trim() ?? "";
        if (text.Length > MaxTextLength)
        {
            throw KindredException.Invalid("q", $"The search text can be at most {MaxTextLength} characters.");
        }
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxWords)
        {
            throw KindredException.Invalid("q", $"Search for at most {MaxWords} words.");
        }
        var tags = NormalizeTags(query.Tags);
        var radius = NearbySearch.CheckedRadius(query.Offset, query.RadiusKm);
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var origin = await NearbySearch.OriginAsync(db, viewerId, query.NearMe, query.Point, "groups", ct);

        var interests = await InterestsAsync(viewerId, ct);
        var groups = VisibleTo(viewerId);
        if (query.Kind is { } kind)
        {
            groups = kind == GroupKind.Both ? groups.Where(g => g.Kind == GroupKind.Both) : groups.Where(g => g.Kind == kind || g.Kind == GroupKind.Both);
        }
        if (tags.Count > 0)
        {
            groups = groups.Where(g => g.Tags.Any(t => tags.Contains(t.Name)));
        }
        if (origin is { } around)
        {
            groups = Near(groups, around, radius);
        }
        var candidates = await CandidatesAsync(groups, interests, tags, words.Length > 0, ct);

        var now = time.UtcNow();
        var ranked = new List<(Candidate C, double? Distance, double Score)>();
        foreach (var c in candidates)
        {
            double? distance = null;
            if (origin is { } o)
            {
                // The exact test the box only approximated: within the search radius, or within the group's own reach.
                distance = o.DistanceKm(new GeoPoint(c.Latitude!.Value, c.Longitude!.Value));
                if (distance > Reach(c, radius))
                {
                    continue;
                }
            }
            var textScore = 0.0;
            if (words.Length > 0)
            {
                var inName = words.All(w => Contains(c.Name, w));
                if (!inName && !words.All(w => Contains(c.Name, w) || Contains(c.Description, w)))
                {
                    continue;
                }
                textScore = inName ? 3 : 1;
            }
            var score = (3.0 * c.SharedTags) + (2.0 * c.MatchedTags) + textScore + ActivityScore(c, now);
            if (distance is { } d)
            {
                score += 2.0 * (1 - (d / Reach(c, radius)));
            }
            ranked.Add((c, distance, score));
        }

        var ordered = query.Sort switch
        {
            GroupDirectorySort.Activity => ranked.OrderByDescending(r => r.C.LastStatusAt ?? DateTime.MinValue).ThenByDescending(r => r.C.MembersCount),
            GroupDirectorySort.Distance when origin is not null => ranked.OrderBy(r => r.Distance),
            _ => ranked.OrderByDescending(r => r.Score).ThenByDescending(r => r.C.LastStatusAt ?? DateTime.MinValue).ThenByDescending(r => r.C.MembersCount),
        };
        // Ids break every tie, so both databases (and every page) agree on one order.
        var page = ordered.ThenByDescending(r => r.C.Id).Skip(query.Offset).Take(limit + 1).ToList();
        var hasMore = page.Count > limit;
        var shown = page.Take(limit).ToList();
        return new GroupDirectoryPage(await EntriesAsync(shown.Select(r => (r.C.Id, r.Distance)).ToList(), interests, ct), hasMore);
    }

    /// <summary>
    /// Groups to suggest to <paramref name="viewerId"/>: ones sharing their profile interests or near their home area first,
    /// then the most active; never a group they are in, asked to join, are banned from, or could only join by invitation.
    /// </summary>
    public async Task<IReadOnlyList<GroupDirectoryEntry>> SuggestedAsync(long viewerId, int limit, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var home = await HomeAsync(viewerId, ct);
        var interests = await InterestsAsync(viewerId, ct);
        var key = new GroupSuggestionCache.Key(viewerId, home, string.Join('\n', interests.Order(StringComparer.Ordinal)),
            await db.Groups.MaxAsync(g => (long?)g.Id, ct) ?? 0);
        if (suggestionCache.Get(key) is { } kept)
        {
            // The kept ranking is used only for groups the member may still be suggested (they may have joined one, or
            // one may have turned secret since); when too few are left to fill the list, it is ranked afresh.
            var keptIds = kept.Select(r => r.Id).ToList();
            var still = (await Suggestable(viewerId).Where(g => keptIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct)).ToHashSet();
            var shown = kept.Where(r => still.Contains(r.Id)).Take(limit).ToList();
            if (shown.Count == limit || kept.Count < MaxLimit)
            {
                return await EntriesAsync(shown, interests, ct);
            }
        }
        var ranked = await RankSuggestionsAsync(viewerId, home, interests, ct);
        suggestionCache.Set(key, ranked);
        return await EntriesAsync(ranked.Take(limit).ToList(), interests, ct);
    }

    // The best MaxLimit groups to suggest, in order: matches first (shared interests, a group near home), then activity.
    private async Task<List<(long Id, double? Distance)>> RankSuggestionsAsync(long viewerId, GeoPoint? home, List<string> interests, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(Suggestable(viewerId), interests, [], false, ct);
        var now = time.UtcNow();
        var ranked = candidates.Select(c =>
        {
            double? distance = home is { } h && c.Latitude is { } lat && c.Longitude is { } lon ? h.DistanceKm(new GeoPoint(lat, lon)) : null;
            var reach = Reach(c, SuggestionNearKm);
            var match = 3.0 * c.SharedTags;
            if (distance is { } d && d <= reach)
            {
                match += 2 + (1 - (d / reach));
            }
            return (c.Id, Distance: distance, Match: match, Activity: ActivityScore(c, now), c.LastStatusAt, c.MembersCount);
        });
        return ranked
            .OrderByDescending(r => r.Match > 0)
            .ThenByDescending(r => r.Match + r.Activity)
            .ThenByDescending(r => r.LastStatusAt ?? DateTime.MinValue)
            .ThenByDescending(r => r.MembersCount)
            .ThenByDescending(r => r.Id)
            .Take(MaxLimit)
            .Select(r => (r.Id, r.Distance))
            .ToList();
    }

    // Groups the member could be suggested: visible, joinable without an invitation, and not one they are in, asked to
    // join or are banned from.
    private IQueryable<Group> Suggestable(long viewerId) =>
        VisibleTo(viewerId).Where(g => g.JoinPolicy != GroupJoinPolicy.InviteOnly
            && !db.GroupMemberships.Any(m => m.GroupId == g.Id && m.AccountId == viewerId)
            && !db.GroupMembershipRequests.Any(r => r.GroupId == g.Id && r.AccountId == viewerId)
            && !db.GroupBans.Any(b => b.GroupId == g.Id && b.AccountId == viewerId));

    /// <summary>Whether <paramref name="viewerId"/> belongs to fewer than <see cref="FewGroups"/> groups.</summary>
    public async Task<bool> HasFewGroupsAsync(long viewerId, CancellationToken ct = default) =>
        await db.GroupMemberships.CountAsync(m => m.AccountId == viewerId, ct) < FewGroups;

    /// <summary>A member's home area, when their profile has one. Only the member themself is measured from it.</summary>
    public Task<GeoPoint?> HomeAsync(long? viewerId, CancellationToken ct = default) => NearbySearch.HomeAsync(db, viewerId, ct);

    // Who may know that a group exists: the one rule of the groups API (GroupAccess), with app tokens as anonymous.
    private IQueryable<Group> VisibleTo(long? viewerId) =>
        db.Groups.AsNoTracking().VisibleTo(db, viewerId is { } me ? Viewer.Member(me) : Viewer.Anonymous);

    /// <summary>
    /// The bounding-box prefilter: groups inside the box of the search radius, or, for groups whose own radius is larger,
    /// inside the box of the largest reach. Plain comparisons on the (Latitude, Longitude) index, the same SQL on both databases.
    /// </summary>
    private static IQueryable<Group> Near(IQueryable<Group> groups, GeoPoint origin, int radiusKm)
    {
        var box = GeoBox.Around(origin.Lat, origin.Lon, radiusKm);
        var wide = GeoBox.Around(origin.Lat, origin.Lon, Math.Max(radiusKm, MaxGroupReachKm));
        return groups.Where(g => g.Latitude != null && g.Longitude != null && (
            (g.Latitude >= box.MinLat && g.Latitude <= box.MaxLat
                && (box.AllLongitudes || (g.Longitude >= box.West1 && g.Longitude <= box.East1) || (g.Longitude >= box.West2 && g.Longitude <= box.East2)))
            || (g.RadiusKm > radiusKm && g.Latitude >= wide.MinLat && g.Latitude <= wide.MaxLat
                && (wide.AllLongitudes || (g.Longitude >= wide.West1 && g.Longitude <= wide.East1) || (g.Longitude >= wide.West2 && g.Longitude <= wide.East2)))));
    }

    private static double Reach(Candidate c, int radiusKm) => Math.Max(radiusKm, Math.Min(c.RadiusKm ?? 0, MaxGroupReachKm));

    // Up to 1.5 for a post in the last week (1 in the last month), plus half the order of magnitude of the membership.
    private static double ActivityScore(Candidate c, DateTime now)
    {
        var recent = c.LastStatusAt is { } last ? (now - last).TotalDays switch
        {
            <= 7 => 1.5,
            <= 30 => 1.0,
            _ => 0.0,
        } : 0.0;
        return recent + (Math.Log10(1 + Math.Max(0, c.MembersCount)) / 2);
    }

    private static bool Contains(string haystack, string word) =>
        Compare.IndexOf(haystack, word, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

    private static List<string> NormalizeTags(IReadOnlyList<string>? tags)
    {
        var raw = (tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (raw.Count > MaxTags)
        {
            throw KindredException.Invalid("tag", $"Filter by at most {MaxTags} tags.");
        }
        if (raw.Any(t => t.Length > TagNames.MaxLength * 2))
        {
            throw KindredException.Invalid("tag", $"A tag can be at most {TagNames.MaxLength} characters.");
        }
        var normalized = raw.Select(TagNames.Normalize).ToList();
        return normalized.Any(t => t.Length == 0)
            ? throw KindredException.Invalid("tag", "A tag needs letters or digits.")
            : normalized.Distinct(StringComparer.Ordinal).ToList();
    }

    private async Task<List<string>> InterestsAsync(long? viewerId, CancellationToken ct) => viewerId is { } me
        ? await db.AccountTags.Where(t => t.AccountId == me && t.Kind == AccountTagKind.Interest).Select(t => t.Name).ToListAsync(ct)
        : [];

    private static Task<List<Candidate>> CandidatesAsync(IQueryable<Group> groups, List<string> interests, List<string> tags, bool withDescription, CancellationToken ct) =>
        groups.OrderByDescending(g => g.Id).Take(MaxCandidates).Select(g => new Candidate
        {
            Id = g.Id,
            Name = g.Name,
            Description = withDescription ? g.Description : "",
            Latitude = g.Latitude,
            Longitude = g.Longitude,
            RadiusKm = g.RadiusKm,
            MembersCount = g.MembersCount,
            LastStatusAt = g.LastStatusAt,
            SharedTags = g.Tags.Count(t => interests.Contains(t.Name)),
            MatchedTags = g.Tags.Count(t => tags.Contains(t.Name)),
        }).ToListAsync(ct);

    private async Task<IReadOnlyList<GroupDirectoryEntry>> EntriesAsync(List<(long Id, double? Distance)> chosen, List<string> interests, CancellationToken ct)
    {
        var ids = chosen.Select(c => c.Id).ToList();
        var groups = await db.Groups.AsNoTracking().Include(g => g.Tags).Include(g => g.Questions).AsSplitQuery().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        return chosen.Where(c => groups.ContainsKey(c.Id)).Select(c =>
        {
            var group = groups[c.Id];
            group.Tags = group.Tags.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            return new GroupDirectoryEntry(group, c.Distance, group.Tags.Where(t => interests.Contains(t.Name)).Select(t => t.Display).ToList());
        }).ToList();
    }

    private sealed class Candidate
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Description { get; init; } = "";
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        public int? RadiusKm { get; init; }
        public int MembersCount { get; init; }
        public DateTime? LastStatusAt { get; init; }
        public int SharedTags { get; init; }
        public int MatchedTags { get; init; }
    }
}
