using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Kindred.Core.Common;
using Kindred.Core.Deletion;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Events;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.IntegrationTests.Deletion;

/// <summary>
/// Deleting an account (ADR 70): confirmed on /settings/delete, cancelled by signing in during the grace period, then
/// erased by a job that leaves no row or file of the member but the documented anonymous remains.
/// </summary>
public abstract class AccountDeletionTests(DeletionApp app)
{
    /// <summary>Tables that may still hold the deleted member's id, and why (ADR 70): the jobs table holds the deletion
    /// job itself until the cleanup removes done jobs; audit entries are kept for their retention period.</summary>
    private static readonly HashSet<string> DocumentedExceptions = [nameof(Job), nameof(AuditEntry)];

    private async Task<HttpClient> SignedInAsync(string username, string password = KindredApp.Password)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, password);
        return browser;
    }

    private static Task<HttpResponseMessage> RequestDeletionAsync(HttpClient browser, string password, string? code = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Password"] = password };
        if (code is not null)
        {
            fields["Input.Code"] = code;
        }
        return Html.PostFormAsync(browser, "/settings/delete", "delete-account", fields);
    }

    private Task<DateTime?> DueAsync(long userId) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.DeletionDueAt).FirstOrDefaultAsync());

    /// <summary>Moves the grace period's end into the past and runs the deletion jobs that are then due.</summary>
    private async Task<int> RunDeletionAsync(long userId)
    {
        var past = DateTime.UtcNow.AddMinutes(-1);
        await app.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == userId && u.DeletionDueAt != null).ExecuteUpdateAsync(s => s.SetProperty(u => u.DeletionDueAt, past));
            // Only this member's job: the other tests of the class share the database.
            var payload = System.Text.Json.JsonSerializer.Serialize(new AccountDeletionPayload(userId));
            await db.Jobs.Where(j => j.Kind == AccountDeletionJob.Kind && j.State == JobState.Pending && j.Payload == payload).ExecuteUpdateAsync(s => s.SetProperty(j => j.RunAt, past));
        });
        return await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync([AccountDeletionJob.Kind]));
    }

    private string MediaPath(string relative) => Path.Combine(app.DataDirectory, "media", relative);

    [Fact]
    public async Task DeletionLeavesNoRowOrFileOfTheMemberButTheDocumentedAnonymousRemains()
    {
        var ana = await app.CreateUserAsync("dl_ana");
        var bob = await app.CreateUserAsync("dl_bob");
        var staff = await app.CreateUserAsync("dl_staff", UserRole.Staff);
        var anaToken = await app.TokenAsync("dl_ana");
        var bobToken = await app.TokenAsync("dl_bob");

        // A profile picture and a post with an image.
        Directory.CreateDirectory(MediaPath("avatars"));
        var avatar = $"avatars/{ana.Id}-0123456789abcdef.png";
        await File.WriteAllBytesAsync(MediaPath(avatar), TestImages.Png());
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == ana.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.AvatarFile, avatar)));
        var upload = new MultipartFormDataContent();
        var image = new ByteArrayContent(TestImages.Png(80, 60));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        upload.Add(image, "file", "p.png");
        var media = await KindredApp.Json(await app.Api(anaToken).PostAsync("/api/v2/media", upload), HttpStatusCode.OK);
        var mediaId = media.GetProperty("id").GetString()!;
        var posted = await KindredApp.Json(await app.Api(anaToken).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(
            [new("status", "Our garden today"), new("media_ids[]", mediaId), new("visibility", "public")])), HttpStatusCode.OK);
        var files = await app.WithDbAsync(db => db.MediaAttachments.Where(m => m.AccountId == ana.Id).Select(m => new[] { m.File, m.ThumbnailFile }).ToListAsync());
        var anaFiles = files.SelectMany(f => f).Append(avatar).ToList();
        Assert.All(anaFiles, f => Assert.True(File.Exists(MediaPath(f)), f));

        // Relationships, reactions, lists, notifications, a private conversation, a group, aid, events, staff notes.
        var bobPost = await app.PostStatusAsync(bobToken, "Soup on Sunday");
        var bobPostId = bobPost.GetProperty("id").GetString()!;
        await KindredApp.Json(await app.Api(anaToken).PostAsync($"/api/v1/accounts/{bob.Id}/follow", null), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(bobToken).PostAsync($"/api/v1/accounts/{ana.Id}/follow", null), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(anaToken).PostAsync($"/api/v1/statuses/{bobPostId}/favourite", null), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(anaToken).PostAsync($"/api/v1/statuses/{bobPostId}/bookmark", null), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(bobToken).PostAsync($"/api/v1/statuses/{posted.GetProperty("id").GetString()}/reblog", null), HttpStatusCode.OK);
        var list = await KindredApp.Json(await app.Api(anaToken).PostAsync("/api/v1/lists", new FormUrlEncodedContent([new("title", "Neighbours")])), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(anaToken).PostAsync($"/api/v1/lists/{list.GetProperty("id").GetString()}/accounts",
            new FormUrlEncodedContent([new("account_ids[]", bob.Id.ToString(CultureInfo.InvariantCulture))])), HttpStatusCode.OK);
        var group = await TestGroups.CreateAsync(app, "dl-garden", GroupVisibility.Public, ana.Id);
        await TestGroups.JoinAsync(app, group.Id, bob.Id);
        await app.WithServicesAsync(s => s.GetRequiredService<Kindred.Core.Aid.AidService>().CreateAsync(ana.Id, new Kindred.Core.Aid.AidInput
        {
            Kind = AidKind.Request,
            Category = "childcare",
            Title = "Someone to fetch my son",
            Description = "Tuesdays.",
            Audience = AidAudience.Members,
            ClearLocation = true,
        }));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-10));
        var past = await EventFixtures.CreateAsync(app, staff.Id, EventFixtures.InPerson("Litter pick", DateTime.UtcNow.AddDays(-5)), clock);
        await EventFixtures.RsvpAsync(app, ana.Id, past.Id, RsvpResponse.Going, clock: clock);
        var coming = await EventFixtures.CreateAsync(app, ana.Id, EventFixtures.InPerson("Seed swap", DateTime.UtcNow.AddDays(5)));
        await EventFixtures.RsvpAsync(app, bob.Id, coming.Id, RsvpResponse.Going);
        var upcoming = await EventFixtures.CreateAsync(app, staff.Id, EventFixtures.InPerson("Repair café", DateTime.UtcNow.AddDays(3)));
        await EventFixtures.RsvpAsync(app, ana.Id, upcoming.Id, RsvpResponse.Going);
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.StaffNotes.Add(new StaffNote { Id = Snowflake.NewId(now), AccountId = ana.Id, AuthorId = staff.Id, Text = "Prefers mornings", CreatedAt = now });
            db.StaffNotes.Add(new StaffNote { Id = Snowflake.NewId(now), AccountId = bob.Id, AuthorId = ana.Id, Text = "Met at the fair", CreatedAt = now });
            db.SavedReplies.Add(new SavedReply { Id = Snowflake.NewId(now), Title = "Opening hours", Text = "We are open 9 to 5.", AuthorId = ana.Id, CreatedAt = now });
            db.Invitations.Add(new Invitation { Id = Snowflake.NewId(now), Code = "dl-invite-code", CreatedById = ana.Id, Email = "friend@example.org", Message = "Join us", CreatedAt = now });
            // Moderators' notes about her go with her; one she wrote about bob stays without its author (ADR 73), as do
            // the sign-up lists she once changed.
            db.ModeratorNotes.Add(new ModeratorNote { Id = Snowflake.NewId(now), AccountId = ana.Id, AuthorId = staff.Id, Text = "Watch the links", CreatedAt = now });
            db.ModeratorNotes.Add(new ModeratorNote { Id = Snowflake.NewId(now), AccountId = bob.Id, AuthorId = ana.Id, Text = "Warned once", CreatedAt = now });
            db.EmailDomainBlocks.Add(new EmailDomainBlock { Id = Snowflake.NewId(now), Domain = "dl-spam.example", CreatedAt = now, CreatedById = ana.Id });
            db.SignUpIpRules.Add(new SignUpIpRule { Id = Snowflake.NewId(now), Network = "192.0.2.0/24", Severity = SignUpIpSeverity.Refused, CreatedAt = now, CreatedById = ana.Id });
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == ana.Id).ExecuteUpdateAsync(x => x.SetProperty(u => u.SignUpIp, "198.51.100.99"));
        });

        var anaBrowser = await SignedInAsync("dl_ana");
        var sent = await Html.PostFormAsync(anaBrowser, "/messages", "new-message", new Dictionary<string, string> { ["Input.Recipient"] = "@dl_bob", ["Input.Text"] = "A private word about Tuesday" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var conversation = Html.Location(sent);
        var bobBrowser = await SignedInAsync("dl_bob");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.PostFormAsync(bobBrowser, conversation, "message-reply", new Dictionary<string, string> { ["Input.Text"] = "Tuesday suits me" })).StatusCode);

        var scheduled = await RequestDeletionAsync(anaBrowser, KindredApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Equal("/settings/delete?done=scheduled", Html.Location(scheduled));
        Assert.Contains("Your account will be deleted in 30 days.", await Html.GetAsync(app.Browser(), "/settings/delete?done=scheduled"), StringComparison.Ordinal);
        await RunDeletionAsync(ana.Id);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == ana.Id)));

        // No column of any table of the model holds the member's id, bar the documented exceptions.
        var id = ana.Id.ToString(CultureInfo.InvariantCulture);
        var holders = await app.WithDbAsync(async db =>
        {
            var found = new List<string>();
            foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !DocumentedExceptions.Contains(e.ClrType.Name)))
            {
                var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
                foreach (var property in entity.GetProperties())
                {
                    var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                    var column = property.GetColumnName(table);
                    if (column is null || (type != typeof(long) && !(type == typeof(string) && property.Name == "Subject")))
                    {
                        continue;
                    }
                    var value = type == typeof(string) ? $"'{id}'" : id;
                    // Names from the model and a number: nothing here comes from outside the test.
                    var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{entity.GetTableName()}\" WHERE \"{column}\" = {value}";
                    var count = await db.Database.SqlQueryRaw<long>(sql).SingleAsync();
                    if (count > 0)
                    {
                        found.Add($"{entity.GetTableName()}.{column}: {count}");
                    }
                }
            }
            return found;
        });
        Assert.Empty(holders);
        // The model knows the tables this test must reach: a future table is covered without touching it.
        Assert.Contains(await app.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes().Select(e => e.ClrType.Name).ToList())), n => n == nameof(ErasedAidItem));

        Assert.All(anaFiles, f => Assert.False(File.Exists(MediaPath(f)), f));
        await app.WithDbAsync(async db =>
        {
            // The anonymous remains: the request and the answer to the past event; the upcoming place is free again.
            Assert.Equal(1, await db.ErasedAidItems.CountAsync(i => i.Kind == AidKind.Request && i.State == AidItemState.Open));
            Assert.Equal(1, await db.ErasedEventAnswers.CountAsync(a => a.EventId == past.Id && a.Response == RsvpResponse.Going));
            Assert.Equal(0, await db.EventOccurrences.Where(o => o.EventId == upcoming.Id).SumAsync(o => o.GoingCount));
            // What others share survives: the event ana organized (with bob's answer), the group with its member count.
            Assert.True(await db.EventRsvps.AnyAsync(r => r.EventId == coming.Id && r.AccountId == bob.Id));
            Assert.Equal(1, await db.Groups.Where(g => g.Id == group.Id).Select(g => g.MembersCount).SingleAsync());
            Assert.True(await db.StaffNotes.AnyAsync(n => n.AccountId == bob.Id));
            Assert.Null(await db.ModeratorNotes.Where(n => n.AccountId == bob.Id).Select(n => n.AuthorId).SingleAsync());
            Assert.False(await db.ModeratorNotes.AnyAsync(n => n.Text == "Watch the links"));
            Assert.True(await db.EmailDomainBlocks.AnyAsync(b => b.Domain == "dl-spam.example" && b.CreatedById == null));
            Assert.False(await db.Users.AnyAsync(u => u.SignUpIp == "198.51.100.99"));
            // A saved reply the staff wrote together stays, now the organization's.
            Assert.True(await db.SavedReplies.AnyAsync(r => r.Title == "Opening hours"));
            var invitation = await db.Invitations.SingleAsync(i => i.Code == "dl-invite-code");
            Assert.Null(invitation.Email);
            Assert.True(invitation.Revoked);
            Assert.True(await db.ReservedUsernames.AnyAsync(r => r.UsernameNormalized == "dl_ana"));
        });

        // The other party sees that the messages were deleted, and not what they said.
        var page = await Html.GetAsync(bobBrowser, conversation);
        Assert.Contains("deleted their account", page, StringComparison.Ordinal);
        Assert.DoesNotContain("A private word about Tuesday", page, StringComparison.Ordinal);
        Assert.Contains("Tuesday suits me", page, StringComparison.Ordinal);
        await Html.GetAsync(bobBrowser, "/messages");

        // A second run (a retry after a crash) finds nothing to do and fails nothing.
        await app.WithDbAsync(async db =>
        {
            db.Jobs.Add(new Job { Id = Snowflake.NewId(DateTime.UtcNow), Kind = AccountDeletionJob.Kind, Payload = $"{{\"UserId\":{id}}}", State = JobState.Pending, RunAt = DateTime.UtcNow.AddMinutes(-1), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync([AccountDeletionJob.Kind]));
        var payload = $"{{\"UserId\":{id}}}";
        Assert.Equal(0, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == AccountDeletionJob.Kind && j.Payload == payload && j.State != JobState.Done)));
    }

    [Fact]
    public async Task TheUsernameOfADeletedAccountCannotBeRegisteredAgain()
    {
        var gone = await app.CreateUserAsync("dl_gone");
        var browser = await SignedInAsync("dl_gone");
        Assert.Equal(HttpStatusCode.Redirect, (await RequestDeletionAsync(browser, KindredApp.Password)).StatusCode);
        await RunDeletionAsync(gone.Id);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == gone.Id)));

        foreach (var name in new[] { "dl_gone", "DL_Gone" })
        {
            var response = await Html.PostFormAsync(app.Browser(), "/account/sign-up", "sign-up", new Dictionary<string, string>
            {
                ["Input.Username"] = name,
                ["Input.Email"] = $"{name.ToLowerInvariant()}-again@example.org",
                ["Input.Password"] = "a long enough password 1",
                ["Input.Language"] = "en",
                ["Input.AcceptRules"] = "true",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("That username is taken.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.False(await app.WithDbAsync(db => db.Accounts.AnyAsync(a => a.UsernameNormalized == "dl_gone")));
    }

    [Fact]
    public async Task SigningInDuringTheGracePeriodCancelsTheDeletionWithANotice()
    {
        var member = await app.CreateUserAsync("dl_back");
        var browser = await SignedInAsync("dl_back");
        Assert.Equal(HttpStatusCode.Redirect, (await RequestDeletionAsync(browser, KindredApp.Password)).StatusCode);
        var due = await DueAsync(member.Id);
        Assert.NotNull(due);
        Assert.InRange(due.Value, DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));
        // Signed out everywhere at once.
        await Html.GetAsync(browser, "/settings/account", HttpStatusCode.Redirect);

        var again = app.Browser();
        var signedIn = await Html.PostFormAsync(again, "/account/sign-in", "sign-in", Web.Account.AccountFlowTests.SignInFields("dl_back", KindredApp.Password));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/settings/delete?cancelled=true", Html.Location(signedIn));
        Assert.Contains("You signed in, so your account will not be deleted.", await Html.GetAsync(again, Html.Location(signedIn)), StringComparison.Ordinal);
        Assert.Null(await DueAsync(member.Id));

        // The job of the cancelled deletion finds nothing due.
        await RunDeletionAsync(member.Id);
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == member.Id)));
        await Html.GetAsync(again, "/settings/account");
    }

    [Fact]
    public async Task SigningInFromAnAppDuringTheGracePeriodCancelsTheDeletionToo()
    {
        var member = await app.CreateUserAsync("dl_app");
        var browser = await SignedInAsync("dl_app");
        Assert.Equal(HttpStatusCode.Redirect, (await RequestDeletionAsync(browser, KindredApp.Password)).StatusCode);
        Assert.NotNull(await DueAsync(member.Id));

        await app.TokenAsync("dl_app");
        Assert.Null(await DueAsync(member.Id));
    }

    [Fact]
    public async Task AWrongPasswordOrTwoFactorCodeIsRefusedAndChangesNothing()
    {
        var member = await app.CreateUserAsync("dl_careful");
        var browser = await SignedInAsync("dl_careful");
        var jobsBefore = await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == AccountDeletionJob.Kind));

        var wrong = await RequestDeletionAsync(browser, "not my password at all");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That is not your password.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await DueAsync(member.Id));
        await Html.GetAsync(browser, "/settings/account");

        // With two-factor authentication on, the code is asked for too.
        var key = await app.WithServicesAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<User>>();
            var user = await users.FindByIdAsync(member.Id.ToString(CultureInfo.InvariantCulture));
            await users.ResetAuthenticatorKeyAsync(user!);
            await users.SetTwoFactorEnabledAsync(user!, true);
            return (await users.GetAuthenticatorKeyAsync(user!))!;
        });
        browser = await SignedInTwoFactorAsync("dl_careful", key);
        var noCode = await RequestDeletionAsync(browser, KindredApp.Password, "000000");
        Assert.Equal(HttpStatusCode.OK, noCode.StatusCode);
        Assert.Contains("That code is not right.", await noCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await DueAsync(member.Id));
        Assert.Equal(jobsBefore, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == AccountDeletionJob.Kind)));

        var right = await RequestDeletionAsync(browser, KindredApp.Password, Totp.Code(key));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.NotNull(await DueAsync(member.Id));
    }

    private async Task<HttpClient> SignedInTwoFactorAsync(string username, string key)
    {
        var browser = app.Browser();
        var password = await Html.PostFormAsync(browser, "/account/sign-in", "sign-in", Web.Account.AccountFlowTests.SignInFields(username, KindredApp.Password));
        var code = await Html.PostFormAsync(browser, Html.Location(password), "two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        return browser;
    }

    [Fact]
    public async Task TheLastOwnerAndTheOrganizationAccountCannotBeDeleted()
    {
        var owner = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).SingleAsync());
        var browser = await SignedInAsync("owner", KindredApp.OwnerPassword);
        var refused = await RequestDeletionAsync(browser, KindredApp.OwnerPassword);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("You are the organization&#x27;s only owner.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await DueAsync(owner));
        await Html.GetAsync(browser, "/settings/account");

        var organization = await app.WithDbAsync(db => db.Organizations.Select(o => o.AccountId!.Value).SingleAsync());
        var error = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(s => s.GetRequiredService<AccountDeletion>().RequestAsync(organization, "anything", null)));
        Assert.Equal(ErrorKind.Forbidden, error.Kind);
        Assert.Null(await DueAsync(organization));
    }

    [Theory]
    [InlineData(UserRole.Member, false)]
    [InlineData(UserRole.Staff, false)]
    [InlineData(UserRole.Moderator, true)]
    [InlineData(UserRole.Admin, true)]
    [InlineData(UserRole.Owner, true)]
    public async Task ModeratorsAndUpScheduleTheDeletionOfASuspendedAccountOnlyAndItIsAudited(UserRole role, bool allowed)
    {
        var suffix = role.ToString().ToLowerInvariant();
        // The owner acting is the organization's one owner: another would let the last-owner test delete its own.
        var actor = role == UserRole.Owner
            ? await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "owner"))
            : await app.CreateUserAsync($"dl_act_{suffix}", role);
        var active = await app.CreateUserAsync($"dl_ok_{suffix}");
        var suspended = await app.CreateUserAsync($"dl_bad_{suffix}");
        await app.WithServicesAsync(s => s.GetRequiredService<Kindred.Core.Accounts.AccountService>().SuspendAsync(null, UserRole.Owner, suspended.Id));
        Task<DateTime> Schedule(long target) =>
            app.WithServicesAsync(s => s.GetRequiredService<AccountDeletion>().ScheduleForSuspendedAsync(actor.Id, role, target));

        if (!allowed)
        {
            Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<KindredException>(() => Schedule(suspended.Id))).Kind);
            Assert.Null(await DueAsync(suspended.Id));
            return;
        }
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<KindredException>(() => Schedule(active.Id))).Kind);
        Assert.Null(await DueAsync(active.Id));
        await Schedule(suspended.Id);
        Assert.NotNull(await DueAsync(suspended.Id));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActorId == actor.Id && e.Action == "account.deletion_schedule" && e.TargetId == suspended.Id)));
        await RunDeletionAsync(suspended.Id);
        Assert.False(await app.WithDbAsync(db => db.Accounts.AnyAsync(a => a.Id == suspended.Id)));
    }
}

public sealed class AccountDeletionSqliteTests(DeletionSqliteApp app) : AccountDeletionTests(app), IClassFixture<DeletionSqliteApp>;

public sealed class AccountDeletionPostgresTests(DeletionPostgresApp app) : AccountDeletionTests(app), IClassFixture<DeletionPostgresApp>;
