namespace Kindred.Server.Mastodon.Models;

/// <summary>The Role entity (Mastodon docs: entities/Role). Permissions is Mastodon's bit field, as a string.</summary>
public sealed record MastodonRole(string Id, string Name, string Color, string Permissions, bool Highlighted);
