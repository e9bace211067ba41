using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Events;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Aid;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Group = Kindred.Data.Entities.Group;

namespace Kindred.IntegrationTests.Web.Search;

/// <summary>
/// The search matrix (ADR 87): every kind search finds (groups, events, aid items) × every visibility of that kind ×
/// every kind of searcher (signed out, a member, a member of the groups, staff, a safeguarding lead), on the search
/// page's tab for that kind and, for aid items, on the API. Each cell asserts what must be found and what must not, and
/// the number of result cards, so a count never tells of something the searcher may not see.
/// </summary>
public abstract partial class SearchVisibilityMatrixTests(KindredApp app)
{
    public static readonly string[] Searchers = ["signedout", "member", "groupmember", "staff", "lead"];

    /// <summary>What each rule allows: GroupAccess, EventAccess, AidVisibility (and aid search is for signed-in members).</summary>
    public static readonly Dictionary<string, Dictionary<string, string[]>> Expected = new()
    {
        ["groups"] = new()
        {
            ["signedout"] = ["public"],
            ["member"] = ["public", "members"],
            ["groupmember"] = ["public", "members", "secret"],
            ["staff"] = ["public", "members"],
            ["lead"] = ["public", "members"],
        },
        ["events"] = new()
        {
            ["signedout"] = ["public"],
            ["member"] = ["public", "members"],
            ["groupmember"] = ["public", "members", "group", "insecret"],
            ["staff"] = ["public", "members"],
            ["lead"] = ["public", "members"],
        },
        ["aid"] = new()
        {
            ["signedout"] = [],
            ["member"] = ["public", "members", "memberssensitive"],
            ["groupmember"] = ["public", "members", "memberssensitive", "group", "groupsensitive"],
            ["staff"] = ["public", "members", "memberssensitive"],
            ["lead"] = ["public", "members", "memberssensitive", "group", "groupsensitive", "vettedsensitive"],
        },
    };

    [GeneratedRegex("<article class=\"group-card\"")]
    private static partial Regex GroupCard();

    [GeneratedRegex("<article class=\"card event-card\"")]
    private static partial Regex EventCard();

    [GeneratedRegex("<article class=\"card aid-card\"")]
    private static partial Regex AidCard();

    private sealed record World(string Word, Dictionary<string, (HttpClient Browser, string? Token)> People);

    /// <summary>A marker unique to one thing in one world: no marker is part of another.</summary>
    private static string Marker(string word, string kind, string cell) => $"{word}{kind}{cell}x";

    private async Task<World> BuildAsync(string word)
    {
        var people = new Dictionary<string, (HttpClient, string?)> { ["signedout"] = (app.Browser(), null) };
        var owner = await app.CreateUserAsync(word + "_owner");
        var ownerToken = await app.TokenAsync(owner.UserName!);
        long groupMember = 0;
        foreach (var searcher in Searchers.Skip(1))
        {
            var user = await app.CreateUserAsync($"{word}_{searcher}", searcher == "staff" ? UserRole.Staff : UserRole.Member);
            if (searcher == "groupmember")
            {
                groupMember = user.Id;
            }
            if (searcher == "lead")
            {
                await AidTestWorld.MakeLeadAsync(app, user.Id);
            }
            var browser = app.Browser();
            await Web.Account.AccountFlowTests.SignInAsync(browser, user.UserName!, KindredApp.Password);
            people[searcher] = (browser, await app.TokenAsync(user.UserName!));
        }

        var groups = new Dictionary<string, Group>();
        foreach (var (cell, visibility) in new[] { ("public", GroupVisibility.Public), ("members", GroupVisibility.Members), ("secret", GroupVisibility.Secret) })
        {
            groups[cell] = await TestGroups.CreateAsync(app, Marker(word, "group", cell), visibility, owner.Id, $"A circle about {word} and childcare.");
            await TestGroups.JoinAsync(app, groups[cell].Id, groupMember);
        }

        foreach (var (cell, visibility, groupId) in new (string, EventVisibility, long?)[]
        {
            ("public", EventVisibility.Public, null), ("members", EventVisibility.Members, null),
            ("group", EventVisibility.Group, groups["members"].Id), ("insecret", EventVisibility.Public, groups["secret"].Id),
        })
        {
            await app.WithServicesAsync(s => s.GetRequiredService<EventService>().CreateAsync(owner.Id, new EventInput
            {
                Title = "Coffee " + Marker(word, "event", cell),
                Description = $"Meet about {word}.",
                StartsAt = DateTimeOffset.UtcNow.AddDays(10),
                EndsAt = DateTimeOffset.UtcNow.AddDays(10).AddHours(2),
                TimeZone = "Europe/Paris",
                Mode = EventMode.InPerson,
                PlaceName = "Community hall",
                AreaName = "Verdun",
                Visibility = visibility,
                GroupId = groupId,
            }));
        }

        foreach (var (cell, audience, sensitive) in new[]
        {
            ("public", "public", false), ("members", "members", false), ("memberssensitive", "members", true),
            ("group", "group", false), ("groupsensitive", "group", true), ("vettedsensitive", "vetted_helpers", true),
        })
        {
            List<(string, string)> fields = [("audience", audience), ("sensitive", sensitive ? "true" : "false"), ("description", $"About {word}.")];
            if (audience == "group")
            {
                fields.Add(("group_id", AidTestWorld.Id(groups["members"].Id)));
            }
            await AidTestWorld.CreateItemAsync(app, ownerToken, "Help " + Marker(word, "aid", cell), [.. fields]);
        }
        return new World(word, people);
    }

    private static IReadOnlyList<string> Cells(string kind) => kind switch
    {
        "groups" => ["public", "members", "secret"],
        "events" => ["public", "members", "group", "insecret"],
        _ => ["public", "members", "memberssensitive", "group", "groupsensitive", "vettedsensitive"],
    };

    private static string MarkerKind(string kind) => kind switch { "groups" => "group", "events" => "event", _ => "aid" };

    private static Regex Cards(string kind) => kind switch { "groups" => GroupCard(), "events" => EventCard(), _ => AidCard() };

    [Theory]
    [InlineData("groups")]
    [InlineData("events")]
    [InlineData("aid")]
    public async Task EachSearcherFindsExactlyWhatTheKindsOwnRuleAllowsAndTheCountTellsNoMore(string kind)
    {
        var world = await BuildAsync("smx" + kind[..3]);
        var wrong = new List<string>();
        foreach (var searcher in Searchers)
        {
            var expected = Expected[kind][searcher];
            var page = await Html.GetAsync(world.People[searcher].Browser, $"/search?q={world.Word}&type={kind}");
            foreach (var cell in Cells(kind))
            {
                var found = page.Contains(Marker(world.Word, MarkerKind(kind), cell), StringComparison.Ordinal);
                if (found != expected.Contains(cell))
                {
                    wrong.Add($"{kind}: {searcher} {(found ? "found" : "did not find")} {cell}");
                }
            }
            var cards = Cards(kind).Count(page);
            if (cards != expected.Length)
            {
                wrong.Add($"{kind}: {searcher} was shown {cards} results, expected {expected.Length}");
            }
            Assert.Contains($"href=\"/search?q={world.Word}&amp;type={kind}\" aria-current=\"page\"", page, StringComparison.Ordinal);
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task TheApiFindsAidItemsOnlyWhereAidVisibilityAllows()
    {
        var world = await BuildAsync("smxapi");
        foreach (var searcher in Searchers)
        {
            var found = await KindredApp.Json(await app.Api(world.People[searcher].Token).GetAsync($"/api/v2/search?q={world.Word}&type=kindred_aid_items&limit=40"), HttpStatusCode.OK);
            var titles = found.GetProperty("kindred_aid_items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
            var expected = Expected["aid"][searcher].Select(cell => "Help " + Marker(world.Word, "aid", cell)).Order(StringComparer.Ordinal);
            Assert.True(expected.SequenceEqual(titles.Order(StringComparer.Ordinal)), $"{searcher}: {string.Join(", ", titles)}");
        }
    }

    [Fact]
    public async Task TheAllTabShowsEveryKindWithTabsThatWorkWithoutJavaScript()
    {
        var world = await BuildAsync("smxall");
        var page = await Html.GetAsync(world.People["lead"].Browser, $"/search?q={world.Word}");
        Assert.Contains($"href=\"/search?q={world.Word}\" aria-current=\"page\"", page, StringComparison.Ordinal);
        foreach (var type in new[] { "accounts", "statuses", "hashtags", "groups", "events", "aid" })
        {
            Assert.Contains($"href=\"/search?q={world.Word}&amp;type={type}\">", page, StringComparison.Ordinal);
        }
        Assert.Contains("groups-heading", page, StringComparison.Ordinal);
        Assert.Contains("events-heading", page, StringComparison.Ordinal);
        Assert.Contains("aid-heading", page, StringComparison.Ordinal);
        // Five of each at most on "All", with a link to the rest.
        Assert.Equal(5, AidCard().Count(page));
        Assert.Contains($"href=\"/search?q={world.Word}&amp;type=aid\">More requests and offers</a>", page, StringComparison.Ordinal);
    }
}

public sealed class SearchVisibilityMatrixSqliteTests(SqliteApp app) : SearchVisibilityMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class SearchVisibilityMatrixPostgresTests(PostgresApp app) : SearchVisibilityMatrixTests(app), IClassFixture<PostgresApp>;
