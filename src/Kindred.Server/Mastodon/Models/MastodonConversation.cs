namespace Kindred.Server.Mastodon.Models;

/// <summary>The Conversation entity (Mastodon docs: entities/Conversation): the other participants and the newest
/// status the caller may read.</summary>
public sealed record MastodonConversation(string Id, bool Unread, IReadOnlyList<MastodonAccount> Accounts, MastodonStatus? LastStatus);
