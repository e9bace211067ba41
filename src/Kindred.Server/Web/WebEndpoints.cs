using Kindred.Core.Common;
using Kindred.Data.Entities;
using Kindred.Server.Web.Announcements;
using Kindred.Server.Web.Calendars;
using Kindred.Server.Web.Digests;
using Kindred.Server.Web.Feeds;
using Kindred.Server.Web.Statuses;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Kindred.Server.Web;

/// <summary>Form posts that render no page of their own.</summary>
public static class WebEndpoints
{
    public static IEndpointRouteBuilder MapWebEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/sign-out", async (SignInManager<User> signIn, HttpContext context, Hosting.UserSessions sessions, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("The form expired; go back and try again.");
            }
            var sid = context.User.FindFirst(Hosting.UserSessions.ClaimType)?.Value;
            var sub = context.User.FindFirst("sub")?.Value;
            if (Ids.TryParse(sid, out var sessionId) && Ids.TryParse(sub, out var userId))
            {
                await sessions.EndAsync(userId, sessionId);
            }
            await signIn.SignOutAsync();
            return Results.Redirect("/");
        }).ExcludeFromDescription();

        app.MapPost("/language", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("The form expired; go back and try again.");
            }
            var culture = context.Request.Form["culture"].ToString();
            if (!Languages.Supported.Contains(culture))
            {
                return Results.BadRequest("Unknown language.");
            }
            context.Response.Cookies.Append("kindred-lang", CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var back = context.Request.Headers.Referer.ToString();
            return Results.LocalRedirect(Uri.TryCreate(back, UriKind.Absolute, out var uri) && uri.Host == context.Request.Host.Host ? uri.PathAndQuery : "/");
        }).ExcludeFromDescription();
        app.MapStatusEndpoints();
        app.MapPollEndpoints();
        Events.EventEndpoints.MapEventEndpoints(app);
        Staff.PeopleEndpoints.MapPeopleEndpoints(app);
        app.MapFeedEndpoints();
        app.MapCalendarEndpoints();
        app.MapDigestEndpoints();
        Notifications.InstantEmailEndpoints.MapInstantEmailEndpoints(app);
        app.MapOrganizationStyle();
        app.MapOrganizationLogo();
        app.MapAnnouncementEndpoints();
        Insights.InsightsEndpoints.MapInsightsEndpoints(app);
        Settings.ExportEndpoints.MapExportEndpoints(app);
        return app;
    }
}
