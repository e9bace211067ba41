using System.Globalization;
using System.Text.Json.Nodes;
using Kindred.Core.Common;
using Kindred.Core.Federation;
using Kindred.Core.Peers;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;

namespace Kindred.Server.ActivityPub;

/// <summary>
/// Posts as ActivityStreams <c>Note</c> objects and their <c>Create</c> activities (ADR 95). The Note's id is the
/// Mastodon API's <c>Status.uri</c>. Addressing follows Mastodon: public posts to the Public collection with the
/// followers in cc, unlisted the other way round; mentions go in cc and as Mention tags. A post in a public group
/// names the group as its <c>audience</c> (FEP-1b12). The posts given must come from <see cref="ActorQueries"/>.
/// </summary>
public sealed class NoteRenderer(ActorRenderer actors, ActorQueries queries, PublicUrls urls)
{
    public async Task<IReadOnlyList<JsonObject>> NotesAsync(IReadOnlyList<Status> statuses, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var ids = statuses.Select(s => s.Id).ToList();
        var media = await queries.MediaAsync(ids, ct);
        var parents = await queries.ReadableAuthorsAsync(statuses.Select(s => s.InReplyToId).OfType<long>(), ct);
        var remoteParents = await queries.RemoteParentsAsync(statuses.Select(s => s.InReplyToId).OfType<long>(), ct);
        var mentioned = await queries.UsernamesAsync(statuses.SelectMany(s => s.Mentions.Select(m => m.AccountId)), ct);
        var remote = await queries.RemoteMentionsAsync(statuses.SelectMany(s => s.Mentions.Select(m => m.AccountId)), ct);
        var groups = await queries.GroupSlugsAsync(statuses.Select(s => s.GroupId).OfType<long>(), ct);
        return [.. statuses.Select(s => Note(s, media[s.Id], parents, remoteParents, mentioned, remote, groups))];
    }

    public static JsonObject Create(JsonObject note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return new JsonObject
        {
            ["id"] = note["id"]!.GetValue<string>() + "/activity",
            ["type"] = "Create",
            ["actor"] = note["attributedTo"]!.DeepClone(),
            ["published"] = note["published"]!.DeepClone(),
            ["to"] = note["to"]!.DeepClone(),
            ["cc"] = note["cc"]!.DeepClone(),
            ["object"] = note,
        };
    }

    private JsonObject Note(Status status, IEnumerable<MediaAttachment> media, Dictionary<long, string> parents,
        Dictionary<long, RemoteParent> remoteParents, Dictionary<long, string> mentioned, Dictionary<long, (string ActorUri, string Handle)> remote,
        Dictionary<long, string> groups)
    {
        var author = actors.AccountId(status.Account.Username);
        var followers = author + "/followers";
        var mentions = status.Mentions.Where(m => mentioned.ContainsKey(m.AccountId)).Select(m => mentioned[m.AccountId]).Distinct().ToList();
        var to = status.Visibility == Audience.Public ? new JsonArray(ActivityJson.Public) : new JsonArray(followers);
        var cc = status.Visibility == Audience.Public ? new JsonArray(followers) : new JsonArray(ActivityJson.Public);
        foreach (var name in mentions)
        {
            cc.Add(actors.AccountId(name));
        }
        // Remote accounts it mentions are addressed and tagged the same way, with their own actor ids (ADR 105).
        var remoteMentions = status.Mentions.Where(m => remote.ContainsKey(m.AccountId)).Select(m => remote[m.AccountId]).Distinct().ToList();
        foreach (var (actorUri, _) in remoteMentions)
        {
            cc.Add(actorUri);
        }
        var tags = new JsonArray();
        foreach (var name in mentions)
        {
            tags.Add(new JsonObject { ["type"] = "Mention", ["href"] = actors.AccountId(name), ["name"] = $"@{name}@{urls.Host}" });
        }
        foreach (var (actorUri, handle) in remoteMentions)
        {
            tags.Add(new JsonObject { ["type"] = "Mention", ["href"] = actorUri, ["name"] = "@" + handle });
        }
        // A reply to another server's post names that post and mentions its author, as Mastodon's replies do, so
        // the author's server keeps the reply, threads it and notifies them (once, when the text mentions them too).
        var remoteParent = status.InReplyToId is { } replied && remoteParents.TryGetValue(replied, out var found) ? found : null;
        if (remoteParent is not null && remoteMentions.All(m => m.ActorUri != remoteParent.ActorId))
        {
            cc.Add(remoteParent.ActorId);
            tags.Add(new JsonObject { ["type"] = "Mention", ["href"] = remoteParent.ActorId, ["name"] = remoteParent.Handle });
        }
        foreach (var tag in status.Tags)
        {
            tags.Add(new JsonObject { ["type"] = "Hashtag", ["href"] = urls.Absolute("/tags/" + Uri.EscapeDataString(tag.Tag.Name)), ["name"] = "#" + tag.Tag.Name });
        }
        var attachments = new JsonArray();
        foreach (var file in media.OrderBy(m => m.Position))
        {
            attachments.Add(new JsonObject
            {
                ["type"] = "Document",
                ["mediaType"] = MediaTypes.Of(file.File),
                ["url"] = urls.Absolute("/media/" + file.File),
                ["name"] = file.Description,
                ["blurhash"] = file.Blurhash,
                ["focalPoint"] = new JsonArray(file.FocusX, file.FocusY),
                ["width"] = file.Width,
                ["height"] = file.Height,
            });
        }
        var note = new JsonObject
        {
            ["@context"] = ActivityJson.Context(),
            ["id"] = actors.StatusId(status.Account.Username, status.Id),
            ["type"] = "Note",
            ["summary"] = status.SpoilerText.Length > 0 ? status.SpoilerText : null,
            ["inReplyTo"] = status.InReplyToId is { } parent && parents.TryGetValue(parent, out var parentAuthor)
                ? actors.StatusId(parentAuthor, parent)
                : remoteParent?.NoteId,
            ["published"] = IsoTime.Format(status.CreatedAt),
            ["updated"] = status.EditedAt is { } edited ? IsoTime.Format(edited) : null,
            ["url"] = urls.Absolute($"/@{status.Account.Username}/{status.Id.ToString(CultureInfo.InvariantCulture)}"),
            ["attributedTo"] = author,
            ["to"] = to,
            ["cc"] = cc,
            ["sensitive"] = status.Sensitive,
            ["content"] = SafeHtml.Clean(status.ContentHtml),
            ["attachment"] = attachments,
            ["tag"] = tags,
        };
        if (status.Language is { Length: > 0 } language)
        {
            note["contentMap"] = new JsonObject { [language] = note["content"]!.DeepClone() };
        }
        if (status.GroupId is { } groupId && groups.TryGetValue(groupId, out var slug))
        {
            note["audience"] = actors.GroupId(slug);
        }
        return note;
    }
}
