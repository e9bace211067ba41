namespace Kindred.Server.Mastodon.Models;

/// <summary>The FamiliarFollowers entity (Mastodon docs: entities/FamiliarFollowers).</summary>
public sealed record MastodonFamiliarFollowers(string Id, IReadOnlyList<MastodonAccount> Accounts);
