using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Mastodon.Statuses;

/// <summary>An edit that adds a mention tells the newly mentioned account, once, as Mastodon does; nobody already
/// mentioned hears of it again, and blocks and mutes with notifications still silence it.</summary>
public abstract class EditMentionNotificationsTests(KindredApp app)
{
    private static int users;

    private async Task<(string Name, string Id, string Token)> MemberAsync(string prefix)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name);
        return (name, user.Id.ToString(CultureInfo.InvariantCulture), await app.TokenAsync(name));
    }

    private async Task EditAsync(string token, string id, string text) =>
        await KindredApp.Json(await app.Api(token).PutAsync($"/api/v1/statuses/{id}", new FormUrlEncodedContent([KeyValuePair.Create("status", text)])), HttpStatusCode.OK);

    private async Task<List<(string Type, string? Status)>> MentionsAsync(string token)
    {
        var list = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/notifications?types[]=mention"), HttpStatusCode.OK);
        return list.EnumerateArray().Select(n => (n.GetProperty("type").GetString()!,
            n.GetProperty("status").ValueKind == JsonValueKind.Null ? null : n.GetProperty("status").GetProperty("id").GetString())).ToList();
    }

    [Theory]
    [InlineData("public")]
    [InlineData("private")]
    [InlineData("direct")]
    public async Task AMentionAddedByAnEditNotifiesTheNewlyMentionedAccountOnce(string visibility)
    {
        var author = await MemberAsync("em_author");
        var first = await MemberAsync("em_first");
        var added = await MemberAsync("em_added");
        var id = (await app.PostStatusAsync(author.Token, $"hello @{first.Name}", visibility)).GetProperty("id").GetString()!;

        await EditAsync(author.Token, id, $"hello @{first.Name} and @{added.Name}");
        await EditAsync(author.Token, id, $"hello again @{first.Name} and @{added.Name}");

        Assert.Equal([("mention", id)], await MentionsAsync(added.Token));
        Assert.Equal([("mention", id)], await MentionsAsync(first.Token));
        // The newly mentioned account may read what it was told about.
        Assert.Equal(HttpStatusCode.OK, (await app.Api(added.Token).GetAsync($"/api/v1/statuses/{id}")).StatusCode);
    }

    [Fact]
    public async Task AnAccountBlockingTheAuthorOrMutingItsNotificationsIsNotTold()
    {
        var author = await MemberAsync("em_writer");
        var blocker = await MemberAsync("em_blocker");
        var muter = await MemberAsync("em_muter");
        await KindredApp.Json(await app.Api(blocker.Token).PostAsync($"/api/v1/accounts/{await IdOfAsync(author.Name)}/block", null), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(muter.Token).PostAsync($"/api/v1/accounts/{await IdOfAsync(author.Name)}/mute", new FormUrlEncodedContent([KeyValuePair.Create("notifications", "true")])), HttpStatusCode.OK);
        var id = (await app.PostStatusAsync(author.Token, "nothing yet")).GetProperty("id").GetString()!;

        await EditAsync(author.Token, id, $"now @{blocker.Name} and @{muter.Name}");

        Assert.Empty(await MentionsAsync(blocker.Token));
        Assert.Empty(await MentionsAsync(muter.Token));
    }

    private Task<string> IdOfAsync(string name) =>
        app.WithDbAsync(async db => (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Accounts, a => a.Username == name)).Id.ToString(CultureInfo.InvariantCulture));
}

public sealed class EditMentionNotificationsSqliteTests(SqliteApp app) : EditMentionNotificationsTests(app), IClassFixture<SqliteApp>;

public sealed class EditMentionNotificationsPostgresTests(PostgresApp app) : EditMentionNotificationsTests(app), IClassFixture<PostgresApp>;
