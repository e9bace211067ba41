using System.Globalization;
using System.Text;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Server.Web.Shared;
using Kindred.Server.Web.Statuses;

namespace Kindred.Server.Web.Events;

/// <summary>The attendee list as a CSV download for the people managing an event.</summary>
public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events/{id:long}/attendees.csv", async (long id, string? at, HttpContext context, EventQueries queries, ViewerTimes times) =>
        {
            if (UserClaims.Id(context.User) is not { } me)
            {
                return Results.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
            }
            DateTimeOffset? occurrence = EventTimes.TryParseAt(at, out var parsed) ? parsed : null;
            // Not visible: 404; visible but not managed: 403 (EventQueries asks EventAccess).
            return await EndpointErrors.AnswerAsync(async () =>
            {
                await times.LoadAsync();
                var csv = await queries.AttendeesCsvAsync(id, StatusViewer.For(me), occurrence, times.Format.Zone, context.RequestAborted);
                // Private data: never cached on the way, and saved as a file named after the event.
                context.Response.Headers.CacheControl = "no-store";
                var name = "event-" + id.ToString(CultureInfo.InvariantCulture) + "-attendees.csv";
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);
            }, invalidIsNotFound: true);
        }).ExcludeFromDescription();
        return app;
    }
}
