using System.Diagnostics;
using System.Security.Cryptography;
using Kindred.Core.Accounts;
using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Core.Groups;
using Kindred.Core.Invitations;
using Kindred.Core.Organizations;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Demo;

/// <summary>
/// Fills an empty, set-up server with a demo community for evaluation (ADR 26): the organization's account, sixty
/// members in six neighbourhoods of Montréal, groups (a city group with two local chapters, a members-only circle with
/// approval and questions, a secret one), follows, posts, replies, mentions, hashtags, favourites, boosts and
/// invitations with referral chains, over the last six weeks.
/// <para>
/// The plan is drawn from one fixed seed, so every run makes the same people, groups and counts. It then runs in time
/// order through the real services (accounts, profiles, follows, groups, invitations, posts, favourites, boosts), each
/// built with a <see cref="DemoClock"/> set to the planned moment, so timestamps, home feeds and notifications are what
/// members would have left.
/// Everything happens in one transaction: a failure leaves the server as it was.
/// </para>
/// </summary>
public sealed class DemoSeeder(IServiceProvider services, KindredDbContext db, UserManager<User> users, TimeProvider time)
{
    public const int Seed = 20_261_126;
    public const int MemberCount = 60;
    public const string EmailDomain = "demo.example.org";

    private const int Organization = DemoPlan.Organization;
    private const int Owner = DemoPlan.Owner;
    private const string PasswordAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    private static readonly TimeSpan History = TimeSpan.FromDays(42);

    /// <summary>Whether the server has nothing a demo could disturb: at most the setup owner (and the organization's
    /// account), and no posts, groups or follows.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken ct = default) =>
        await db.Accounts.CountAsync(a => !db.Organizations.Any(o => o.AccountId == a.Id), ct) <= 1
        && !await db.Statuses.AnyAsync(ct)
        && !await db.Groups.AnyAsync(ct)
        && !await db.Follows.AnyAsync(ct)
        && !await db.AidItems.AnyAsync(ct)
        && !await db.Events.AnyAsync(ct);

    /// <summary>Refuses a member password the sign-in rules would refuse, before anything is written.</summary>
    public async Task CheckPasswordAsync(string? memberPassword)
    {
        if (memberPassword is not null)
        {
            await HashAsync(memberPassword);
        }
    }

    /// <param name="baseUrl">This server's address, for the links of mentions and hashtags.</param>
    /// <param name="memberPassword">The one password of every demo member; a random one when null.</param>
    public async Task<DemoSeedResult> SeedAsync(string baseUrl, string? memberPassword = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(ct)
            ?? throw KindredException.Conflict("Set the server up first (the setup page or the setup command); the demo community joins its organization.");
        var password = memberPassword ?? "demo-" + RandomNumberGenerator.GetString(PasswordAlphabet, 10);
        var passwordHash = await HashAsync(password);

        // The plan ends at the last 02:00 UTC (9 pm in Montréal) rather than now, so its times of day, and with them
        // everything planned after them, are the same on every run (DemoPlan.Daytime keeps posts in waking hours).
        var now = time.UtcNow();
        var end = now.Date.AddHours(2) <= now ? now.Date.AddHours(2) : now.Date.AddHours(-22);
        var clock = new DemoClock(end - History);
        var accounts = ActivatorUtilities.CreateInstance<AccountService>(services, clock);
        var profiles = ActivatorUtilities.CreateInstance<ProfileService>(services, clock);
        var relationships = ActivatorUtilities.CreateInstance<RelationshipService>(services, clock);
        var statuses = ActivatorUtilities.CreateInstance<StatusService>(services, clock);
        // Members found the demo's interest groups, as on a server with the default setting, whatever this one says.
        var groups = ActivatorUtilities.CreateInstance<GroupService>(services, clock, Options.Create(new GroupsOptions()));
        var invitations = ActivatorUtilities.CreateInstance<InvitationService>(services, clock);
        // Aid and events with their default options too, so a server's stricter settings (longer new-member days, staff
        // only events) cannot make the demo's planned answers and events fail half-way.
        var aidResponses = ActivatorUtilities.CreateInstance<AidResponseService>(services, clock, Options.Create(new AidResponseOptions()));
        var matching = ActivatorUtilities.CreateInstance<AidMatching>(services, clock, Options.Create(new AidSafeguardingOptions()));
        var events = ActivatorUtilities.CreateInstance<EventService>(services, clock, statuses, Options.Create(new EventsOptions()));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await IsEmptyAsync(ct))
        {
            throw KindredException.Conflict("This server already has members or posts. The demo community only goes into an empty server, so that nothing real is mixed with it.");
        }
        var owner = await db.Users.Include(u => u.Account).Where(u => u.Role == UserRole.Owner).OrderBy(u => u.Id).FirstOrDefaultAsync(ct)
            ?? throw KindredException.Conflict("Set the server up first; the demo community needs its owner.");
        // The demo speaks through the organization's own account made at setup (ADR 55), which nobody signs in to.
        var organizationAccountId = await services.GetRequiredService<OrganizationAccounts>().EnsureAsync(ct)
            ?? throw KindredException.Conflict("Set the server up first; the demo community needs the organization's account.");
        var organizationUsername = await db.Accounts.Where(a => a.Id == organizationAccountId).Select(a => a.Username).FirstAsync(ct);

        var plan = new DemoPlan(new Random(Seed), end - History, end, organizationUsername);
        var run = new Runner(baseUrl, ct)
        {
            Accounts = accounts,
            Profiles = profiles,
            Relationships = relationships,
            Statuses = statuses,
            Groups = groups,
            Invitations = invitations,
            Aid = ActivatorUtilities.CreateInstance<AidService>(services, clock),
            AidResponses = aidResponses,
            AidRoles = ActivatorUtilities.CreateInstance<AidRoleService>(services, clock),
            AidHelping = ActivatorUtilities.CreateInstance<AidHelpingService>(services, clock),
            AidMatching = matching,
            Events = events,
            Clock = clock,
            Db = db,
            PasswordHash = passwordHash,
            OrganizationName = organization.Name,
            OrganizationDescription = organization.Description,
            OrganizationArea = organization.AreaName,
            OrganizationUsername = organizationUsername,
        };
        run.Ids[Owner] = owner.Id;
        run.Ids[Organization] = organizationAccountId;
        // The community has existed for six weeks, so its owner has too (the setup page ran a moment ago).
        owner.CreatedAt = owner.Account.CreatedAt = plan.Start.AddHours(-1);
        owner.ApprovedAt = owner.CreatedAt;
        await db.SaveChangesAsync(ct);
        await db.Organizations.ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedAt, plan.Start.AddHours(-1)), ct);

        foreach (var step in plan.Steps.OrderBy(s => s.At).ThenBy(s => s.Order))
        {
            clock.Now = step.At;
            await step.Run(run);
            // Each action loads what it needs; an ever-growing change tracker would make every save slower.
            db.ChangeTracker.Clear();
        }
        var result = new DemoSeedResult(
            organizationUsername,
            password,
            plan.MostActive(3),
            MemberCount,
            await db.Groups.CountAsync(ct),
            await db.Follows.CountAsync(ct),
            await db.Statuses.CountAsync(s => s.ReblogOfId == null, ct),
            await db.Invitations.CountAsync(ct),
            await db.AidItems.CountAsync(ct),
            await db.Events.CountAsync(ct),
            TimeSpan.Zero);
        await transaction.CommitAsync(ct);
        return result with { Elapsed = watch.Elapsed };
    }

    private async Task<string> HashAsync(string password)
    {
        var probe = new User { UserName = "demo" };
        foreach (var validator in users.PasswordValidators)
        {
            AccountService.ThrowIfFailed(await validator.ValidateAsync(users, probe, password), "password");
        }
        return users.PasswordHasher.HashPassword(probe, password);
    }

    /// <summary>What the steps of the plan act on: the services, the ids made so far, and the server's address.</summary>
    internal sealed class Runner(string baseUrl, CancellationToken ct)
    {
        public required AccountService Accounts { get; init; }
        public required ProfileService Profiles { get; init; }
        public required RelationshipService Relationships { get; init; }
        public required StatusService Statuses { get; init; }
        public required GroupService Groups { get; init; }
        public required InvitationService Invitations { get; init; }
        public required AidService Aid { get; init; }
        public required AidResponseService AidResponses { get; init; }
        public required AidRoleService AidRoles { get; init; }
        public required AidHelpingService AidHelping { get; init; }
        public required AidMatching AidMatching { get; init; }
        public required EventService Events { get; init; }
        public required DemoClock Clock { get; init; }
        public required KindredDbContext Db { get; init; }
        public required string PasswordHash { get; init; }
        public required string OrganizationName { get; init; }
        public required string OrganizationDescription { get; init; }
        public required string? OrganizationArea { get; init; }
        public required string OrganizationUsername { get; init; }

        /// <summary>Account ids by actor: members 0–59, then the organization, then the owner.</summary>
        public long[] Ids { get; } = new long[MemberCount + 2];
        public long[] GroupIds { get; } = new long[DemoContent.Groups.Length];

        /// <summary>Each group's owner's account id: the one who lets people in and gives roles.</summary>
        public long[] GroupOwnerIds { get; } = new long[DemoContent.Groups.Length];
        public Dictionary<int, Invitation> InvitationsByKey { get; } = [];
        public Dictionary<int, long> StatusIds { get; } = [];
        public Dictionary<int, long> AidItemIds { get; } = [];

        /// <summary>The one answer of each demo aid item that has a conversation, by item key.</summary>
        public Dictionary<int, long> AidResponseIds { get; } = [];
        public Dictionary<int, long> EventIds { get; } = [];

        public async Task CreateOrganizationAsync()
        {
            // The account exists since setup; it joins the community's history at this step.
            var user = await Db.Users.Include(u => u.Account).FirstAsync(u => u.Id == Ids[Organization], ct);
            user.CreatedAt = user.Account.CreatedAt = Clock.Now;
            user.ApprovedAt = user.CreatedAt;
            var name = OrganizationName.Length > ProfileService.MaxDisplayName ? OrganizationName[..ProfileService.MaxDisplayName] : OrganizationName;
            var note = OrganizationDescription.Length is > 0 and <= ProfileService.MaxNote ? OrganizationDescription : DemoContent.OrganizationDescription;
            using var avatar = DemoAvatars.Draw(Seed);
            await Profiles.UpdateAsync(user.Id, new ProfileUpdate
            {
                DisplayName = name,
                Note = note,
                AreaName = OrganizationArea ?? DemoContent.OrganizationArea,
                AreaVisibility = ProfileVisibility.Public,
                Interests = ["MutualAid", "Volunteering", "Community"],
                Avatar = avatar,
            }, ct);
        }

        public async Task CreateMemberAsync(DemoPerson person)
        {
            var invitation = person.Invitation is { } inviter ? InvitationsByKey[inviter] : null;
            var user = await Accounts.CreateUserWithPasswordHashAsync(
                new NewUser(person.Username, $"{person.Username}@{EmailDomain}", "", person.Role, person.French ? "fr" : "en"), PasswordHash,
                invitation, ct);
            if (invitation is not null)
            {
                await Invitations.UseForNewAccountAsync(invitation, user.Id, ct);
            }
            Ids[person.Index] = user.Id;
            var area = DemoContent.Areas[person.Area];
            using var avatar = person.Index % 5 == 4 ? null : DemoAvatars.Draw(Seed + person.Index + 1);
            await Profiles.UpdateAsync(user.Id, new ProfileUpdate
            {
                DisplayName = person.DisplayName,
                Note = person.Bio,
                AreaName = area.Name,
                Latitude = person.Latitude,
                Longitude = person.Longitude,
                AreaVisibility = person.Index % 3 == 0 ? ProfileVisibility.Public : ProfileVisibility.Members,
                Interests = person.Interests,
                Skills = person.Skills,
                Avatar = avatar,
            }, ct);
        }

        public Task FollowAsync(int follower, int target) => Relationships.FollowAsync(Ids[follower], Ids[target], ct: ct);

        public async Task CreateGroupAsync(int group, int owner)
        {
            var spec = DemoContent.Groups[group];
            (double Lat, double Lon)? centre = spec.Area is { } area
                ? (DemoContent.Areas[area].Latitude, DemoContent.Areas[area].Longitude)
                : spec.RadiusKm is not null ? (45.5088, -73.5878) : null;
            var created = await Groups.CreateAsync(Ids[owner], new GroupInput
            {
                Name = spec.Name,
                Slug = spec.Slug,
                Description = spec.Description,
                Rules = spec.Rules,
                Kind = spec.Kind,
                Visibility = spec.Visibility,
                JoinPolicy = spec.JoinPolicy,
                Tags = spec.Tags,
                Questions = spec.Questions,
                AreaName = spec.Area is { } a ? DemoContent.Areas[a].Name : spec.RadiusKm is not null ? DemoContent.OrganizationArea : null,
                Latitude = centre?.Lat,
                Longitude = centre?.Lon,
                RadiusKm = spec.RadiusKm,
                ParentId = spec.Parent is { } parent ? GroupIds[parent] : null,
            }, ct);
            GroupIds[group] = created.Id;
            GroupOwnerIds[group] = Ids[owner];
        }

        /// <summary>
        /// Joins as a member would: by the invitation they were sent, or by the group's join policy (an approval group's
        /// owner accepts the request; an invitation-only group's owner sends a single-use invitation first). Then the
        /// owner gives the planned role.
        /// </summary>
        public async Task JoinGroupAsync(int group, int actor, GroupRole role, int? invitation)
        {
            var spec = DemoContent.Groups[group];
            var (groupId, accountId, ownerId) = (GroupIds[group], Ids[actor], GroupOwnerIds[group]);
            if (invitation is { } key)
            {
                await Invitations.AcceptAsync(accountId, InvitationsByKey[key].Code, ct);
            }
            else if (spec.JoinPolicy == GroupJoinPolicy.InviteOnly)
            {
                var sent = await Invitations.CreateAsync(ownerId, new NewInvitation(1, null, Note: "Welcome to the team", GroupId: groupId), ct);
                await Invitations.AcceptAsync(accountId, sent.Code, ct);
            }
            else
            {
                var answers = spec.Questions is { Length: > 0 } ? DemoContent.RequestAnswers[actor % DemoContent.RequestAnswers.Length].Split('|') : null;
                var relationship = await Groups.JoinAsync(accountId, groupId, rulesAccepted: true, answers, ct);
                if (relationship.Requested)
                {
                    await Groups.AuthorizeRequestAsync(ownerId, groupId, accountId, ct);
                }
            }
            if (role != GroupRole.Member)
            {
                await Groups.SetRoleAsync(ownerId, groupId, [accountId], role, ct: ct);
            }
        }

        public Task RequestToJoinAsync(int group, int actor, string[] answers) => Groups.JoinAsync(Ids[actor], GroupIds[group], rulesAccepted: true, answers, ct);

        public async Task CreateInvitationAsync(DemoInvitation invitation)
        {
            TimeSpan? expiresIn = invitation.ExpiresAt is { } at ? at - Clock.Now : null;
            var created = await Invitations.CreateAsync(Ids[invitation.CreatedBy], new NewInvitation(
                invitation.MaxUses, expiresIn, invitation.Note, invitation.Email, GroupId: invitation.Group is { } g ? GroupIds[g] : null), ct);
            if (invitation.Revoked)
            {
                await Invitations.RevokeAsync(Ids[invitation.CreatedBy], created.Id, ct);
            }
            InvitationsByKey[invitation.Key] = created;
        }

        public async Task PostAsync(DemoPost post)
        {
            var status = await Statuses.CreateAsync(Ids[post.Author], new NewStatus(
                post.Text, baseUrl, post.Visibility, Language: post.Language,
                InReplyToId: post.ReplyTo is { } parent ? StatusIds[parent] : null,
                GroupId: post.Group is { } group ? GroupIds[group] : null), ct);
            StatusIds[post.Key] = status.Id;
            if (post.PinInGroup && post.Group is { } pinned)
            {
                await Groups.PinStatusAsync(GroupOwnerIds[pinned], GroupIds[pinned], status.Id, ct);
            }
            if (post.PinToProfile)
            {
                await Statuses.PinAsync(Ids[post.Author], status.Id, ct);
            }
        }

        public Task FavouriteAsync(int actor, int post) => Statuses.FavouriteAsync(Ids[actor], StatusIds[post], ct);

        public Task BoostAsync(int actor, int post) => Statuses.ReblogAsync(Ids[actor], StatusIds[post], ct);

        public Task AppointLeadAsync(string username) => AidRoles.SetLeadAsync(Ids[Owner], username, lead: true, ct);

        public Task GrantVettedAsync(string username, DateOnly checkedOn, string note) => AidRoles.GrantAsync(Ids[Owner], username, checkedOn, note, ct);

        public Task SetHelpingAsync(int actor, IReadOnlyList<AidHelpingChoice> choices) => AidHelping.SetAsync(Ids[actor], choices, ct);

        public async Task CreateAidItemAsync(int key, int actor, AidInput input, int? group)
        {
            var item = await Aid.CreateAsync(Ids[actor], group is { } g ? input with { GroupId = GroupIds[g] } : input, ct);
            AidItemIds[key] = item.Id;
        }

        /// <summary>One pass of the matching job, as the server runs it every few seconds: new items tell their matches.</summary>
        public Task MatchAidAsync() => AidMatching.RunAsync(ct);

        public async Task AnswerAidAsync(int key, int actor, string text) =>
            AidResponseIds[key] = (await AidResponses.AnswerAsync(Ids[actor], AidItemIds[key], text, ct)).Id;

        public Task SendAidMessageAsync(int key, int actor, string text) => AidResponses.SendAsync(Ids[actor], AidResponseIds[key], text, ct);

        public Task AcceptAidAsync(int key, int owner) => AidResponses.AcceptAsync(Ids[owner], AidResponseIds[key], ct);

        public Task FulfilAidAsync(int key, int owner) => AidResponses.FulfilAsync(Ids[owner], AidItemIds[key], ct);

        public Task ThankAsync(int key, int owner, string text, bool share) => AidResponses.ThankAsync(Ids[owner], AidResponseIds[key], text, share, ct);

        public Task ShareThanksAsync(int key, int helper) => AidResponses.ShareThanksAsync(Ids[helper], AidResponseIds[key], share: true, ct);

        public Task CloseAidAsync(int key, int owner) => Aid.CloseAsync(Ids[owner], AidItemIds[key], ct);

        public async Task CreateEventAsync(int key, int organizer, EventInput input, int? group = null)
        {
            var created = await Events.CreateAsync(Ids[organizer], input with
            {
                GroupId = group is { } g ? GroupIds[g] : null,
                BaseUrl = baseUrl,
            }, ct);
            EventIds[key] = created.Id;
        }

        public Task RsvpAsync(int key, int actor, RsvpRequest request) => Events.RsvpAsync(Ids[actor], EventIds[key], request, ct);

        public Task CheckInAsync(int key, int organizer, int actor, DateTimeOffset occurrence) =>
            Events.CheckInAsync(Ids[organizer], EventIds[key], Ids[actor], occurrence, ct: ct);
    }
}
