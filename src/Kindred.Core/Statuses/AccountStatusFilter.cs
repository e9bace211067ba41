namespace Kindred.Core.Statuses;

/// <summary>The filters of an account's statuses (Mastodon: GET /api/v1/accounts/:id/statuses).</summary>
public sealed record AccountStatusFilter(bool ExcludeReplies = false, bool ExcludeReblogs = false, bool OnlyMedia = false, bool Pinned = false, string? Tagged = null);
