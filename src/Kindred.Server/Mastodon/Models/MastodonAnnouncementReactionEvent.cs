namespace Kindred.Server.Mastodon.Models;

/// <summary>The payload of the streaming API's <c>announcement.reaction</c> event: the emoji, how many members now
/// reacted with it, and the announcement's id.</summary>
public sealed record MastodonAnnouncementReactionEvent(string Name, int Count, string AnnouncementId);
