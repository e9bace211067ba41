using System.Globalization;
using System.Text.Json.Nodes;
using Kindred.Core.Common;
using Kindred.Core.Federation;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;

namespace Kindred.Server.ActivityPub;

/// <summary>
/// Local actors as ActivityStreams (ADR 95): members as <c>Person</c> (bots as <c>Service</c>), the organization's
/// own account as <c>Organization</c>, public groups as <c>Group</c> (FEP-1b12), the server as an <c>Application</c>.
/// Every actor carries its key, shared inbox and collections in the shape Mastodon publishes, so Mastodon, GoToSocial
/// and Lemmy read it without special cases. Only what a signed-out visitor may see goes in: never the home area or
/// the interests, whatever their setting.
/// </summary>
public sealed class ActorRenderer(PublicUrls urls, ActorKeys keys)
{
    public string AccountId(string username) => urls.Absolute("/users/" + username);

    public string GroupId(string slug) => urls.Absolute("/groups/" + slug);

    public string InstanceId => urls.Absolute("/actor");

    public string InstanceKeyId => InstanceId + "#main-key";

    public string StatusId(string username, long id) => urls.Absolute($"/users/{username}/statuses/{id.ToString(CultureInfo.InvariantCulture)}");

    public async Task<JsonObject> AccountAsync(Account account, bool organization, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        var id = AccountId(account.Username);
        var actor = Common(id, organization ? "Organization" : account.Bot ? "Service" : "Person", account.Username);
        actor["name"] = account.DisplayName.Length > 0 ? account.DisplayName : account.Username;
        actor["summary"] = account.NoteHtml;
        actor["url"] = urls.Absolute("/@" + account.Username);
        actor["inbox"] = id + "/inbox";
        actor["outbox"] = id + "/outbox";
        actor["followers"] = id + "/followers";
        actor["following"] = id + "/following";
        actor["featured"] = id + "/collections/featured";
        actor["manuallyApprovesFollowers"] = account.Locked;
        actor["discoverable"] = account.Discoverable;
        actor["published"] = IsoTime.Format(account.CreatedAt);
        actor["attachment"] = new JsonArray([.. account.Fields.OrderBy(f => f.Position)
            .Select(f => (JsonNode)new JsonObject { ["type"] = "PropertyValue", ["name"] = f.Name, ["value"] = f.ValueHtml })]);
        Images(actor, account.AvatarFile, account.HeaderFile);
        actor["publicKey"] = Key(id, await keys.PublicKeyPemAsync(ActorKind.Account, account.Id, ct));
        return actor;
    }

    public async Task<JsonObject> GroupAsync(Group group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(group);
        var id = GroupId(group.Slug);
        var actor = Common(id, "Group", group.Slug);
        actor["name"] = group.Name;
        actor["summary"] = group.DescriptionHtml;
        actor["url"] = id;
        actor["inbox"] = id + "/inbox";
        actor["outbox"] = id + "/outbox";
        actor["followers"] = id + "/followers";
        actor["featured"] = id + "/featured";
        // Anyone may follow a group that anyone may join; the others answer each follow by hand (Lemmy reads this).
        actor["manuallyApprovesFollowers"] = group.JoinPolicy != GroupJoinPolicy.Open;
        actor["discoverable"] = true;
        actor["published"] = IsoTime.Format(group.CreatedAt);
        Images(actor, group.AvatarFile, group.HeaderFile);
        actor["publicKey"] = Key(id, await keys.PublicKeyPemAsync(ActorKind.Group, group.Id, ct));
        return actor;
    }

    /// <summary>The server's own actor, which signs the server's fetches (Mastodon's instance actor); its name is the host.</summary>
    public async Task<JsonObject> InstanceAsync(CancellationToken ct)
    {
        var id = InstanceId;
        var actor = Common(id, "Application", urls.Host);
        actor["name"] = urls.Host;
        actor["url"] = urls.Absolute("/about");
        actor["inbox"] = id + "/inbox";
        actor["outbox"] = id + "/outbox";
        actor["manuallyApprovesFollowers"] = true;
        actor["discoverable"] = false;
        actor["publicKey"] = Key(id, await keys.PublicKeyPemAsync(ActorKind.Instance, 0, ct));
        return actor;
    }

    private JsonObject Common(string id, string type, string preferredUsername) => new()
    {
        ["@context"] = ActivityJson.Context(),
        ["id"] = id,
        ["type"] = type,
        ["preferredUsername"] = preferredUsername,
        ["endpoints"] = new JsonObject { ["sharedInbox"] = urls.Absolute("/inbox") },
    };

    private static JsonObject Key(string id, string pem) => new() { ["id"] = id + "#main-key", ["owner"] = id, ["publicKeyPem"] = pem };

    private void Images(JsonObject actor, string? avatar, string? header)
    {
        if (avatar is not null)
        {
            actor["icon"] = Image(avatar);
        }
        if (header is not null)
        {
            actor["image"] = Image(header);
        }
    }

    private JsonObject Image(string file) => new()
    {
        ["type"] = "Image",
        ["mediaType"] = MediaTypes.Of(file),
        ["url"] = urls.Absolute("/media/" + file),
    };
}
