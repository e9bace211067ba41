namespace Kindred.Core.Common;

/// <summary>
/// What went wrong, in terms every front door can translate: the Mastodon API maps it to a status code
/// and <c>{"error": ...}</c>, ActivityPub to a bare status, the web UI to an error page or form message.
/// </summary>
public enum ErrorKind
{
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
    Gone,
    RateLimited,
    Unauthorized,
}
