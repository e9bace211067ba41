using System.Globalization;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Streaming;

/// <summary>
/// One subscribed stream: its Mastodon name and, for hashtag and list streams, the tag (normalized) or list id. Every
/// account here is local, so the <c>:local</c> variants carry the same posts as their plain names.
/// </summary>
public sealed record StreamKey(string Name, string? Tag = null, long? ListId = null)
{
    public const string User = "user";
    public const string UserNotification = "user:notification";
    public const string Public = "public";
    public const string PublicLocal = "public:local";
    public const string Hashtag = "hashtag";
    public const string HashtagLocal = "hashtag:local";
    public const string List = "list";
    public const string Direct = "direct";

    public static readonly IReadOnlyList<string> Names = [User, UserNotification, Public, PublicLocal, Hashtag, HashtagLocal, List, Direct];

    /// <summary>What Mastodon puts in a message's "stream" array: the name, then the tag or list id.</summary>
    public IReadOnlyList<string> Wire => Tag is not null ? [Name, Tag]
        : ListId is { } list ? [Name, list.ToString(CultureInfo.InvariantCulture)]
        : [Name];

    /// <summary>Parses a stream request; throws Invalid for an unknown stream or a missing or bad parameter.</summary>
    public static StreamKey Parse(string? name, string? tag, string? list)
    {
        switch (name)
        {
            case User or UserNotification or Public or PublicLocal or Direct:
                return new StreamKey(name);
            case Hashtag or HashtagLocal:
                var normalized = TagNames.Normalize(tag ?? "");
                return normalized.Length > 0
                    ? new StreamKey(name, Tag: normalized)
                    : throw KindredException.Invalid("tag", "A hashtag stream needs a tag.");
            case List:
                return Ids.TryParse(list, out var id)
                    ? new StreamKey(name, ListId: id)
                    : throw KindredException.Invalid("list", "A list stream needs a list id.");
            default:
                throw KindredException.Invalid("stream", "Unknown stream type.");
        }
    }

    /// <summary>The filter context of the REST timeline this stream mirrors (Mastodon's): home and lists are "home",
    /// the public and hashtag streams "public"; direct messages are not filtered.</summary>
    public FilterContexts FilterContext => Name switch
    {
        User or List => FilterContexts.Home,
        Public or PublicLocal or Hashtag or HashtagLocal => FilterContexts.Public,
        _ => FilterContexts.None,
    };

    /// <summary>Whether a token's scopes let it read this stream (Mastodon: read, or read:statuses / read:notifications).</summary>
    public IReadOnlyList<string> Scopes => Name switch
    {
        UserNotification => ["read:notifications"],
        User => ["read:statuses"],
        List => ["read:lists", "read:statuses"],
        _ => ["read:statuses"],
    };
}
