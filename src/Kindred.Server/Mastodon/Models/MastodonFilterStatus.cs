namespace Kindred.Server.Mastodon.Models;

/// <summary>The FilterStatus entity (Mastodon docs: entities/FilterStatus).</summary>
public sealed record MastodonFilterStatus(string Id, string StatusId);
