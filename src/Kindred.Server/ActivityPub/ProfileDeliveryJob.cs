using System.Globalization;
using System.Text.Json.Nodes;
using Kindred.Core.Common;
using Kindred.Core.Federation;
using Kindred.Core.Jobs;
using Kindred.Core.Peers;
using Kindred.Data;
using Kindred.Data.Entities;

namespace Kindred.Server.ActivityPub;

/// <summary>
/// Sends a member's changed actor to their remote followers as an <c>Update</c> of the actor (ADR 105), as Mastodon
/// does, so the peers show the new name, bio, images, fields and lock without fetching it again. The actor is read
/// through <see cref="ActorQueries.AccountAsync"/>, the same federated read path a fetch of the actor takes, so a
/// member disabled meanwhile sends nothing. Registered with the web (actors are rendered here).
/// </summary>
public sealed class ProfileDeliveryJob(KindredDbContext db, ActorQueries queries, ActorRenderer actors, FederationOutbox outbox, TimeProvider time) : IJobHandler
{
    public string Kind => ProfileDelivery.Name;

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var delivery = JobQueue.Read<ProfileDelivery>(job);
        var username = await queries.UsernameAsync(delivery.AccountId, ct);
        var account = username is null ? null : await queries.AccountAsync(username, ct);
        if (account is null)
        {
            return 0;
        }
        var organization = await queries.OrganizationAccountIdAsync(ct) == account.Id;
        var actor = await actors.AccountAsync(account, organization, ct);
        actor.Remove("@context");
        var id = actors.AccountId(account.Username);
        var update = new JsonObject
        {
            ["@context"] = ActivityJson.Context(),
            ["id"] = id + "#updates/" + delivery.Ticks.ToString(CultureInfo.InvariantCulture),
            ["type"] = "Update",
            ["actor"] = id,
            ["published"] = IsoTime.Format(time.UtcNow()),
            ["to"] = new JsonArray(ActivityJson.Public),
            ["object"] = actor,
        };
        var followers = await outbox.RemoteFollowersAsync(account.Id, ct);
        outbox.Deliver(account, update, followers);
        await db.SaveChangesAsync(ct);
        return followers.Count;
    }
}
