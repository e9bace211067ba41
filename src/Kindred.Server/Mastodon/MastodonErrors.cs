using Kindred.Core.Common;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon;

/// <summary>Renders core errors the Mastodon way: {"error": "..."} with the matching status code.</summary>
public sealed class MastodonErrors : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (KindredException e)
        {
            if (e.RetryAfter is { } wait)
            {
                // A throttle in the core (the sign-up throttle, ADR 73) tells the client when to come back.
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Render(e);
        }
    }

    public static IResult Render(KindredException e)
    {
        var body = new MastodonError
        {
            Error = e.Kind == ErrorKind.Invalid && e.Field is not null ? $"Validation failed: {e.Message}" : e.Message,
            Details = e.Kind == ErrorKind.Invalid && e.Field is not null
                ? new() { [e.Field] = [new { error = "ERR_INVALID", description = e.Message }] }
                : null,
        };
        return Results.Json(body, MastodonJson.Options, statusCode: StatusFor(e.Kind));
    }

    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Gone => StatusCodes.Status410Gone,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status400BadRequest,
    };
}
