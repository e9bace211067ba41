using Kindred.Core.Relationships;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// The test's own hands on the database of <see cref="NodeProcesses"/>: it migrates it and runs the first-run setup
/// before any node starts, creates members and follows faster than sign-ups would, and reads rows back. It runs no
/// jobs and has no Redis, so it is not one of the nodes: all traffic under test goes to the node processes.
/// </summary>
public sealed class NodeSeed : KindredApp
{
    public NodeSeed(string connectionString, string publicUrl) : base(DatabaseKind.Postgres)
    {
        Set("Kindred:Database:ConnectionString", connectionString);
        Set("Kindred:PublicUrl", publicUrl);
        Set("Kindred:Jobs:PollSeconds", "0");
    }

    public Task<long> AccountIdAsync(string username) =>
        WithDbAsync(db => db.Accounts.Where(a => a.Username == username && a.Domain == null).Select(a => a.Id).SingleAsync());

    public async Task FollowAsync(string follower, string followed)
    {
        var from = await AccountIdAsync(follower);
        var to = await AccountIdAsync(followed);
        await WithServicesAsync(async s =>
        {
            await s.GetRequiredService<RelationshipService>().FollowAsync(from, to);
            return true;
        });
    }
}
