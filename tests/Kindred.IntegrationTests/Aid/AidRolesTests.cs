using System.Net;
using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Aid;

/// <summary>
/// Vetted helpers and safeguarding leads through the admin API (ADR 31): the permission matrix of each role × each
/// action, grant and revoke with history, bad input (422, nothing changed), unknown ids (404) and scopes (403).
/// </summary>
public abstract class AidRolesTests(AidApp app)
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    private async Task<string> TokenForAsync(UserRole role, string scopes = "read write admin:read admin:write")
    {
        var user = role == UserRole.Owner ? null : await app.MemberAtAsync("ar_" + role.ToString().ToLowerInvariant(), role: role);
        return await app.TokenAsync(user?.UserName ?? "owner", scopes);
    }

    private Task<int> GrantCountAsync(long accountId) => app.WithDbAsync(db => db.VettedHelpers.CountAsync(v => v.AccountId == accountId));

    public static TheoryData<UserRole, string, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<UserRole, string, HttpStatusCode>();
        foreach (var role in Enum.GetValues<UserRole>())
        {
            var staff = role is UserRole.Staff or UserRole.Admin or UserRole.Owner;
            var admin = role is UserRole.Admin or UserRole.Owner;
            data.Add(role, "list-vetted", staff ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            data.Add(role, "grant", staff ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            data.Add(role, "revoke", staff ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            data.Add(role, "list-leads", admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            data.Add(role, "add-lead", admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            data.Add(role, "remove-lead", admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            data.Add(role, "figures", staff ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleMayDoOnlyItsAdminActions(UserRole role, string action, HttpStatusCode expected)
    {
        var token = await TokenForAsync(role);
        var target = await app.MemberAtAsync("ar_target");
        var grantId = await app.WithDbAsync(async db =>
        {
            var grant = new VettedHelper { Id = Kindred.Data.Snowflake.NewId(), AccountId = target.Id, GrantedById = target.Id, GrantedAt = DateTime.UtcNow, VettedOn = new DateOnly(2026, 1, 5), Note = "DBS" };
            db.VettedHelpers.Add(grant);
            await db.SaveChangesAsync();
            return grant.Id;
        });
        var other = await app.MemberAtAsync("ar_other");
        var api = app.Api(token);
        var response = action switch
        {
            "list-vetted" => await api.GetAsync("/api/v1/admin/kindred/vetted_helpers"),
            "grant" => await api.PostAsync("/api/v1/admin/kindred/vetted_helpers", Form(("username", other.UserName!), ("vetted_on", "2026-01-05"), ("note", "References checked"))),
            "revoke" => await api.PostAsync($"/api/v1/admin/kindred/vetted_helpers/{grantId}/revoke", Form(("note", "Moved away"))),
            "list-leads" => await api.GetAsync("/api/v1/admin/kindred/safeguarding_leads"),
            "add-lead" => await api.PostAsync("/api/v1/admin/kindred/safeguarding_leads", Form(("username", other.UserName!))),
            "remove-lead" => await api.DeleteAsync($"/api/v1/admin/kindred/safeguarding_leads/{target.Id}"),
            _ => await api.GetAsync("/api/v1/admin/kindred/aid/figures"),
        };
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal(1, await GrantCountAsync(target.Id) + await GrantCountAsync(other.Id));
            Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == other.Id && u.IsSafeguardingLead)));
            Assert.Null(await app.WithDbAsync(db => db.VettedHelpers.Where(v => v.Id == grantId).Select(v => v.RevokedAt).FirstAsync()));
        }
    }

    [Fact]
    public async Task StaffGrantAndRevokeVettedStatusAndTheHistoryStays()
    {
        var token = await TokenForAsync(UserRole.Staff);
        var helper = await app.MemberAtAsync("ar_helper");
        var granted = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/admin/kindred/vetted_helpers",
            Form(("username", helper.UserName!), ("vetted_on", "2026-02-01"), ("note", "DBS check seen"))), HttpStatusCode.OK);
        Assert.Equal("2026-02-01", granted.GetProperty("vetted_on").GetString());
        Assert.True(granted.GetProperty("current").GetBoolean());
        Assert.True((await AidViewerOf(helper)).IsVettedHelper);

        // A second grant while one is current is refused.
        await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/admin/kindred/vetted_helpers",
            Form(("username", helper.UserName!), ("vetted_on", "2026-02-01"), ("note", "again"))), HttpStatusCode.UnprocessableEntity);

        var id = granted.GetProperty("id").GetString();
        var revoked = await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/admin/kindred/vetted_helpers/{id}/revoke", Form(("note", "No longer volunteering"))), HttpStatusCode.OK);
        Assert.False(revoked.GetProperty("current").GetBoolean());
        Assert.Equal("No longer volunteering", revoked.GetProperty("revoke_note").GetString());
        Assert.False((await AidViewerOf(helper)).IsVettedHelper);
        await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/admin/kindred/vetted_helpers/{id}/revoke", Form(("note", "twice"))), HttpStatusCode.UnprocessableEntity);

        var all = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/admin/kindred/vetted_helpers"), HttpStatusCode.OK);
        Assert.Contains(all.EnumerateArray(), g => g.GetProperty("id").GetString() == id && g.GetProperty("note").GetString() == "DBS check seen");
        var current = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/admin/kindred/vetted_helpers?current=true"), HttpStatusCode.OK);
        Assert.DoesNotContain(current.EnumerateArray(), g => g.GetProperty("id").GetString() == id);
        await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/admin/kindred/vetted_helpers/987654321/revoke", Form(("note", "x"))), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("", "2026-01-01", "note", "username")]
    [InlineData("nobody_here", "2026-01-01", "note", "username")]
    [InlineData("HELPER", "", "note", "vetted_on")]
    [InlineData("HELPER", "01/02/2026", "note", "vetted_on")]
    [InlineData("HELPER", "2999-01-01", "note", "vetted_on")]
    [InlineData("HELPER", "2026-01-01", "  ", "note")]
    public async Task BadGrantsAre422AndChangeNothing(string username, string vettedOn, string note, string field)
    {
        var token = await TokenForAsync(UserRole.Admin);
        var helper = await app.MemberAtAsync("ar_bad");
        var response = await app.Api(token).PostAsync("/api/v1/admin/kindred/vetted_helpers",
            Form(("username", username == "HELPER" ? helper.UserName! : username), ("vetted_on", vettedOn), ("note", note)));
        var error = await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(field, error.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, await GrantCountAsync(helper.Id));
    }

    [Fact]
    public async Task AdminsAppointAndRemoveSafeguardingLeads()
    {
        var token = await TokenForAsync(UserRole.Admin);
        var lead = await app.MemberAtAsync("ar_lead");
        var added = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/admin/kindred/safeguarding_leads", Form(("username", lead.UserName!))), HttpStatusCode.OK);
        Assert.Equal(lead.Id.ToString(), added.GetProperty("account_id").GetString());
        Assert.True((await AidViewerOf(lead)).IsSafeguardingLead);
        var list = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/admin/kindred/safeguarding_leads"), HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), l => l.GetProperty("username").GetString() == lead.UserName);
        await KindredApp.Json(await app.Api(token).DeleteAsync($"/api/v1/admin/kindred/safeguarding_leads/{lead.Id}"), HttpStatusCode.OK);
        Assert.False((await AidViewerOf(lead)).IsSafeguardingLead);
        await KindredApp.Json(await app.Api(token).DeleteAsync("/api/v1/admin/kindred/safeguarding_leads/987654321"), HttpStatusCode.NotFound);
        await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/admin/kindred/safeguarding_leads", Form(("username", "nobody_at_all"))), HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("GET", "/api/v1/admin/kindred/vetted_helpers", "read admin:write")]
    [InlineData("POST", "/api/v1/admin/kindred/vetted_helpers", "admin:read write")]
    [InlineData("POST", "/api/v1/admin/kindred/vetted_helpers/1/revoke", "admin:read")]
    [InlineData("GET", "/api/v1/admin/kindred/safeguarding_leads", "read write")]
    [InlineData("POST", "/api/v1/admin/kindred/safeguarding_leads", "admin:read")]
    [InlineData("DELETE", "/api/v1/admin/kindred/safeguarding_leads/1", "admin:read")]
    [InlineData("GET", "/api/v1/admin/kindred/aid/figures", "read")]
    [InlineData("GET", "/api/v1/kindred/aid/helping", "write")]
    [InlineData("PUT", "/api/v1/kindred/aid/helping", "read")]
    [InlineData("GET", "/api/v1/kindred/aid/1/matches", "write")]
    [InlineData("GET", "/api/v1/kindred/safeguarding/views", "write")]
    public async Task ATokenLackingTheScopeIs403(string method, string path, string scopes)
    {
        var token = await TokenForAsync(UserRole.Owner, scopes);
        var response = await app.Api(token).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task<AidViewer> AidViewerOf(User user) =>
        app.WithServicesAsync(s => AidViewer.LoadAsync(s.GetRequiredService<Kindred.Data.KindredDbContext>(), Viewer.Member(user.Id)));
}

public sealed class AidRolesSqliteTests(AidSqliteApp app) : AidRolesTests(app), IClassFixture<AidSqliteApp>;

public sealed class AidRolesPostgresTests(AidPostgresApp app) : AidRolesTests(app), IClassFixture<AidPostgresApp>;
