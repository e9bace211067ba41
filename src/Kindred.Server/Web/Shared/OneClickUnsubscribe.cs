using Kindred.Server.Hosting;

namespace Kindred.Server.Web.Shared;

/// <summary>
/// The one-click unsubscribe of RFC 8058, shared by every mailing (digests, announcements): a POST of
/// "List-Unsubscribe=One-Click" to the List-Unsubscribe address stops that mailing. Mail apps send it without cookies or
/// an antiforgery token, so the protected token in the address is the only credential (ADR 25). The confirm page's
/// form posts here too (with from=page), and is sent on to a page that says it is done.
/// </summary>
public static class OneClickUnsubscribe
{
    public static RouteHandlerBuilder MapOneClickUnsubscribe(this IEndpointRouteBuilder app, string path, string donePath,
        Func<IServiceProvider, string, CancellationToken, Task<bool>> unsubscribe) =>
        app.MapPost(path, async (HttpContext context) =>
        {
            IFormCollection? form;
            try
            {
                form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
            }
            // A truncated or malformed body (a multipart one without its boundary or its end) is the client's fault.
            catch (Exception e) when (UnreadableBody.Is(e))
            {
                return Results.BadRequest("The form could not be read.");
            }
            if (form?["List-Unsubscribe"].ToString() != "One-Click")
            {
                return Results.BadRequest("Expected List-Unsubscribe=One-Click.");
            }
            if (!await unsubscribe(context.RequestServices, context.Request.Query["token"].ToString(), context.RequestAborted))
            {
                return Results.BadRequest("This unsubscribe link is not valid.");
            }
            if (form["from"].ToString() == "page")
            {
                // 303 so the browser shows the result with a GET and a reload does not post again.
                context.Response.Headers.Location = donePath;
                return Results.StatusCode(StatusCodes.Status303SeeOther);
            }
            return Results.Text("Unsubscribed.");
        })
        .DisableAntiforgery()
        // The confirm page answers the same path with GET; this endpoint takes its POSTs (Razor pages accept POST too).
        .WithOrder(-1)
        .ExcludeFromDescription();
}
