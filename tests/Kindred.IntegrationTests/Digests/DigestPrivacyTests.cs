using System.Net;
using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Events;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Digests;

/// <summary>
/// A digest leaves the server (ADR 47): private messages are counted, never quoted; a sensitive request is a category
/// and nothing else; no distance is ever written; events coming up carry a coarse place only. Each test uses its own
/// members and places.
/// </summary>
public abstract class DigestPrivacyTests(DigestApp app)
{
    private readonly DigestScenario scenario = new(app);

    [Fact]
    public async Task DirectMessagesAndFollowersOnlyPostsOfStrangersAreCountedNeverQuoted()
    {
        var clock = DigestApp.Clock();
        var vera = await scenario.MemberAsync("dm_vera");
        var pat = await scenario.MemberAsync("dm_pat");
        var ned = await scenario.MemberAsync("dm_ned");
        var fleur = await scenario.MemberAsync("dm_fleur", locale: "fr");
        await KindredApp.Json(await app.Api(vera.Token).PostAsync($"/api/v1/accounts/{ned.Id}/follow", null), HttpStatusCode.OK);
        await app.RunDigestsAsync(clock);

        await scenario.PostAsync(pat, "@dm_vera the safe house code is 4411", visibility: "direct");
        await scenario.PostAsync(pat, "@dm_vera my new flat is at 9 Quai Rambaud", visibility: "private");
        await scenario.PostAsync(ned, "@dm_vera lunch on Friday?", visibility: "private");
        await scenario.PostAsync(pat, "@dm_fleur mon nouveau code est 7788", visibility: "direct");

        clock.Advance(TimeSpan.FromDays(1));
        await app.RunDigestsAsync(clock);

        var (_, text, html) = scenario.SingleDigest(vera);
        foreach (var body in new[] { text, html })
        {
            Assert.DoesNotContain("4411", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Quai Rambaud", body, StringComparison.Ordinal);
            Assert.Contains("You have 2 new private messages.", body, StringComparison.Ordinal);
            Assert.Contains("http://localhost/notifications", body, StringComparison.Ordinal);
        }
        // Followers-only from someone the reader follows is theirs to read anywhere.
        Assert.Contains("lunch on Friday?", text, StringComparison.Ordinal);

        // A direct message alone is still news worth a mail, in the member's language.
        var (_, frText, frHtml) = scenario.SingleDigest(fleur);
        Assert.Contains("Vous avez 1 nouveau message privé.", frText, StringComparison.Ordinal);
        Assert.DoesNotContain("7788", frText, StringComparison.Ordinal);
        Assert.DoesNotContain("7788", frHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASensitiveRequestIsOnlyACategoryAndNoDistanceIsWritten()
    {
        var clock = DigestApp.Clock();
        var rosa = await scenario.MemberAsync("sens_rosa");
        var owner = await scenario.MemberAsync("sens_owner");
        await EstablishedAsync(rosa, owner);
        await scenario.AreaAsync(rosa, 45.76, 4.84, "Lyon 1er");
        await app.RunDigestsAsync(clock);

        await AidAsync(owner, "Need a room away from my ex", "shelter", sensitive: true, 45.77, 4.83, "Croix-Rousse");
        await AidAsync(owner, "Help moving a sofa", "transport", sensitive: false, 45.765, 4.85, "Brotteaux");
        var newcomer = await scenario.MemberAsync("sens_newcomer");
        await scenario.AreaAsync(newcomer, 45.76, 4.86, "Part-Dieu");

        clock.Advance(TimeSpan.FromDays(1));
        await app.RunDigestsAsync(clock);

        var (_, text, html) = scenario.SingleDigest(rosa);
        foreach (var body in new[] { text, html })
        {
            Assert.Contains("Someone near you needs help with shelter and housing", body, StringComparison.Ordinal);
            Assert.DoesNotContain("away from my ex", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Croix-Rousse", body, StringComparison.Ordinal);
            Assert.DoesNotContain(" km", body, StringComparison.Ordinal);
            Assert.DoesNotContain("less than", body, StringComparison.Ordinal);
        }
        Assert.Contains("Help moving a sofa (transport), Brotteaux", text, StringComparison.Ordinal);
        Assert.Contains("(@sens_newcomer), Part-Dieu", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsComingUpListTheReadersAnswersThenTheirGroupsWithACoarsePlace()
    {
        var clock = DigestApp.Clock();
        var rose = await scenario.MemberAsync("evd_rose");
        var otto = await scenario.MemberAsync("evd_otto");
        var stranger = await scenario.MemberAsync("evd_stranger");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == rose.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, "Europe/Paris")));
        await app.RunDigestsAsync(clock);

        var choir = await scenario.GroupAsync("evd-choir", GroupVisibility.Members, otto, rose);
        var hidden = await scenario.GroupAsync("evd-hidden", GroupVisibility.Secret, stranger);
        var today = DateTime.UtcNow.Date;
        var answered = await EventFixtures.CreateAsync(app, stranger.Id, EventFixtures.InPerson("Repair cafe", today.AddDays(4).AddHours(17)));
        await EventFixtures.RsvpAsync(app, rose.Id, answered.Id, RsvpResponse.Going);
        var rehearsal = await EventFixtures.CreateAsync(app, otto.Id, EventFixtures.InPerson("Choir rehearsal", today.AddDays(3).AddHours(18), visibility: EventVisibility.Group, groupId: choir));
        await EventFixtures.CreateAsync(app, otto.Id, EventFixtures.InPerson("Choir online warm-up", today.AddDays(5).AddHours(9), visibility: EventVisibility.Group, groupId: choir) with
        {
            Mode = EventMode.Online,
            PlaceName = null,
            Address = null,
            AreaName = null,
            OnlineUrl = "https://meet.example/choir-secret-room",
        });
        await EventFixtures.CreateAsync(app, otto.Id, EventFixtures.InPerson("Choir concert far ahead", today.AddDays(12).AddHours(18), visibility: EventVisibility.Group, groupId: choir));
        await EventFixtures.CreateAsync(app, stranger.Id, EventFixtures.InPerson("Hidden group meeting", today.AddDays(3).AddHours(18), visibility: EventVisibility.Group, groupId: hidden));
        await EventFixtures.CreateAsync(app, stranger.Id, EventFixtures.InPerson("Someone else's picnic", today.AddDays(3).AddHours(12)));
        // Events alone do not make a digest: something new does.
        await scenario.PostAsync(otto, "New songs for the concert", groupId: choir);

        clock.Advance(TimeSpan.FromDays(1));
        await app.RunDigestsAsync(clock);

        var (_, text, html) = scenario.SingleDigest(rose);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var rehearsalLocal = TimeZoneInfo.ConvertTimeFromUtc(today.AddDays(3).AddHours(18), paris);
        Assert.Contains("Events coming up", text, StringComparison.Ordinal);
        // Written by TimeFormat in the member's zone and the organization's region (ADR 84).
        var times = new TimeFormat(paris, TimeCultures.For("en", await app.WithDbAsync(db => db.Organizations.Select(o => o.TimeZone).SingleAsync())));
        Assert.Contains($"- Repair cafe — {times.Brief(TimeZoneInfo.ConvertTimeFromUtc(today.AddDays(4).AddHours(17), paris))}, Riverside (you answered)", text, StringComparison.Ordinal);
        Assert.Contains($"- Choir rehearsal — {times.Brief(rehearsalLocal)}, Riverside", text, StringComparison.Ordinal);
        Assert.Contains("- Choir online warm-up — ", text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/events/{rehearsal.Id}", text, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://localhost/events/{answered.Id}\"", html, StringComparison.Ordinal);
        // The reader's own answers first, then their groups' events.
        Assert.True(text.IndexOf("Repair cafe", StringComparison.Ordinal) < text.IndexOf("Choir rehearsal", StringComparison.Ordinal));
        foreach (var body in new[] { text, html })
        {
            Assert.DoesNotContain("12 Secret Lane", body, StringComparison.Ordinal);
            Assert.DoesNotContain("meet.example", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Hidden group meeting", body, StringComparison.Ordinal);
        }
        // The group's announcement posts may appear among its posts; the events section lists only the next week's
        // events of the reader's answers and groups.
        Assert.DoesNotContain("- Choir concert far ahead —", text, StringComparison.Ordinal);
        Assert.DoesNotContain("- Someone else's picnic —", text, StringComparison.Ordinal);
    }

    private async Task EstablishedAsync(params DigestScenario.Member[] members)
    {
        var ids = members.Select(m => m.Id).ToList();
        var month = DateTime.UtcNow.AddDays(-30);
        await app.WithDbAsync(db => db.Users.Where(u => ids.Contains(u.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, month).SetProperty(u => u.ApprovedAt, month)));
    }

    private Task<AidItem> AidAsync(DigestScenario.Member owner, string title, string category, bool sensitive, double latitude, double longitude, string area) =>
        app.WithServicesAsync(s => s.GetRequiredService<AidService>().CreateAsync(owner.Id, new AidInput
        {
            Kind = AidKind.Request,
            Category = category,
            Title = title,
            Description = "Any day this week.",
            Audience = AidAudience.Members,
            Sensitive = sensitive,
            Latitude = latitude,
            Longitude = longitude,
            AreaName = area,
        }));
}

public sealed class DigestPrivacySqliteTests(DigestSqliteApp app) : DigestPrivacyTests(app), IClassFixture<DigestSqliteApp>;

public sealed class DigestPrivacyPostgresTests(DigestPostgresApp app) : DigestPrivacyTests(app), IClassFixture<DigestPostgresApp>;
