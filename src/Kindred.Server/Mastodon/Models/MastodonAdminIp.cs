namespace Kindred.Server.Mastodon.Models;

/// <summary>The Admin::Ip entity (Mastodon docs: entities/Admin_Ip): an address and when it was last used.</summary>
public sealed record MastodonAdminIp(string Ip, string UsedAt);
