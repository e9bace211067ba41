using System.Net;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Mastodon.Statuses;

public abstract class StatusMuteTests(KindredApp app)
{
    private async Task<(long Id, string Token)> MemberAsync(string username)
    {
        var user = await app.CreateUserAsync(username);
        return (user.Id, await app.TokenAsync(username));
    }

    private async Task<JsonElement> PostAsync(string? token, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await KindredApp.Json(await app.Api(token).PostAsync(path, new FormUrlEncodedContent([])), expected);

    private static string Id(JsonElement json) => json.GetProperty("id").GetString()!;

    private Task<int> NotificationsAsync(long recipientId, string type) =>
        app.WithDbAsync(db => db.Notifications.CountAsync(n => n.AccountId == recipientId && n.Type == type));

    [Fact]
    public async Task AMutedThreadNotifiesNoMoreUntilUnmuted()
    {
        var (annId, ann) = await MemberAsync("smute_ann");
        var (_, bob) = await MemberAsync("smute_bob");
        var root = await app.PostStatusAsync(ann, "Who is coming to the clean-up?");
        var reply = await app.PostStatusAsync(bob, "@smute_ann me!", inReplyToId: Id(root));
        Assert.Equal(1, await NotificationsAsync(annId, "mention"));

        // Muting from a reply mutes the whole thread, down to replies of replies.
        var muted = await PostAsync(ann, $"/api/v1/statuses/{Id(reply)}/mute");
        Assert.True(muted.GetProperty("muted").GetBoolean());
        Assert.True((await KindredApp.Json(await app.Api(ann).GetAsync($"/api/v1/statuses/{Id(root)}"), HttpStatusCode.OK)).GetProperty("muted").GetBoolean());
        var deeper = await app.PostStatusAsync(bob, "@smute_ann bringing gloves", inReplyToId: Id(reply));
        await PostAsync(bob, $"/api/v1/statuses/{Id(root)}/favourite");
        Assert.Equal(1, await NotificationsAsync(annId, "mention"));
        Assert.Equal(0, await NotificationsAsync(annId, "favourite"));
        Assert.False((await KindredApp.Json(await app.Api(bob).GetAsync($"/api/v1/statuses/{Id(deeper)}"), HttpStatusCode.OK)).GetProperty("muted").GetBoolean());

        // Another thread is not affected.
        await app.PostStatusAsync(bob, "@smute_ann separate question");
        Assert.Equal(2, await NotificationsAsync(annId, "mention"));

        var unmuted = await PostAsync(ann, $"/api/v1/statuses/{Id(root)}/unmute");
        Assert.False(unmuted.GetProperty("muted").GetBoolean());
        await app.PostStatusAsync(bob, "@smute_ann one more", inReplyToId: Id(deeper));
        Assert.Equal(3, await NotificationsAsync(annId, "mention"));
    }

    [Fact]
    public async Task OnlyAThreadOneTakesPartInCanBeMutedAndOnlyAReadableOne()
    {
        var (_, carol) = await MemberAsync("smute_carol");
        var (_, dan) = await MemberAsync("smute_dan");
        var (_, eve) = await MemberAsync("smute_eve");
        var post = await app.PostStatusAsync(carol, "Open to all");
        var refused = await PostAsync(dan, $"/api/v1/statuses/{Id(post)}/mute", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("take part", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.StatusMutes.CountAsync()));

        // Replying is taking part.
        await app.PostStatusAsync(dan, "Count me in", inReplyToId: Id(post));
        Assert.True((await PostAsync(dan, $"/api/v1/statuses/{Id(post)}/mute")).GetProperty("muted").GetBoolean());
        // Muting twice is no error.
        await PostAsync(dan, $"/api/v1/statuses/{Id(post)}/mute");

        var direct = await app.PostStatusAsync(carol, "Just for dan @smute_dan", visibility: "direct");
        await PostAsync(eve, $"/api/v1/statuses/{Id(direct)}/mute", HttpStatusCode.NotFound);
        await PostAsync(null, $"/api/v1/statuses/{Id(post)}/mute", HttpStatusCode.Unauthorized);
        await PostAsync(eve, "/api/v1/statuses/nonsense/mute", HttpStatusCode.NotFound);
        // Signed out, muted is absent; for a member who did not mute, false.
        Assert.Equal(JsonValueKind.Null, (await KindredApp.Json(await app.Api().GetAsync($"/api/v1/statuses/{Id(post)}"), HttpStatusCode.OK)).GetProperty("muted").ValueKind);
        Assert.False((await KindredApp.Json(await app.Api(eve).GetAsync($"/api/v1/statuses/{Id(post)}"), HttpStatusCode.OK)).GetProperty("muted").GetBoolean());
    }
}

public sealed class StatusMuteSqliteTests(SqliteApp app) : StatusMuteTests(app), IClassFixture<SqliteApp>;

public sealed class StatusMutePostgresTests(PostgresApp app) : StatusMuteTests(app), IClassFixture<PostgresApp>;
