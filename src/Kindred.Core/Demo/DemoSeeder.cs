using System.Diagnostics;
using System.Security.Cryptography;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.Core.Demo;

/// <summary>
/// Fills an empty, set-up server with a demo community for evaluation (ADR 26): the organization's account, sixty
/// members in six neighbourhoods of Montréal, groups (a city group with two local chapters, a members-only circle with
/// approval and questions, a secret one), follows, posts, replies, mentions, hashtags, favourites, boosts and
/// invitations with referral chains, over the last six weeks.
/// <para>
/// The plan is drawn from one fixed seed, so every run makes the same people, groups and counts. It then runs in time
/// order through the real services (accounts, profiles, follows, posts, favourites, boosts), each built with a
/// <see cref="DemoClock"/> set to the planned moment, so timestamps, home feeds and notifications are what members
/// would have left. Groups and invitations go through <see cref="DemoDirectWrites"/> until their services exist.
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

    /// <summary>Whether the server has nothing a demo could disturb: at most the setup owner, and no posts, groups or follows.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken ct = default) =>
        await db.Accounts.CountAsync(ct) <= 1
        && !await db.Statuses.AnyAsync(ct)
        && !await db.Groups.AnyAsync(ct)
        && !await db.Follows.AnyAsync(ct);

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
        var direct = ActivatorUtilities.CreateInstance<DemoDirectWrites>(services, clock);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await IsEmptyAsync(ct))
        {
            throw KindredException.Conflict("This server already has members or posts. The demo community only goes into an empty server, so that nothing real is mixed with it.");
        }
        var owner = await db.Users.Include(u => u.Account).OrderBy(u => u.Id).FirstOrDefaultAsync(ct)
            ?? throw KindredException.Conflict("Set the server up first; the demo community needs its owner.");
        var organizationUsername = await OrganizationUsernameAsync(organization.Name, ct);

        var plan = new DemoPlan(new Random(Seed), end - History, end, organizationUsername);
        var run = new Runner(baseUrl, ct)
        {
            Accounts = accounts,
            Profiles = profiles,
            Relationships = relationships,
            Statuses = statuses,
            Direct = direct,
            PasswordHash = passwordHash,
            OrganizationName = organization.Name,
            OrganizationDescription = organization.Description,
            OrganizationArea = organization.AreaName,
            OrganizationUsername = organizationUsername,
        };
        run.Ids[Owner] = owner.Id;
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

    /// <summary>The organization's account takes its name: "Neighbours Together" is @neighbourstogether.</summary>
    private async Task<string> OrganizationUsernameAsync(string name, CancellationToken ct)
    {
        var letters = new string(TagNames.Normalize(name).Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_').ToArray());
        var candidate = letters.Length == 0 ? "community" : letters[..Math.Min(letters.Length, 24)];
        try
        {
            candidate = Usernames.Validate(candidate);
        }
        catch (KindredException)
        {
            candidate = "community";
        }
        var normalized = Usernames.Normalize(candidate);
        return await db.Accounts.AnyAsync(a => a.UsernameNormalized == normalized, ct) ? candidate + "_team" : candidate;
    }

    /// <summary>What the steps of the plan act on: the services, the ids made so far, and the server's address.</summary>
    internal sealed class Runner(string baseUrl, CancellationToken ct)
    {
        public required AccountService Accounts { get; init; }
        public required ProfileService Profiles { get; init; }
        public required RelationshipService Relationships { get; init; }
        public required StatusService Statuses { get; init; }
        public required DemoDirectWrites Direct { get; init; }
        public required string PasswordHash { get; init; }
        public required string OrganizationName { get; init; }
        public required string OrganizationDescription { get; init; }
        public required string? OrganizationArea { get; init; }
        public required string OrganizationUsername { get; init; }

        /// <summary>Account ids by actor: members 0–59, then the organization, then the owner.</summary>
        public long[] Ids { get; } = new long[MemberCount + 2];
        public long[] GroupIds { get; } = new long[DemoContent.Groups.Length];
        public Dictionary<int, long> InvitationIds { get; } = [];
        public Dictionary<int, long> StatusIds { get; } = [];

        public async Task CreateOrganizationAsync()
        {
            var user = await Accounts.CreateUserWithPasswordHashAsync(
                new NewUser(OrganizationUsername, $"{OrganizationUsername}@{EmailDomain}", "", UserRole.Staff), PasswordHash, ct);
            Ids[Organization] = user.Id;
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
            var user = await Accounts.CreateUserWithPasswordHashAsync(
                new NewUser(person.Username, $"{person.Username}@{EmailDomain}", "", person.Role, person.French ? "fr" : "en"), PasswordHash, ct);
            Ids[person.Index] = user.Id;
            if (person.Invitation is { } inviter)
            {
                await Direct.RecordInvitationUseAsync(user.Id, InvitationIds[inviter], signUp: true, ct);
            }
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
            GroupIds[group] = await Direct.CreateGroupAsync(spec, Ids[owner], spec.Parent is { } parent ? GroupIds[parent] : null, ct);
        }

        public async Task JoinGroupAsync(int group, int actor, GroupRole role, int? invitation)
        {
            long? invitationId = invitation is { } i ? InvitationIds[i] : null;
            await Direct.AddMemberAsync(GroupIds[group], Ids[actor], role, invitationId, ct);
            if (invitationId is { } used)
            {
                await Direct.RecordInvitationUseAsync(Ids[actor], used, signUp: false, ct);
            }
        }

        public Task RequestToJoinAsync(int group, int actor, string[] answers) => Direct.RequestToJoinAsync(GroupIds[group], Ids[actor], answers, ct);

        public async Task CreateInvitationAsync(DemoInvitation invitation)
        {
            InvitationIds[invitation.Key] = await Direct.CreateInvitationAsync(
                Ids[invitation.CreatedBy], invitation.Email, invitation.Note, invitation.MaxUses, invitation.ExpiresAt,
                invitation.Group is { } g ? GroupIds[g] : null, invitation.Revoked, ct);
        }

        public async Task PostAsync(DemoPost post)
        {
            var status = await Statuses.CreateAsync(Ids[post.Author], new NewStatus(
                post.Text, baseUrl, post.Visibility, Language: post.Language,
                InReplyToId: post.ReplyTo is { } parent ? StatusIds[parent] : null), ct);
            StatusIds[post.Key] = status.Id;
            if (post.Group is { } group)
            {
                await Direct.FileInGroupAsync(status.Id, GroupIds[group], post.PinInGroup, ct);
            }
            if (post.PinToProfile)
            {
                await Statuses.PinAsync(Ids[post.Author], status.Id, ct);
            }
        }

        public Task FavouriteAsync(int actor, int post) => Statuses.FavouriteAsync(Ids[actor], StatusIds[post], ct);

        public Task BoostAsync(int actor, int post) => Statuses.ReblogAsync(Ids[actor], StatusIds[post], ct);
    }
}
