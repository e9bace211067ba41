using Kindred.Core.Digests;
using Kindred.Server.Hosting;

namespace Kindred.Server.Web.Digests;

/// <summary>
/// The one-click unsubscribe of RFC 8058: a POST of "List-Unsubscribe=One-Click" to the List-Unsubscribe address turns
/// digests off. Mail apps send it without cookies or an antiforgery token, so the protected token in the address is the
/// only credential (ADR 25). The confirm page's form posts here too, and is sent on to a page that says it is done.
/// </summary>
public static class DigestEndpoints
{
    public static IEndpointRouteBuilder MapDigestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/digest/unsubscribe", async (HttpContext context, DigestService digests) =>
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
            if (!await digests.UnsubscribeAsync(context.Request.Query["token"].ToString(), context.RequestAborted))
            {
                return Results.BadRequest("This unsubscribe link is not valid.");
            }
            if (form["from"].ToString() == "page")
            {
                // 303 so the browser shows the result with a GET and a reload does not post again.
                context.Response.Headers.Location = "/digest/unsubscribed";
                return Results.StatusCode(StatusCodes.Status303SeeOther);
            }
            return Results.Text("Unsubscribed.");
        })
        .DisableAntiforgery()
        // The confirm page answers the same path with GET; this endpoint takes its POSTs (Razor pages accept POST too).
        .WithOrder(-1)
        .ExcludeFromDescription();
        return app;
    }
}
