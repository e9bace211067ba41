namespace Kindred.Server.Mastodon.Models;

public sealed record MastodonToken(string AccessToken, string TokenType, string Scope, long CreatedAt);
