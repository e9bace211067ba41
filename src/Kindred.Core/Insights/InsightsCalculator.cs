using System.Globalization;
using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Insights;

/// <summary>
/// Computes every insight figure of one period for the snapshot (ADR 57): growth, activity and retention, how
/// interconnected the members are, how help flows and how events fill. It runs in a job, never on a page request: it
/// streams the rows it needs once and keeps per-member state in flat arrays (a bit per member and day for activity, a
/// sorted array of packed pairs for ties), so its memory grows with members and ties, not with posts. Every figure goes
/// through <see cref="InsightsPrivacy"/> before it leaves; sensitive aid items never make a tie.
/// </summary>
public sealed class InsightsCalculator(KindredDbContext db, TimeProvider time)
{
    /// <summary>A group or an event occurrence makes ties between all its people only up to this size: sharing a
    /// 5,000-member group says nothing about two members knowing each other, sharing a 12-person circle does.</summary>
    public const int SmallCircle = 50;

    /// <summary>A member with no activity in this many days before the end of the period counts as inactive.</summary>
    public const int InactiveDays = 30;

    /// <summary>How many isolated members the staff list shows.</summary>
    public const int IsolatedListLimit = 200;

    /// <summary>How many pairs of chapters the bridges table shows.</summary>
    public const int BridgeRows = 20;

    private static readonly int[] CohortMonths = [1, 3, 6];

    /// <summary>
    /// The organization's time zone, which cuts the figures into days, weeks and months: the one place the insights read
    /// it, from the organization's row (ADR 55; UTC when none is set). Read here, not through the settings cache: the
    /// job runs rarely and the benchmark runs it without the server's services.
    /// </summary>
    public async Task<TimeZoneInfo> OrganizationTimeZoneAsync(CancellationToken ct = default) =>
        TimeZones.Find(await db.Organizations.AsNoTracking().Select(o => o.TimeZone).FirstOrDefaultAsync(ct));

    /// <summary>
    /// Whether a person counts as the organization itself rather than as a member: the organization's own account(s) and
    /// the staff who act for it. Their ties are not the community's ties, and they are not counted as members.
    /// </summary>
    public static bool IsOrganization(UserRole role, long userId, long? organizationAccountId) =>
        role >= UserRole.Staff || userId == organizationAccountId;

    public async Task<InsightFigures> ComputeAsync(DateTime from, DateTime to, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var zone = await OrganizationTimeZoneAsync(ct);
        var organizationAccountId = await db.Organizations.AsNoTracking().Select(o => o.AccountId).FirstOrDefaultAsync(ct);
        var people = await db.Users.AsNoTracking().Active().Where(u => u.CreatedAt < to)
            .OrderBy(u => u.Id)
            .Select(u => new Person(u.Id, u.Role, u.CreatedAt, u.InvitedById, u.InvitationId, u.Account.Username, u.Account.AreaName))
            .ToListAsync(ct);
        var index = new Dictionary<long, int>(people.Count);
        for (var i = 0; i < people.Count; i++)
        {
            index[people[i].Id] = i;
        }
        var isOrg = people.Select(p => IsOrganization(p.Role, p.Id, organizationAccountId)).ToArray();
        var calendar = new Calendar(zone, from, to);
        var activity = await ActivityAsync(index, calendar, ct);
        var tables = new List<InsightTable>();
        var chapters = await ChaptersAsync(index, ct);
        tables.AddRange(Growth(people, isOrg, calendar, chapters, from, to));
        tables.AddRange(Activity(people, isOrg, calendar, activity, to));
        tables.AddRange(await InterconnectionAsync(people, isOrg, index, calendar, activity, chapters, to, ct));
        tables.AddRange(await HelpAsync(from, to, ct));
        tables.AddRange(await EventsAsync(index, isOrg, calendar, from, Min(to, now), ct));
        return new InsightFigures(from, to, now, zone.Id, tables);
    }

    // Growth: members over time, by chapter and area, how they arrived and how many members brought.
    private static IEnumerable<InsightTable> Growth(List<Person> people, bool[] isOrg, Calendar calendar, Chapters chapters, DateTime from, DateTime to)
    {
        var members = people.Where((p, i) => !isOrg[i]).ToList();
        var monthly = calendar.Months.Select(m =>
        {
            var joined = members.Count(p => p.JoinedAt >= m.Start && p.JoinedAt < m.End);
            var total = members.Count(p => p.JoinedAt < m.End);
            return new InsightRow(m.Label, [InsightsPrivacy.Count(joined), InsightsPrivacy.Count(total)]);
        }).ToList();
        yield return new InsightTable("growth-members", "Growth", "Members over time", "Month", ["New members", "Members at the end of the month"], monthly, InsightChart.Line);

        var byChapter = chapters.Names.Select((name, c) =>
        {
            var inChapter = chapters.MembersOf(c).Where(i => !isOrg[i]).ToList();
            return new InsightRow(name, [InsightsPrivacy.Count(inChapter.Count), InsightsPrivacy.Count(inChapter.Count(i => people[i].JoinedAt >= from))]);
        }).OrderBy(r => r.Label, StringComparer.Ordinal).ToList();
        yield return new InsightTable("growth-chapters", "Growth", "Members by chapter", "Chapter", ["Members", "Joined in the period"], byChapter, InsightChart.Bars);

        var byArea = members.GroupBy(p => p.Area ?? AidFigures.NoArea)
            .Select(g => new InsightRow(g.Key, [InsightsPrivacy.Count(g.Count()), InsightsPrivacy.Count(g.Count(p => p.JoinedAt >= from))]))
            .OrderBy(r => r.Label, StringComparer.Ordinal).ToList();
        yield return new InsightTable("growth-areas", "Growth", "Members by area", "Area", ["Members", "Joined in the period"], byArea, InsightChart.Bars);

        // How each member who joined in the period arrived: through a member's invitation, through one of the
        // organization's own (made by staff, or by nobody: the command line), or by open sign-up.
        var byId = people.ToDictionary(p => p.Id);
        var organizationIds = people.Where((_, i) => isOrg[i]).Select(p => p.Id).ToHashSet();
        bool InvitedByMember(Person p) => p.InvitedById is { } by && byId.ContainsKey(by) && !organizationIds.Contains(by);
        var joinedInPeriod = members.Where(p => p.JoinedAt >= from && p.JoinedAt < to).ToList();
        var byMembers = joinedInPeriod.Count(InvitedByMember);
        var byOrganization = joinedInPeriod.Count(p => p.InvitationId is not null && !InvitedByMember(p));
        var open = joinedInPeriod.Count(p => p.InvitationId is null);
        yield return new InsightTable("growth-arrival", "Growth", "How new members arrived", "Way in", ["Members who joined in the period", "Share"],
        [
            new InsightRow("Invited by a member", [InsightsPrivacy.Count(byMembers), InsightsPrivacy.Share(byMembers, joinedInPeriod.Count)]),
            new InsightRow("Invited by the organization", [InsightsPrivacy.Count(byOrganization), InsightsPrivacy.Share(byOrganization, joinedInPeriod.Count)]),
            new InsightRow("Open sign-up", [InsightsPrivacy.Count(open), InsightsPrivacy.Share(open, joinedInPeriod.Count)]),
        ], InsightChart.Bars);

        // Invitation chains: how deep member-to-member invitations go (the depth of a member invited by a member).
        var depth = new Dictionary<long, int>();
        int Depth(Person p)
        {
            if (depth.TryGetValue(p.Id, out var d))
            {
                return d;
            }
            depth[p.Id] = 0; // a cycle in bad data stops here
            d = InvitedByMember(p) ? 1 + Depth(byId[p.InvitedById!.Value]) : 0;
            depth[p.Id] = d;
            return d;
        }
        var chained = joinedInPeriod.Count(p => Depth(p) >= 2);
        var longest = joinedInPeriod.Select(Depth).DefaultIfEmpty(0).Max();
        var membersAtStart = members.Count(p => p.JoinedAt < from);
        yield return new InsightTable("growth-referral", "Growth", "Members bringing members", "Figure", ["Value"],
        [
            new InsightRow("Share of new members brought by members", [InsightsPrivacy.Share(byMembers, joinedInPeriod.Count)]),
            new InsightRow("Referral coefficient (new members brought per member at the start)",
                [InsightsPrivacy.Over(Math.Min(byMembers, membersAtStart), membersAtStart == 0 ? null : (double)byMembers / membersAtStart, InsightUnit.Ratio)]),
            new InsightRow("New members at the end of a chain of two or more invitations", [InsightsPrivacy.Count(chained)]),
            new InsightRow("Longest invitation chain", [InsightsPrivacy.Over(byMembers, byMembers == 0 ? null : longest, InsightUnit.Count)]),
        ]);
    }

    // Activity: weekly active members and monthly cohorts still active after 1, 3 and 6 months.
    private static IEnumerable<InsightTable> Activity(List<Person> people, bool[] isOrg, Calendar calendar, ActivityBits activity, DateTime to)
    {
        var memberIndexes = Enumerable.Range(0, people.Count).Where(i => !isOrg[i]).ToList();
        var weekly = calendar.Weeks.Select(w =>
        {
            var (first, last) = calendar.DaysOf(w.Start, w.End);
            var active = memberIndexes.Count(i => activity.Any(i, first, last));
            return new InsightRow(w.Label, [InsightsPrivacy.Count(active)]);
        }).ToList();
        yield return new InsightTable("activity-weekly", "Activity and retention", "Weekly active members", "Week starting", ["Active members"], weekly, InsightChart.Line);

        var cohorts = calendar.Months.Select(m =>
        {
            var cohort = memberIndexes.Where(i => people[i].JoinedAt >= m.Start && people[i].JoinedAt < m.End).ToList();
            var cells = new List<InsightCell> { InsightsPrivacy.Count(cohort.Count) };
            foreach (var after in CohortMonths)
            {
                // Active at any time in the month that starts <after> months after the member joined; unknown until
                // that month has ended for every member of the cohort.
                if (calendar.AddMonths(m.End, after + 1) > to)
                {
                    cells.Add(new InsightCell(null, InsightUnit.Share));
                    continue;
                }
                var still = cohort.Count(i =>
                {
                    var start = calendar.AddMonths(people[i].JoinedAt, after);
                    var (first, last) = calendar.DaysOf(start, calendar.AddMonths(start, 1));
                    return activity.Any(i, first, last);
                });
                cells.Add(InsightsPrivacy.Share(still, cohort.Count));
            }
            return new InsightRow(m.Label, cells);
        }).ToList();
        yield return new InsightTable("activity-cohorts", "Activity and retention", "Monthly cohorts still active", "Joined in",
            ["Joined", "Active after 1 month", "Active after 3 months", "Active after 6 months"], cohorts);
    }

    // Interconnection: the member graph from follows, replies, small shared groups, events attended together and
    // aid given (never a sensitive item).
    private async Task<IEnumerable<InsightTable>> InterconnectionAsync(List<Person> people, bool[] isOrg, Dictionary<long, int> index, Calendar calendar,
        ActivityBits activity, Chapters chapters, DateTime to, CancellationToken ct)
    {
        var edges = new List<long>();
        void Tie(long a, long b)
        {
            if (a != b && index.TryGetValue(a, out var x) && index.TryGetValue(b, out var y))
            {
                edges.Add(x < y ? ((long)x << 32) | (uint)y : ((long)y << 32) | (uint)x);
            }
        }
        await foreach (var f in db.Follows.AsNoTracking().Where(f => f.CreatedAt < to).Select(f => new { f.AccountId, f.TargetAccountId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            Tie(f.AccountId, f.TargetAccountId);
        }
        await foreach (var r in db.Statuses.AsNoTracking().Where(s => s.InReplyToAccountId != null && s.CreatedAt < to && s.DeletedAt == null)
            .Select(s => new { s.AccountId, To = s.InReplyToAccountId!.Value }).AsAsyncEnumerable().WithCancellation(ct))
        {
            Tie(r.AccountId, r.To);
        }
        var smallGroups = db.Groups.Where(g => g.MembersCount <= SmallCircle).Select(g => g.Id);
        var circles = await db.GroupMemberships.AsNoTracking().Where(m => smallGroups.Contains(m.GroupId) && m.CreatedAt < to)
            .Select(m => new { Circle = m.GroupId, m.AccountId }).ToListAsync(ct);
        foreach (var circle in circles.GroupBy(m => m.Circle))
        {
            TieAll(circle.Select(m => m.AccountId).ToList(), Tie);
        }
        var attended = await db.EventRsvps.AsNoTracking()
            .Where(r => r.Response == RsvpResponse.Going && r.OccurrenceStartsAt < to)
            .Join(db.Events.Where(e => e.CancelledAt == null), r => r.EventId, e => e.Id, (r, e) => new { r.EventId, r.OccurrenceStartsAt, r.AccountId })
            .ToListAsync(ct);
        foreach (var occurrence in attended.GroupBy(r => (r.EventId, r.OccurrenceStartsAt)))
        {
            var attendees = occurrence.Select(r => r.AccountId).ToList();
            if (attendees.Count <= SmallCircle)
            {
                TieAll(attendees, Tie);
            }
        }
        await foreach (var a in db.AidResponses.AsNoTracking().Where(r => r.State == AidResponseState.Accepted && r.CreatedAt < to)
            .Join(db.AidItems.Where(i => !i.Sensitive), r => r.ItemId, i => i.Id, (r, i) => new { r.ResponderId, i.AccountId })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            Tie(a.ResponderId, a.AccountId);
        }
        edges.Sort();
        var memberTies = new int[people.Count];
        var orgTies = new int[people.Count];
        var memberEdges = 0;
        var bridges = new Dictionary<(int, int), int>();
        for (var e = 0; e < edges.Count; e++)
        {
            if (e > 0 && edges[e] == edges[e - 1])
            {
                continue;
            }
            var x = (int)(edges[e] >> 32);
            var y = (int)(edges[e] & 0xFFFFFFFF);
            if (isOrg[x] || isOrg[y])
            {
                // A tie to the organization is not a tie between members.
                if (!isOrg[x])
                {
                    orgTies[x]++;
                }
                if (!isOrg[y])
                {
                    orgTies[y]++;
                }
                continue;
            }
            memberTies[x]++;
            memberTies[y]++;
            memberEdges++;
            foreach (var a in chapters.Of(x))
            {
                foreach (var b in chapters.Of(y))
                {
                    if (a != b && !chapters.Of(x).Contains(b) && !chapters.Of(y).Contains(a))
                    {
                        var key = a < b ? (a, b) : (b, a);
                        bridges[key] = bridges.GetValueOrDefault(key) + 1;
                    }
                }
            }
        }
        edges.Clear();
        var members = Enumerable.Range(0, people.Count).Where(i => !isOrg[i]).ToList();
        var (recentFirst, recentLast) = calendar.DaysOf(to.AddDays(-InactiveDays), to);
        var twoOrMore = members.Count(i => memberTies[i] >= 2);
        var onlyOrganization = members.Count(i => memberTies[i] == 0 && orgTies[i] > 0);
        var isolated = members.Where(i => memberTies[i] == 0 && orgTies[i] == 0 && !activity.Any(i, recentFirst, recentLast)).ToList();
        var ties = members.Select(i => (double)memberTies[i]).ToList();
        var tables = new List<InsightTable>
        {
            new("ties-summary", "Interconnection", "How connected members are", "Figure", ["Value"],
            [
                new InsightRow("Members", [InsightsPrivacy.Count(members.Count)]),
                new InsightRow("Ties between members", [InsightsPrivacy.Over(members.Count, memberEdges, InsightUnit.Count)]),
                new InsightRow("Ties per member (mean)", [InsightsPrivacy.Over(members.Count, ties.Count == 0 ? null : ties.Average(), InsightUnit.Ratio)]),
                new InsightRow("Ties per member (median)", [InsightsPrivacy.Over(members.Count, AidFigures.Median(ties), InsightUnit.Ratio)]),
                new InsightRow("Share of members with at least two ties beyond the organization", [InsightsPrivacy.Share(twoOrMore, members.Count)]),
                new InsightRow("Members connected only to the organization", [InsightsPrivacy.Count(onlyOrganization)]),
                new InsightRow("Isolated members (no tie and inactive for 30 days)", [InsightsPrivacy.Count(isolated.Count)]),
                new InsightRow("Members in two or more chapters", [InsightsPrivacy.Count(members.Count(i => chapters.Of(i).Count >= 2))]),
            ]),
            new("ties-distribution", "Interconnection", "Members by number of ties", "Ties", ["Members"],
            [
                .. new (string Label, int Min, int Max)[] { ("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3–5", 3, 5), ("6–10", 6, 10), ("11 or more", 11, int.MaxValue) }
                    .Select(b => new InsightRow(b.Label, [InsightsPrivacy.Count(members.Count(i => memberTies[i] >= b.Min && memberTies[i] <= b.Max))])),
            ], InsightChart.Bars),
            new("ties-bridges", "Interconnection", "Bridges between chapters", "Chapters", ["Ties between their members"],
                bridges.OrderByDescending(b => b.Value).ThenBy(b => b.Key).Take(BridgeRows)
                    .Select(b => new InsightRow($"{chapters.Names[b.Key.Item1]} – {chapters.Names[b.Key.Item2]}", [InsightsPrivacy.Count(b.Value)])).ToList()),
            new("ties-isolated", "Interconnection", "Isolated members to reach out to", "Member", ["Days since joining"],
                isolated.OrderByDescending(i => people[i].JoinedAt).Take(IsolatedListLimit)
                    .Select(i => new InsightRow("@" + people[i].Username, [new InsightCell(Math.Floor((to - people[i].JoinedAt).TotalDays), InsightUnit.Count)])).ToList(),
                StaffOnly: true),
        };
        return tables;
    }

    private static void TieAll(List<long> accounts, Action<long, long> tie)
    {
        for (var i = 0; i < accounts.Count; i++)
        {
            for (var j = i + 1; j < accounts.Count; j++)
            {
                tie(accounts[i], accounts[j]);
            }
        }
    }

    // Help: the aid figures (ADR 31) of the requests posted in the period, overall, by category and by area.
    private async Task<IEnumerable<InsightTable>> HelpAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        var rows = await db.AidItems.AsNoTracking()
            .Where(i => i.Kind == AidKind.Request && i.CreatedAt >= from && i.CreatedAt < to)
            .Join(db.AidCategories, i => i.CategoryId, c => c.Id, (i, c) => new AidFigureInput(c.Slug, i.AreaName ?? AidFigures.NoArea, i.State, i.CreatedAt, i.FirstResponseAt, i.EndedAt))
            .ToListAsync(ct);
        // Requests of deleted accounts still count, from what their deletion kept (ADR 70).
        rows.AddRange(await db.ErasedAidItems.AsNoTracking()
            .Where(i => i.Kind == AidKind.Request && i.CreatedAt >= from && i.CreatedAt < to)
            .Join(db.AidCategories, i => i.CategoryId, c => c.Id, (i, c) => new AidFigureInput(c.Slug, i.AreaName ?? AidFigures.NoArea, i.State, i.CreatedAt, i.FirstResponseAt, i.EndedAt))
            .ToListAsync(ct));
        string[] columns = ["Requests", "Fulfilled", "Ended without help", "Fulfilment rate", "Median hours to a first response", "Median hours to fulfilment"];
        InsightRow Row(string key, List<AidFigureInput> items)
        {
            var figures = AidFigures.Row(key, items);
            var responded = items.Count(i => i.FirstResponseAt is not null);
            var fulfilledMeasured = items.Count(i => i.State == AidItemState.Fulfilled && i.EndedAt is not null);
            return new InsightRow(key,
            [
                InsightsPrivacy.Count(figures.Requests),
                InsightsPrivacy.Count(figures.Fulfilled),
                InsightsPrivacy.Count(figures.EndedUnfulfilled),
                InsightsPrivacy.Share(figures.Fulfilled, figures.Fulfilled + figures.EndedUnfulfilled),
                InsightsPrivacy.Over(responded, figures.MedianHoursToFirstResponse, InsightUnit.Hours),
                InsightsPrivacy.Over(fulfilledMeasured, figures.MedianHoursToFulfilment, InsightUnit.Hours),
            ]);
        }
        return
        [
            new InsightTable("help-overall", "Help", "Requests for help", "Requests", columns, [Row("All requests", rows)]),
            new InsightTable("help-categories", "Help", "Requests by category", "Category", columns,
                rows.GroupBy(r => r.Category).Select(g => Row(g.Key, g.ToList())).OrderBy(r => r.Label, StringComparer.Ordinal).ToList(), InsightChart.Bars),
            new InsightTable("help-areas", "Help", "Requests by area", "Area", columns,
                rows.GroupBy(r => r.Area).Select(g => Row(g.Key, g.ToList())).OrderBy(r => r.Label, StringComparer.Ordinal).ToList(), InsightChart.Bars),
        ];
    }

    // Events: occurrences held in the period (up to now), answers, attendance, fill rate and first-time attendees.
    private async Task<IEnumerable<InsightTable>> EventsAsync(Dictionary<long, int> index, bool[] isOrg, Calendar calendar, DateTime from, DateTime until, CancellationToken ct)
    {
        var events = await db.Events.AsNoTracking().Where(e => e.CancelledAt == null)
            .Select(e => new { e.Id, e.StartsAt, e.Recurrence, e.Capacity }).ToListAsync(ct);
        var capacity = events.ToDictionary(e => e.Id, e => e.Capacity);
        // An occurrence exists once someone answers; a one-off event nobody answered was still held.
        var held = await db.EventOccurrences.AsNoTracking().Where(o => o.StartsAt >= from && o.StartsAt < until)
            .Select(o => new { o.EventId, o.StartsAt, o.GoingCount }).ToListAsync(ct);
        var occurrences = held.Where(o => capacity.ContainsKey(o.EventId)).Select(o => (o.EventId, o.StartsAt)).ToHashSet();
        foreach (var e in events.Where(e => e.Recurrence is null && e.StartsAt >= from && e.StartsAt < until))
        {
            occurrences.Add((e.Id, e.StartsAt));
        }
        var answers = await db.EventRsvps.AsNoTracking().Where(r => r.OccurrenceStartsAt < until)
            .Select(r => new { r.EventId, r.OccurrenceStartsAt, r.AccountId, r.Response, r.CheckedInAt }).ToListAsync(ct);
        var live = answers.Where(a => capacity.ContainsKey(a.EventId) && index.TryGetValue(a.AccountId, out var i) && !isOrg[i]).ToList();
        var inPeriod = live.Where(a => occurrences.Contains((a.EventId, a.OccurrenceStartsAt))).ToList();
        // Answers of deleted accounts still count, from what their deletion kept (ADR 70); nobody's first time is known.
        var erased = await db.ErasedEventAnswers.AsNoTracking().Where(r => r.OccurrenceStartsAt < until)
            .Select(r => new { r.EventId, r.OccurrenceStartsAt, AccountId = 0L, r.Response, r.CheckedInAt }).ToListAsync(ct);
        inPeriod.AddRange(erased.Where(a => capacity.ContainsKey(a.EventId) && occurrences.Contains((a.EventId, a.OccurrenceStartsAt))));
        // Attended: going to an occurrence that has taken place (or checked in at it).
        bool Attended(RsvpResponse response, DateTime? checkedIn) => response == RsvpResponse.Going || checkedIn is not null;
        var attendedInPeriod = inPeriod.Where(a => Attended(a.Response, a.CheckedInAt)).ToList();
        var firstAttendance = live.Where(a => Attended(a.Response, a.CheckedInAt)).GroupBy(a => a.AccountId).ToDictionary(g => g.Key, g => g.Min(a => a.OccurrenceStartsAt));
        var firstTimers = firstAttendance.Count(f => f.Value >= from && f.Value < until);
        var withCapacity = occurrences.Where(o => capacity[o.EventId] is > 0).ToList();
        var goingWithCapacity = attendedInPeriod.Count(a => capacity[a.EventId] is > 0);
        var places = withCapacity.Sum(o => capacity[o.EventId] ?? 0);
        var summary = new InsightTable("events-summary", "Events", "Events", "Figure", ["Value"],
        [
            new InsightRow("Occurrences held", [new InsightCell(occurrences.Count, InsightUnit.Count)]),
            new InsightRow("Answers", [InsightsPrivacy.Count(inPeriod.Count)]),
            new InsightRow("Attended", [InsightsPrivacy.Count(attendedInPeriod.Count)]),
            new InsightRow("Checked in", [InsightsPrivacy.Count(inPeriod.Count(a => a.CheckedInAt is not null))]),
            new InsightRow("Fill rate (attended ÷ places, events with a capacity)", [InsightsPrivacy.Over(goingWithCapacity, places == 0 ? null : (double)goingWithCapacity / places, InsightUnit.Share)]),
            new InsightRow("First-time attendees", [InsightsPrivacy.Count(firstTimers)]),
        ]);
        var monthly = calendar.Months.Select(m => new InsightRow(m.Label,
        [
            new InsightCell(occurrences.Count(o => o.StartsAt >= m.Start && o.StartsAt < m.End), InsightUnit.Count),
            InsightsPrivacy.Count(attendedInPeriod.Count(a => a.OccurrenceStartsAt >= m.Start && a.OccurrenceStartsAt < m.End)),
            InsightsPrivacy.Count(firstAttendance.Count(f => f.Value >= m.Start && f.Value < m.End && f.Value < until)),
        ])).ToList();
        return [summary, new InsightTable("events-monthly", "Events", "Events by month", "Month", ["Occurrences held", "Attended", "First-time attendees"], monthly, InsightChart.Bars)];
    }

    // Activity: a bit per member and day of the period, set by anything the member did (a post, reply or boost, a
    // favourite, an answer to an event, an aid item or response).
    private async Task<ActivityBits> ActivityAsync(Dictionary<long, int> index, Calendar calendar, CancellationToken ct)
    {
        var bits = new ActivityBits(index.Count, calendar.Days);
        var from = calendar.From;
        var to = calendar.To;
        void Mark(long account, DateTime at)
        {
            if (index.TryGetValue(account, out var i))
            {
                bits.Set(i, calendar.DayOf(at));
            }
        }
        await foreach (var s in db.Statuses.AsNoTracking().Where(s => s.CreatedAt >= from && s.CreatedAt < to).Select(s => new { s.AccountId, s.CreatedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            Mark(s.AccountId, s.CreatedAt);
        }
        await foreach (var f in db.Favourites.AsNoTracking().Where(f => f.CreatedAt >= from && f.CreatedAt < to).Select(f => new { f.AccountId, f.CreatedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            Mark(f.AccountId, f.CreatedAt);
        }
        await foreach (var r in db.EventRsvps.AsNoTracking().Where(r => r.UpdatedAt >= from && r.UpdatedAt < to).Select(r => new { r.AccountId, r.UpdatedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            Mark(r.AccountId, r.UpdatedAt);
        }
        await foreach (var a in db.AidItems.AsNoTracking().Where(a => a.CreatedAt >= from && a.CreatedAt < to).Select(a => new { a.AccountId, a.CreatedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            Mark(a.AccountId, a.CreatedAt);
        }
        await foreach (var r in db.AidResponses.AsNoTracking().Where(r => r.CreatedAt >= from && r.CreatedAt < to).Select(r => new { r.ResponderId, r.CreatedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            Mark(r.ResponderId, r.CreatedAt);
        }
        return bits;
    }

    private async Task<Chapters> ChaptersAsync(Dictionary<long, int> index, CancellationToken ct)
    {
        // A chapter is a group inside another group (ADR 20): a local branch of the organization's work.
        var groups = await db.Groups.AsNoTracking().Where(g => g.ParentId != null).OrderBy(g => g.Name).ThenBy(g => g.Id)
            .Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        var ids = groups.Select(g => g.Id).ToList();
        var memberships = await db.GroupMemberships.AsNoTracking().Where(m => ids.Contains(m.GroupId)).Select(m => new { m.GroupId, m.AccountId }).ToListAsync(ct);
        var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var chapters = new Chapters(groups.Select(g => g.Name).ToList());
        foreach (var m in memberships)
        {
            if (index.TryGetValue(m.AccountId, out var i))
            {
                chapters.Add(i, position[m.GroupId]);
            }
        }
        return chapters;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private sealed record Person(long Id, UserRole Role, DateTime JoinedAt, long? InvitedById, long? InvitationId, string Username, string? Area);

    /// <summary>One month or week of the period, cut in the organization's time zone, as UTC instants.</summary>
    private sealed record Span(string Label, DateTime Start, DateTime End);

    /// <summary>Days, weeks (from Monday) and months of the period in the organization's time zone.</summary>
    private sealed class Calendar
    {
        private readonly TimeZoneInfo zone;
        private readonly DateOnly firstDay;

        public Calendar(TimeZoneInfo zone, DateTime from, DateTime to)
        {
            this.zone = zone;
            From = from;
            To = to;
            firstDay = Local(from);
            Days = Math.Max(1, Local(to).DayNumber - firstDay.DayNumber + 1);
            Months = Cut(from, to, d => new DateOnly(d.Year, d.Month, 1), d => d.AddMonths(1), d => d.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            Weeks = Cut(from, to, d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7)), d => d.AddDays(7), d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        public DateTime From { get; }
        public DateTime To { get; }
        public int Days { get; }
        public List<Span> Months { get; }
        public List<Span> Weeks { get; }

        public int DayOf(DateTime utc) => Local(utc).DayNumber - firstDay.DayNumber;

        /// <summary>The day numbers [first, last] that [start, end) touches, clipped to the period.</summary>
        public (int First, int Last) DaysOf(DateTime start, DateTime end) =>
            (Math.Max(0, DayOf(start < From ? From : start)), Math.Min(Days - 1, DayOf((end > To ? To : end).AddTicks(-1))));

        public DateTime AddMonths(DateTime utc, int months) =>
            ToUtc(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).AddMonths(months));

        private DateOnly Local(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

        private DateTime Utc(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));

        // A local time skipped by a daylight-saving change does not exist; the hour after it does.
        private DateTime ToUtc(DateTime local)
        {
            local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            while (zone.IsInvalidTime(local))
            {
                local = local.AddMinutes(30);
            }
            return TimeZoneInfo.ConvertTimeToUtc(local, zone);
        }

        private List<Span> Cut(DateTime from, DateTime to, Func<DateOnly, DateOnly> floor, Func<DateOnly, DateOnly> next, Func<DateOnly, string> label)
        {
            var spans = new List<Span>();
            for (var day = floor(Local(from)); Utc(day) < to; day = next(day))
            {
                var start = Utc(day);
                var end = Utc(next(day));
                spans.Add(new Span(label(day), start < from ? from : start, end > to ? to : end));
            }
            return spans;
        }
    }

    /// <summary>A bit per member and day: whether the member did anything that day.</summary>
    private sealed class ActivityBits(int people, int days)
    {
        private readonly int words = (days + 63) / 64;
        private readonly ulong[] bits = new ulong[(long)people * ((days + 63) / 64)];

        public void Set(int person, int day)
        {
            if (day >= 0 && day < days)
            {
                bits[(long)person * words + day / 64] |= 1UL << (day % 64);
            }
        }

        public bool Any(int person, int first, int last)
        {
            for (var day = Math.Max(0, first); day <= Math.Min(last, days - 1); day++)
            {
                if ((bits[(long)person * words + day / 64] & (1UL << (day % 64))) != 0)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>The chapters (by position) and which of them each person belongs to.</summary>
    private sealed class Chapters(List<string> names)
    {
        private static readonly List<int> None = [];
        private readonly Dictionary<int, List<int>> of = [];
        private readonly List<int>[] members = names.Select(_ => new List<int>()).ToArray();

        public List<string> Names => names;

        public void Add(int person, int chapter)
        {
            if (!of.TryGetValue(person, out var list))
            {
                of[person] = list = [];
            }
            list.Add(chapter);
            members[chapter].Add(person);
        }

        public List<int> Of(int person) => of.GetValueOrDefault(person) ?? None;

        public List<int> MembersOf(int chapter) => members[chapter];
    }
}
