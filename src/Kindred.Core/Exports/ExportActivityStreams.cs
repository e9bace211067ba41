using System.Globalization;
using System.Text.Json.Nodes;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Exports;

/// <summary>
/// actor.json and outbox.json in the shape a Mastodon archive has, so tools that read those read ours: the actor is a
/// Person with its picture and header as files beside it, the outbox an OrderedCollection of Create activities (a
/// Note each, its images as Documents whose url is the file's place in the archive) and Announce for boosts. Every post
/// is the member's own, whatever its audience: direct messages and followers-only posts were written by them.
/// </summary>
public sealed class ExportActivityStreams(KindredDbContext db)
{
    private const string Public = "https://www.w3.org/ns/activitystreams#Public";

    /// <summary>The actor; its pictures are added to <paramref name="files"/> (archive entry, media-relative path).</summary>
    public JsonObject Actor(Account account, string root, List<(string Entry, string Relative)> files)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(files);
        var id = ActorId(root, account.Username);
        var actor = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"),
            ["id"] = id,
            ["type"] = "Person",
            ["following"] = id + "/following",
            ["followers"] = id + "/followers",
            ["inbox"] = id + "/inbox",
            ["outbox"] = "outbox.json",
            ["preferredUsername"] = account.Username,
            ["name"] = account.DisplayName,
            ["summary"] = account.NoteHtml,
            ["url"] = root + "/@" + account.Username,
            ["manuallyApprovesFollowers"] = account.Locked,
            ["discoverable"] = account.Discoverable,
            ["published"] = Time(account.CreatedAt),
            ["attachment"] = new JsonArray(account.Fields.OrderBy(f => f.Position)
                .Select(f => (JsonNode)new JsonObject { ["type"] = "PropertyValue", ["name"] = f.Name, ["value"] = f.ValueHtml }).ToArray()),
        };
        if (account.AvatarFile is { } avatar)
        {
            var entry = "avatar" + Path.GetExtension(avatar);
            files.Add((entry, avatar));
            actor["icon"] = Image(entry);
        }
        if (account.HeaderFile is { } header)
        {
            var entry = "header" + Path.GetExtension(header);
            files.Add((entry, header));
            actor["image"] = Image(entry);
        }
        return actor;
    }

    /// <summary>Every post of the member that is not deleted, oldest first; their images are added to <paramref name="files"/>.</summary>
    public async Task<JsonObject> OutboxAsync(Account account, string root, List<(string Entry, string Relative)> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(files);
        var statuses = await db.Statuses.AsNoTracking().Include(s => s.Mentions)
            .Where(s => s.AccountId == account.Id && s.DeletedAt == null).OrderBy(s => s.Id).ToListAsync(ct);
        var ids = statuses.Select(s => s.Id).ToList();
        var attachments = (await db.MediaAttachments.AsNoTracking().Where(m => m.StatusId != null && ids.Contains(m.StatusId.Value))
            .ToListAsync(ct)).ToLookup(m => m.StatusId!.Value);
        // Addresses of the other accounts involved (mentioned, replied to, boosted): names only, never their words.
        var others = statuses.SelectMany(s => s.Mentions.Select(m => m.AccountId)).ToHashSet();
        var pointedAt = statuses.Select(s => s.ReblogOfId).Concat(statuses.Select(s => s.InReplyToId)).OfType<long>().Distinct().ToList();
        var statusAuthors = await db.Statuses.AsNoTracking().Where(o => pointedAt.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.AccountId, ct);
        others.UnionWith(statusAuthors.Values);
        var names = await db.Accounts.AsNoTracking().Where(a => others.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Username, ct);
        string? StatusUri(long? id) => id is { } i && statusAuthors.TryGetValue(i, out var author) && names.TryGetValue(author, out var name)
            ? StatusId(root, name, i) : null;

        var actor = ActorId(root, account.Username);
        var items = new JsonArray();
        foreach (var status in statuses)
        {
            var (to, cc) = Addressing(status, actor, root, names);
            var published = Time(status.CreatedAt);
            var id = StatusId(root, account.Username, status.Id);
            if (status.ReblogOfId is not null)
            {
                items.Add(new JsonObject
                {
                    ["id"] = id + "/activity",
                    ["type"] = "Announce",
                    ["actor"] = actor,
                    ["published"] = published,
                    ["to"] = to,
                    ["cc"] = cc,
                    ["object"] = StatusUri(status.ReblogOfId),
                });
                continue;
            }
            var documents = new JsonArray();
            foreach (var media in attachments[status.Id].OrderBy(m => m.Position))
            {
                var entry = "media_attachments/files/" + Path.GetFileName(media.File);
                files.Add((entry, media.File));
                documents.Add(new JsonObject
                {
                    ["type"] = "Document",
                    ["mediaType"] = MediaType(media.File),
                    ["url"] = "/" + entry,
                    ["name"] = media.Description,
                    ["focalPoint"] = new JsonArray(media.FocusX, media.FocusY),
                    ["width"] = media.Width,
                    ["height"] = media.Height,
                });
            }
            items.Add(new JsonObject
            {
                ["id"] = id + "/activity",
                ["type"] = "Create",
                ["actor"] = actor,
                ["published"] = published,
                ["to"] = to.DeepClone(),
                ["cc"] = cc.DeepClone(),
                ["object"] = new JsonObject
                {
                    ["id"] = id,
                    ["type"] = "Note",
                    ["summary"] = status.SpoilerText.Length == 0 ? null : status.SpoilerText,
                    ["inReplyTo"] = StatusUri(status.InReplyToId),
                    ["published"] = published,
                    ["updated"] = status.EditedAt is { } edited ? Time(edited) : null,
                    ["url"] = root + "/@" + account.Username + "/" + status.Id.ToString(CultureInfo.InvariantCulture),
                    ["attributedTo"] = actor,
                    ["to"] = to,
                    ["cc"] = cc,
                    ["sensitive"] = status.Sensitive,
                    ["content"] = status.ContentHtml,
                    ["contentMap"] = status.Language is { } language ? new JsonObject { [language] = status.ContentHtml } : null,
                    ["attachment"] = documents,
                    ["tag"] = new JsonArray(),
                },
            });
        }
        return new JsonObject
        {
            ["@context"] = "https://www.w3.org/ns/activitystreams",
            ["id"] = "outbox.json",
            ["type"] = "OrderedCollection",
            ["totalItems"] = items.Count,
            ["orderedItems"] = items,
        };
    }

    public static string ActorId(string root, string username) => root + "/users/" + username;

    public static string StatusId(string root, string username, long id) =>
        root + "/users/" + username + "/statuses/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Mastodon's addressing by audience; Kindred's members-only posts go to followers, the nearest ActivityPub
    /// has (they are never federated).</summary>
    private static (JsonArray To, JsonArray Cc) Addressing(Status status, string actor, string root, Dictionary<long, string> names)
    {
        var mentioned = status.Mentions.Where(m => names.ContainsKey(m.AccountId)).Select(m => (JsonNode)ActorId(root, names[m.AccountId])).ToArray();
        return status.Visibility switch
        {
            Audience.Public => (new JsonArray(Public), new JsonArray([actor + "/followers", .. mentioned])),
            Audience.Unlisted => (new JsonArray(actor + "/followers"), new JsonArray([Public, .. mentioned])),
            Audience.Direct => (new JsonArray(mentioned), new JsonArray()),
            _ => (new JsonArray(actor + "/followers"), new JsonArray(mentioned)),
        };
    }

    private static JsonObject Image(string entry) =>
        new() { ["type"] = "Image", ["mediaType"] = MediaType(entry), ["url"] = entry };

    private static string MediaType(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        _ => "image/jpeg",
    };

    private static string Time(DateTime utc) => IsoTime.Format(utc);
}
