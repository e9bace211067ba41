namespace Kindred.Core.Push;

/// <summary>The credential a push subscription belongs to: an app's access token (with the bearer string the app
/// presented, which Mastodon echoes in every payload) or a web UI session.</summary>
public sealed record PushOwner(long AccountId, string? TokenId, long? SessionId, string? AccessToken = null)
{
    public static PushOwner Token(long accountId, string tokenId, string? accessToken = null) => new(accountId, tokenId, null, accessToken);

    public static PushOwner Session(long accountId, long sessionId) => new(accountId, null, sessionId);
}
