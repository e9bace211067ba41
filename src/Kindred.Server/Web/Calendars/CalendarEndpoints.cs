using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Server.Hosting;
using Microsoft.Net.Http.Headers;

namespace Kindred.Server.Web.Calendars;

/// <summary>
/// iCalendar files (ADR 34): one event at <c>/events/{id}.ics</c> as the asker may see it, the public events at
/// <c>/events.ics</c>, and a member's own events at <c>/calendar/{token}.ics</c>, which calendar apps fetch without
/// cookies. An event the asker may not see, and an unknown or revoked calendar address, are 404.
/// </summary>
public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        // Before the event page's own route (/events/{id}), which would take "12.ics" as an id.
        app.MapMethods("/events/{id}.ics", ["GET", "HEAD"], EventAsync).WithOrder(-1).ExcludeFromDescription();
        app.MapMethods("/events.ics", ["GET", "HEAD"], PublicAsync).WithOrder(-1).ExcludeFromDescription();
        app.MapMethods("/calendar/{token}.ics", ["GET", "HEAD"], PersonalAsync).WithOrder(-1).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> EventAsync(string id, HttpContext context, CalendarQueries queries, PublicUrls urls, CancellationToken ct)
    {
        if (!Ids.TryParse(id, out var eventId))
        {
            return Results.NotFound();
        }
        var me = Shared.UserClaims.Id(context.User);
        var viewer = me is { } accountId ? Core.Common.Viewer.Member(accountId) : Core.Common.Viewer.Anonymous;
        if (await queries.EventAsync(eventId, viewer, ct) is not { } entry)
        {
            return Results.NotFound();
        }
        // What a signed-in member gets depends on who they are (the address once they are going): never for shared caches.
        var cache = me is null ? "public, max-age=300" : "private, no-cache";
        context.Response.Headers.Vary = "Cookie";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"event-{eventId.ToString(CultureInfo.InvariantCulture)}.ics\"";
        return Render(context, EventCalendar.Write([entry], null, urls.Base), cache);
    }

    private static async Task<IResult> PublicAsync(HttpContext context, CalendarQueries queries, PublicUrls urls, CancellationToken ct)
    {
        var name = await queries.OrganizationNameAsync(ct);
        return Render(context, EventCalendar.Write(await queries.PublicAsync(ct), name, urls.Base), "public, max-age=300");
    }

    private static async Task<IResult> PersonalAsync(string token, HttpContext context, CalendarFeedService feeds, CalendarQueries queries, PublicUrls urls, CancellationToken ct)
    {
        if (await feeds.OwnerAsync(token, ct) is not { } owner)
        {
            return Results.NotFound();
        }
        var name = await queries.OrganizationNameAsync(ct);
        // The address is the secret: keep it out of search engines and out of the Referer of links followed from the file.
        context.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Render(context, EventCalendar.Write(await queries.GoingAsync(owner, ct), name, urls.Base), "private, max-age=300");
    }

    /// <summary>The file with a strong ETag from its bytes (the calendar does not change unless its events do), so calendar
    /// apps polling every hour mostly get 304 Not Modified.</summary>
    private static IResult Render(HttpContext context, string calendar, string cacheControl)
    {
        var bytes = Encoding.UTF8.GetBytes(calendar);
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes)[..16]) + "\"");
        context.Response.Headers.CacheControl = cacheControl;
        return Results.Bytes(bytes, EventCalendar.ContentType, entityTag: etag);
    }
}
