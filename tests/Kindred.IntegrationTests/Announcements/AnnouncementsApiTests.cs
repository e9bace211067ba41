using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Announcements;

/// <summary>GET /api/v1/announcements, dismiss and reactions (Mastodon docs: methods/announcements; ADR 61).</summary>
public abstract class AnnouncementsApiTests(KindredApp app)
{
    private static JsonElement? Find(JsonElement list, long id) =>
        list.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(a => a!.Value.GetProperty("id").GetString() == id.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task AShowingAnnouncementHasMastodonsShapeAndDismissingItHidesIt()
    {
        await app.CreateUserAsync("an_reader");
        var token = await app.TokenAsync("an_reader");
        var a = await AnnouncementFixtures.CreateAsync(app, "The **summer fair** is on Saturday <script>alert(1)</script>", endsAt: DateTime.UtcNow.AddDays(3));

        var list = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/announcements"), HttpStatusCode.OK);
        var shown = Find(list, a.Id) ?? throw new InvalidOperationException("not listed");
        Assert.Contains("<strong>summer fair</strong>", shown.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", shown.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("starts_at").ValueKind);
        Assert.EndsWith("Z", shown.GetProperty("ends_at").GetString(), StringComparison.Ordinal);
        Assert.True(shown.GetProperty("published").GetBoolean());
        Assert.False(shown.GetProperty("all_day").GetBoolean());
        Assert.False(shown.GetProperty("read").GetBoolean());
        Assert.NotNull(shown.GetProperty("published_at").GetString());
        Assert.NotNull(shown.GetProperty("updated_at").GetString());
        foreach (var name in new[] { "mentions", "statuses", "tags", "emojis", "reactions" })
        {
            Assert.Equal(0, shown.GetProperty(name).GetArrayLength());
        }

        await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/announcements/{a.Id}/dismiss", null), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/announcements/{a.Id}/dismiss", null), HttpStatusCode.OK);

        Assert.Null(Find(await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/announcements"), HttpStatusCode.OK), a.Id));
        var withDismissed = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/announcements?with_dismissed=true"), HttpStatusCode.OK);
        Assert.True(Find(withDismissed, a.Id)!.Value.GetProperty("read").GetBoolean());
    }

    [Fact]
    public async Task ReactionsOfTwoMembersAreCountedAndEachSeesTheirOwn()
    {
        await app.CreateUserAsync("an_react1");
        await app.CreateUserAsync("an_react2");
        var first = await app.TokenAsync("an_react1");
        var second = await app.TokenAsync("an_react2");
        var a = await AnnouncementFixtures.CreateAsync(app, "React to me");
        var heart = Uri.EscapeDataString("❤️");
        var party = Uri.EscapeDataString("🎉");

        await KindredApp.Json(await app.Api(first).PutAsync($"/api/v1/announcements/{a.Id}/reactions/{heart}", null), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(first).PutAsync($"/api/v1/announcements/{a.Id}/reactions/{heart}", null), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(second).PutAsync($"/api/v1/announcements/{a.Id}/reactions/{heart}", null), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(second).PutAsync($"/api/v1/announcements/{a.Id}/reactions/{party}", null), HttpStatusCode.OK);

        var seenByFirst = Find(await KindredApp.Json(await app.Api(first).GetAsync("/api/v1/announcements"), HttpStatusCode.OK), a.Id)!.Value.GetProperty("reactions");
        Assert.Equal(2, seenByFirst.GetArrayLength());
        Assert.Equal("❤️", seenByFirst[0].GetProperty("name").GetString());
        Assert.Equal(2, seenByFirst[0].GetProperty("count").GetInt32());
        Assert.True(seenByFirst[0].GetProperty("me").GetBoolean());
        Assert.Equal("🎉", seenByFirst[1].GetProperty("name").GetString());
        Assert.Equal(1, seenByFirst[1].GetProperty("count").GetInt32());
        Assert.False(seenByFirst[1].GetProperty("me").GetBoolean());

        await KindredApp.Json(await app.Api(first).DeleteAsync($"/api/v1/announcements/{a.Id}/reactions/{heart}"), HttpStatusCode.OK);
        var seenBySecond = Find(await KindredApp.Json(await app.Api(second).GetAsync("/api/v1/announcements"), HttpStatusCode.OK), a.Id)!.Value.GetProperty("reactions");
        Assert.Equal(1, seenBySecond[0].GetProperty("count").GetInt32());
        Assert.True(seenBySecond[0].GetProperty("me").GetBoolean());
        Assert.True(seenBySecond[1].GetProperty("me").GetBoolean());
    }

    [Fact]
    public async Task DraftsAndAnnouncementsBeforeTheirStartOrAfterTheirEndAreInvisible()
    {
        await app.CreateUserAsync("an_window");
        var token = await app.TokenAsync("an_window");
        var draft = await AnnouncementFixtures.CreateAsync(app, "Draft only", publish: false);
        var later = await AnnouncementFixtures.CreateAsync(app, "Not yet", startsAt: DateTime.UtcNow.AddHours(2), endsAt: DateTime.UtcNow.AddDays(1));
        var over = await AnnouncementFixtures.CreateAsync(app, "Over", startsAt: DateTime.UtcNow.AddDays(-2), endsAt: DateTime.UtcNow.AddMinutes(-1));
        var now = await AnnouncementFixtures.CreateAsync(app, "Now", startsAt: DateTime.UtcNow.AddMinutes(-5), endsAt: DateTime.UtcNow.AddHours(1));

        var list = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/announcements?with_dismissed=true"), HttpStatusCode.OK);
        Assert.NotNull(Find(list, now.Id));
        foreach (var hidden in new[] { draft, later, over })
        {
            Assert.Null(Find(list, hidden.Id));
            Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).PostAsync($"/api/v1/announcements/{hidden.Id}/dismiss", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).PutAsync($"/api/v1/announcements/{hidden.Id}/reactions/{Uri.EscapeDataString("🎉")}", null)).StatusCode);
        }
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.AnnouncementDismissals.Count(d => d.AnnouncementId == draft.Id || d.AnnouncementId == later.Id || d.AnnouncementId == over.Id))));
    }

    [Fact]
    public async Task BadInputIsRefusedAndChangesNothing()
    {
        await app.CreateUserAsync("an_bad");
        var token = await app.TokenAsync("an_bad");
        var a = await AnnouncementFixtures.CreateAsync(app, "Bad input target");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v1/announcements")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(await app.AppTokenAsync()).GetAsync("/api/v1/announcements")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(await app.TokenAsync("an_bad", "read")).PostAsync($"/api/v1/announcements/{a.Id}/dismiss", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).PostAsync("/api/v1/announcements/12345/dismiss", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).PostAsync("/api/v1/announcements/abc/dismiss", null)).StatusCode);
        foreach (var name in new[] { "like", "a", Uri.EscapeDataString("🎉🎉"), Uri.EscapeDataString(new string('x', 100)) })
        {
            var response = await app.Api(token).PutAsync($"/api/v1/announcements/{a.Id}/reactions/{name}", null);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).DeleteAsync($"/api/v1/announcements/{a.Id}/reactions/{Uri.EscapeDataString("🎉")}")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.AnnouncementReactions.Count(r => r.AnnouncementId == a.Id))));
    }

    [Fact]
    public async Task AnAnnouncementTakesAtMostEightDifferentReactions()
    {
        await app.CreateUserAsync("an_many");
        var token = await app.TokenAsync("an_many");
        var a = await AnnouncementFixtures.CreateAsync(app, "Many reactions");
        var emoji = new[] { "😀", "🎉", "❤️", "👍", "🙏", "🌻", "☕", "🚲" };
        foreach (var e in emoji)
        {
            await KindredApp.Json(await app.Api(token).PutAsync($"/api/v1/announcements/{a.Id}/reactions/{Uri.EscapeDataString(e)}", null), HttpStatusCode.OK);
        }
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(token).PutAsync($"/api/v1/announcements/{a.Id}/reactions/{Uri.EscapeDataString("🍎")}", null)).StatusCode);
        Assert.Equal(8, await app.WithDbAsync(db => Task.FromResult(db.AnnouncementReactions.Count(r => r.AnnouncementId == a.Id))));
    }
}

public sealed class AnnouncementsApiSqliteTests(SqliteApp app) : AnnouncementsApiTests(app), IClassFixture<SqliteApp>;

public sealed class AnnouncementsApiPostgresTests(PostgresApp app) : AnnouncementsApiTests(app), IClassFixture<PostgresApp>;
