using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Jobs;
using Kindred.Core.Timelines;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Timelines;

/// <summary>
/// A status of an account with more than <see cref="HomeFeed.ImmediateAudience"/> followers reaches its author at once
/// and its followers when the fan-out job runs (ADR 62); a delete before the job leaves no entries; a second run adds
/// nothing twice.
/// </summary>
public abstract class HomeFeedFanOutTests(FanOutApp app)
{
    /// <summary>An author with one more follower than the threshold, one of them a member who reads their home timeline.</summary>
    private async Task<(string Author, string Watcher, long AuthorId)> LargeAudienceAsync(string prefix)
    {
        var author = await app.CreateUserAsync(prefix + "_author");
        var watcher = await app.CreateUserAsync(prefix + "_watcher");
        var now = DateTime.UtcNow;
        await app.WithDbAsync(async db =>
        {
            // Followers without sign-in: only their follows matter to the fan-out.
            var followers = Enumerable.Range(0, HomeFeed.ImmediateAudience).Select(i => new Account
            {
                Id = Snowflake.NewId(now),
                Username = $"{prefix}_f{i}",
                UsernameNormalized = $"{prefix}_f{i}",
                CreatedAt = now,
                UpdatedAt = now,
            }).ToList();
            db.Accounts.AddRange(followers);
            db.Follows.AddRange(followers.Select(f => f.Id).Append(watcher.Id).Select(id => new Follow
            {
                Id = Snowflake.NewId(now),
                AccountId = id,
                TargetAccountId = author.Id,
                CreatedAt = now,
            }));
            await db.SaveChangesAsync();
        });
        return (await app.TokenAsync(prefix + "_author"), await app.TokenAsync(prefix + "_watcher"), author.Id);
    }

    private async Task<List<string>> HomeAsync(string token)
    {
        var home = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/timelines/home"), HttpStatusCode.OK);
        return home.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
    }

    private Task<int> RunFanOutAsync() =>
        app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync([HomeFeedFanOutJob.Name]));

    private Task<int> EntriesAsync(string statusId) =>
        app.WithDbAsync(db => db.HomeFeedEntries.CountAsync(e => e.StatusId == long.Parse(statusId, CultureInfo.InvariantCulture)));

    private Task<Job> JobAsync(string statusId) =>
        app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Kind == HomeFeedFanOutJob.Name && j.IdempotencyKey == statusId));

    private static string Id(JsonElement status) => status.GetProperty("id").GetString()!;

    [Fact]
    public async Task APostToALargeAudienceReachesItsAuthorAtOnceAndTheFollowersWhenTheJobHasRun()
    {
        var (author, watcher, _) = await LargeAudienceAsync("fo_large");

        var post = Id(await app.PostStatusAsync(author, "To all of you"));

        Assert.Contains(post, await HomeAsync(author));
        Assert.DoesNotContain(post, await HomeAsync(watcher));
        Assert.Equal(1, await EntriesAsync(post));
        Assert.Equal(JobState.Pending, (await JobAsync(post)).State);

        Assert.Equal(1, await RunFanOutAsync());

        Assert.Contains(post, await HomeAsync(watcher));
        Assert.Equal(HomeFeed.ImmediateAudience + 2, await EntriesAsync(post));
        Assert.Equal(JobState.Done, (await JobAsync(post)).State);
    }

    [Fact]
    public async Task APostToASmallAudienceReachesItsFollowersInsideThePostingRequest()
    {
        await app.CreateUserAsync("fo_small_author");
        await app.CreateUserAsync("fo_small_watcher");
        var author = await app.TokenAsync("fo_small_author");
        var watcher = await app.TokenAsync("fo_small_watcher");
        var authorId = Id(await KindredApp.Json(await app.Api(author).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK));
        await KindredApp.Json(await app.Api(watcher).PostAsync($"/api/v1/accounts/{authorId}/follow", new FormUrlEncodedContent([])), HttpStatusCode.OK);

        var post = Id(await app.PostStatusAsync(author, "To the few of you"));

        Assert.Contains(post, await HomeAsync(watcher));
        Assert.False(await app.WithDbAsync(db => db.Jobs.AnyAsync(j => j.Kind == HomeFeedFanOutJob.Name && j.IdempotencyKey == post)));
    }

    [Fact]
    public async Task APostDeletedBeforeItsFanOutJobRanReachesNoFollowersFeed()
    {
        var (author, watcher, _) = await LargeAudienceAsync("fo_deleted");
        var post = Id(await app.PostStatusAsync(author, "Posted by mistake"));

        await KindredApp.Json(await app.Api(author).DeleteAsync($"/api/v1/statuses/{post}"), HttpStatusCode.OK);
        Assert.Equal(1, await RunFanOutAsync());

        // Only the author's entry, written with the post, as every post's entries outlive its delete (reads skip it).
        Assert.Equal(1, await EntriesAsync(post));
        Assert.DoesNotContain(post, await HomeAsync(watcher));
        Assert.Equal(JobState.Done, (await JobAsync(post)).State);
    }

    [Fact]
    public async Task AFanOutRunAgainAfterItsProcessStoppedAddsNoEntryTwice()
    {
        var (author, watcher, _) = await LargeAudienceAsync("fo_again");
        var post = Id(await app.PostStatusAsync(author, "Said once"));
        Assert.Equal(1, await RunFanOutAsync());

        // As if the process had stopped after the work and before the job was marked done: the job is due again.
        var job = await JobAsync(post);
        await app.WithDbAsync(db => db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobState.Pending).SetProperty(j => j.RunAt, DateTime.UtcNow.AddMinutes(-1))
            .SetProperty(j => j.Payload, JsonSerializer.Serialize(new HomeFeedFanOut(long.Parse(post, CultureInfo.InvariantCulture))))));
        Assert.Equal(1, await RunFanOutAsync());

        var again = await JobAsync(post);
        Assert.Equal(JobState.Done, again.State);
        Assert.Null(again.LastError);
        Assert.Equal(HomeFeed.ImmediateAudience + 2, await EntriesAsync(post));
        Assert.Single(await HomeAsync(watcher), post);
    }

    [Fact]
    public async Task AFanOutThatFailedIsRetriedWithoutAddingAnEntryTwice()
    {
        var (author, _, authorId) = await LargeAudienceAsync("fo_retry");
        var post = Id(await app.PostStatusAsync(author, "Tried twice"));
        var statusId = long.Parse(post, CultureInfo.InvariantCulture);
        // The first attempt fails: the job's payload names a status that cannot be read.
        var job = await JobAsync(post);
        await app.WithDbAsync(db => db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Payload, "not json")));
        Assert.Equal(0, await RunFanOutAsync());
        var failed = await JobAsync(post);
        Assert.Equal(JobState.Pending, failed.State);
        Assert.NotNull(failed.LastError);

        // Some followers got their entry meanwhile (a follow's backfill, say); the retry fills in the rest.
        await app.WithDbAsync(async db =>
        {
            var some = await db.Follows.Where(f => f.TargetAccountId == authorId).OrderBy(f => f.Id).Take(10).Select(f => f.AccountId).ToListAsync();
            db.HomeFeedEntries.AddRange(some.Select(id => new HomeFeedEntry { AccountId = id, StatusId = statusId }));
            await db.SaveChangesAsync();
        });
        await app.WithDbAsync(db => db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Payload, JsonSerializer.Serialize(new HomeFeedFanOut(statusId))).SetProperty(j => j.RunAt, DateTime.UtcNow.AddMinutes(-1))));
        Assert.Equal(1, await RunFanOutAsync());

        Assert.Equal(JobState.Done, (await JobAsync(post)).State);
        Assert.Equal(HomeFeed.ImmediateAudience + 2, await EntriesAsync(post));
    }
}

public sealed class HomeFeedFanOutSqliteTests(FanOutSqliteApp app) : HomeFeedFanOutTests(app), IClassFixture<FanOutSqliteApp>;

public sealed class HomeFeedFanOutPostgresTests(FanOutPostgresApp app) : HomeFeedFanOutTests(app), IClassFixture<FanOutPostgresApp>;
