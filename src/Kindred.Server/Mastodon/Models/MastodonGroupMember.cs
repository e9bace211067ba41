namespace Kindred.Server.Mastodon.Models;

/// <summary>A member of a group with their role (Truth Social's GroupMember); the id is the account's.</summary>
public sealed record MastodonGroupMember(string Id, MastodonAccount Account, string Role);
