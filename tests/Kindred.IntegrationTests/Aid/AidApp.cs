using System.Globalization;
using System.Net;
using Kindred.Core.Aid;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Aid;

/// <summary>
/// A server whose matching job is off, so tests run matching passes themselves on a clock they control, with small
/// notification bounds (3 people per item, 2 a day) that tests reach quickly.
/// </summary>
public class AidApp : KindredApp
{
    public const double LyonLat = 45.76;
    public const double LyonLon = 4.84;

    private static int users;

    public AidApp(DatabaseKind database)
        : base(database)
    {
        Set("Kindred:Aid:MatchCheckSeconds", "0");
        Set("Kindred:Aid:MatchNotifications", "3");
        Set("Kindred:Aid:MatchNotificationsPerDay", "2");
    }

    /// <summary>A member whose home area is (<paramref name="lat"/>, <paramref name="lon"/>), who joined <paramref name="joinedDaysAgo"/> days ago.</summary>
    public async Task<User> MemberAtAsync(string prefix, double? lat = LyonLat, double? lon = LyonLon, UserRole role = UserRole.Member, int joinedDaysAgo = 60)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await CreateUserAsync(name, role);
        await WithDbAsync(async db =>
        {
            await db.Accounts.Where(a => a.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Latitude, lat).SetProperty(a => a.Longitude, lon).SetProperty(a => a.AreaName, "Lyon"));
            var joined = DateTime.UtcNow.AddDays(-joinedDaysAgo);
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, joined).SetProperty(u => u.ApprovedAt, joined));
        });
        return user;
    }

    /// <summary>Opts <paramref name="user"/> in through the API.</summary>
    public async Task OptInAsync(User user, string category, int radiusKm)
    {
        var token = await TokenAsync(user.UserName!, "read write");
        var response = await Api(token).PutAsync("/api/v1/kindred/aid/helping", System.Net.Http.Json.JsonContent.Create(new { categories = new[] { new { category, radius_km = radiusKm } } }));
        await Json(response, HttpStatusCode.OK);
    }

    public Task VetAsync(User user) => WithDbAsync(async db =>
    {
        db.VettedHelpers.Add(new VettedHelper { Id = Kindred.Data.Snowflake.NewId(), AccountId = user.Id, GrantedById = user.Id, GrantedAt = DateTime.UtcNow, VettedOn = DateOnly.FromDateTime(DateTime.UtcNow), Note = "checked" });
        await db.SaveChangesAsync();
    });

    public Task<AidItem> ItemAsync(User owner, AidInput input, TimeProvider? clock = null) =>
        WithServicesAsync(s => ActivatorUtilities.CreateInstance<AidService>(s, clock ?? TimeProvider.System).CreateAsync(owner.Id, input));

    public Task<int> MatchAsync(TimeProvider clock) =>
        WithServicesAsync(s => ActivatorUtilities.CreateInstance<AidMatching>(s, clock).RunAsync());

    public Task<IReadOnlyList<AidMatch>> CandidatesAsync(AidItem item) =>
        WithServicesAsync(s => item.Kind == AidKind.Request
            ? s.GetRequiredService<AidMatching>().ForRequestAsync(item)
            : s.GetRequiredService<AidMatching>().ForOfferAsync(item));

    public Task<List<Notification>> MatchNotificationsAsync(long? itemId = null) =>
        WithDbAsync(db => db.Notifications.Where(n => n.Type == "aid_match" && (itemId == null || n.AidItemId == itemId)).OrderBy(n => n.Id).ToListAsync());
}

public sealed class AidSqliteApp() : AidApp(DatabaseKind.Sqlite);

public sealed class AidPostgresApp() : AidApp(DatabaseKind.Postgres);
