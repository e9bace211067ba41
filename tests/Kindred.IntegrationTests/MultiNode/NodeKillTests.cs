using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Kindred.Core.Jobs;
using Kindred.Core.Timelines;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// <c>kill -9</c> of a node in the middle of a burst of posts to a large audience, while it holds claimed jobs (issue
/// 20, ADR 99): every post a client saw acknowledged is stored and in every follower's home feed, and the jobs the dead
/// node had claimed are finished by the other once the claim lapses, each exactly once. The fixture's nodes give up a
/// claim after <see cref="TwoNodeProcessesWithMail.ClaimSeconds"/> s; mail goes to a held SMTP stub, which keeps the
/// first node to claim the mail mid-delivery until the test kills it.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class NodeKillTests(TwoNodeProcessesWithMail nodes) : IClassFixture<TwoNodeProcessesWithMail>
{
    // Above HomeFeed.ImmediateAudience, so every post's fan-out is a job of its own.
    private const int Followers = HomeFeed.ImmediateAudience + 10;
    private const int Mails = 6;
    private const int Posts = 30;

    [Fact]
    public async Task KillingANodeMidFanOutLosesNoAcknowledgedPostAndItsClaimedJobsFinishOnTheOtherExactlyOnce()
    {
        await nodes.Seed.CreateUserAsync("nk_author");
        var followers = new List<long>();
        for (var i = 0; i < Followers; i++)
        {
            var name = "nk_f" + i.ToString("000", CultureInfo.InvariantCulture);
            await nodes.Seed.CreateUserAsync(name);
            await nodes.Seed.FollowAsync(name, "nk_author");
            followers.Add(await nodes.Seed.AccountIdAsync(name));
        }
        var (token, _, _) = await nodes.TokenAsync(0, "nk_author");

        // Writes go on through HAProxy, four at a time, before, during and after the kill.
        var acknowledged = new ConcurrentBag<long>();
        var refused = new ConcurrentBag<string>();
        var started = 0;
        var burst = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var api = nodes.Client(null, token);
            while (Interlocked.Increment(ref started) <= Posts)
            {
                try
                {
                    var answer = await api.PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = $"Burst {started}", ["visibility"] = "public" }));
                    var body = await answer.Content.ReadAsStringAsync();
                    if (answer.IsSuccessStatusCode)
                    {
                        acknowledged.Add(long.Parse(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!, CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        refused.Add($"{(int)answer.StatusCode}");
                    }
                }
                catch (HttpRequestException e)
                {
                    // Cut off with the node: not acknowledged, so the client knows to try again.
                    refused.Add(e.Message);
                }
                await Task.Delay(50);
            }
        })));

        // Mail queued now is claimed by whichever node looks first; that node then waits on the held SMTP server.
        var addresses = Enumerable.Range(0, Mails).Select(i => $"nk_mail{i}@example.org").ToList();
        await nodes.Seed.WithServicesAsync(async s =>
        {
            var mail = s.GetRequiredService<MailJob>();
            foreach (var address in addresses)
            {
                mail.Add(address, "Hello", "Text", "<p>Html</p>");
            }
            await s.GetRequiredService<Kindred.Data.KindredDbContext>().SaveChangesAsync();
            return true;
        });
        var held = await WaitForAsync(() => nodes.Seed.WithDbAsync(db => db.Jobs.AsNoTracking()
            .Where(j => j.Kind == MailJob.Name && j.State == JobState.Running).Select(j => new { j.Id, j.ClaimedBy }).ToListAsync()), l => l.Count > 0);
        var pid = int.Parse(held[0].ClaimedBy!.Split('/')[1], CultureInfo.InvariantCulture);
        var victim = nodes.Nodes.Single(n => n.ProcessId == pid);
        var survivor = nodes.Nodes.Single(n => n != victim);
        Assert.All(held, j => Assert.StartsWith($"{Environment.MachineName}/{pid}/", j.ClaimedBy, StringComparison.Ordinal));

        // Before the claim could lapse on its own (the node is alive, only waiting): the process dies with it.
        victim.Kill();
        var killedAt = DateTime.UtcNow;
        nodes.Smtp.Release();
        await burst;

        // Every mail is delivered, and the survivor took over the dead node's claims only after they lapsed.
        var jobs = await WaitForAsync(() => nodes.Seed.WithDbAsync(db => db.Jobs.AsNoTracking()
            .Where(j => j.Kind == MailJob.Name || j.Kind == HomeFeedFanOutJob.Name).ToListAsync()),
            l => l.Count(j => j.Kind == MailJob.Name) == Mails && l.All(j => j.State == JobState.Done), TimeSpan.FromSeconds(90));
        foreach (var job in held)
        {
            var done = jobs.Single(j => j.Id == job.Id);
            Assert.Equal(2, done.Attempts);
            Assert.True(done.UpdatedAt >= killedAt, "A job the dead node held was finished before the node died");
        }
        var delivered = nodes.Smtp.Delivered.Where(addresses.Contains).ToList();
        Assert.Equal(addresses.Order(StringComparer.Ordinal), delivered.Order(StringComparer.Ordinal));

        // Nothing acknowledged is lost: every post is stored and in every follower's home feed.
        Assert.True(acknowledged.Count >= Posts / 2, $"Only {acknowledged.Count} of {Posts} posts were acknowledged: {string.Join(", ", refused)}");
        var ids = acknowledged.ToList();
        Assert.Equal(ids.Count, await nodes.Seed.WithDbAsync(db => db.Statuses.CountAsync(s => ids.Contains(s.Id))));
        var entries = await nodes.Seed.WithDbAsync(db => db.HomeFeedEntries.CountAsync(e => ids.Contains(e.StatusId) && followers.Contains(e.AccountId)));
        Assert.Equal(ids.Count * Followers, entries);
        Assert.Equal(jobs.Count(j => j.Kind == HomeFeedFanOutJob.Name), jobs.Count(j => j.Kind == HomeFeedFanOutJob.Name && j.State == JobState.Done));

        // The load balancer noticed: every request now reaches the survivor.
        Assert.False(survivor.HasExited);
        using var http = nodes.Client(null);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? patience = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var value = await read();
        while (!done(value) && clock.Elapsed < (patience ?? TimeSpan.FromSeconds(30)))
        {
            await Task.Delay(100);
            value = await read();
        }
        Assert.True(done(value), $"Still not done after {clock.Elapsed}: {System.Text.Json.JsonSerializer.Serialize(value)}");
        return value;
    }
}
