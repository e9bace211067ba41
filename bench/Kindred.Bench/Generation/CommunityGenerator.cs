using System.Diagnostics;
using System.Net;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Notifications;
using Kindred.Core.Timelines;
using Kindred.Data.Counting;
using Kindred.Data.Entities;
using Kindred.Data.Sqlite.Search;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Bench.Generation;

/// <summary>
/// Builds a realistic community, deterministically from a seed: power-law follows (the organization followed by most
/// members, one "herald" account with exactly 5,000 followers for the fan-out scenario, a long tail), power-law
/// posting over a year, replies with mentions, boosts, favourites, notifications, and home feeds as fan-out on write
/// would have left them (newest 800 per member, ADR 12), and groups (one per 200 members, power-law sizes, a fifth of them
/// members-only and a tenth secret) with a share of the posts written into them. The schema comes from the real migrations.
/// </summary>
public sealed class CommunityGenerator(Scale scale, int seed, TextWriter log)
{
    /// <summary>Raise it whenever the generated data changes, so <c>--reuse</c> does not measure an older community.</summary>
    public const int Version = 3;

    public const string Password = "bench-Password-2026";
    public const int OrganizationIndex = 0;
    public const int HeraldIndex = 1;
    public const int HeraldFollowers = 5_000;

    private static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly long EndMs = new DateTimeOffset(End).ToUnixTimeMilliseconds();
    private const long DayMs = 86_400_000;

    private readonly Random random = new(seed);
    private long[] accountIds = [];
    private int[][] followersOf = [];
    private Post[] posts = [];
    private GroupRow[] groups = [];
    private int[][] groupsOf = [];

    public static string UsernameOf(int index) => index == OrganizationIndex ? "organization" : $"member{index}";

    public async Task GenerateAsync(BenchDatabase database, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using (var db = database.CreateContext())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.MigrateAsync(ct);
        }
        Step(clock, "schema");
        await using var writer = database.CreateWriter();
        await WriteAccountsAsync(writer, ct);
        Step(clock, $"{scale.Members:N0} members");
        var follows = MakeFollows();
        await writer.WriteAsync(follows.Select(f => new Follow
        {
            Id = f.Id,
            AccountId = accountIds[f.Follower],
            TargetAccountId = accountIds[f.Target],
            CreatedAt = Time(f.Id),
            ShowReblogs = true,
        }), ct);
        Step(clock, $"{follows.Count:N0} follows");
        var memberships = MakeGroups();
        MakePosts();
        await writer.WriteAsync(groups.Select((g, i) => ToGroup(g, i)), ct);
        await writer.WriteAsync(memberships, ct);
        Step(clock, $"{groups.Length:N0} groups, {memberships.Count:N0} memberships");
        var tags = Vocabulary.Tags.Select((name, i) => new Tag
        {
            Id = IdAt(EndMs - (400 * DayMs)) + i,
            Name = TagNames.Normalize(name),
            Display = name,
            CreatedAt = End.AddDays(-400),
        }).ToArray();
        await writer.WriteAsync(tags, ct);
        await writer.WriteAsync(posts.Select(ToStatus), ct);
        await writer.WriteAsync(posts.Where(p => p.Tag >= 0).Select(p => new StatusTag { StatusId = p.Id, TagId = tags[p.Tag].Id }), ct);
        await writer.WriteAsync(posts.Where(p => p.ReplyTo >= 0).Select(p => new StatusMention { StatusId = p.Id, AccountId = accountIds[posts[p.ReplyTo].Author] }), ct);
        Step(clock, $"{posts.Length:N0} posts");
        var feeds = 0L;
        await writer.WriteAsync(HomeFeeds().Select(e => { feeds++; return e; }), ct);
        Step(clock, $"{feeds:N0} home feed entries");
        var favourites = MakeFavourites();
        await writer.WriteAsync(favourites.Select(f => new Favourite
        {
            Id = f.Id,
            AccountId = accountIds[f.Account],
            StatusId = posts[f.Post].Id,
            CreatedAt = Time(f.Id),
        }), ct);
        Step(clock, $"{favourites.Count:N0} favourites");
        var notifications = MakeNotifications(follows, favourites);
        await writer.WriteAsync(notifications, ct);
        Step(clock, $"{notifications.Count:N0} notifications");
        await writer.DisposeAsync();
        Step(clock, "statistics");
        // Bulk rows bypass the services that keep the stored counts (ADR 92); the repair fills them once.
        await using (var counting = database.CreateContext())
        {
            counting.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await StoredCounts.RepairAsync(counting, ct);
        }
        Step(clock, "stored counts");
        if (database.IsSqlite)
        {
            // The FTS5 index is filled here, as the server would fill it on its first start (ADR 15), so that start
            // measures a server on an existing database rather than a one-off index build.
            await using var db = database.CreateContext();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await new SqliteSearchIndex(db).EnsureAsync(ct);
            Step(clock, "search index");
        }
    }

    private void Step(Stopwatch clock, string what) => log.WriteLine($"  generated {what} ({clock.Elapsed.TotalSeconds:F1} s)");

    private async Task WriteAccountsAsync(BulkWriter writer, CancellationToken ct)
    {
        var n = scale.Members;
        accountIds = new long[n];
        for (var i = 0; i < n; i++)
        {
            // Sign-ups spread over the 400 days before the end; ids grow with sign-up time like real snowflakes.
            accountIds[i] = IdAt(EndMs - (400 * DayMs) + (i * (399 * DayMs / n)));
        }
        // One hash for everyone (same password, same iteration count as the server), so no rehash on sign-in.
        var hasher = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = 210_000 }));
        var hash = hasher.HashPassword(new User(), Password);
        var createdAt = accountIds.Select(Time).ToArray();
        var areas = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.7 ? Vocabulary.Areas[random.Next(Vocabulary.Areas.Length)] : default).ToArray();
        await writer.WriteAsync(Enumerable.Range(0, n).Select(i => new Account
        {
            Id = accountIds[i],
            Username = UsernameOf(i),
            UsernameNormalized = Usernames.Normalize(UsernameOf(i)),
            DisplayName = i == OrganizationIndex ? "Bench Community" : $"Member {i}",
            Note = i == OrganizationIndex ? "The organization's own account." : "",
            NoteHtml = i == OrganizationIndex ? "<p>The organization's own account.</p>" : "",
            AreaName = areas[i].Name,
            Latitude = areas[i].Name is null ? null : areas[i].Latitude,
            Longitude = areas[i].Name is null ? null : areas[i].Longitude,
            CreatedAt = createdAt[i],
            UpdatedAt = createdAt[i],
        }), ct);
        var stamps = new Random(seed + 1);
        await writer.WriteAsync(Enumerable.Range(0, n).Select(i => new User
        {
            Id = accountIds[i],
            UserName = UsernameOf(i),
            NormalizedUserName = UsernameOf(i).ToUpperInvariant(),
            Email = $"{UsernameOf(i)}@bench.invalid",
            NormalizedEmail = $"{UsernameOf(i)}@bench.invalid".ToUpperInvariant(),
            EmailConfirmed = true,
            PasswordHash = hash,
            SecurityStamp = Guid(stamps),
            ConcurrencyStamp = Guid(stamps),
            LockoutEnabled = true,
            Role = i == OrganizationIndex ? UserRole.Owner : UserRole.Member,
            Status = UserStatus.Active,
            Locale = i % 3 == 0 ? "en" : "fr",
            CreatedAt = createdAt[i],
            ApprovedAt = createdAt[i],
        }), ct);
        await writer.WriteAsync(new[]
        {
            new Organization { Name = "Bench Community", Description = $"A generated community at scale {scale.Name}.", DefaultLanguage = "fr", CreatedAt = createdAt[0] },
        }, ct);
    }

    private static string Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString("N").ToUpperInvariant();
    }

    private List<FollowEdge> MakeFollows()
    {
        var n = scale.Members;
        var popularity = new ZipfSampler(n, 0.9, random);
        var edges = new List<FollowEdge>();
        var heraldFollowers = Enumerable.Range(0, n).Where(i => i != HeraldIndex).ToArray();
        random.Shuffle(heraldFollowers);
        var followsHerald = heraldFollowers.Take(Math.Min(HeraldFollowers, heraldFollowers.Length)).ToHashSet();
        var chosen = new HashSet<int>();
        for (var member = 0; member < n; member++)
        {
            chosen.Clear();
            if (member != OrganizationIndex && random.NextDouble() < 0.85)
            {
                chosen.Add(OrganizationIndex);
            }
            if (followsHerald.Contains(member))
            {
                chosen.Add(HeraldIndex);
            }
            // Pareto-distributed out-degree: most follow a few dozen, some follow hundreds.
            var wanted = Math.Min(n - 1, (int)(10 / Math.Pow(1 - random.NextDouble(), 1 / 1.5)));
            wanted = Math.Min(wanted, 2_000);
            for (var attempts = 0; chosen.Count < wanted && attempts < wanted * 4; attempts++)
            {
                var target = popularity.Next(random);
                if (target != member && target != HeraldIndex)
                {
                    chosen.Add(target);
                }
            }
            chosen.Remove(member);
            foreach (var target in chosen)
            {
                edges.Add(new FollowEdge(member, target, 0));
            }
        }
        // Follow times after both accounts existed; ids in time order.
        var timed = edges.Select(e =>
        {
            var from = Math.Max(MsOf(accountIds[e.Follower]), MsOf(accountIds[e.Target]));
            return (Edge: e, Ms: from + (long)(random.NextDouble() * (EndMs - from)));
        }).OrderBy(t => t.Ms).ToList();
        var result = new List<FollowEdge>(timed.Count);
        long last = 0;
        foreach (var (edge, ms) in timed)
        {
            last = Math.Max(last + 1, ms << 16);
            result.Add(edge with { Id = last });
        }
        followersOf = result.GroupBy(e => e.Target).Aggregate(new int[n][], (acc, g) =>
        {
            acc[g.Key] = g.Select(e => e.Follower).ToArray();
            return acc;
        });
        for (var i = 0; i < n; i++)
        {
            followersOf[i] ??= [];
        }
        return result;
    }

    /// <summary>
    /// Groups and who is in them: each member joins a geometric number of groups (mean about one and a half), picked by a
    /// power law so a few groups are large; the first to join owns the group.
    /// </summary>
    private List<GroupMembership> MakeGroups()
    {
        var n = scale.Members;
        var count = Math.Max(3, n / 200);
        groups = new GroupRow[count];
        var start = EndMs - (395 * DayMs);
        for (var g = 0; g < count; g++)
        {
            var roll = random.NextDouble();
            groups[g] = new GroupRow
            {
                Id = IdAt(start + g),
                Visibility = roll < 0.7 ? GroupVisibility.Public : roll < 0.9 ? GroupVisibility.Members : GroupVisibility.Secret,
                Area = random.Next(Vocabulary.Areas.Length),
                Members = [],
            };
        }
        var popularity = new ZipfSampler(count, 1.0, random);
        var joined = new List<int>[n];
        var memberships = new List<GroupMembership>();
        for (var member = 0; member < n; member++)
        {
            joined[member] = [];
            while (random.NextDouble() < 0.6 && joined[member].Count < 8)
            {
                var g = popularity.Next(random);
                if (joined[member].Contains(g))
                {
                    continue;
                }
                joined[member].Add(g);
                var group = groups[g];
                memberships.Add(new GroupMembership
                {
                    GroupId = group.Id,
                    AccountId = accountIds[member],
                    Role = group.Members.Count == 0 ? GroupRole.Owner : GroupRole.Member,
                    CreatedAt = Time(Math.Max(group.Id, accountIds[member])),
                });
                group.Members.Add(member);
            }
        }
        for (var g = 0; g < count; g++)
        {
            if (groups[g].Members.Count == 0)
            {
                // Every group has an owner; the organization founds the ones nobody joined.
                groups[g].Members.Add(OrganizationIndex);
                joined[OrganizationIndex].Add(g);
                memberships.Add(new GroupMembership { GroupId = groups[g].Id, AccountId = accountIds[OrganizationIndex], Role = GroupRole.Owner, CreatedAt = Time(groups[g].Id) });
            }
        }
        groupsOf = joined.Select(j => j.ToArray()).ToArray();
        return memberships;
    }

    private Group ToGroup(GroupRow row, int index)
    {
        var area = Vocabulary.Areas[row.Area];
        var at = Time(row.Id);
        return new Group
        {
            Id = row.Id,
            Slug = $"group-{index}",
            Name = $"{Vocabulary.Tags[index % Vocabulary.Tags.Length]} {area.Name} {index}",
            Description = "A generated group.",
            DescriptionHtml = "<p>A generated group.</p>",
            Kind = GroupKind.Both,
            Visibility = row.Visibility,
            JoinPolicy = row.Visibility == GroupVisibility.Public ? GroupJoinPolicy.Open : GroupJoinPolicy.Approval,
            AreaName = area.Name,
            Latitude = area.Latitude,
            Longitude = area.Longitude,
            RadiusKm = 10,
            CreatedById = accountIds[row.Members[0]],
            CreatedAt = at,
            UpdatedAt = at,
            LastStatusAt = row.LastPostId > 0 ? Time(row.LastPostId) : null,
            MembersCount = row.Members.Count,
        };
    }

    private void MakePosts()
    {
        var n = scale.Members;
        var authors = new ZipfSampler(n, 1.0, random);
        var times = new long[scale.Posts];
        for (var i = 0; i < times.Length; i++)
        {
            times[i] = EndMs - (long)(random.NextDouble() * 365 * DayMs);
        }
        Array.Sort(times);
        posts = new Post[scale.Posts];
        long last = 0;
        for (var i = 0; i < posts.Length; i++)
        {
            var roll = random.NextDouble();
            // The organization writes 0.25 % of posts, the herald 0.2 %; everyone else follows the power law.
            var author = roll < 0.0025 ? OrganizationIndex : roll < 0.0045 ? HeraldIndex : authors.Next(random);
            last = Math.Max(last + 1, times[i] << 16);
            last = Math.Max(last, accountIds[author] + 1);
            var post = new Post { Id = last, Author = author, ReplyTo = -1, ReblogOf = -1, Tag = -1, Group = -1, Visibility = RandomVisibility() };
            var kind = random.NextDouble();
            if (i > 10 && kind < 0.08)
            {
                var original = i - 1 - random.Next(Math.Min(i, 5_000));
                if (posts[original].ReblogOf < 0 && posts[original].Visibility == Audience.Public && posts[original].Author != author)
                {
                    post.ReblogOf = original;
                    post.Visibility = Audience.Public;
                }
            }
            else if (i > 10 && kind < 0.28)
            {
                var parent = i - 1 - random.Next(Math.Min(i, 2_000));
                var parentGroup = posts[parent].Group;
                // Replies stay in the parent's group, and only its members may write there.
                if (posts[parent].ReblogOf < 0 && (parentGroup < 0 || groupsOf[author].Contains(parentGroup)))
                {
                    post.ReplyTo = parent;
                    post.Group = parentGroup;
                    // Replies stay within the parent's audience, as the server does for members-only and followers-only.
                    if (posts[parent].Visibility is Audience.Private or Audience.Members)
                    {
                        post.Visibility = posts[parent].Visibility;
                    }
                }
            }
            if (post.ReblogOf < 0 && post.ReplyTo < 0 && groupsOf[author].Length > 0 && random.NextDouble() < 0.1)
            {
                post.Group = groupsOf[author][random.Next(groupsOf[author].Length)];
            }
            if (post.Group >= 0)
            {
                // The audience is forced as the server forces it: public group → public; any other → members only.
                post.Visibility = groups[post.Group].Visibility == GroupVisibility.Public ? Audience.Public : Audience.Members;
                groups[post.Group].LastPostId = post.Id;
            }
            if (post.ReblogOf < 0 && random.NextDouble() < 0.2)
            {
                post.Tag = random.Next(Vocabulary.Tags.Length);
            }
            posts[i] = post;
        }
    }

    private Audience RandomVisibility() => random.NextDouble() switch
    {
        < 0.55 => Audience.Public,
        < 0.80 => Audience.Members,
        < 0.85 => Audience.Unlisted,
        _ => Audience.Private,
    };

    private Status ToStatus(Post post, int index)
    {
        var at = Time(post.Id);
        if (post.ReblogOf >= 0)
        {
            return new Status { Id = post.Id, AccountId = accountIds[post.Author], ReblogOfId = posts[post.ReblogOf].Id, Visibility = post.Visibility, CreatedAt = at };
        }
        var text = Text(index, post);
        return new Status
        {
            Id = post.Id,
            AccountId = accountIds[post.Author],
            Text = text,
            ContentHtml = "<p>" + WebUtility.HtmlEncode(text) + "</p>",
            Visibility = post.Visibility,
            Language = "fr",
            InReplyToId = post.ReplyTo >= 0 ? posts[post.ReplyTo].Id : null,
            InReplyToAccountId = post.ReplyTo >= 0 ? accountIds[posts[post.ReplyTo].Author] : null,
            GroupId = post.Group >= 0 ? groups[post.Group].Id : null,
            CreatedAt = at,
        };
    }

    /// <summary>The post's text, made from its own seed so the whole corpus never has to sit in memory.</summary>
    private string Text(int index, Post post)
    {
        var words = new Random(seed ^ (index * 7919));
        var parts = new List<string>();
        if (post.ReplyTo >= 0)
        {
            parts.Add("@" + UsernameOf(posts[post.ReplyTo].Author));
        }
        var count = 6 + words.Next(30);
        for (var i = 0; i < count; i++)
        {
            parts.Add(Vocabulary.Words[words.Next(Vocabulary.Words.Length)]);
        }
        if (post.Tag >= 0)
        {
            parts.Add("#" + Vocabulary.Tags[post.Tag]);
        }
        return string.Join(' ', parts);
    }

    /// <summary>Each member's feed as fan-out on write leaves it: their own posts and those of the accounts they follow,
    /// newest <see cref="HomeFeed.MaxEntries"/> kept; written in key order so the B-trees are appended to.</summary>
    private IEnumerable<HomeFeedEntry> HomeFeeds()
    {
        var cap = HomeFeed.MaxEntries;
        var rings = new long[scale.Members][];
        var counts = new int[scale.Members];
        void Push(int member, long statusId)
        {
            var ring = rings[member] ??= new long[cap];
            ring[counts[member] % cap] = statusId;
            counts[member]++;
        }
        foreach (var post in posts)
        {
            Push(post.Author, post.Id);
            // A post in a group that is not public reaches only followers who are members (as the server's fan-out does).
            var group = post.Group >= 0 ? post.Group : post.ReblogOf >= 0 ? posts[post.ReblogOf].Group : -1;
            var membersOnly = group >= 0 && groups[group].Visibility != GroupVisibility.Public;
            foreach (var follower in followersOf[post.Author])
            {
                if (!membersOnly || groupsOf[follower].Contains(group))
                {
                    Push(follower, post.Id);
                }
            }
        }
        for (var member = 0; member < scale.Members; member++)
        {
            var ring = rings[member];
            if (ring is null)
            {
                continue;
            }
            var kept = Math.Min(counts[member], cap);
            var start = counts[member] - kept;
            for (var k = 0; k < kept; k++)
            {
                yield return new HomeFeedEntry { AccountId = accountIds[member], StatusId = ring[(start + k) % cap] };
            }
            rings[member] = null!;
        }
    }

    private List<FavouriteRow> MakeFavourites()
    {
        var rows = new List<FavouriteRow>();
        var seen = new HashSet<int>();
        for (var i = 0; i < posts.Length; i++)
        {
            var post = posts[i];
            if (post.ReblogOf >= 0)
            {
                continue;
            }
            IReadOnlyList<int> followers = followersOf[post.Author];
            // Private posts are favourited only by followers, who can see them; posts in a group that is not public only
            // by the group's members.
            var restricted = post.Visibility == Audience.Private;
            if (post.Group >= 0 && groups[post.Group].Visibility != GroupVisibility.Public)
            {
                followers = groups[post.Group].Members;
                restricted = true;
            }
            seen.Clear();
            // Geometric, mean about one favourite per post.
            while (random.NextDouble() < 0.5)
            {
                var fan = followers.Count > 0 && (restricted || random.NextDouble() < 0.8)
                    ? followers[random.Next(followers.Count)]
                    : restricted ? -1 : random.Next(scale.Members);
                if (fan >= 0 && fan != post.Author && seen.Add(fan))
                {
                    rows.Add(new FavouriteRow(fan, i, MsOf(post.Id) + random.NextInt64(2 * DayMs)));
                }
            }
        }
        rows.Sort((a, b) => a.Ms.CompareTo(b.Ms));
        long last = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            last = Math.Max(last + 1, rows[i].Ms << 16);
            rows[i] = rows[i] with { Id = last };
        }
        return rows;
    }

    private List<Notification> MakeNotifications(List<FollowEdge> follows, List<FavouriteRow> favourites)
    {
        var raw = new List<(long Ms, int To, int From, string Type, int Post)>();
        raw.AddRange(follows.Select(f => (f.Id >> 16, f.Target, f.Follower, NotificationTypes.Follow, -1)));
        raw.AddRange(favourites.Where(f => f.Account != posts[f.Post].Author).Select(f => (f.Id >> 16, posts[f.Post].Author, f.Account, NotificationTypes.Favourite, f.Post)));
        for (var i = 0; i < posts.Length; i++)
        {
            var post = posts[i];
            if (post.ReplyTo >= 0 && posts[post.ReplyTo].Author != post.Author)
            {
                raw.Add((post.Id >> 16, posts[post.ReplyTo].Author, post.Author, NotificationTypes.Mention, i));
            }
            if (post.ReblogOf >= 0)
            {
                raw.Add((post.Id >> 16, posts[post.ReblogOf].Author, post.Author, NotificationTypes.Reblog, post.ReblogOf));
            }
        }
        raw.Sort((a, b) => a.Ms.CompareTo(b.Ms));
        var result = new List<Notification>(raw.Count);
        long last = 0;
        foreach (var n in raw)
        {
            last = Math.Max(last + 1, n.Ms << 16);
            result.Add(new Notification
            {
                Id = last,
                AccountId = accountIds[n.To],
                FromAccountId = accountIds[n.From],
                Type = n.Type,
                StatusId = n.Post >= 0 ? posts[n.Post].Id : null,
                CreatedAt = Time(last),
            });
        }
        return result;
    }

    private static long IdAt(long ms) => ms << 16;

    private static long MsOf(long id) => id >> 16;

    private static DateTime Time(long id) => DateTimeOffset.FromUnixTimeMilliseconds(id >> 16).UtcDateTime;

    private struct Post
    {
        public long Id;
        public int Author;
        public int ReplyTo;
        public int ReblogOf;
        public int Tag;
        public int Group;
        public Audience Visibility;
    }

    private sealed class GroupRow
    {
        public long Id;
        public GroupVisibility Visibility;
        public int Area;
        public List<int> Members = [];
        public long LastPostId;
    }

    private readonly record struct FollowEdge(int Follower, int Target, long Id);

    private readonly record struct FavouriteRow(int Account, int Post, long Ms, long Id = 0);
}
