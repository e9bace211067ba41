using System.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Groups;

/// <summary>With Kindred:Groups:StaffOnlyCreation, members may join groups but only staff may create them.</summary>
public abstract class StaffOnlyGroupsTests(KindredApp app)
{
    [Fact]
    public async Task OnlyStaffCreateGroupsWhenTheServerSaysSo()
    {
        await app.CreateUserAsync("so_member");
        await app.CreateUserAsync("so_moderator", UserRole.Moderator);
        var member = await app.TokenAsync("so_member");
        var moderator = await app.TokenAsync("so_moderator");
        HttpContent Form() => new FormUrlEncodedContent([new("display_name", "Staff only")]);

        var refused = await app.Api(member).PostAsync("/api/v1/groups", Form());
        var error = await KindredApp.Json(refused, HttpStatusCode.Forbidden);
        Assert.Contains("staff", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        var created = await KindredApp.Json(await app.Api(moderator).PostAsync("/api/v1/groups", Form()), HttpStatusCode.OK);
        var id = created.GetProperty("id").GetString();
        // Members still join.
        await KindredApp.Json(await app.Api(member).PostAsync($"/api/v1/groups/{id}/join", null), HttpStatusCode.OK);
    }
}

public sealed class StaffOnlySqliteApp : KindredApp
{
    public StaffOnlySqliteApp()
        : base(DatabaseKind.Sqlite) => Set("Kindred:Groups:StaffOnlyCreation", "true");
}

public sealed class StaffOnlyPostgresApp : KindredApp
{
    public StaffOnlyPostgresApp()
        : base(DatabaseKind.Postgres) => Set("Kindred:Groups:StaffOnlyCreation", "true");
}

public sealed class StaffOnlyGroupsSqliteTests(StaffOnlySqliteApp app) : StaffOnlyGroupsTests(app), IClassFixture<StaffOnlySqliteApp>;

public sealed class StaffOnlyGroupsPostgresTests(StaffOnlyPostgresApp app) : StaffOnlyGroupsTests(app), IClassFixture<StaffOnlyPostgresApp>;
