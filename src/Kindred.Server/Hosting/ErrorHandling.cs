using System.Diagnostics;
using Kindred.Core.Common;
using Kindred.Server.Mastodon;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace Kindred.Server.Hosting;

/// <summary>Each front door renders failures its own way. Unexpected exceptions are logged with a trace id and never shown.</summary>
public static class ErrorHandling
{
    public static IApplicationBuilder UseKindredErrors(this IApplicationBuilder app) => app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        // The middleware would log every exception with its stack trace, and an unexpected one a second time below:
        // bad input could fill the log. Unexpected exceptions are logged once below; a rejected request in one line.
        SuppressDiagnosticsCallback = _ => true,
        StatusCodeSelector = e => e is KindredException k ? MastodonErrors.StatusFor(k.Kind)
            : e is BadHttpRequestException b ? b.StatusCode
            : e is AntiforgeryValidationException or InvalidDataException ? StatusCodes.Status400BadRequest
            : DatabaseOutage.Is(e) || e is MediaStoreUnavailableException ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status500InternalServerError,
        ExceptionHandler = async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var trace = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            var isApi = context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/oauth") || context.Request.Path.StartsWithSegments("/nodeinfo");
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Kindred.Errors");
            string message;
            if (error is KindredException known)
            {
                context.Response.StatusCode = MastodonErrors.StatusFor(known.Kind);
                if (known.RetryAfter is { } wait)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                message = known.Message;
                LogRejected(logger, context, known.Kind.ToString());
            }
            else if (error is BadHttpRequestException bad)
            {
                context.Response.StatusCode = bad.StatusCode;
                message = "The request could not be read.";
                LogRejected(logger, context, "unreadable request");
            }
            else if (error is AntiforgeryValidationException or InvalidDataException)
            {
                // A form whose token cannot even be read (a broken multipart body), or whose values the form reader refuses
                // (it throws InvalidDataException on a NUL character), is the client's fault, like a missing token.
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                message = "The form could not be read; reload the page and try again.";
                LogRejected(logger, context, "unreadable form");
            }
            else if (DatabaseOutage.Is(error))
            {
                // An outage is not a bug: one line, no stack trace, and clients are told when to come back.
                logger.LogWarning("Database unreachable {TraceId} on {Method} {Path}: {Reason}", trace, context.Request.Method, context.Request.Path.Value, error!.Message);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                message = "The service cannot reach its database just now. Please try again in a minute.";
            }
            else if (error is MediaStoreUnavailableException)
            {
                // The object store is away (ADR 98): nothing was written that points at a missing object; try again later.
                logger.LogWarning("Media store unreachable {TraceId} on {Method} {Path}: {Reason}", trace, context.Request.Method, context.Request.Path.Value, error.Message);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                message = "The service cannot reach its file storage just now. Please try again in a minute.";
            }
            else
            {
                logger.LogError(error, "Unhandled exception {TraceId} on {Method} {Path}", trace, context.Request.Method, context.Request.Path.Value);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                message = $"Something went wrong on our side (trace {trace}).";
            }
            if (isApi)
            {
                await context.Response.WriteAsJsonAsync(new { error = message });
            }
            else
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                var heading = context.Response.StatusCode >= 500 ? "Something went wrong" : "This request could not be answered";
                await context.Response.WriteAsync($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>Error</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main><h1>{heading}</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p><p><a href=\"/\">Home</a></p></main></body></html>");
            }
        },
    });

    private static void LogRejected(ILogger logger, HttpContext context, string reason)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Rejected {Method} {Path} with {Status}: {Reason}", context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, reason);
        }
    }
}
