namespace Kindred.Server.Mastodon.Models;

/// <summary>The ScheduledStatus entity (Mastodon docs: entities/ScheduledStatus).</summary>
public sealed record MastodonScheduledStatus(string Id, string ScheduledAt, MastodonScheduledStatusParams Params, IReadOnlyList<MastodonMediaAttachment> MediaAttachments);
