using Kindred.Core.Announcements;
using Kindred.Server.Web.Shared;
using Microsoft.AspNetCore.Antiforgery;

namespace Kindred.Server.Web.Announcements;

/// <summary>The banner's dismiss button (a plain form, so it works without JavaScript) and the announcement mail's
/// one-click unsubscribe (ADR 61).</summary>
public static class AnnouncementEndpoints
{
    public static IEndpointRouteBuilder MapAnnouncementEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/announcements/{id:long}/dismiss", async (long id, HttpContext context, IAntiforgery antiforgery, AnnouncementService announcements) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("The form expired; go back and try again.");
            }
            var back = LocalUrls.OrHome(context.Request.Form["returnUrl"].ToString());
            if (Shared.UserClaims.Id(context.User) is not { } me)
            {
                return Results.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(back));
            }
            await announcements.DismissAsync(me, id, context.RequestAborted);
            // Back where the member was, with focus on the page's content (main has tabindex -1) rather than on a
            // banner that is gone.
            return Results.LocalRedirect(back.Split('#')[0] + "#main");
        }).ExcludeFromDescription();

        app.MapOneClickUnsubscribe("/announcements/unsubscribe", "/announcements/unsubscribed",
            (services, token, ct) => services.GetRequiredService<AnnouncementService>().UnsubscribeAsync(token, ct));
        return app;
    }
}
