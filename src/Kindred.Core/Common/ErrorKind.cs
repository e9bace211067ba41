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

    /// <summary>The request itself could not be read (malformed JSON or form).</summary>
    BadRequest,

    /// <summary>The body is larger than the endpoint accepts.</summary>
    TooLarge,

    /// <summary>The body is in a format the endpoint does not read.</summary>
    UnsupportedMediaType,
}
