using System.Net;
using System.Text.Json;
using Kindred.Core.Accounts;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.Data.Search;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Search;

/// <summary>
/// /api/v2/search and /api/v1/accounts/search on both databases: the same words must find the same rows on SQLite
/// (FTS5) and PostgreSQL (tsvector), and nothing a searcher may not see. The visibility matrix has its own row in
/// StatusVisibilityTests.
/// </summary>
public abstract class SearchTests(KindredApp app)
{
    private static int users;

    /// <summary>A fresh member with a token, named after the test so each test's words stay its own.</summary>
    private async Task<(User User, string Token)> MemberAsync(string prefix, string scopes = "read write follow")
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name);
        return (user, await app.TokenAsync(name, scopes));
    }

    private Task<Status> PostAsync(long authorId, string text, Audience visibility = Audience.Public, string? spoiler = null) =>
        app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(authorId, new NewStatus(text, "http://localhost", visibility, spoiler)));

    private Task<Account> ProfileAsync(long accountId, ProfileUpdate update) =>
        app.WithServicesAsync(s => s.GetRequiredService<ProfileService>().UpdateAsync(accountId, update));

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => app.WithServicesAsync(action);

    private async Task<JsonElement> SearchAsync(string? token, string query, HttpStatusCode expected = HttpStatusCode.OK) =>
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v2/search?" + query), expected);

    private static List<string> Ids(JsonElement json, string key) =>
        json.GetProperty(key).EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Q(string text) => Uri.EscapeDataString(text);

    [Fact]
    public async Task AccentsAndCaseDoNotMatterEitherWay()
    {
        var (author, token) = await MemberAsync("accent");
        var accented = await PostAsync(author.Id, "L'École Jules-Ferry ouvre son potager kermessia");
        var plain = await PostAsync(author.Id, "Reunion a l'ecole pour la kermessia");
        var ligature = await PostAsync(author.Id, "Un cœur gros comme ça pour la kermessia");

        foreach (var query in new[] { "ecole kermessia", "École kermessia", "ÉCOLE KERMESSIA", "écolé kermessia" })
        {
            var found = Ids(await SearchAsync(token, $"type=statuses&q={Q(query)}"), "statuses");
            Assert.Equal([Id(plain.Id), Id(accented.Id)], found);
        }
        Assert.Equal([Id(ligature.Id)], Ids(await SearchAsync(token, $"type=statuses&q={Q("coeur kermessia")}"), "statuses"));
        Assert.Equal([Id(ligature.Id)], Ids(await SearchAsync(token, $"type=statuses&q={Q("cœur kermessia")}"), "statuses"));
        // Hyphens and apostrophes separate words the same way on both databases.
        Assert.Equal([Id(accented.Id)], Ids(await SearchAsync(token, $"type=statuses&q={Q("jules ferry kermessia")}"), "statuses"));
    }

    [Fact]
    public async Task EveryWordMustMatchAndWordsMatchWhole()
    {
        var (author, token) = await MemberAsync("words");
        var monday = await PostAsync(author.Id, "Le jardin partagé ouvre lundi, bénévoles bienvenus #zorblat");
        var closed = await PostAsync(author.Id, "Le jardin partagé est fermé #zorblat");

        Assert.Equal([Id(closed.Id), Id(monday.Id)], Ids(await SearchAsync(token, "type=statuses&q=zorblat+jardin"), "statuses"));
        Assert.Equal([Id(monday.Id)], Ids(await SearchAsync(token, "type=statuses&q=zorblat+jardin+lundi"), "statuses"));
        Assert.Equal([Id(monday.Id)], Ids(await SearchAsync(token, $"type=statuses&q={Q("zorblat bénévoles")}"), "statuses"));
        Assert.Empty(Ids(await SearchAsync(token, $"type=statuses&q={Q("zorblat bénév")}"), "statuses"));
        Assert.Empty(Ids(await SearchAsync(token, "type=statuses&q=zorblat+mardi"), "statuses"));
    }

    [Fact]
    public async Task TheContentWarningIsSearchedButNotTheMarkup()
    {
        var (author, token) = await MemberAsync("cw");
        var status = await PostAsync(author.Id, "Parlons-en **ensemble** plimsoll", spoiler: "Santé mentale");

        Assert.Equal([Id(status.Id)], Ids(await SearchAsync(token, "type=statuses&q=sante+plimsoll"), "statuses"));
        Assert.Equal([Id(status.Id)], Ids(await SearchAsync(token, "type=statuses&q=ensemble+plimsoll"), "statuses"));
        // The rendered HTML (<p>, <strong>) is not what is indexed.
        Assert.Empty(Ids(await SearchAsync(token, "type=statuses&q=strong+plimsoll"), "statuses"));
    }

    [Fact]
    public async Task AnEditedPostIsFoundByItsNewTextAndADeletedOneNotAtAll()
    {
        var (author, token) = await MemberAsync("edit");
        var status = await PostAsync(author.Id, "ancienne formulation quillfeather");
        await WithAsync(s => s.GetRequiredService<StatusService>().EditAsync(author.Id, status.Id, new StatusUpdate("nouvelle formulation quillfeather", "http://localhost")));

        Assert.Empty(Ids(await SearchAsync(token, "type=statuses&q=ancienne+quillfeather"), "statuses"));
        Assert.Equal([Id(status.Id)], Ids(await SearchAsync(token, "type=statuses&q=nouvelle+quillfeather"), "statuses"));

        // A boost is not a second copy of the words.
        var (booster, _) = await MemberAsync("boost");
        await WithAsync(s => s.GetRequiredService<StatusService>().ReblogAsync(booster.Id, status.Id));
        Assert.Equal([Id(status.Id)], Ids(await SearchAsync(token, "type=statuses&q=quillfeather"), "statuses"));

        var deleted = await KindredApp.Json(await app.Api(await app.TokenAsync(author.UserName!)).DeleteAsync($"/api/v1/statuses/{status.Id}"), HttpStatusCode.OK);
        Assert.Equal(Id(status.Id), deleted.GetProperty("id").GetString());
        Assert.Empty(Ids(await SearchAsync(token, "type=statuses&q=quillfeather"), "statuses"));
    }

    [Fact]
    public async Task OffsetAndLimitPageThroughTheNewestFirst()
    {
        var (author, token) = await MemberAsync("page");
        var posted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            posted.Add(Id((await PostAsync(author.Id, $"numéro {i} du bulletin gravelpit")).Id));
        }
        posted.Reverse();

        Assert.Equal(posted[..2], Ids(await SearchAsync(token, "type=statuses&q=gravelpit&limit=2"), "statuses"));
        Assert.Equal(posted[2..4], Ids(await SearchAsync(token, "type=statuses&q=gravelpit&limit=2&offset=2"), "statuses"));
        Assert.Equal(posted[4..], Ids(await SearchAsync(token, "type=statuses&q=gravelpit&limit=2&offset=4"), "statuses"));
        Assert.Empty(Ids(await SearchAsync(token, "type=statuses&q=gravelpit&limit=2&offset=6"), "statuses"));
        Assert.Equal(posted[..1], Ids(await SearchAsync(token, "type=statuses&q=gravelpit&limit=0"), "statuses"));
        Assert.Equal(posted, Ids(await SearchAsync(token, "type=statuses&q=gravelpit&limit=500"), "statuses"));
    }

    [Fact]
    public async Task AllThreeListsAreAlwaysPresent()
    {
        var (author, token) = await MemberAsync("arrays");
        await PostAsync(author.Id, "rien à voir #varnishtree");
        foreach (var query in new[] { "q=nothingmatchesthis", "q=varnishtree&type=accounts", "q=varnishtree&type=hashtags", "q=varnishtree&type=statuses", "q=varnishtree" })
        {
            foreach (var client in new[] { token, null })
            {
                var json = await SearchAsync(client, query);
                Assert.Equal(JsonValueKind.Array, json.GetProperty("accounts").ValueKind);
                Assert.Equal(JsonValueKind.Array, json.GetProperty("statuses").ValueKind);
                Assert.Equal(JsonValueKind.Array, json.GetProperty("hashtags").ValueKind);
            }
        }
        var typed = await SearchAsync(token, "q=varnishtree&type=hashtags");
        Assert.Empty(typed.GetProperty("statuses").EnumerateArray());
        Assert.Single(typed.GetProperty("hashtags").EnumerateArray());
    }

    [Fact]
    public async Task HashtagsMatchByPrefixOfTheirNormalizedNameTheExactOneFirst()
    {
        var (author, token) = await MemberAsync("tags");
        await PostAsync(author.Id, "#Potagerie et #PotagerieUrbaine");
        await PostAsync(author.Id, "#PotagerieSecrete", Audience.Direct);

        var (_, other) = await MemberAsync("tagger");

        var json = await SearchAsync(other, $"type=hashtags&q={Q("#potagérie")}");
        var tags = json.GetProperty("hashtags").EnumerateArray().ToList();
        Assert.Equal(["Potagerie", "PotagerieUrbaine"], tags.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("http://localhost/tags/potagerie", tags[0].GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Array, tags[0].GetProperty("history").ValueKind);
        Assert.Equal(["Potagerie", "PotagerieUrbaine"], (await SearchAsync(null, "type=hashtags&q=POTAG")).GetProperty("hashtags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        // A tag used only in a direct post is the author's to find, nobody else's.
        Assert.DoesNotContain("PotagerieSecrete", (await SearchAsync(other, "type=hashtags&q=potagerie")).GetProperty("hashtags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Contains("PotagerieSecrete", (await SearchAsync(token, "type=hashtags&q=potagerie")).GetProperty("hashtags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task AccountsAreFoundByTheStartOfTheirNamesWithoutAccentsOrCase()
    {
        var (elodie, _) = await MemberAsync("zelodie");
        await ProfileAsync(elodie.Id, new ProfileUpdate { DisplayName = "Élodie Quintrand" });
        var (_, token) = await MemberAsync("finder");

        foreach (var query in new[] { "elodie", "ÉLO", "quintr", "elo quin", "Élodie Quintrand" })
        {
            Assert.Contains(Id(elodie.Id), Ids(await SearchAsync(token, $"type=accounts&q={Q(query)}"), "accounts"));
        }
        Assert.DoesNotContain(Id(elodie.Id), Ids(await SearchAsync(token, "type=accounts&q=quintrandx"), "accounts"));
        // The exact handle, in every form clients send it, comes first.
        foreach (var query in new[] { elodie.UserName!, "@" + elodie.UserName, elodie.UserName + "@localhost", "@" + elodie.UserName!.ToUpperInvariant() + "@localhost" })
        {
            Assert.Equal(Id(elodie.Id), Ids(await SearchAsync(token, $"type=accounts&q={Q(query)}"), "accounts").FirstOrDefault());
        }
        Assert.Empty(Ids(await SearchAsync(token, $"type=accounts&q={Q(elodie.UserName + "@elsewhere.example")}"), "accounts"));
        // Anonymous visitors find people too.
        Assert.Contains(Id(elodie.Id), Ids(await SearchAsync(null, "type=accounts&q=quintrand"), "accounts"));
    }

    [Fact]
    public async Task AccountsThatOptedOutOfDiscoveryAreFoundOnlyByTheirExactHandle()
    {
        var (hidden, _) = await MemberAsync("shyviolet");
        await ProfileAsync(hidden.Id, new ProfileUpdate { Discoverable = false });
        var (_, token) = await MemberAsync("seeker");

        Assert.DoesNotContain(Id(hidden.Id), Ids(await SearchAsync(token, "type=accounts&q=shyviol"), "accounts"));
        Assert.Equal([Id(hidden.Id)], Ids(await SearchAsync(token, $"type=accounts&q={hidden.UserName}"), "accounts"));
    }

    [Fact]
    public async Task BlockingInactiveAndUnapprovedAccountsAreNeverFound()
    {
        var (blocker, _) = await MemberAsync("wolfsbane");
        var (disabled, _) = await MemberAsync("wolfsbane");
        var (pending, _) = await MemberAsync("wolfsbane");
        var (visible, _) = await MemberAsync("wolfsbane");
        var (searcher, token) = await MemberAsync("hunter");
        await WithAsync(async s =>
        {
            await s.GetRequiredService<RelationshipService>().BlockAsync(blocker.Id, searcher.Id);
            return true;
        });
        await app.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, UserStatus.Disabled));
            await db.Users.Where(u => u.Id == pending.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, UserStatus.Pending));
        });

        Assert.Equal([Id(visible.Id)], Ids(await SearchAsync(token, "type=accounts&q=wolfsbane"), "accounts"));
        Assert.Empty(Ids(await SearchAsync(token, $"type=accounts&q={blocker.UserName}"), "accounts"));
        Assert.Empty(Ids(await SearchAsync(token, $"type=accounts&q={disabled.UserName}"), "accounts"));
    }

    [Fact]
    public async Task AnExactHandleLookupFindsAnAccountTheSearcherBlockedSoAnAppCanUnblockIt()
    {
        var (blocked, _) = await MemberAsync("thistle");
        var (searcher, token) = await MemberAsync("unblocker");
        await WithAsync(async s =>
        {
            await s.GetRequiredService<RelationshipService>().BlockAsync(searcher.Id, blocked.Id);
            return true;
        });
        var name = blocked.UserName!;

        // A plain word search still hides it; each form of a look-up of the exact handle finds it (toot: resolve=true).
        Assert.Empty(Ids(await SearchAsync(token, $"type=accounts&q={name}"), "accounts"));
        Assert.Empty(Ids(await SearchAsync(token, $"type=accounts&q=%40{name[..^1]}"), "accounts"));
        foreach (var query in new[] { $"q=%40{name}", $"q={name}%40localhost", $"q=acct%3A{name}%40localhost", $"q={name}&resolve=true" })
        {
            Assert.Equal([Id(blocked.Id)], Ids(await SearchAsync(token, "type=accounts&" + query), "accounts"));
        }
        var account = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/accounts/search?q=%40{name}"), HttpStatusCode.OK);
        Assert.Equal(Id(blocked.Id), account[0].GetProperty("id").GetString());
        var relationship = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/accounts/relationships?id[]={Id(blocked.Id)}"), HttpStatusCode.OK);
        Assert.True(relationship[0].GetProperty("blocking").GetBoolean());

        await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/accounts/{Id(blocked.Id)}/unblock", null), HttpStatusCode.OK);
        Assert.Equal([Id(blocked.Id)], Ids(await SearchAsync(token, $"type=accounts&q={name}"), "accounts"));
    }

    [Fact]
    public async Task AnAccountThatBlockedTheSearcherStaysHiddenFromAnExactLookupEvenWhenTheBlockIsMutual()
    {
        var (blocker, _) = await MemberAsync("nettle");
        var (mutual, _) = await MemberAsync("bramble");
        var (searcher, token) = await MemberAsync("looker");
        await WithAsync(async s =>
        {
            var relationships = s.GetRequiredService<RelationshipService>();
            await relationships.BlockAsync(blocker.Id, searcher.Id);
            await relationships.BlockAsync(mutual.Id, searcher.Id);
            await relationships.BlockAsync(searcher.Id, mutual.Id);
            return true;
        });
        foreach (var name in new[] { blocker.UserName!, mutual.UserName! })
        {
            Assert.Empty(Ids(await SearchAsync(token, $"type=accounts&q=%40{name}&resolve=true"), "accounts"));
            Assert.Empty(Ids(await SearchAsync(token, $"type=accounts&q=acct%3A{name}%40localhost"), "accounts"));
        }
        // The searcher can still lift their own block from their list of blocks.
        var blocks = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/blocks"), HttpStatusCode.OK);
        Assert.Equal([Id(mutual.Id)], blocks.EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task FollowingLimitsAccountsToThoseTheSearcherFollows()
    {
        var (followed, _) = await MemberAsync("marigold");
        var (stranger, _) = await MemberAsync("marigold");
        var (searcher, token) = await MemberAsync("gardener");
        await WithAsync(async s =>
        {
            await s.GetRequiredService<RelationshipService>().FollowAsync(searcher.Id, followed.Id);
            return true;
        });

        Assert.Equal([Id(followed.Id), Id(stranger.Id)], Ids(await SearchAsync(token, "type=accounts&q=marigold"), "accounts"));
        Assert.Equal([Id(followed.Id)], Ids(await SearchAsync(token, "type=accounts&q=marigold&following=true"), "accounts"));
        var v1 = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/search?q=marigold&following=true"), HttpStatusCode.OK);
        Assert.Equal([Id(followed.Id)], v1.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        var all = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/search?q=marigold&limit=1&offset=1"), HttpStatusCode.OK);
        Assert.Equal([Id(stranger.Id)], all.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v1/accounts/search?q=marigold")).StatusCode);
    }

    [Fact]
    public async Task AccountIdLimitsStatusesToThatAuthorAndAnUnknownOneIsNotFound()
    {
        var (first, token) = await MemberAsync("first");
        var (second, _) = await MemberAsync("second");
        var mine = await PostAsync(first.Id, "tisane du soir bramblewick");
        await PostAsync(second.Id, "tisane du matin bramblewick");

        Assert.Equal(2, Ids(await SearchAsync(token, "type=statuses&q=bramblewick"), "statuses").Count);
        Assert.Equal([Id(mine.Id)], Ids(await SearchAsync(token, $"type=statuses&q=bramblewick&account_id={first.Id}"), "statuses"));
        await SearchAsync(token, "type=statuses&q=bramblewick&account_id=12345", HttpStatusCode.NotFound);
        await SearchAsync(token, "type=statuses&q=bramblewick&account_id=abc", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MutedAuthorsAreLeftOut()
    {
        var (author, _) = await MemberAsync("noisy");
        var (searcher, token) = await MemberAsync("quiet");
        await PostAsync(author.Id, "annonce tonitruante foxglovia");
        await WithAsync(async s =>
        {
            await s.GetRequiredService<RelationshipService>().MuteAsync(searcher.Id, author.Id);
            return true;
        });
        Assert.Empty(Ids(await SearchAsync(token, "type=statuses&q=foxglovia"), "statuses"));
    }

    [Fact]
    public async Task PostsOfAnAccountThatOptedOutOfDiscoveryAreFoundOnlyByThoseInvolved()
    {
        var (author, authorToken) = await MemberAsync("private");
        var (mentioned, mentionedToken) = await MemberAsync("friend");
        var (_, strangerToken) = await MemberAsync("stranger");
        await ProfileAsync(author.Id, new ProfileUpdate { Discoverable = false });
        var status = await PostAsync(author.Id, $"@{mentioned.UserName} merci pour hier lanternfish");

        Assert.Empty(Ids(await SearchAsync(strangerToken, "type=statuses&q=lanternfish"), "statuses"));
        Assert.Equal([Id(status.Id)], Ids(await SearchAsync(mentionedToken, "type=statuses&q=lanternfish"), "statuses"));
        Assert.Equal([Id(status.Id)], Ids(await SearchAsync(authorToken, "type=statuses&q=lanternfish"), "statuses"));
    }

    [Fact]
    public async Task AnonymousVisitorsAndAppsFindPeopleAndTagsButNoPosts()
    {
        var (author, _) = await MemberAsync("pebblestone");
        await PostAsync(author.Id, "Bonjour à tous #pebblestone");
        var app_ = await app.AppTokenAsync("read");

        foreach (var client in new[] { null, app_ })
        {
            var json = await SearchAsync(client, "q=pebblestone");
            Assert.Equal([Id(author.Id)], Ids(json, "accounts"));
            Assert.Single(json.GetProperty("hashtags").EnumerateArray());
            Assert.Empty(Ids(json, "statuses"));
            // As on Mastodon: paging and resolving need a signed-in user.
            var offset = await SearchAsync(client, "q=pebblestone&offset=1", HttpStatusCode.Unauthorized);
            Assert.Contains("offset", offset.GetProperty("error").GetString(), StringComparison.Ordinal);
            await SearchAsync(client, "q=pebblestone&resolve=true", HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task ResolveFindsALocalStatusOrProfileByItsUrlWhenTheSearcherMaySeeIt()
    {
        var (author, _) = await MemberAsync("urlauthor");
        var (_, token) = await MemberAsync("urlreader");
        var visible = await PostAsync(author.Id, "visible par lien");
        var hidden = await PostAsync(author.Id, "réservé aux abonnés", Audience.Private);

        foreach (var url in new[] { $"http://localhost/@{author.UserName}/{visible.Id}", $"http://localhost/users/{author.UserName}/statuses/{visible.Id}" })
        {
            var json = await SearchAsync(token, $"resolve=true&q={Q(url)}");
            Assert.Equal([Id(visible.Id)], Ids(json, "statuses"));
            Assert.Empty(Ids(json, "accounts"));
            Assert.Empty(Ids(json, "hashtags"));
        }
        Assert.Empty(Ids(await SearchAsync(token, $"resolve=true&type=statuses&q={Q($"http://localhost/@{author.UserName}/{hidden.Id}")}"), "statuses"));
        // The wrong author in the URL, another server, and a type that does not fit find nothing.
        Assert.Empty(Ids(await SearchAsync(token, $"resolve=true&q={Q($"http://localhost/@owner/{visible.Id}")}"), "statuses"));
        Assert.Empty(Ids(await SearchAsync(token, $"resolve=true&q={Q($"https://elsewhere.example/@{author.UserName}/{visible.Id}")}"), "statuses"));
        Assert.Empty(Ids(await SearchAsync(token, $"resolve=true&type=accounts&q={Q($"http://localhost/@{author.UserName}/{visible.Id}")}"), "accounts"));

        foreach (var url in new[] { $"http://localhost/@{author.UserName}", $"http://localhost/users/{author.UserName}" })
        {
            var json = await SearchAsync(token, $"resolve=true&q={Q(url)}");
            Assert.Equal([Id(author.Id)], Ids(json, "accounts"));
            Assert.Empty(Ids(json, "statuses"));
        }
    }

    [Theory]
    [InlineData("type=statuses", "q")]
    [InlineData("q=+++", "q")]
    [InlineData("q=x&type=people", "type")]
    [InlineData("q=x&offset=-1", "offset")]
    [InlineData("q=x&limit=ten", "limit")]
    [InlineData("q=x&resolve=maybe", "resolve")]
    [InlineData("q=x&following=perhaps", "following")]
    public async Task BadInputIsRefusedWith422AndAMessage(string query, string field)
    {
        var (_, token) = await MemberAsync("bad");
        var json = await SearchAsync(token, query, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(field, json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverlongQueryIsRefused()
    {
        var (_, token) = await MemberAsync("long");
        await SearchAsync(token, "q=" + new string('a', 501), HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("/api/v2/search?q=scopes", "read:search")]
    [InlineData("/api/v1/accounts/search?q=scopes", "read:accounts")]
    public async Task ATokenWithoutTheScopeIsRefusedWith403(string path, string scope)
    {
        string[] all = ["read:accounts", "read:search", "read:statuses", "write:statuses"];
        var (_, lacking) = await MemberAsync("scoped", string.Join(' ', all.Where(s => s != scope)));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).GetAsync(path)).StatusCode);
        var (_, narrow) = await MemberAsync("narrow", scope);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(narrow).GetAsync(path)).StatusCode);
        var (_, broad) = await MemberAsync("broad", "read");
        Assert.Equal(HttpStatusCode.OK, (await app.Api(broad).GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task TheIndexRepairsItselfWhenAMigrationRebuiltATable()
    {
        var (author, token) = await MemberAsync("repair");
        if (app.Database == DatabaseKind.Sqlite)
        {
            // What SQLite does to a table's triggers when a migration rebuilds the table to alter a column.
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(Kindred.Data.Sqlite.Search.SqliteSearchSchema.DropTriggers));
        }
        var status = await PostAsync(author.Id, "écrit pendant la panne thistledown");
        var repaired = await WithAsync(s => s.GetRequiredService<ISearchIndex>().EnsureAsync());

        Assert.Equal(app.Database == DatabaseKind.Sqlite, repaired);
        Assert.False(await WithAsync(s => s.GetRequiredService<ISearchIndex>().EnsureAsync()));
        Assert.Equal([Id(status.Id)], Ids(await SearchAsync(token, "type=statuses&q=thistledown"), "statuses"));
    }
}

public sealed class SearchSqliteTests(SqliteApp app) : SearchTests(app), IClassFixture<SqliteApp>;

public sealed class SearchPostgresTests(PostgresApp app) : SearchTests(app), IClassFixture<PostgresApp>;
