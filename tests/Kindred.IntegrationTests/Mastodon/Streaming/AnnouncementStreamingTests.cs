using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Announcements;
using Kindred.Core.Jobs;
using Kindred.IntegrationTests.Announcements;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Streaming;

/// <summary>The streaming API's announcement events (ADR 76): announcement, announcement.reaction and
/// announcement.delete, on the user stream of members only.</summary>
public abstract class AnnouncementStreamingTests(KindredApp app)
{
    private static JsonElement Parse(string payload) => JsonDocument.Parse(payload).RootElement.Clone();

    private Task<T> AsOwnerAsync<T>(Func<AnnouncementService, long, Task<T>> act) =>
        app.WithServicesAsync(async s => await act(s.GetRequiredService<AnnouncementService>(), await AnnouncementFixtures.OwnerIdAsync(app)));

    private static async Task<(string Stream, string Event, string Payload)> NextAnnouncementEventAsync(StreamClient stream)
    {
        // Other tests of the class post statuses that may reach this member's home; only announcement events count here.
        while (true)
        {
            var next = await stream.NextEventAsync();
            if (next.Event.StartsWith("announcement", StringComparison.Ordinal))
            {
                return next;
            }
        }
    }

    [Fact]
    public async Task EachAnnouncementEventArrivesOnTheUserStreamRenderedLikeTheApi()
    {
        await app.CreateUserAsync("sa_reader");
        await app.CreateUserAsync("sa_reactor");
        var reader = await app.TokenAsync("sa_reader", "read write");
        var reactor = await app.TokenAsync("sa_reactor", "read write");
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=user", bearer: reader);

        // A draft, and its edit, stream nothing: the first event is the published one.
        var draft = await AnnouncementFixtures.CreateAsync(app, "A draft nobody hears of", publish: false);
        await AsOwnerAsync((s, owner) => s.UpdateAsync(owner, draft.Id, new AnnouncementInput("Still a draft", null, null, false)));
        var a = await AnnouncementFixtures.CreateAsync(app, "Streamed **news**");
        var id = a.Id.ToString(CultureInfo.InvariantCulture);

        var (name, started, payload) = await NextAnnouncementEventAsync(stream);
        Assert.Equal("user", name);
        Assert.Equal("announcement", started);
        var streamed = Parse(payload);
        Assert.Equal(id, streamed.GetProperty("id").GetString());
        var rest = (await KindredApp.Json(await app.Api(reader).GetAsync("/api/v1/announcements"), HttpStatusCode.OK)).EnumerateArray()
            .Single(x => x.GetProperty("id").GetString() == id);
        foreach (var property in new[] { "content", "published_at", "updated_at", "starts_at", "ends_at" })
        {
            Assert.Equal(rest.GetProperty(property).ToString(), streamed.GetProperty(property).ToString());
        }
        Assert.False(streamed.GetProperty("read").GetBoolean());

        await AsOwnerAsync((s, owner) => s.UpdateAsync(owner, a.Id, new AnnouncementInput("Streamed news, *edited*", null, null, false)));
        var (_, edited, editedPayload) = await NextAnnouncementEventAsync(stream);
        Assert.Equal("announcement", edited);
        Assert.Contains("<em>edited</em>", Parse(editedPayload).GetProperty("content").GetString(), StringComparison.Ordinal);

        var emoji = Uri.EscapeDataString("👍");
        Assert.Equal(HttpStatusCode.OK, (await app.Api(reactor).PutAsync($"/api/v1/announcements/{id}/reactions/{emoji}", null)).StatusCode);
        var (_, reacted, reactedPayload) = await NextAnnouncementEventAsync(stream);
        Assert.Equal("announcement.reaction", reacted);
        var reaction = Parse(reactedPayload);
        Assert.Equal("👍", reaction.GetProperty("name").GetString());
        Assert.Equal(1, reaction.GetProperty("count").GetInt32());
        Assert.Equal(id, reaction.GetProperty("announcement_id").GetString());

        Assert.Equal(HttpStatusCode.OK, (await app.Api(reactor).DeleteAsync($"/api/v1/announcements/{id}/reactions/{emoji}")).StatusCode);
        var (_, unreacted, unreactedPayload) = await NextAnnouncementEventAsync(stream);
        Assert.Equal("announcement.reaction", unreacted);
        Assert.Equal(0, Parse(unreactedPayload).GetProperty("count").GetInt32());

        await AsOwnerAsync(async (s, owner) =>
        {
            await s.DeleteAsync(owner, a.Id);
            return true;
        });
        var (_, deleted, deletedPayload) = await NextAnnouncementEventAsync(stream);
        Assert.Equal("announcement.delete", deleted);
        Assert.Equal(id, deletedPayload);
    }

    private static async Task UntilAsync(DateTime moment)
    {
        var wait = moment - DateTime.UtcNow + TimeSpan.FromMilliseconds(300);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    [Fact]
    public async Task AScheduledStartStreamsWhenItArrivesAndAnEndStreamsADelete()
    {
        await app.CreateUserAsync("sa_waiter");
        var reader = await app.TokenAsync("sa_waiter", "read");
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=user", bearer: reader);
        var start = DateTime.UtcNow.AddSeconds(3);
        var end = start.AddSeconds(6);
        var a = await AnnouncementFixtures.CreateAsync(app, "Starts soon", startsAt: start, endsAt: end);
        var id = a.Id.ToString(CultureInfo.InvariantCulture);

        await UntilAsync(start);
        await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync([AnnouncementStreamJob.Name]));
        var (_, started, payload) = await NextAnnouncementEventAsync(stream);
        Assert.Equal("announcement", started);
        Assert.Equal(id, Parse(payload).GetProperty("id").GetString());

        await UntilAsync(end);
        await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync([AnnouncementStreamJob.Name]));
        var (_, ended, endedPayload) = await NextAnnouncementEventAsync(stream);
        Assert.Equal("announcement.delete", ended);
        Assert.Equal(id, endedPayload);
    }

    [Fact]
    public async Task NoOtherStreamAndNoSignedOutSocketHearsOfAnnouncements()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => StreamClient.ConnectAsync(app, "?stream=user"));
        await app.CreateUserAsync("sa_public");
        await app.CreateUserAsync("sa_poster");
        var listener = await app.TokenAsync("sa_public", "read");
        var poster = await app.TokenAsync("sa_poster", "read write");
        await using var stream = await StreamClient.ConnectAsync(app, "?stream=public:local", bearer: listener);

        var a = await AnnouncementFixtures.CreateAsync(app, "Only for user streams");
        await app.Api(poster).PutAsync($"/api/v1/announcements/{a.Id}/reactions/{Uri.EscapeDataString("🎉")}", null);
        await AsOwnerAsync(async (s, owner) =>
        {
            await s.DeleteAsync(owner, a.Id);
            return true;
        });
        // The stream reads events in order: when the status posted after them arrives, no announcement came before it.
        var posted = (await app.PostStatusAsync(poster, "after the announcement", "public")).GetProperty("id").GetString();
        var (_, eventName, payload) = await stream.NextEventAsync();
        Assert.Equal("update", eventName);
        Assert.Equal(posted, Parse(payload).GetProperty("id").GetString());
    }
}

public sealed class AnnouncementStreamingSqliteTests(SqliteApp app) : AnnouncementStreamingTests(app), IClassFixture<SqliteApp>;

public sealed class AnnouncementStreamingPostgresTests(PostgresApp app) : AnnouncementStreamingTests(app), IClassFixture<PostgresApp>;
