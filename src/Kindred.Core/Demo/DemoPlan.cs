using System.Globalization;
using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Core.Events;
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
    private readonly List<int> vetted = [];
    private readonly Dictionary<int, List<string>> helping = [];

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
        // Drawn last, so the people, groups and posts above stay what they were before the demo had aid and events.
        PlanAid();
        PlanEvents();
    }

    /// <summary>The time zone of the demo city, in which its events are planned.</summary>
    public const string TimeZone = "America/Toronto";

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
                visibility = DemoContent.Groups[g].Visibility == GroupVisibility.Public ? Audience.Public : Audience.Members;
            }
            else
            {
                var french = author.French && random.NextDouble() < 0.8;
                var choices = french ? DemoContent.FrenchPosts : DemoContent.Posts;
                text = choices[Draw(choices)];
                language = french ? "fr" : "en";
                var roll = random.NextDouble();
                visibility = roll < 0.65 ? Audience.Public : roll < 0.85 ? Audience.Members : roll < 0.95 ? Audience.Unlisted : Audience.Private;
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

    /// <summary>
    /// Mutual aid over the last three weeks (ADR 26, 27): the owner appoints a safeguarding lead and vets a few helpers,
    /// helpers opt in to categories with a radius, then the requests and offers of <see cref="DemoContent.AidItems"/>
    /// are posted, matched a minute later (as the matching job would), answered, accepted, fulfilled, thanked or closed.
    /// </summary>
    private void PlanAid()
    {
        var vettingAt = End.AddDays(-20);
        Add(vettingAt.AddHours(-1), r => r.AppointLeadAsync(People[0].Username));
        // People who were around before any of it; the staff member and the moderator stay out of the helpers.
        var early = People.Where(p => p.Index >= 2 && p.JoinedAt < vettingAt.AddDays(-1)).ToList();
        var suited = early.Where(p => p.Skills.Any(s => s is "FirstAid" or "Listening" or "Driving")).ToList();
        foreach (var person in suited.Take(3).Concat(early.Except(suited)).Take(4))
        {
            var (username, at) = (person.Username, vettingAt.AddHours(vetted.Count));
            var checkedOn = DateOnly.FromDateTime(at.AddDays(-5 - vetted.Count));
            vetted.Add(person.Index);
            Add(at, r => r.GrantVettedAsync(username, checkedOn, DemoContent.VettingNote));
        }

        int[] radii = [3, 5, 8, 10, 25];
        foreach (var person in early.Where(p => !vetted.Contains(p.Index)).Take(6).Concat(vetted.Select(v => People[v])))
        {
            var categories = person.Skills.Select(s => DemoContent.HelpingBySkill.GetValueOrDefault(s)).OfType<string>().Append("errands");
            if (vetted.Contains(person.Index))
            {
                categories = categories.Concat(["shelter", "listening", "childcare"]);
            }
            var chosen = categories.Distinct().ToList();
            helping[person.Index] = chosen;
            var radius = vetted.Contains(person.Index) ? 15 : radii[helping.Count % radii.Length];
            var (actor, at) = (person.Index, End.AddDays(-19).AddHours(helping.Count * 3));
            Add(at, r => r.SetHelpingAsync(actor, chosen.Select(c => new AidHelpingChoice(c, radius)).ToList()));
        }

        var authors = new HashSet<int>();
        for (var key = 0; key < DemoContent.AidItems.Length; key++)
        {
            var spec = DemoContent.AidItems[key];
            var created = End.AddDays(-spec.DaysAgo).AddHours(-8 + (key % 4));
            var author = AidAuthor(spec, created, authors);
            authors.Add(author);
            var (k, input) = (key, new AidInput
            {
                Kind = spec.Kind,
                Category = spec.Category,
                Title = spec.Title,
                Description = spec.Description,
                Urgency = spec.Urgency,
                Audience = spec.Audience,
                AnswerPolicy = spec.VettedAnswersOnly ? AidAnswerPolicy.VettedHelpersOnly : AidAnswerPolicy.Anyone,
                Sensitive = spec.Sensitive,
            });
            Add(created, r => r.CreateAidItemAsync(k, author, input, spec.Group));
            Add(created.AddMinutes(1), r => r.MatchAidAsync());
            if (spec.Conversation is not { Length: > 0 } conversation)
            {
                continue;
            }
            var helper = AidHelper(spec, author, created);
            var at = created.AddHours(2).AddMinutes(7 * key);
            Add(at, r => r.AnswerAidAsync(k, helper, conversation[0]));
            for (var n = 1; n < conversation.Length; n++)
            {
                at = at.AddMinutes(40 + (n * 13));
                var (from, text) = (n % 2 == 1 ? author : helper, conversation[n]);
                Add(at, r => r.SendAidMessageAsync(k, from, text));
                if (n == 1 && spec.Fate is DemoAidFate.InProgress or DemoAidFate.Fulfilled)
                {
                    at = at.AddMinutes(5);
                    Add(at, r => r.AcceptAidAsync(k, author));
                }
            }
            if (spec.Fate == DemoAidFate.Fulfilled)
            {
                var done = at.AddDays(2);
                Add(done, r => r.FulfilAidAsync(k, author));
                if (spec.Thanks is { } thanks)
                {
                    Add(done.AddMinutes(10), r => r.ThankAsync(k, author, thanks, spec.ThanksShared > 0));
                    if (spec.ThanksShared > 1)
                    {
                        Add(done.AddHours(3), r => r.ShareThanksAsync(k, helper));
                    }
                }
            }
            else if (spec.Fate == DemoAidFate.Closed)
            {
                Add(created.AddDays(3), r => r.CloseAidAsync(k, author));
            }
        }
    }

    /// <summary>Who posts an item: a member of its group, in its language, not yet the author of another item.</summary>
    private int AidAuthor(DemoAidSpec spec, DateTime at, HashSet<int> taken)
    {
        var candidates = People.Where(p => p.JoinedAt < at.AddDays(-1) && !taken.Contains(p.Index) && p.Index > 1
                && (spec.Group is not { } g || memberships.Any(m => m.Group == g && m.Actor == p.Index && m.At < at)))
            .ToList();
        // Offers come from the people who opted in to help with that; requests rarely from the vetted helpers.
        var preferred = spec.Kind == AidKind.Offer
            ? candidates.Where(p => helping.TryGetValue(p.Index, out var c) && c.Contains(spec.Category)).ToList()
            : candidates.Where(p => !vetted.Contains(p.Index)).ToList();
        var inLanguage = (preferred.Count > 0 ? preferred : candidates).Where(p => p.French == spec.French).ToList();
        var pool = inLanguage.Count > 0 ? inLanguage : preferred.Count > 0 ? preferred : candidates;
        return pool[random.Next(pool.Count)].Index;
    }

    /// <summary>
    /// Who answers: someone who may see and answer the item (its group, a vetted helper where the item asks for one, a
    /// member for more than a week for a sensitive request), preferring those who opted in to its category.
    /// </summary>
    private int AidHelper(DemoAidSpec spec, int author, DateTime at)
    {
        var candidates = People.Where(p => p.Index != author && p.JoinedAt < at.AddDays(-8)
                && (spec.Group is not { } g || memberships.Any(m => m.Group == g && m.Actor == p.Index && m.At < at))
                && (!(spec.VettedAnswersOnly || spec.Audience == AidAudience.VettedHelpers) || vetted.Contains(p.Index)))
            .ToList();
        var opted = candidates.Where(p => helping.TryGetValue(p.Index, out var c) && c.Contains(spec.Category)).ToList();
        var inLanguage = (opted.Count > 0 ? opted : candidates).Where(p => p.French == spec.French).ToList();
        var pool = inLanguage.Count > 0 ? inLanguage : opted.Count > 0 ? opted : candidates;
        return pool[random.Next(pool.Count)].Index;
    }

    /// <summary>
    /// Four events in the demo city's time: the organization's clothing swap (public, in person, more people going than
    /// places, so some wait), the French café's weekly evening (for the group), the online members' meeting, and a
    /// Repair Café ten days ago whose organizer checked people in at the door.
    /// </summary>
    private void PlanEvents()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var today = TimeZoneInfo.ConvertTimeFromUtc(End, zone).Date;
        DateTimeOffset Local(DateTime day, int hour) => new(TimeZoneInfo.ConvertTimeToUtc(day.AddHours(hour), zone), TimeSpan.Zero);
        var saintHenri = DemoContent.Areas[5];

        // 0: the clothing swap in six days; fourteen say they are going to twelve places.
        var swapStart = Local(today.AddDays(6), 13);
        Add(End.AddDays(-9), r => r.CreateEventAsync(0, Organization, new EventInput
        {
            Title = DemoContent.ClothingSwapTitle,
            Description = DemoContent.ClothingSwapDescription,
            StartsAt = swapStart,
            EndsAt = swapStart.AddHours(3),
            TimeZone = TimeZone,
            Mode = EventMode.InPerson,
            PlaceName = DemoContent.ClothingSwapPlace,
            AreaName = saintHenri.Name,
            Latitude = saintHenri.Latitude,
            Longitude = saintHenri.Longitude,
            Capacity = 12,
            Visibility = EventVisibility.Public,
            Questions = [DemoContent.ClothingSwapQuestion],
        }));
        var swappers = Sample(People.Where(p => p.JoinedAt < End.AddDays(-9)).Select(p => p.Index).ToList(), 17);
        for (var i = 0; i < swappers.Length; i++)
        {
            var (actor, response) = (swappers[i], i < 14 ? RsvpResponse.Going : RsvpResponse.Maybe);
            string[]? answers = i % 3 == 0 ? [DemoContent.ClothingSwapAnswers[i / 3 % DemoContent.ClothingSwapAnswers.Length]] : null;
            Add(End.AddDays(-8).AddHours(i * 9), r => r.RsvpAsync(0, actor, new RsvpRequest(response, swapStart, answers)));
        }

        // 1: the café, every Thursday evening for three weeks now, for the group's members.
        var cafe = DemoContent.FrenchCafe;
        var firstThursday = today.AddDays(-20);
        while (firstThursday.DayOfWeek != DayOfWeek.Thursday)
        {
            firstThursday = firstThursday.AddDays(1);
        }
        var cafeStart = Local(firstThursday, 19);
        var cafeOrganizer = groupOwner[cafe];
        var cafeCreated = Max(End.AddDays(-22), groupCreated[cafe].AddHours(2));
        Add(cafeCreated, r => r.CreateEventAsync(1, cafeOrganizer, new EventInput
        {
            Title = DemoContent.CafeTitle,
            Description = DemoContent.CafeDescription,
            StartsAt = cafeStart,
            EndsAt = cafeStart.AddHours(2),
            TimeZone = TimeZone,
            Recurrence = "FREQ=WEEKLY;BYDAY=TH",
            Mode = EventMode.InPerson,
            PlaceName = DemoContent.CafePlace,
            AreaName = DemoContent.Areas[1].Name,
            Visibility = EventVisibility.Group,
        }, cafe));
        var regulars = GroupReaders(cafe, End.AddDays(-2)).Where(a => a != cafeOrganizer).Take(7).ToList();
        for (var i = 0; i < regulars.Count; i++)
        {
            var (actor, response) = (regulars[i], i % 4 == 3 ? RsvpResponse.Maybe : RsvpResponse.Going);
            Add(End.AddDays(-2).AddMinutes(i * 37), r => r.RsvpAsync(1, actor, new RsvpRequest(response)));
        }

        // 2: the online members' meeting in two days.
        var meetingStart = Local(today.AddDays(2), 19);
        Add(End.AddDays(-6), r => r.CreateEventAsync(2, Organization, new EventInput
        {
            Title = DemoContent.MeetingTitle,
            Description = DemoContent.MeetingDescription,
            StartsAt = meetingStart,
            EndsAt = meetingStart.AddMinutes(90),
            TimeZone = TimeZone,
            Mode = EventMode.Online,
            OnlineUrl = DemoContent.MeetingUrl,
            Visibility = EventVisibility.Members,
            Questions = [DemoContent.MeetingQuestion],
        }));
        var attendees = Sample(People.Where(p => p.JoinedAt < End.AddDays(-6)).Select(p => p.Index).ToList(), 10);
        for (var i = 0; i < attendees.Length; i++)
        {
            var (actor, response) = (attendees[i], i < 6 ? RsvpResponse.Going : i < 9 ? RsvpResponse.Maybe : RsvpResponse.NotGoing);
            string[]? answers = i < DemoContent.MeetingAnswers.Length - 1 ? [DemoContent.MeetingAnswers[i]] : null;
            Add(End.AddDays(-5).AddHours(i * 7), r => r.RsvpAsync(2, actor, new RsvpRequest(response, meetingStart, answers)));
        }

        // 3: the Repair Café ten days ago; its organizer checked in most of those who came.
        var repair = DemoContent.RepairCafe;
        var repairStart = Local(today.AddDays(-10), 13);
        var repairOrganizer = groupOwner[repair];
        var repairCreated = Max(End.AddDays(-21), groupCreated[repair].AddHours(2));
        Add(repairCreated, r => r.CreateEventAsync(3, repairOrganizer, new EventInput
        {
            Title = DemoContent.RepairTitle,
            Description = DemoContent.RepairDescription,
            StartsAt = repairStart,
            EndsAt = repairStart.AddHours(3),
            TimeZone = TimeZone,
            Mode = EventMode.InPerson,
            PlaceName = DemoContent.RepairPlace,
            AreaName = DemoContent.Areas[2].Name,
            Visibility = EventVisibility.Public,
        }, repair));
        var rsvpAt = repairStart.UtcDateTime.AddDays(-3);
        var fixers = GroupReaders(repair, rsvpAt.AddDays(-1)).Where(a => a != repairOrganizer).Take(8).ToList();
        for (var i = 0; i < fixers.Count; i++)
        {
            var actor = fixers[i];
            Add(rsvpAt.AddHours(i * 5), r => r.RsvpAsync(3, actor, new RsvpRequest(RsvpResponse.Going, repairStart)));
            if (i < 6)
            {
                Add(repairStart.UtcDateTime.AddMinutes(20 + (i * 9)), r => r.CheckInAsync(3, repairOrganizer, actor, repairStart));
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
