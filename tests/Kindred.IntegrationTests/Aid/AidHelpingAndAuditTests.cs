using System.Net;
using System.Net.Http.Json;
using Kindred.Core.Aid;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.IntegrationTests.Aid;

/// <summary>Helper opt-ins (success, 422 with nothing changed), the leads' audit trail (leads only, paging) and the figures.</summary>
public abstract class AidHelpingAndAuditTests(AidApp app)
{
    [Fact]
    public async Task AMemberChoosesCategoriesAndBadChoicesAre422AndChangeNothing()
    {
        var me = await app.MemberAtAsync("ha_me");
        var api = app.Api(await app.TokenAsync(me.UserName!, "read write"));
        var saved = await KindredApp.Json(await api.PutAsync("/api/v1/kindred/aid/helping", JsonContent.Create(new { categories = new object[] { new { category = "food", radius_km = 5 }, new { category = "childcare", radius_km = 12 } } })), HttpStatusCode.OK);
        Assert.Equal(["childcare", "food"], saved.EnumerateArray().Select(c => c.GetProperty("category").GetString()));
        foreach (var bad in new object[] { new { category = "dragons", radius_km = 5 }, new { category = "food", radius_km = 0 }, new { category = "food", radius_km = 101 } })
        {
            var error = await KindredApp.Json(await api.PutAsync("/api/v1/kindred/aid/helping", JsonContent.Create(new { categories = new[] { bad } })), HttpStatusCode.UnprocessableEntity);
            Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        }
        var now = await KindredApp.Json(await api.GetAsync("/api/v1/kindred/aid/helping"), HttpStatusCode.OK);
        Assert.Equal([12, 5], now.EnumerateArray().Select(c => c.GetProperty("radius_km").GetInt32()));
    }

    [Fact]
    public async Task OnlySafeguardingLeadsReadTheAuditTrailPagedNewestFirst()
    {
        var owner = await app.MemberAtAsync("ha_owner");
        var lead = await app.MemberAtAsync("ha_lead");
        var admin = await app.MemberAtAsync("ha_admin", role: UserRole.Admin);
        var item = await app.ItemAsync(owner, new AidInput { Kind = AidKind.Request, Category = "shelter", Title = "A safe place tonight", Sensitive = true });
        var ids = new List<long>();
        await app.WithDbAsync(async db =>
        {
            (await db.Users.FindAsync(lead.Id))!.IsSafeguardingLead = true;
            for (var i = 0; i < 3; i++)
            {
                var view = new AidItemView { Id = Kindred.Data.Snowflake.NewId(), ItemId = item.Id, ViewerId = admin.Id, ViewedAt = DateTime.UtcNow, Via = i == 0 ? "api" : "web" };
                ids.Add(view.Id);
                db.AidItemViews.Add(view);
            }
            await db.SaveChangesAsync();
        });
        var leadApi = app.Api(await app.TokenAsync(lead.UserName!, "read"));
        var response = await leadApi.GetAsync($"/api/v1/kindred/safeguarding/views?item_id={item.Id}&limit=2");
        var page = await KindredApp.Json(response, HttpStatusCode.OK);
        Assert.Equal([ids[2].ToString(), ids[1].ToString()], page.EnumerateArray().Select(v => v.GetProperty("id").GetString()));
        Assert.Equal(admin.UserName, page[0].GetProperty("username").GetString());
        Assert.Contains("rel=\"next\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        var newer = await KindredApp.Json(await leadApi.GetAsync($"/api/v1/kindred/safeguarding/views?item_id={item.Id}&min_id={ids[0]}&limit=1"), HttpStatusCode.OK);
        Assert.Equal(ids[1].ToString(), Assert.Single(newer.EnumerateArray()).GetProperty("id").GetString());
        await KindredApp.Json(await app.Api(await app.TokenAsync(admin.UserName!, "read")).GetAsync("/api/v1/kindred/safeguarding/views"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheFiguresGiveMediansAndRatesByCategoryAndArea()
    {
        // Made as members make it, through the services on a clock the test moves (on a whole second, so both databases
        // keep the times exactly): answered after 2 and 4 hours, the first accepted and fulfilled after 6 hours, the
        // second closed unfulfilled, the third still open.
        var clock = new FakeTimeProvider(new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-3).AddHours(9), TimeSpan.Zero));
        var owner = await app.MemberAtAsync("hf_owner");
        var helper = await app.MemberAtAsync("hf_helper");
        var created = new List<AidItem>();
        foreach (var category in new[] { "transport", "transport", "skills" })
        {
            created.Add(await app.ItemAsync(owner, new AidInput { Kind = AidKind.Request, Category = category, Title = "figures", AreaName = "Figureville" }, clock));
        }
        Task<T> Responses<T>(Func<AidResponseService, Task<T>> action) =>
            app.WithServicesAsync(s => action(ActivatorUtilities.CreateInstance<AidResponseService>(s, clock)));
        clock.Advance(TimeSpan.FromHours(2));
        var first = await Responses(r => r.AnswerAsync(helper.Id, created[0].Id, "I can drive you."));
        await Responses(r => r.AcceptAsync(owner.Id, first.Id));
        clock.Advance(TimeSpan.FromHours(2));
        await Responses(r => r.AnswerAsync(helper.Id, created[1].Id, "I can drive you too."));
        clock.Advance(TimeSpan.FromHours(2));
        await Responses(r => r.FulfilAsync(owner.Id, created[0].Id));
        clock.Advance(TimeSpan.FromHours(1));
        await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<AidService>(s, clock).CloseAsync(owner.Id, created[1].Id));

        var token = await app.TokenAsync("owner", "admin:read");
        var figures = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/admin/kindred/aid/figures"), HttpStatusCode.OK);
        var area = figures.GetProperty("by_area").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "Figureville");
        Assert.Equal(3, area.GetProperty("requests").GetInt32());
        Assert.Equal(0.5, area.GetProperty("fulfilment_rate").GetDouble());
        Assert.Equal(3, area.GetProperty("median_hours_to_first_response").GetDouble(), 2);
        Assert.Equal(6, area.GetProperty("median_hours_to_fulfilment").GetDouble(), 2);
        Assert.Equal(0.5, figures.GetProperty("by_category").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "transport").GetProperty("fulfilment_rate").GetDouble());
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/admin/kindred/aid/figures?from=2026-05-01&to=2026-04-01"), HttpStatusCode.UnprocessableEntity);
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/admin/kindred/aid/figures?from=yesterday"), HttpStatusCode.UnprocessableEntity);
    }
}

public sealed class AidHelpingAndAuditSqliteTests(AidSqliteApp app) : AidHelpingAndAuditTests(app), IClassFixture<AidSqliteApp>;

public sealed class AidHelpingAndAuditPostgresTests(AidPostgresApp app) : AidHelpingAndAuditTests(app), IClassFixture<AidPostgresApp>;
