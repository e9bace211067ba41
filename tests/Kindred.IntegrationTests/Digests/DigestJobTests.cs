using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Digests;

/// <summary>A server running its digest job (Kindred:Digests:Enabled, CheckSeconds) sends a due digest by itself, once.</summary>
public sealed class DigestJobApp : DigestApp
{
    public DigestJobApp()
        : base(DatabaseKind.Sqlite)
    {
        Set("Kindred:Digests:Enabled", "true");
        Set("Kindred:Digests:CheckSeconds", "1");
    }
}

public sealed class DigestJobTests(DigestJobApp app) : IClassFixture<DigestJobApp>
{
    [Fact]
    public async Task TheHostedJobSendsADueDigestOnce()
    {
        var scenario = new DigestScenario(app);
        var member = await scenario.MemberAsync("job_member");
        var friend = await scenario.MemberAsync("job_friend");
        var group = await scenario.GroupAsync("job-group", GroupVisibility.Public, friend, member);
        await scenario.PostAsync(friend, "News the job should carry", groupId: group);
        // Due a minute ago (the job runs on the real clock here), covering the last hour.
        var now = DateTime.UtcNow;
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.DigestDueAt, now.AddMinutes(-1)).SetProperty(u => u.DigestSentThrough, now.AddHours(-1))));

        for (var i = 0; i < 100 && app.DigestsTo(member.Email).Count == 0; i++)
        {
            await Task.Delay(200);
        }
        var (_, text, _) = scenario.SingleDigest(member);
        Assert.Contains("News the job should carry", text, StringComparison.Ordinal);

        // A few more ticks later, still one.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(app.DigestsTo(member.Email));
    }
}
