using System.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Groups;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Web.Groups;

/// <summary>With Kindred:Groups:StaffOnlyCreation, the create page explains itself to members and serves staff.</summary>
public abstract class StaffOnlyGroupPagesTests(KindredApp app)
{
    [Fact]
    public async Task TheCreatePageIsOnlyAFormForStaff()
    {
        await app.CreateUserAsync("sop_member");
        await app.CreateUserAsync("sop_moderator", UserRole.Moderator);
        var member = app.Browser("10.78.0.1");
        await Web.Account.AccountFlowTests.SignInAsync(member, "sop_member", KindredApp.Password);
        var refused = await Html.GetAsync(member, "/groups/new", HttpStatusCode.Forbidden);
        Assert.Contains("On this server only staff may create groups.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Name", refused, StringComparison.Ordinal);

        var moderator = app.Browser("10.78.0.2");
        await Web.Account.AccountFlowTests.SignInAsync(moderator, "sop_moderator", KindredApp.Password);
        var location = await GroupPagesTests.PostAsync(moderator, "/groups/new", "group-new", new() { ["Input.Name"] = "Staff Room", ["Input.Kind"] = "Interest", ["Input.Visibility"] = "Public", ["Input.JoinPolicy"] = "Open" }, HttpStatusCode.Redirect);
        Assert.Equal("/groups/staff-room", location);
    }
}

public sealed class StaffOnlyGroupPagesSqliteTests(StaffOnlySqliteApp app) : StaffOnlyGroupPagesTests(app), IClassFixture<StaffOnlySqliteApp>;

public sealed class StaffOnlyGroupPagesPostgresTests(StaffOnlyPostgresApp app) : StaffOnlyGroupPagesTests(app), IClassFixture<StaffOnlyPostgresApp>;
