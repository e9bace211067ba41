using System.Net;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.ActivityPub;

/// <summary>Outside federation's development mode (the default) the server never fetches from loopback or private
/// addresses, so a delivery whose key lives there cannot be verified: 401, no fetch, nothing stored.</summary>
public abstract class FederationSafetyTests(KindredApp app)
{
    [Fact]
    public async Task KeysOnTheLoopbackAreNotFetchedByDefault()
    {
        await using var remote = await RemoteActorServer.StartAsync();
        await app.CreateUserAsync("fsvictim");
        var id = Guid.NewGuid().ToString("N");
        var response = await app.Api().SendAsync(remote.SignedCavage("/users/fsvictim/inbox", remote.CreateNote(id, "From inside")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, remote.ActorFetches);
        Assert.Equal(0, await app.WithDbAsync(db => db.InboxActivities.CountAsync(a => a.ActivityId.Contains(id))));
    }
}

public sealed class FederationSafetySqliteTests(SqliteApp app) : FederationSafetyTests(app), IClassFixture<SqliteApp>;

public sealed class FederationSafetyPostgresTests(PostgresApp app) : FederationSafetyTests(app), IClassFixture<PostgresApp>;
