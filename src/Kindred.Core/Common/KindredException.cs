namespace Kindred.Core.Common;

/// <summary>
/// The one exception core throws on purpose. <see cref="Exception.Message"/> is safe to show to the
/// person who made the request; anything else that escapes core is a bug, logged and never shown.
/// </summary>
public sealed class KindredException : Exception
{
    public KindredException(ErrorKind kind, string message, string? field = null)
        : base(message)
    {
        Kind = kind;
        Field = field;
    }

    public KindredException(ErrorKind kind, string message, string? field, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
        Field = field;
    }

    public ErrorKind Kind { get; }

    /// <summary>The input that was wrong (e.g. <c>display_name</c>), so a form can put the message beside it.</summary>
    public string? Field { get; }

    /// <summary>How long the caller should wait before trying again; only meaningful for <see cref="ErrorKind.RateLimited"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    // Default messages follow Mastodon's wording where it has one, because clients show them verbatim.
    public static KindredException NotFound(string message = "Record not found") =>
        new(ErrorKind.NotFound, message);

    public static KindredException Forbidden(string message = "This action is not allowed") =>
        new(ErrorKind.Forbidden, message);

    public static KindredException Unauthorized(string message = "The access token is invalid") =>
        new(ErrorKind.Unauthorized, message);

    public static KindredException Invalid(string message) =>
        new(ErrorKind.Invalid, message);

    public static KindredException Invalid(string field, string message) =>
        new(ErrorKind.Invalid, message, field);

    public static KindredException Conflict(string message) =>
        new(ErrorKind.Conflict, message);

    public static KindredException Gone(string message = "This content is no longer available") =>
        new(ErrorKind.Gone, message);

    public static KindredException RateLimited(TimeSpan? retryAfter = null, string message = "Too many requests") =>
        new(ErrorKind.RateLimited, message) { RetryAfter = retryAfter };

    public static KindredException BadRequest(string message) =>
        new(ErrorKind.BadRequest, message);
}
