using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Aid;

/// <summary>
/// The location-privacy attack of issue 23 (ADR 43), run as a member would run it, through HTTP only: move one's own home
/// area with update_credentials and read distances after each move (trilateration), binary-search the "near me" radius,
/// compare distance orders, fresh accounts for every vantage point, people suggestions by area, profiles and the item
/// page. No combination may place a member or an item more precisely than the 0.05° cell they are promised.
/// </summary>
public abstract class AidLocationPrivacyTests(KindredApp app)
{
    private const string Aid = "/api/v1/kindred/aid";

    // One cell (48.85–48.90 N, 2.30–2.35 E) holds both victims, about 4 km apart.
    private static readonly (double Lat, double Lon) VictimA = (48.86, 2.31);
    private static readonly (double Lat, double Lon) VictimB = (48.89, 2.34);

    // Vantage points an attacker moves their home area to, all around the victims.
    private static readonly (double Lat, double Lon)[] Anchors = [(48.80, 2.20), (48.95, 2.30), (48.84, 2.45), (48.70, 2.40), (49.00, 2.45)];

    private static int users;

    private async Task<(long Id, string Token)> MemberAsync(string prefix)
    {
        var username = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(username);
        return (user.Id, await app.TokenAsync(username));
    }

    private Task<JsonElement> SendAsync(string? token, HttpMethod method, string path, IEnumerable<(string, string)>? form = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        AidTestWorld.SendAsync(app, token, method, path, form, expected);

    private Task<JsonElement> MoveHomeAsync(string token, (double Lat, double Lon) to) =>
        SendAsync(token, HttpMethod.Patch, "/api/v1/accounts/update_credentials", [("latitude", F(to.Lat)), ("longitude", F(to.Lon))]);

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<string> ItemAtAsync(string token, string title, (double Lat, double Lon) at, bool sensitive = false) =>
        await AidTestWorld.CreateItemAsync(app, token, title, ("category", "shelter"), ("latitude", F(at.Lat)), ("longitude", F(at.Lon)),
            ("sensitive", sensitive ? "true" : "false"));

    private static double? DistanceOf(JsonElement item) =>
        item.GetProperty("distance_km").ValueKind == JsonValueKind.Number ? item.GetProperty("distance_km").GetDouble() : null;

    /// <summary>The smallest radius (1–500 km) whose "near me" list holds the item, by binary search, or null when none does.</summary>
    private async Task<int?> SmallestRadiusAsync(string token, string itemId)
    {
        async Task<bool> FoundAsync(int radius) => (await SendAsync(token, HttpMethod.Get, $"{Aid}?category=shelter&near=me&limit=40&radius={radius}"))
            .EnumerateArray().Any(i => i.GetProperty("id").GetString() == itemId);
        if (!await FoundAsync(500))
        {
            return null;
        }
        int low = 1, high = 500;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (await FoundAsync(mid))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return high;
    }

    /// <summary>The point that best fits the measured distances (least squares on a 0.002° grid around the anchors), or null
    /// with fewer than three measurements.</summary>
    private static (double Lat, double Lon)? Trilaterate(List<((double Lat, double Lon) From, double Km)> readings)
    {
        if (readings.Select(r => r.From).Distinct().Count() < 3)
        {
            return null;
        }
        (double Lat, double Lon) best = default;
        var bestError = double.MaxValue;
        for (var lat = 48.5; lat <= 49.2; lat += 0.002)
        {
            for (var lon = 2.0; lon <= 2.7; lon += 0.002)
            {
                var error = readings.Sum(r => Math.Pow(Kindred.Core.Common.CoarseLocation.DistanceKm(lat, lon, r.From.Lat, r.From.Lon) - r.Km, 2));
                if (error < bestError)
                {
                    (bestError, best) = (error, (lat, lon));
                }
            }
        }
        return best;
    }

    [Fact]
    public async Task MovingTheHomeAreaThreeTimesDoesNotTrilaterateASensitiveRequest()
    {
        var (_, victim) = await MemberAsync("lp_victim");
        var request = await ItemAtAsync(victim, "lp hiding, need a safe place", VictimA, sensitive: true);
        var (_, attacker) = await MemberAsync("lp_attacker");

        var readings = new List<((double Lat, double Lon) From, double Km)>();
        foreach (var anchor in Anchors.Take(3))
        {
            await MoveHomeAsync(attacker, anchor);
            if (DistanceOf(await SendAsync(attacker, HttpMethod.Get, $"{Aid}/{request}")) is { } km)
            {
                readings.Add((anchor, km));
            }
            if (await SmallestRadiusAsync(attacker, request) is { } radius)
            {
                readings.Add((anchor, radius - 0.5));
            }
        }

        // The attack on the code before ADR 43 recovered the stored point within about 0.1 km.
        var fix = Trilaterate(readings);
        var error = fix is { } f ? Kindred.Core.Common.CoarseLocation.DistanceKm(f.Lat, f.Lon, VictimA.Lat, VictimA.Lon) : double.PositiveInfinity;
        Assert.True(error > 5, $"The request was placed within {error:0.00} km from {readings.Count} readings.");

        // A sensitive request gives no distance, stays out of every "near me" list and is ranked with the unplaced.
        Assert.Empty(readings);
        var located = await ItemAtAsync((await MemberAsync("lp_other")).Token, "lp located offer of a room", VictimB);
        var sorted = await SendAsync(attacker, HttpMethod.Get, $"{Aid}?category=shelter&sort=distance&limit=40");
        var order = sorted.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.True(order.IndexOf(located) < order.IndexOf(request));
        Assert.Equal(JsonValueKind.Null, sorted.EnumerateArray().Single(i => i.GetProperty("id").GetString() == request).GetProperty("distance_band").ValueKind);
    }

    [Fact]
    public async Task ASensitiveRequestShowsItsBandOnlyToThoseAnsweringIt()
    {
        var (_, victim) = await MemberAsync("lp_owner");
        var request = await ItemAtAsync(victim, "lp shelter for tonight", VictimA, sensitive: true);
        var (helperId, helper) = await MemberAsync("lp_helper");
        await AidTestWorld.SetHomeAsync(app, helperId, VictimB.Lat, VictimB.Lon);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == helperId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.CreatedAt, DateTime.UtcNow.AddDays(-60)).SetProperty(x => x.ApprovedAt, DateTime.UtcNow.AddDays(-60))));

        Assert.Null(DistanceOf(await SendAsync(helper, HttpMethod.Get, $"{Aid}/{request}")));
        await SendAsync(helper, HttpMethod.Post, $"{Aid}/{request}/responses", [("text", "I have a spare room.")]);
        var answered = await SendAsync(helper, HttpMethod.Get, $"{Aid}/{request}");
        Assert.Equal("under_5", answered.GetProperty("distance_band").GetString());
        Assert.Equal(5, DistanceOf(answered));
        Assert.Null(DistanceOf(await SendAsync(victim, HttpMethod.Get, $"{Aid}/{request}")));
    }

    [Fact]
    public async Task TwoItemsInOneCellLookTheSameFromEveryVantagePointRadiusAndAccount()
    {
        var (_, ownerA) = await MemberAsync("lp_cell_a");
        var (_, ownerB) = await MemberAsync("lp_cell_b");
        var itemA = await ItemAtAsync(ownerA, "lp cell a needs a lift", VictimA);
        var itemB = await ItemAtAsync(ownerB, "lp cell b needs a lift", VictimB);

        // A fresh account per vantage point, so the settling week of one account does not slow the attack down.
        foreach (var anchor in Anchors)
        {
            var (_, attacker) = await MemberAsync("lp_sybil");
            await MoveHomeAsync(attacker, anchor);
            var a = await SendAsync(attacker, HttpMethod.Get, $"{Aid}/{itemA}");
            var b = await SendAsync(attacker, HttpMethod.Get, $"{Aid}/{itemB}");
            Assert.Equal(DistanceOf(a), DistanceOf(b));
            Assert.Equal(a.GetProperty("distance_band").GetString(), b.GetProperty("distance_band").GetString());
            var radiusA = await SmallestRadiusAsync(attacker, itemA);
            Assert.Equal(radiusA, await SmallestRadiusAsync(attacker, itemB));
            Assert.True(radiusA is null or 1 or 6 or 16 or 51 or 151, $"The radius search ended at {radiusA} km, inside a band.");
        }
    }

    [Fact]
    public async Task SortingByDistanceDoesNotRankTwoItemsInOneCell()
    {
        var (_, owner) = await MemberAsync("lp_sort_owner");
        var (_, attacker) = await MemberAsync("lp_sort");
        await MoveHomeAsync(attacker, (48.80, 2.25));
        var nearer = await ItemAtAsync(owner, "lp sort nearer", VictimA);
        var farther = await ItemAtAsync(owner, "lp sort farther", VictimB);

        var sorted = await SendAsync(attacker, HttpMethod.Get, $"{Aid}?category=shelter&near=me&radius=50&sort=distance&limit=40");
        var order = sorted.EnumerateArray().Select(i => i.GetProperty("id").GetString()).Where(id => id == nearer || id == farther).ToList();

        // Same band: newest first, whichever is nearer.
        Assert.Equal([farther, nearer], order);
    }

    [Fact]
    public async Task AHomeAreaMoveCountsForDistancesOnlyAfterItHasSettledForAWeek()
    {
        var (_, owner) = await MemberAsync("lp_settle_owner");
        var item = await ItemAtAsync(owner, "lp settle item", (48.85, 2.35));
        var (meId, me) = await MemberAsync("lp_settle");
        await MoveHomeAsync(me, (48.85, 2.35));
        Assert.Equal("under_5", (await SendAsync(me, HttpMethod.Get, $"{Aid}/{item}")).GetProperty("distance_band").GetString());

        var moved = await MoveHomeAsync(me, (50.00, 2.35));
        Assert.Equal(50.00, moved.GetProperty("kindred").GetProperty("latitude").GetDouble());
        Assert.Equal("under_5", (await SendAsync(me, HttpMethod.Get, $"{Aid}/{item}")).GetProperty("distance_band").GetString());
        await MoveHomeAsync(me, (48.50, 2.35));
        Assert.Equal("under_5", (await SendAsync(me, HttpMethod.Get, $"{Aid}/{item}")).GetProperty("distance_band").GetString());

        // A week after the last move, distances follow the home area.
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == meId).ExecuteUpdateAsync(u => u.SetProperty(a => a.HomeMovedAt, DateTime.UtcNow.AddDays(-8))));
        Assert.Equal("15_50", (await SendAsync(me, HttpMethod.Get, $"{Aid}/{item}")).GetProperty("distance_band").GetString());

        // Removing the home area ends distances at once; a new one waits behind the last settled point.
        await SendAsync(me, HttpMethod.Patch, "/api/v1/accounts/update_credentials", [("latitude", ""), ("longitude", "")]);
        Assert.Null(DistanceOf(await SendAsync(me, HttpMethod.Get, $"{Aid}/{item}")));
        await MoveHomeAsync(me, (48.85, 2.35));
        Assert.Equal("15_50", (await SendAsync(me, HttpMethod.Get, $"{Aid}/{item}")).GetProperty("distance_band").GetString());
    }

    [Fact]
    public async Task PeopleNearbyAreSuggestedFromTheSettledHomeAreaAndNotRankedByDistance()
    {
        var (_, viewer) = await MemberAsync("lp_sug");
        await MoveHomeAsync(viewer, (51.51, -0.13));
        var near = await MemberAsync("lp_sug_near");
        await AidTestWorld.SetHomeAsync(app, near.Id, 51.52, -0.12, "Riverside");
        var less = await MemberAsync("lp_sug_less");
        await AidTestWorld.SetHomeAsync(app, less.Id, 51.56, -0.05, "Further");

        async Task<List<long>> SuggestedAsync() => (await SendAsync(viewer, HttpMethod.Get, "/api/v2/suggestions")).EnumerateArray()
            .Select(s => long.Parse(s.GetProperty("account").GetProperty("id").GetString()!, CultureInfo.InvariantCulture))
            .Where(id => id == near.Id || id == less.Id).ToList();

        // Both nearby, equal: the newer account first, whoever lives nearer.
        Assert.Equal([less.Id, near.Id], await SuggestedAsync());

        // Moving one's home area next to someone else does not make them "nearby" for a week.
        await MoveHomeAsync(viewer, (53.48, -2.24));
        Assert.Equal([less.Id, near.Id], await SuggestedAsync());
    }

    [Fact]
    public async Task OtherMembersSeeTheCellOfAHomeAreaNotItsPoint()
    {
        var (victimId, victim) = await MemberAsync("lp_profile");
        var own = await MoveHomeAsync(victim, VictimA);
        Assert.Equal(VictimA.Lat, own.GetProperty("kindred").GetProperty("latitude").GetDouble());
        var (_, other) = await MemberAsync("lp_profile_reader");
        var seen = await SendAsync(other, HttpMethod.Get, $"/api/v1/accounts/{victimId}");
        Assert.Equal(48.875, seen.GetProperty("kindred").GetProperty("latitude").GetDouble(), 6);
        Assert.Equal(2.325, seen.GetProperty("kindred").GetProperty("longitude").GetDouble(), 6);
    }

    [Fact]
    public async Task TheItemPageShowsABandAndNeverADistanceForASensitiveRequest()
    {
        var (_, owner) = await MemberAsync("lp_page_owner");
        var open = await ItemAtAsync(owner, "lp page ordinary", (48.95, 2.35));
        var hidden = await ItemAtAsync(owner, "lp page sensitive", (48.86, 2.35), sensitive: true);
        var reader = await app.CreateUserAsync("lp_page_reader");
        await AidTestWorld.SetHomeAsync(app, reader.Id, 48.85, 2.35);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, "lp_page_reader", KindredApp.Password);

        var page = await Html.GetAsync(browser, $"/aid/{open}");
        Assert.Contains("5 to 15 km away", page, StringComparison.Ordinal);
        Assert.DoesNotContain("about 11 km", page, StringComparison.Ordinal);
        var sensitive = await Html.GetAsync(browser, $"/aid/{hidden}");
        Assert.DoesNotContain("km away", sensitive, StringComparison.Ordinal);
        var list = await Html.GetAsync(browser, "/aid?category=shelter&sort=distance");
        Assert.Contains("5 to 15 km away", list, StringComparison.Ordinal);
        Assert.DoesNotContain("about 11 km", list, StringComparison.Ordinal);
    }
}

public sealed class AidLocationPrivacySqliteTests(SqliteApp app) : AidLocationPrivacyTests(app), IClassFixture<SqliteApp>;

public sealed class AidLocationPrivacyPostgresTests(PostgresApp app) : AidLocationPrivacyTests(app), IClassFixture<PostgresApp>;
