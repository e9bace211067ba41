using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kindred.Core.Jobs;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.ScheduledStatuses;

public abstract class ScheduledStatusesTests(KindredApp app)
{
    private static string At(TimeSpan fromNow) =>
        (DateTime.UtcNow + fromNow).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<(long Id, string Token)> MemberAsync(string username, UserRole role = UserRole.Member)
    {
        var user = await app.CreateUserAsync(username, role);
        return (user.Id, await app.TokenAsync(username));
    }

    private async Task<HttpResponseMessage> ScheduleAsync(string token, string text, string at, Dictionary<string, string>? extra = null)
    {
        var fields = new Dictionary<string, string> { ["status"] = text, ["scheduled_at"] = at, ["visibility"] = "public" };
        foreach (var (key, value) in extra ?? [])
        {
            fields[key] = value;
        }
        return await app.Api(token).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(fields));
    }

    /// <summary>Makes the post due without waiting, then runs its job as the runner would; answers what the job said.</summary>
    private async Task<int> PublishNowAsync(string scheduledId)
    {
        var id = long.Parse(scheduledId, CultureInfo.InvariantCulture);
        await app.WithDbAsync(db => db.ScheduledStatuses.Where(s => s.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ScheduledAt, DateTime.UtcNow.AddSeconds(-1))));
        var job = await app.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.Kind == ScheduledStatusJob.Name).ToListAsync());
        var mine = job.First(j => JobQueue.Read<ScheduledPublish>(j).ScheduledStatusId == id);
        return await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<ScheduledStatusJob>(s).RunAsync(mine, CancellationToken.None));
    }

    private Task<int> PostsByAsync(long accountId, string text) =>
        app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == accountId && s.Text == text && s.DeletedAt == null));

    [Fact]
    public async Task SchedulingAnswersAScheduledStatusAndPublishesNothingYet()
    {
        var (id, token) = await MemberAsync("sch_ann");
        var at = At(TimeSpan.FromHours(2));
        var scheduled = await KindredApp.Json(await ScheduleAsync(token, "Bake sale tomorrow", at), HttpStatusCode.OK);
        Assert.False(scheduled.TryGetProperty("content", out _));
        Assert.Equal(at.Replace("Z", ".000Z", StringComparison.Ordinal), scheduled.GetProperty("scheduled_at").GetString());
        var parameters = scheduled.GetProperty("params");
        Assert.Equal("Bake sale tomorrow", parameters.GetProperty("text").GetString());
        Assert.Equal("public", parameters.GetProperty("visibility").GetString());
        foreach (var key in new[] { "poll", "media_ids", "sensitive", "spoiler_text", "in_reply_to_id", "language", "application_id", "scheduled_at", "idempotency", "with_rate_limit" })
        {
            Assert.True(parameters.TryGetProperty(key, out _), $"params lacks {key}");
        }
        Assert.Equal(0, scheduled.GetProperty("media_attachments").GetArrayLength());
        Assert.Equal(0, await PostsByAsync(id, "Bake sale tomorrow"));

        var listed = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/scheduled_statuses"), HttpStatusCode.OK);
        Assert.Equal([scheduled.GetProperty("id").GetString()], listed.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var one = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/scheduled_statuses/{scheduled.GetProperty("id").GetString()}"), HttpStatusCode.OK);
        Assert.Equal("Bake sale tomorrow", one.GetProperty("params").GetProperty("text").GetString());
    }

    [Fact]
    public async Task ATimeLessThanFiveMinutesAheadIsRefusedAndATimePastPublishesAtOnce()
    {
        var (id, token) = await MemberAsync("sch_ben");
        var soon = await KindredApp.Json(await ScheduleAsync(token, "Too soon", At(TimeSpan.FromMinutes(2))), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("5 minutes", soon.GetProperty("error").GetString(), StringComparison.Ordinal);
        var garbled = await KindredApp.Json(await ScheduleAsync(token, "Garbled", "next tuesday"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("scheduled_at", garbled.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.ScheduledStatuses.CountAsync(s => s.AccountId == id)));
        Assert.Equal(0, await PostsByAsync(id, "Too soon"));

        // As on Mastodon, a time already past is no schedule: the post goes out now.
        var past = await KindredApp.Json(await ScheduleAsync(token, "Right away", At(TimeSpan.FromHours(-1))), HttpStatusCode.OK);
        Assert.True(past.TryGetProperty("content", out _));
        Assert.Equal(1, await PostsByAsync(id, "Right away"));
    }

    [Fact]
    public async Task TheJobPublishesOnceWithItsImageAndTheRowGoes()
    {
        var (id, token) = await MemberAsync("sch_cat");
        var file = new ByteArrayContent(TestImages.Png(120, 80));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var media = await KindredApp.Json(await app.Api(token).PostAsync("/api/v2/media", new MultipartFormDataContent { { file, "file", "p.png" } }), HttpStatusCode.OK);
        var mediaId = media.GetProperty("id").GetString()!;
        var scheduled = await KindredApp.Json(await ScheduleAsync(token, "Photos of the garden", At(TimeSpan.FromDays(1)), new() { ["media_ids[]"] = mediaId }), HttpStatusCode.OK);
        Assert.Equal([mediaId], scheduled.GetProperty("media_attachments").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        // The media cleanup leaves images that wait for a scheduled post, even long-unattached ones.
        await app.WithDbAsync(db => db.MediaAttachments.Where(m => m.AccountId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.UnattachedSince, DateTime.UtcNow.AddDays(-10))));
        await app.WithServicesAsync(s => s.GetRequiredService<Kindred.Core.Media.MediaService>().CleanupAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.MediaAttachments.CountAsync(m => m.AccountId == id)));

        Assert.Equal(1, await PublishNowAsync(scheduled.GetProperty("id").GetString()!));
        Assert.Equal(0, await PublishNowAsyncOrGoneAsync(scheduled.GetProperty("id").GetString()!));
        Assert.Equal(1, await PostsByAsync(id, "Photos of the garden"));
        var statusId = await app.WithDbAsync(db => db.Statuses.Where(s => s.AccountId == id).Select(s => s.Id).SingleAsync());
        Assert.Equal(statusId, await app.WithDbAsync(db => db.MediaAttachments.Where(m => m.AccountId == id).Select(m => m.StatusId).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.ScheduledStatuses.CountAsync(s => s.AccountId == id)));
        var listed = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/scheduled_statuses"), HttpStatusCode.OK);
        Assert.Equal(0, listed.GetArrayLength());
    }

    /// <summary>The job's second run, once the row is gone: it must do nothing.</summary>
    private async Task<int> PublishNowAsyncOrGoneAsync(string scheduledId)
    {
        var id = long.Parse(scheduledId, CultureInfo.InvariantCulture);
        var job = (await app.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.Kind == ScheduledStatusJob.Name).ToListAsync()))
            .First(j => JobQueue.Read<ScheduledPublish>(j).ScheduledStatusId == id);
        return await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<ScheduledStatusJob>(s).RunAsync(job, CancellationToken.None));
    }

    [Fact]
    public async Task APollIsPublishedWithThePost()
    {
        var (id, token) = await MemberAsync("sch_dee");
        var form = new FormUrlEncodedContent(
        [
            new("status", "Which day for the picnic?"),
            new("scheduled_at", At(TimeSpan.FromHours(3))),
            new("poll[options][]", "Saturday"),
            new("poll[options][]", "Sunday"),
            new("poll[expires_in]", "86400"),
        ]);
        var scheduled = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", form), HttpStatusCode.OK);
        Assert.Equal(["Saturday", "Sunday"], scheduled.GetProperty("params").GetProperty("poll").GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("86400", scheduled.GetProperty("params").GetProperty("poll").GetProperty("expires_in").GetString());
        Assert.Equal(1, await PublishNowAsync(scheduled.GetProperty("id").GetString()!));
        var statusId = await app.WithDbAsync(db => db.Statuses.Where(s => s.AccountId == id).Select(s => s.Id).SingleAsync());
        Assert.True(await app.WithDbAsync(db => db.Polls.AnyAsync(p => p.StatusId == statusId)));
    }

    [Fact]
    public async Task AReplyWhoseTargetIsGoneFailsWithAReasonAndPublishesNothing()
    {
        var (_, eve) = await MemberAsync("sch_eve");
        var (finnId, finn) = await MemberAsync("sch_finn");
        var parent = await app.PostStatusAsync(eve, "Who can help on Sunday?");
        var scheduled = await KindredApp.Json(await ScheduleAsync(finn, "I can!", At(TimeSpan.FromHours(5)), new() { ["in_reply_to_id"] = parent.GetProperty("id").GetString()! }), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(eve).DeleteAsync($"/api/v1/statuses/{parent.GetProperty("id").GetString()}"), HttpStatusCode.OK);

        Assert.Equal(0, await PublishNowAsync(scheduled.GetProperty("id").GetString()!));
        Assert.Equal(0, await PostsByAsync(finnId, "I can!"));
        var row = await app.WithDbAsync(db => db.ScheduledStatuses.AsNoTracking().SingleAsync(s => s.AccountId == finnId));
        Assert.NotNull(row.FailedAt);
        Assert.Contains("gone", row.Failure, StringComparison.Ordinal);
        // A failed post is no longer "scheduled" for clients.
        var listed = await KindredApp.Json(await app.Api(finn).GetAsync("/api/v1/scheduled_statuses"), HttpStatusCode.OK);
        Assert.Equal(0, listed.GetArrayLength());
    }

    [Fact]
    public async Task ASuspendedAuthorsPostIsNotPublished()
    {
        var (gusId, gus) = await MemberAsync("sch_gus");
        var scheduled = await KindredApp.Json(await ScheduleAsync(gus, "Meeting notes", At(TimeSpan.FromHours(5))), HttpStatusCode.OK);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == gusId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, UserStatus.Disabled)));
        Assert.Equal(0, await PublishNowAsync(scheduled.GetProperty("id").GetString()!));
        Assert.Equal(0, await PostsByAsync(gusId, "Meeting notes"));
        Assert.NotNull(await app.WithDbAsync(db => db.ScheduledStatuses.Where(s => s.AccountId == gusId).Select(s => s.FailedAt).SingleAsync()));
    }

    [Fact]
    public async Task MovingTheTimeDelaysPublicationAndCancellingRemovesIt()
    {
        var (hanId, han) = await MemberAsync("sch_han");
        var scheduled = await KindredApp.Json(await ScheduleAsync(han, "Quiz night", At(TimeSpan.FromHours(1))), HttpStatusCode.OK);
        var id = scheduled.GetProperty("id").GetString()!;
        var later = At(TimeSpan.FromDays(2));
        var moved = await KindredApp.Json(await app.Api(han).PutAsync($"/api/v1/scheduled_statuses/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["scheduled_at"] = later })), HttpStatusCode.OK);
        Assert.Equal(later.Replace("Z", ".000Z", StringComparison.Ordinal), moved.GetProperty("scheduled_at").GetString());
        await KindredApp.Json(await app.Api(han).PutAsync($"/api/v1/scheduled_statuses/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["scheduled_at"] = At(TimeSpan.FromMinutes(1)) })), HttpStatusCode.UnprocessableEntity);

        // The first job comes due at the old time and finds the post not due yet.
        var rowId = long.Parse(id, CultureInfo.InvariantCulture);
        var first = (await app.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.Kind == ScheduledStatusJob.Name).OrderBy(j => j.Id).ToListAsync()))
            .First(j => JobQueue.Read<ScheduledPublish>(j).ScheduledStatusId == rowId);
        Assert.Equal(0, await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<ScheduledStatusJob>(s).RunAsync(first, CancellationToken.None)));
        Assert.Equal(0, await PostsByAsync(hanId, "Quiz night"));

        await KindredApp.Json(await app.Api(han).DeleteAsync($"/api/v1/scheduled_statuses/{id}"), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(han).GetAsync($"/api/v1/scheduled_statuses/{id}"), HttpStatusCode.NotFound);
        Assert.Equal(0, await app.WithDbAsync(db => db.ScheduledStatuses.CountAsync(s => s.AccountId == hanId)));
    }

    [Fact]
    public async Task TheDailyLimitIsTwentyFive()
    {
        var (ivyId, ivy) = await MemberAsync("sch_ivy");
        var day = DateTime.UtcNow.Date.AddDays(3);
        var now = DateTime.UtcNow;
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < ScheduledStatusService.DailyLimit; i++)
            {
                db.ScheduledStatuses.Add(new ScheduledStatus
                {
                    Id = Kindred.Data.Snowflake.NewId(now.AddMilliseconds(i)),
                    AccountId = ivyId,
                    ScheduledAt = day.AddHours(8).AddMinutes(i),
                    Params = "{\"Text\":\"x\",\"BaseUrl\":\"http://localhost\"}",
                    CreatedAt = now,
                });
            }
            await db.SaveChangesAsync();
        });
        var refused = await KindredApp.Json(await ScheduleAsync(ivy, "One more", day.AddHours(20).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("25", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        // Another day still has room.
        await KindredApp.Json(await ScheduleAsync(ivy, "Next day", day.AddDays(1).AddHours(9).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), HttpStatusCode.OK);
    }

    [Fact]
    public async Task NobodyButTheAuthorSeesOrTouchesAScheduledPost()
    {
        var (_, jo) = await MemberAsync("sch_jo");
        var scheduled = await KindredApp.Json(await ScheduleAsync(jo, "Private plan", At(TimeSpan.FromHours(4))), HttpStatusCode.OK);
        var id = scheduled.GetProperty("id").GetString()!;
        foreach (var role in new[] { UserRole.Member, UserRole.Staff, UserRole.Moderator, UserRole.Admin })
        {
            var (_, other) = await MemberAsync($"sch_jo_{role.ToString().ToLowerInvariant()}", role);
            await AssertNoAccessAsync(other, id, HttpStatusCode.NotFound);
        }
        await AssertNoAccessAsync(await app.TokenAsync("owner"), id, HttpStatusCode.NotFound);
        await AssertNoAccessAsync(null, id, HttpStatusCode.Unauthorized);
        await AssertNoAccessAsync(await app.AppTokenAsync(), id, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Private plan", (await KindredApp.Json(await app.Api(jo).GetAsync($"/api/v1/scheduled_statuses/{id}"), HttpStatusCode.OK))
            .GetProperty("params").GetProperty("text").GetString());
    }

    private async Task AssertNoAccessAsync(string? token, string id, HttpStatusCode expected)
    {
        var client = app.Api(token);
        await KindredApp.Json(await client.GetAsync($"/api/v1/scheduled_statuses/{id}"), expected);
        await KindredApp.Json(await client.PutAsync($"/api/v1/scheduled_statuses/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["scheduled_at"] = At(TimeSpan.FromDays(3)) })), expected);
        await KindredApp.Json(await client.DeleteAsync($"/api/v1/scheduled_statuses/{id}"), expected);
        var listed = await client.GetAsync("/api/v1/scheduled_statuses");
        if (listed.StatusCode == HttpStatusCode.OK)
        {
            Assert.DoesNotContain(id, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}

public sealed class ScheduledStatusesSqliteTests(SqliteApp app) : ScheduledStatusesTests(app), IClassFixture<SqliteApp>;

public sealed class ScheduledStatusesPostgresTests(PostgresApp app) : ScheduledStatusesTests(app), IClassFixture<PostgresApp>;
