using System.Net;
using Kindred.Data.Entities;
using Kindred.Data.Search;
using Kindred.IntegrationTests.Aid;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Search;

/// <summary>
/// Groups, events and aid items in search (ADR 87): what a member types finds them by their words and their category in
/// English and French, the index follows every edit in the same transaction, and on SQLite it repairs itself when a
/// migration rebuilt a table.
/// </summary>
public abstract class SearchKindsTests(KindredApp app)
{
    private async Task<(User User, HttpClient Browser, string Token)> MemberAsync(string username)
    {
        var user = await app.CreateUserAsync(username);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return (user, browser, await app.TokenAsync(username));
    }

    [Fact]
    public async Task ChildcareFindsTheChildcareRequestAndTheSingleParentsCircle()
    {
        var (owner, browser, token) = await MemberAsync("sk_maria");
        await TestGroups.CreateAsync(app, "sk-single-parents", GroupVisibility.Public, owner.Id, "Single parents of Verdun: shared childcare, coffee and support.");
        await app.WithDbAsync(db => db.Groups.Where(g => g.Slug == "sk-single-parents").ExecuteUpdateAsync(u => u.SetProperty(g => g.Name, "Single Parents Circle")));
        await AidTestWorld.CreateItemAsync(app, token, "School pick-up on Tuesdays", ("audience", "members"), ("description", "Two children, 15 minutes' walk."));

        var page = await Html.GetAsync(browser, "/search?q=childcare");
        Assert.Contains("Single Parents Circle", page, StringComparison.Ordinal);
        Assert.Contains("School pick-up on Tuesdays", page, StringComparison.Ordinal);

        // The category is found by its French name too, and names by the start of their words.
        Assert.Contains("School pick-up on Tuesdays", await Html.GetAsync(browser, "/search?q=garde+enfants&type=aid"), StringComparison.Ordinal);
        Assert.Contains("Single Parents Circle", await Html.GetAsync(browser, "/search?q=parent&type=groups"), StringComparison.Ordinal);
        Assert.DoesNotContain("School pick-up on Tuesdays", await Html.GetAsync(browser, "/search?q=shelter&type=aid"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsAreFoundByTheirPlaceButNeverByTheirAddress()
    {
        var (owner, browser, _) = await MemberAsync("sk_leo");
        await app.WithServicesAsync(s => s.GetRequiredService<Kindred.Core.Events.EventService>().CreateAsync(owner.Id, new Kindred.Core.Events.EventInput
        {
            Title = "Café des parents",
            Description = "Un moment pour souffler.",
            StartsAt = DateTimeOffset.UtcNow.AddDays(3),
            EndsAt = DateTimeOffset.UtcNow.AddDays(3).AddHours(2),
            TimeZone = "America/Toronto",
            Mode = EventMode.InPerson,
            PlaceName = "Maison de quartier Wellington",
            Address = "4500 rue Bannantyne",
            AreaName = "Verdun",
            Visibility = EventVisibility.Public,
        }));

        foreach (var q in new[] { "cafe", "CAFÉ parents", "wellington", "maison quartier", "verdun" })
        {
            var page = WebUtility.HtmlDecode(await Html.GetAsync(app.Browser(), "/search?type=events&q=" + Uri.EscapeDataString(q)));
            Assert.Contains("Café des parents", page, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Café des parents", WebUtility.HtmlDecode(await Html.GetAsync(browser, "/search?type=events&q=bannantyne")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheIndexFollowsEveryEditAndDeletion()
    {
        var (owner, browser, token) = await MemberAsync("sk_edit");
        var group = await TestGroups.CreateAsync(app, "sk-edit-group", GroupVisibility.Public, owner.Id, "Knitting afternoons.");
        var itemId = AidTestWorld.Parse(await AidTestWorld.CreateItemAsync(app, token, "Lift to the market", ("audience", "members"), ("category", "transport")));

        await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(u => u.SetProperty(g => g.Description, "Crochet evenings.")));
        Assert.DoesNotContain("sk-edit-group", await Html.GetAsync(browser, "/search?type=groups&q=knitting"), StringComparison.Ordinal);
        Assert.Contains("sk-edit-group", await Html.GetAsync(browser, "/search?type=groups&q=crochet"), StringComparison.Ordinal);

        // Renaming a category re-indexes its items.
        var transport = await app.WithDbAsync(db => db.AidCategories.SingleAsync(c => c.Slug == "transport"));
        Assert.DoesNotContain("Lift to the market", await Html.GetAsync(browser, "/search?type=aid&q=covoiturage"), StringComparison.Ordinal);
        await app.WithDbAsync(db => db.AidCategories.Where(c => c.Id == transport.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Name, "Covoiturage")));
        Assert.Contains("Lift to the market", await Html.GetAsync(browser, "/search?type=aid&q=covoiturage"), StringComparison.Ordinal);
        await app.WithDbAsync(db => db.AidCategories.Where(c => c.Id == transport.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Name, (string?)null)));

        await app.WithDbAsync(db => db.AidItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(u => u.SetProperty(i => i.Title, "Ride to the clinic")));
        Assert.DoesNotContain("/aid/" + AidTestWorld.Id(itemId), await Html.GetAsync(browser, "/search?type=aid&q=market"), StringComparison.Ordinal);
        Assert.Contains("Ride to the clinic", await Html.GetAsync(browser, "/search?type=aid&q=clinic"), StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            await db.GroupMemberships.Where(m => m.GroupId == group.Id).ExecuteDeleteAsync();
            return await db.Groups.Where(g => g.Id == group.Id).ExecuteDeleteAsync();
        });
        var matches = await app.WithServicesAsync(s => s.GetRequiredService<ISearchIndex>().GroupIds(SearchTerms.ForNames("crochet")).ToListAsync());
        Assert.DoesNotContain(group.Id, matches);
    }

    [Fact]
    public async Task TheIndexOfGroupsEventsAndAidRepairsItselfWhenAMigrationRebuiltATable()
    {
        var (owner, browser, _) = await MemberAsync("sk_repair");
        if (app.Database == DatabaseKind.Sqlite)
        {
            // What SQLite does to a table's triggers when a migration rebuilds the table to alter a column.
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(Kindred.Data.Sqlite.Search.SqliteCommunitySearchSchema.DropTriggers));
        }
        await TestGroups.CreateAsync(app, "sk-during-outage", GroupVisibility.Public, owner.Id, "Written while the triggers were gone: thistlewood.");
        var repaired = await app.WithServicesAsync(s => s.GetRequiredService<ISearchIndex>().EnsureAsync());

        Assert.Equal(app.Database == DatabaseKind.Sqlite, repaired);
        Assert.False(await app.WithServicesAsync(s => s.GetRequiredService<ISearchIndex>().EnsureAsync()));
        Assert.Contains("sk-during-outage", await Html.GetAsync(browser, "/search?type=groups&q=thistlewood"), StringComparison.Ordinal);
    }
}

public sealed class SearchKindsSqliteTests(SqliteApp app) : SearchKindsTests(app), IClassFixture<SqliteApp>;

public sealed class SearchKindsPostgresTests(PostgresApp app) : SearchKindsTests(app), IClassFixture<PostgresApp>;
