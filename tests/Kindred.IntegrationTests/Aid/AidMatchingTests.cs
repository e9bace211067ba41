using System.Net;
using Kindred.Core.Aid;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.IntegrationTests.Aid;

/// <summary>
/// Matching (ADR 31): known coordinates and availability give the expected order; the owner, people blocked either way,
/// people who may not see or may not answer, and people who did not opt in are left out; notifications are bounded per
/// item and per day and never sent twice across job runs. Each test works around its own point on the map, far from the
/// others, so tests sharing a database never match each other's people.
/// </summary>
public abstract class AidMatchingTests(AidApp app)
{
    // Monday morning and Monday afternoon (bits 0 and 1); Tuesday morning (bit 3).
    private const int MondayMorning = 1;
    private const int MondayAllDay = 0b111;
    private const int TuesdayMorning = 1 << 3;

    private static AidInput Request(double lat, double lon, int mask = 0, string category = "childcare") => new()
    {
        Kind = AidKind.Request,
        Category = category,
        Title = "Someone to pick up my son from school",
        Latitude = lat,
        Longitude = lon,
        AvailabilityMask = mask,
    };

    private static AidInput Offer(double lat, double lon, int mask = 0, string category = "childcare") => new()
    {
        Kind = AidKind.Offer,
        Category = category,
        Title = "I can look after children",
        Latitude = lat,
        Longitude = lon,
        AvailabilityMask = mask,
    };

    [Fact]
    public async Task ARequestRanksOffersThenVettedHelpersThenHelpersByDistance()
    {
        const double lat = 10, lon = 10;
        var owner = await app.MemberAtAsync("mo_owner", lat, lon);
        var near = await app.MemberAtAsync("mo_near", lat + 0.02, lon);
        var mid = await app.MemberAtAsync("mo_mid", lat + 0.05, lon);
        var vetted = await app.MemberAtAsync("mo_vetted", lat + 0.07, lon);
        var wide = await app.MemberAtAsync("mo_wide", lat + 0.27, lon);
        var tooFar = await app.MemberAtAsync("mo_far", lat + 0.27, lon - 0.01);
        var offerer = await app.MemberAtAsync("mo_offerer", lat + 0.03, lon);
        var wrongTime = await app.MemberAtAsync("mo_tuesday", lat + 0.01, lon);
        var notOptedIn = await app.MemberAtAsync("mo_silent", lat + 0.01, lon);
        var otherCategory = await app.MemberAtAsync("mo_food", lat + 0.01, lon);
        foreach (var helper in new[] { near, mid, vetted })
        {
            await app.OptInAsync(helper, "childcare", 10);
        }
        await app.OptInAsync(wide, "childcare", 50);
        await app.OptInAsync(tooFar, "childcare", 10);
        await app.OptInAsync(otherCategory, "food", 50);
        await app.OptInAsync(owner, "childcare", 50);
        await app.VetAsync(vetted);
        var offer = await app.ItemAsync(offerer, Offer(lat + 0.03, lon, MondayAllDay));
        await app.ItemAsync(wrongTime, Offer(lat + 0.01, lon, TuesdayMorning));
        _ = notOptedIn;

        var request = await app.ItemAsync(owner, Request(lat, lon, MondayMorning));
        var order = await app.CandidatesAsync(request);

        Assert.Equal([offerer.Id, vetted.Id, near.Id, mid.Id, wide.Id], order.Select(m => m.AccountId));
        Assert.Equal(offer.Id, order[0].ItemId);
        Assert.Equal([AidMatchKind.Offer, AidMatchKind.Helper, AidMatchKind.Helper, AidMatchKind.Helper, AidMatchKind.Helper], order.Select(m => m.Kind));
        // Between cell centres (ADR 43): "near" shares the request's 0.05° cell, "wide" is five cells north.
        Assert.Equal(0, order[2].DistanceKm!.Value, 6);
        Assert.InRange(order[4].DistanceKm!.Value, 27, 29);
    }

    [Fact]
    public async Task BlockedPeopleEitherWayAndPeopleOutsideTheAudienceAreNeverMatched()
    {
        const double lat = 14, lon = 10;
        var owner = await app.MemberAtAsync("mb_owner", lat, lon);
        var blocker = await app.MemberAtAsync("mb_blocker", lat + 0.01, lon);
        var blocked = await app.MemberAtAsync("mb_blocked", lat + 0.01, lon);
        var fine = await app.MemberAtAsync("mb_fine", lat + 0.02, lon);
        foreach (var helper in new[] { blocker, blocked, fine })
        {
            await app.OptInAsync(helper, "childcare", 10);
        }
        await app.WithDbAsync(async db =>
        {
            db.Blocks.Add(new Block { Id = Kindred.Data.Snowflake.NewId(), AccountId = blocker.Id, TargetAccountId = owner.Id, CreatedAt = DateTime.UtcNow });
            db.Blocks.Add(new Block { Id = Kindred.Data.Snowflake.NewId(), AccountId = owner.Id, TargetAccountId = blocked.Id, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var request = await app.ItemAsync(owner, Request(lat, lon));
        Assert.Equal([fine.Id], (await app.CandidatesAsync(request)).Select(m => m.AccountId));

        // Only vetted helpers see a vetted-helpers item; "fine" is not vetted.
        var vettedOnly = await app.ItemAsync(owner, Request(lat, lon) with { Audience = AidAudience.VettedHelpers, Sensitive = true });
        Assert.Empty(await app.CandidatesAsync(vettedOnly));
        await app.VetAsync(fine);
        Assert.Equal([fine.Id], (await app.CandidatesAsync(vettedOnly)).Select(m => m.AccountId));
    }

    [Fact]
    public async Task AnswerPolicyAndNewMemberDaysDecideWhoMayBeMatched()
    {
        const double lat = 18, lon = 10;
        var owner = await app.MemberAtAsync("ma_owner", lat, lon);
        var newcomer = await app.MemberAtAsync("ma_new", lat + 0.01, lon, joinedDaysAgo: 2);
        var settled = await app.MemberAtAsync("ma_settled", lat + 0.02, lon);
        var vetted = await app.MemberAtAsync("ma_vetted", lat + 0.03, lon);
        foreach (var helper in new[] { newcomer, settled, vetted })
        {
            await app.OptInAsync(helper, "listening", 10);
        }
        await app.VetAsync(vetted);

        var plain = await app.ItemAsync(owner, Request(lat, lon, category: "listening"));
        Assert.Equal([vetted.Id, newcomer.Id, settled.Id], (await app.CandidatesAsync(plain)).Select(m => m.AccountId));
        var sensitive = await app.ItemAsync(owner, Request(lat, lon, category: "listening") with { Sensitive = true });
        Assert.Equal([vetted.Id, settled.Id], (await app.CandidatesAsync(sensitive)).Select(m => m.AccountId));
        var vettedAnswers = await app.ItemAsync(owner, Request(lat, lon, category: "listening") with { AnswerPolicy = AidAnswerPolicy.VettedHelpersOnly });
        Assert.Equal([vetted.Id], (await app.CandidatesAsync(vettedAnswers)).Select(m => m.AccountId));
    }

    [Fact]
    public async Task TheJobTellsTheBestFewOnceAndRespectsTheDailyCap()
    {
        const double lat = 22, lon = 10;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var owner = await app.MemberAtAsync("mj_owner", lat, lon);
        var helpers = new List<User>();
        for (var i = 0; i < 5; i++)
        {
            var helper = await app.MemberAtAsync("mj_helper", lat + (0.01 * (i + 1)), lon);
            await app.OptInAsync(helper, "errands", 20);
            helpers.Add(helper);
        }
        var first = await app.ItemAsync(owner, Request(lat, lon, category: "errands"), clock);

        Assert.True(await app.MatchAsync(clock) >= 1);
        var told = await app.MatchNotificationsAsync(first.Id);
        Assert.Equal(helpers.Take(3).Select(h => h.Id), told.Select(n => n.AccountId));
        Assert.All(told, n => Assert.Equal(owner.Id, n.FromAccountId));

        // A second run (a restart, or a second server) claims nothing and tells no one again.
        clock.Advance(TimeSpan.FromMinutes(5));
        await app.MatchAsync(clock);
        Assert.Equal(3, (await app.MatchNotificationsAsync(first.Id)).Count);
        Assert.NotNull(await app.WithDbAsync(db => db.AidItems.Where(i => i.Id == first.Id).Select(i => i.MatchedAt).FirstAsync()));

        // Two more requests the same day: the three nearest reach their daily cap (2) after the second.
        var second = await app.ItemAsync(owner, Request(lat, lon, category: "errands"), clock);
        await app.MatchAsync(clock);
        var third = await app.ItemAsync(owner, Request(lat, lon, category: "errands"), clock);
        await app.MatchAsync(clock);
        Assert.Equal(helpers.Take(3).Select(h => h.Id), (await app.MatchNotificationsAsync(second.Id)).Select(n => n.AccountId));
        Assert.Equal(helpers.Skip(3).Select(h => h.Id), (await app.MatchNotificationsAsync(third.Id)).Select(n => n.AccountId));

        // A day later the cap is free again.
        clock.Advance(TimeSpan.FromDays(1));
        var fourth = await app.ItemAsync(owner, Request(lat, lon, category: "errands"), clock);
        await app.MatchAsync(clock);
        Assert.Equal(helpers.Take(3).Select(h => h.Id), (await app.MatchNotificationsAsync(fourth.Id)).Select(n => n.AccountId));
    }

    [Fact]
    public async Task ANewOfferTellsItsOwnerOfTheOpenRequestsItCouldAnswer()
    {
        const double lat = 26, lon = 10;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var asker = await app.MemberAtAsync("mf_asker", lat, lon);
        var farAsker = await app.MemberAtAsync("mf_far", lat + 0.5, lon);
        var offerer = await app.MemberAtAsync("mf_offerer", lat + 0.02, lon);
        var urgent = await app.ItemAsync(asker, Request(lat, lon, MondayMorning, "transport") with { Urgency = AidUrgency.Urgent }, clock);
        var normal = await app.ItemAsync(asker, Request(lat + 0.01, lon, MondayMorning, "transport"), clock);
        await app.ItemAsync(asker, Request(lat, lon, TuesdayMorning, "transport"), clock);
        await app.ItemAsync(farAsker, Request(lat + 0.5, lon, MondayMorning, "transport"), clock);
        await app.MatchAsync(clock);

        var offer = await app.ItemAsync(offerer, Offer(lat + 0.02, lon, MondayAllDay, "transport"), clock);
        await app.MatchAsync(clock);
        var told = await app.WithDbAsync(db => db.Notifications.Where(n => n.Type == "aid_match" && n.AccountId == offerer.Id).OrderBy(n => n.Id).ToListAsync());
        Assert.Equal([urgent.Id, normal.Id], told.Select(n => n.AidItemId!.Value));
        Assert.All(told, n => Assert.Equal(asker.Id, n.FromAccountId));

        // The owner reads the same list through the API; anyone else gets 404.
        var token = await app.TokenAsync(offerer.UserName!, "read");
        var matches = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/kindred/aid/{offer.Id}/matches"), HttpStatusCode.OK);
        Assert.Equal([urgent.Id.ToString(), normal.Id.ToString()], matches.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(0, matches.GetProperty("helpers").GetInt32());
        var other = await app.TokenAsync(asker.UserName!, "read");
        await KindredApp.Json(await app.Api(other).GetAsync($"/api/v1/kindred/aid/{offer.Id}/matches"), HttpStatusCode.NotFound);
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/kindred/aid/123456789/matches"), HttpStatusCode.NotFound);
        var noRead = await app.TokenAsync(offerer.UserName!, "write");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(noRead).GetAsync($"/api/v1/kindred/aid/{offer.Id}/matches")).StatusCode);
    }

    [Fact]
    public async Task TheMatchesOfARequestShowOffersAndOnlyTheNumberOfHelpers()
    {
        const double lat = 30, lon = 10;
        var owner = await app.MemberAtAsync("mm_owner", lat, lon);
        var helper = await app.MemberAtAsync("mm_helper", lat + 0.01, lon);
        var offerer = await app.MemberAtAsync("mm_offerer", lat + 0.02, lon);
        await app.OptInAsync(helper, "food", 10);
        var offer = await app.ItemAsync(offerer, Offer(lat + 0.02, lon, category: "food"));
        var request = await app.ItemAsync(owner, Request(lat, lon, category: "food"));
        var token = await app.TokenAsync(owner.UserName!, "read");
        var matches = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/kindred/aid/{request.Id}/matches"), HttpStatusCode.OK);
        var item = Assert.Single(matches.GetProperty("items").EnumerateArray());
        Assert.Equal(offer.Id.ToString(), item.GetProperty("id").GetString());
        Assert.Equal("food", item.GetProperty("category").GetString());
        Assert.Equal(offerer.UserName, item.GetProperty("username").GetString());
        Assert.Equal(1, matches.GetProperty("helpers").GetInt32());
        Assert.DoesNotContain(helper.UserName!, matches.GetRawText(), StringComparison.Ordinal);
    }
}

public sealed class AidMatchingSqliteTests(AidSqliteApp app) : AidMatchingTests(app), IClassFixture<AidSqliteApp>;

public sealed class AidMatchingPostgresTests(AidPostgresApp app) : AidMatchingTests(app), IClassFixture<AidPostgresApp>;
