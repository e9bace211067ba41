using System.Globalization;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Demo;

/// <summary>
/// Everything the demo community will do, drawn from one seeded <see cref="Random"/> before anything is written, so the
/// same seed always gives the same people, groups, follows, posts and reactions. Actors are indexes: members 0–59,
/// then the organization's account, then the setup owner. Follows and reactions are power-law-ish: a few members are
/// followed and favourited a lot, most a little, and the organization by nearly everyone.
/// </summary>
internal sealed class DemoPlan
{
    public const int Organization = DemoSeeder.MemberCount;
    public const int Owner = DemoSeeder.MemberCount + 1;
    private const int OriginalPosts = 160;

    private readonly Random random;
    private readonly string organizationUsername;
    private readonly List<DemoStep> steps = [];
    private readonly List<(int Group, int Actor, DateTime At)> memberships = [];
    private readonly List<(int From, int To, DateTime At)> follows = [];
    private readonly HashSet<(int From, int To)> followed = [];
    private readonly List<DemoPost> posts = [];
    private readonly DateTime[] groupCreated = new DateTime[DemoContent.Groups.Length];
    private readonly int[] groupOwner = new int[DemoContent.Groups.Length];
    private readonly double[] popularity;
    private readonly double[] activity;
    private readonly Dictionary<string[], Queue<int>> decks = new(ReferenceEqualityComparer.Instance);

    public DemoPlan(Random random, DateTime start, DateTime end, string organizationUsername)
    {
        this.random = random;
        this.organizationUsername = organizationUsername;
        Start = start;
        End = end;
        People = MakePeople();
        popularity = ZipfWeights(1.1);
        activity = ZipfWeights(0.9);
        PlanAccountsAndInvitations();
        PlanGroups();
        PlanFollows();
        PlanPosts();
        PlanReactions();
    }

    public DateTime Start { get; }
    public DateTime End { get; }
    public IReadOnlyList<DemoPerson> People { get; }
    public IReadOnlyList<DemoStep> Steps => steps;

    /// <summary>The members who post the most, to name when someone wants to try the demo as a member.</summary>
    public IReadOnlyList<string> MostActive(int count) =>
        People.OrderByDescending(p => activity[p.Index]).Take(count).Select(p => p.Username).ToList();

    private void Add(DateTime at, Func<DemoSeeder.Runner, Task> run) => steps.Add(new DemoStep(at, steps.Count, run));

    private DemoPerson[] MakePeople()
    {
        var people = new DemoPerson[DemoSeeder.MemberCount];
        var english = 0;
        var french = 0;
        var areaWeights = DemoContent.AreaWeights.Select(w => (double)w).ToArray();
        for (var i = 0; i < people.Length; i++)
        {
            var isFrench = i % 6 == 5;
            var first = isFrench ? DemoContent.FrenchFirstNames[french] : DemoContent.FirstNames[english];
            var last = isFrench ? DemoContent.LastNames[50 + french++] : DemoContent.LastNames[english++];
            var username = $"{TagNames.Normalize(first)}_{TagNames.Normalize(last)}";
            var area = Pick(areaWeights);
            var centre = DemoContent.Areas[area];
            var interests = Sample(DemoContent.Interests, 2 + random.Next(3));
            if (isFrench && !interests.Contains("Languages"))
            {
                interests = [.. interests, "Languages"];
            }
            var skills = Sample(DemoContent.Skills, 1 + random.Next(2));
            var bio = isFrench
                ? $"{DemoContent.FrenchOccupations[random.Next(DemoContent.FrenchOccupations.Length)]} à {centre.Name}. "
                    + string.Format(CultureInfo.InvariantCulture, DemoContent.FrenchBioEndings[random.Next(DemoContent.FrenchBioEndings.Length)], interests[0].ToLowerInvariant())
                : $"{DemoContent.Occupations[random.Next(DemoContent.Occupations.Length)]} in {centre.Name}. "
                    + string.Format(CultureInfo.InvariantCulture, DemoContent.BioEndings[random.Next(DemoContent.BioEndings.Length)], interests[0].ToLowerInvariant());
            var joined = Start.AddDays(1).AddHours(i * 11.2).AddMinutes(random.Next(480));
            people[i] = new DemoPerson(
                i, username, $"{first} {last}", isFrench, area,
                // Somewhere in the neighbourhood; ProfileService rounds it to about a kilometre before storing.
                centre.Latitude + ((random.NextDouble() - 0.5) * 0.02),
                centre.Longitude + ((random.NextDouble() - 0.5) * 0.02),
                interests, skills, bio, joined,
                i == 0 ? UserRole.Staff : i == 1 ? UserRole.Moderator : UserRole.Member);
        }
        return people;
    }

    private DateTime JoinedAt(int actor) => actor < DemoSeeder.MemberCount ? People[actor].JoinedAt : Start;

    /// <summary>Who brought whom: the organization's flyer link and the owner's link start the tree, members invite their
    /// friends, and one chain is made deep on purpose (member 2 → 9 → 21 → 37 → 52) so the referral tree has depth.</summary>
    private void PlanAccountsAndInvitations()
    {
        Add(Start, r => r.CreateOrganizationAsync());
        var inviterOf = new int?[People.Count];
        for (var i = 0; i < People.Count; i++)
        {
            if (i < 8)
            {
                inviterOf[i] = i % 3 == 2 ? Owner : Organization;
                continue;
            }
            var roll = random.NextDouble();
            inviterOf[i] = roll < 0.25 ? null : roll < 0.4 ? Organization : PickEarlier(i);
        }
        (inviterOf[9], inviterOf[21], inviterOf[37], inviterOf[52]) = (2, 9, 21, 37);

        foreach (var inviter in inviterOf.Where(x => x is not null).Select(x => x!.Value).Distinct().Order())
        {
            var invitees = Enumerable.Range(0, People.Count).Where(i => inviterOf[i] == inviter).ToList();
            var first = People[invitees[0]].JoinedAt;
            var at = inviter >= DemoSeeder.MemberCount ? Start.AddMinutes(30) : Between(People[inviter].JoinedAt, first);
            var invitation = inviter == Organization
                ? new DemoInvitation(inviter, inviter, at, Note: "Flyer at the autumn street fair")
                : inviter == Owner
                    ? new DemoInvitation(inviter, inviter, at, MaxUses: 10)
                    : invitees.Count == 1
                        ? new DemoInvitation(inviter, inviter, at, Email: $"{People[invitees[0]].Username}@{DemoSeeder.EmailDomain}", MaxUses: 1)
                        : new DemoInvitation(inviter, inviter, at, MaxUses: invitees.Count <= 5 ? 5 : null);
            Add(at, r => r.CreateInvitationAsync(invitation));
            foreach (var invitee in invitees)
            {
                People[invitee].Invitation = inviter;
            }
        }
        // Invitations nobody has used yet, one that expired and one taken back: what a real list looks like.
        var key = 1000;
        foreach (var (inviter, daysBeforeEnd) in new[] { (3, 3), (14, 2), (27, 1) })
        {
            var invitation = new DemoInvitation(key++, inviter, End.AddDays(-daysBeforeEnd), Email: $"friend{inviter}@{DemoSeeder.EmailDomain}", MaxUses: 1, ExpiresAt: End.AddDays(14 - daysBeforeEnd));
            Add(invitation.At, r => r.CreateInvitationAsync(invitation));
        }
        var expired = new DemoInvitation(key++, 0, Start.AddDays(10), Note: "Library open day", MaxUses: 20, ExpiresAt: Start.AddDays(17));
        Add(expired.At, r => r.CreateInvitationAsync(expired));
        var revoked = new DemoInvitation(key, 1, Start.AddDays(12), MaxUses: 5, Revoked: true);
        Add(revoked.At, r => r.CreateInvitationAsync(revoked));

        foreach (var person in People)
        {
            Add(person.JoinedAt, r => r.CreateMemberAsync(person));
        }
    }

    private void PlanGroups()
    {
        var groups = DemoContent.Groups;
        var eligible = new List<int>[groups.Length];
        for (var g = 0; g < groups.Length; g++)
        {
            eligible[g] = People.Where(p => Wants(g, p)).Select(p => p.Index).ToList();
        }
        for (var g = 0; g < groups.Length; g++)
        {
            var byOrganization = g is DemoContent.CityGroup or DemoContent.Drivers or DemoContent.Coordinators || eligible[g].Count == 0;
            groupOwner[g] = byOrganization ? Organization : eligible[g][0];
            var created = byOrganization ? Start.AddHours(2 + g) : People[groupOwner[g]].JoinedAt.AddDays(1);
            // A chapter cannot be older than its parent.
            groupCreated[g] = groups[g].Parent is { } parent && created < groupCreated[parent] ? groupCreated[parent].AddHours(1) : created;
            var group = g;
            var owner = groupOwner[g];
            Add(groupCreated[g], r => r.CreateGroupAsync(group, owner));
            memberships.Add((g, owner, groupCreated[g]));
        }

        // The organization helps run the chapters; staff and the owner run the city group and the coordinators' group.
        Join(DemoContent.PlateauChapter, Organization, GroupRole.Admin, groupCreated[DemoContent.PlateauChapter].AddHours(1));
        Join(DemoContent.VerdunChapter, Organization, GroupRole.Admin, groupCreated[DemoContent.VerdunChapter].AddHours(1));
        Join(DemoContent.CityGroup, Owner, GroupRole.Admin, groupCreated[DemoContent.CityGroup].AddHours(1));
        Join(DemoContent.Coordinators, Owner, GroupRole.Admin, groupCreated[DemoContent.Coordinators].AddHours(1));
        Join(DemoContent.Coordinators, 0, GroupRole.Admin, People[0].JoinedAt.AddHours(2));
        Join(DemoContent.Coordinators, 1, GroupRole.Moderator, People[1].JoinedAt.AddHours(2));
        foreach (var chapter in new[] { DemoContent.PlateauChapter, DemoContent.VerdunChapter, DemoContent.Garden })
        {
            if (groupOwner[chapter] is var coordinator and > 1 and < DemoSeeder.MemberCount)
            {
                Join(DemoContent.Coordinators, coordinator, GroupRole.Member, groupCreated[chapter].AddHours(3));
            }
        }

        // One member of the circle came in through an invitation into the group (it skips the approval).
        var circle = DemoContent.SingleParents;
        var invitedIntoCircle = eligible[circle].Count > 2 ? eligible[circle][^1] : -1;
        for (var g = 0; g < groups.Length; g++)
        {
            if (g == DemoContent.Coordinators)
            {
                continue;
            }
            var moderatorChosen = false;
            foreach (var actor in eligible[g].Where(a => a != groupOwner[g]))
            {
                var at = Between(Max(JoinedAt(actor), groupCreated[g]).AddHours(1), Max(JoinedAt(actor), groupCreated[g]).AddDays(4));
                var role = GroupRole.Member;
                if (!moderatorChosen && eligible[g].Count >= 6)
                {
                    role = GroupRole.Moderator;
                    moderatorChosen = true;
                }
                if (g == circle && actor == invitedIntoCircle)
                {
                    var invitation = new DemoInvitation(2000, groupOwner[g], Between(groupCreated[g], at), Note: "Welcome to the circle", MaxUses: 1, Group: g);
                    Add(invitation.At, r => r.CreateInvitationAsync(invitation));
                    Join(g, actor, role, at, invitation.Key);
                    continue;
                }
                Join(g, actor, role, at);
            }
        }

        // Two people waiting for the circle's admins to answer.
        var waiting = People.Where(p => !eligible[circle].Contains(p.Index) && !p.French).Take(2).ToList();
        for (var i = 0; i < waiting.Count; i++)
        {
            var (actor, answers) = (waiting[i].Index, DemoContent.RequestAnswers[i].Split('|'));
            Add(Max(JoinedAt(actor), groupCreated[circle]).AddDays(2 + i), r => r.RequestToJoinAsync(circle, actor, answers));
        }
    }

    private bool Wants(int group, DemoPerson p)
    {
        var roll = random.NextDouble();
        return group switch
        {
            DemoContent.CityGroup => roll < 0.6 || p.Role != UserRole.Member,
            DemoContent.PlateauChapter => p.Area is 0 or 1 && roll < 0.85,
            DemoContent.VerdunChapter => p.Area is 4 or 5 && roll < 0.85,
            DemoContent.Garden => p.Interests.Contains("Gardening") || (p.Area == 2 && roll < 0.4),
            DemoContent.RepairCafe => p.Interests.Contains("Repair") || (p.Skills.Any(s => s is "Carpentry" or "Sewing" or "Electrics" or "ITHelp") && roll < 0.6),
            DemoContent.SingleParents => (p.Interests.Contains("Childcare") || p.Interests.Contains("Parenting")) && roll < 0.8,
            DemoContent.Drivers => p.Skills.Contains("Driving") || (p.Interests.Contains("Cycling") && roll < 0.2),
            DemoContent.FrenchCafe => p.French || (p.Interests.Contains("Languages") && roll < 0.8),
            _ => false,
        };
    }

    private void Join(int group, int actor, GroupRole role, DateTime at, int? invitation = null)
    {
        at = Min(at, End.AddHours(-12));
        memberships.Add((group, actor, at));
        Add(at, r => r.JoinGroupAsync(group, actor, role, invitation));
    }

    private void PlanFollows()
    {
        Follow(Owner, Organization, Start.AddHours(1));
        foreach (var person in People)
        {
            var i = person.Index;
            if (random.NextDouble() < 0.92)
            {
                Follow(i, Organization, person.JoinedAt.AddMinutes(5));
            }
            var inviter = person.Invitation is { } key && key < DemoSeeder.MemberCount + 2 ? key : (int?)null;
            if (inviter is { } who)
            {
                Follow(i, who, person.JoinedAt.AddMinutes(10));
            }
            // A long tail: most follow a handful, a few follow dozens.
            var count = 2 + (int)(Math.Pow(random.NextDouble(), 2.5) * 20);
            for (var n = 0; n < count; n++)
            {
                var target = Pick(popularity);
                if (target != i)
                {
                    Follow(i, target, Between(Max(person.JoinedAt, People[target].JoinedAt), Max(person.JoinedAt, People[target].JoinedAt).AddDays(6)));
                }
            }
        }
        // Some follow back, and the organization follows its staff and coordinators.
        foreach (var (from, to, at) in follows.ToList())
        {
            if (to < DemoSeeder.MemberCount && from < DemoSeeder.MemberCount && random.NextDouble() < 0.25)
            {
                Follow(to, from, at.AddHours(1 + random.Next(48)));
            }
        }
        foreach (var actor in groupOwner.Where(o => o < DemoSeeder.MemberCount).Append(0).Append(1).Distinct())
        {
            Follow(Organization, actor, JoinedAt(actor).AddDays(1));
        }
        foreach (var target in Enumerable.Range(0, 8))
        {
            Follow(Owner, target, JoinedAt(target).AddHours(6));
        }
    }

    private void Follow(int from, int to, DateTime at)
    {
        if (from == to || !followed.Add((from, to)))
        {
            return;
        }
        at = Min(at, End.AddHours(-1));
        follows.Add((from, to, at));
        Add(at, r => r.FollowAsync(from, to));
    }

    private void PlanPosts()
    {
        for (var i = 0; i < DemoContent.OrganizationPosts.Length; i++)
        {
            var at = Min(Start.AddDays(1 + (i * 6.2)).AddHours(9), End.AddHours(-3));
            var text = DemoContent.OrganizationPosts[i];
            AddPost(new DemoPost(posts.Count, Organization, at, text, Audience.Public, "en", PinToProfile: i == 0));
        }
        AddPost(new DemoPost(posts.Count, Organization, groupCreated[DemoContent.CityGroup].AddDays(3), DemoContent.GroupPosts[DemoContent.CityGroup][0],
            Audience.Public, "en", Group: DemoContent.CityGroup, PinInGroup: true));

        for (var n = 0; n < OriginalPosts; n++)
        {
            var author = People[Pick(activity)];
            var earliest = Max(author.JoinedAt.AddHours(3), Start.AddDays(2));
            var at = Daytime(Between(earliest, End.AddMinutes(-30)));
            var groups = memberships.Where(m => m.Actor == author.Index && m.At < at).Select(m => m.Group).Distinct().ToList();
            string text;
            string language = "en";
            int? group = null;
            Audience visibility;
            if (groups.Count > 0 && random.NextDouble() < 0.35)
            {
                var g = groups[random.Next(groups.Count)];
                var choices = DemoContent.GroupPosts[g];
                var index = Draw(choices);
                text = choices[index];
                language = g == DemoContent.FrenchCafe && index != 2 ? "fr" : "en";
                group = g;
                visibility = DemoContent.Groups[g].Visibility == GroupVisibility.Public ? Audience.Public : Audience.MembersOnly;
            }
            else
            {
                var french = author.French && random.NextDouble() < 0.8;
                var choices = french ? DemoContent.FrenchPosts : DemoContent.Posts;
                text = choices[Draw(choices)];
                language = french ? "fr" : "en";
                var roll = random.NextDouble();
                visibility = roll < 0.65 ? Audience.Public : roll < 0.85 ? Audience.MembersOnly : roll < 0.95 ? Audience.Unlisted : Audience.Private;
            }
            var area = DemoContent.Areas[author.Area];
            text = text.Replace("{area}", area.Name, StringComparison.Ordinal).Replace("{areatag}", area.Hashtag, StringComparison.Ordinal);
            if (random.NextDouble() < 0.15)
            {
                var candidates = group is { } g
                    ? GroupReaders(g, at).Where(a => a != author.Index).ToList()
                    : follows.Where(f => f.From == author.Index && f.To < DemoSeeder.MemberCount && f.At < at).Select(f => f.To).ToList();
                if (candidates.Count > 0)
                {
                    var mentioned = People[candidates[random.Next(candidates.Count)]];
                    text += string.Format(CultureInfo.InvariantCulture, DemoContent.Shoutouts[random.Next(DemoContent.Shoutouts.Length)], mentioned.Username);
                }
            }
            AddPost(new DemoPost(posts.Count, author.Index, at, text, visibility, language, group));
        }

        // Conversations: replies from people who can read the post, and sometimes the author answering back.
        foreach (var post in posts.OrderBy(p => p.At).ToList())
        {
            if (post.Visibility == Audience.Private || random.NextDouble() > (post.Author == Organization ? 0.8 : 0.45))
            {
                continue;
            }
            var count = 1 + (random.NextDouble() < 0.4 ? 1 : 0) + (random.NextDouble() < 0.15 ? 1 : 0);
            for (var n = 0; n < count; n++)
            {
                var at = Daytime(post.At.AddMinutes(5 + (Math.Pow(random.NextDouble(), 2) * 2000)));
                var repliers = Readers(post, at).ToList();
                if (at > End.AddMinutes(-2) || repliers.Count == 0)
                {
                    continue;
                }
                var replier = People[repliers[random.Next(repliers.Count)]];
                var french = replier.French && random.NextDouble() < 0.7;
                var replies = french ? DemoContent.FrenchReplies : DemoContent.Replies;
                var text = string.Format(CultureInfo.InvariantCulture, replies[random.Next(replies.Length)], UsernameOf(post.Author));
                var reply = new DemoPost(posts.Count, replier.Index, at, text, post.Visibility, french ? "fr" : "en", post.Group, post.Key);
                AddPost(reply);
                var backAt = at.AddMinutes(10 + random.Next(290));
                if (random.NextDouble() < 0.3 && backAt < End.AddMinutes(-1))
                {
                    var authorFrench = post.Author < DemoSeeder.MemberCount && People[post.Author].French;
                    var thanks = authorFrench ? DemoContent.FrenchThankYous : DemoContent.ThankYous;
                    var answer = string.Format(CultureInfo.InvariantCulture, thanks[random.Next(thanks.Length)], replier.Username);
                    AddPost(new DemoPost(posts.Count, post.Author, backAt, answer, post.Visibility, authorFrench ? "fr" : "en", post.Group, reply.Key));
                }
            }
        }
    }

    private void AddPost(DemoPost post)
    {
        posts.Add(post);
        Add(post.At, r => r.PostAsync(post));
    }

    private void PlanReactions()
    {
        int[] favouriteCounts = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 6];
        foreach (var post in posts.ToList())
        {
            if (post.Visibility == Audience.Private)
            {
                continue;
            }
            var isReply = post.ReplyTo is not null;
            var count = post.Author == Organization && !isReply ? 8 + random.Next(12) : favouriteCounts[random.Next(isReply ? 5 : favouriteCounts.Length)];
            var readers = Readers(post, End.AddMinutes(-1)).Where(a => a != post.Author).ToList();
            foreach (var actor in Sample(readers, Math.Min(count, readers.Count)))
            {
                var at = Max(post.At, Max(JoinedAt(actor), MembershipAt(post.Group, actor))).AddMinutes(2 + random.Next(3 * 24 * 60));
                if (at < End)
                {
                    var key = post.Key;
                    Add(at, r => r.FavouriteAsync(actor, key));
                }
            }
            if (post.Visibility != Audience.Public || isReply)
            {
                continue;
            }
            var boosts = post.Author == Organization ? 2 + random.Next(3) : random.NextDouble() < 0.12 ? 1 + random.Next(2) : 0;
            foreach (var actor in Sample(readers, Math.Min(boosts, readers.Count)))
            {
                var at = Max(post.At, Max(JoinedAt(actor), MembershipAt(post.Group, actor))).AddMinutes(5 + random.Next(2 * 24 * 60));
                if (at < End)
                {
                    var key = post.Key;
                    Add(at, r => r.BoostAsync(actor, key));
                }
            }
        }
    }

    /// <summary>Members who may read <paramref name="post"/> at <paramref name="at"/>: the group's members for a group
    /// post, everyone who has joined otherwise (private posts get no reactions in the plan).</summary>
    private IEnumerable<int> Readers(DemoPost post, DateTime at) =>
        (post.Group is { } g ? GroupReaders(g, at) : People.Where(p => p.JoinedAt < at).Select(p => p.Index)).Where(a => a != post.Author);

    private IEnumerable<int> GroupReaders(int group, DateTime at) =>
        memberships.Where(m => m.Group == group && m.At < at && m.Actor < DemoSeeder.MemberCount).Select(m => m.Actor).Distinct();

    private DateTime MembershipAt(int? group, int actor) =>
        group is { } g ? memberships.Where(m => m.Group == g && m.Actor == actor).Select(m => m.At).DefaultIfEmpty(Start).Min() : Start;

    private string UsernameOf(int actor) => actor < DemoSeeder.MemberCount ? People[actor].Username : organizationUsername;

    private int PickEarlier(int i)
    {
        var weights = popularity.Take(i).ToArray();
        return Pick(weights);
    }

    private int Pick(double[] weights)
    {
        var target = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    private T[] Sample<T>(IReadOnlyList<T> items, int count)
    {
        var copy = items.ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + random.Next(copy.Length - i);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy[..count];
    }

    /// <summary>1/(rank+1)^exponent over the members, ranks shuffled so popularity is not the order of joining.</summary>
    private double[] ZipfWeights(double exponent)
    {
        var ranks = Enumerable.Range(0, DemoSeeder.MemberCount).ToArray();
        random.Shuffle(ranks);
        return ranks.Select(rank => 1.0 / Math.Pow(rank + 1, exponent)).ToArray();
    }

    /// <summary>The next template of a shuffled deck, so a text comes back only once all the others have been used.</summary>
    private int Draw(string[] choices)
    {
        if (!decks.TryGetValue(choices, out var deck) || deck.Count == 0)
        {
            var order = Enumerable.Range(0, choices.Length).ToArray();
            random.Shuffle(order);
            decks[choices] = deck = new Queue<int>(order);
        }
        return deck.Dequeue();
    }

    /// <summary>People in Montréal (UTC−5) post between 7 am and 11 pm: a time in the small hours moves to the morning.</summary>
    private DateTime Daytime(DateTime at)
    {
        var local = at.AddHours(-5);
        var moved = local.Hour < 7 ? at.AddHours(7 - local.Hour).AddMinutes(random.Next(120)) : at;
        return moved < End.AddMinutes(-2) ? moved : at;
    }

    private DateTime Between(DateTime from, DateTime to) =>
        to <= from ? from : from + TimeSpan.FromTicks((long)((to - from).Ticks * random.NextDouble()));

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
