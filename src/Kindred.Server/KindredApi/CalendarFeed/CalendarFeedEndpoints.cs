using Kindred.Core.Events;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.Mastodon;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Web.Calendars;

namespace Kindred.Server.KindredApi.CalendarFeed;

/// <summary>
/// Kindred extension: the caller's personal calendar address (ADR 34), the secret URL of the events they are going to.
/// POST issues a new address (the old one stops working at once); DELETE removes it.
/// </summary>
public static class CalendarFeedEndpoints
{
    public static RouteGroupBuilder MapCalendarFeedEndpoints(this RouteGroupBuilder api)
    {
        var feed = api.MapGroup("/v1/kindred/calendar_feed").WithTags("Calendar feed (Kindred)");
        feed.MapGet("", Get).WithSummary("The caller's personal calendar address (url, webcal_url), or enabled=false when they have none");
        feed.MapPost("", Regenerate)
            .WithSummary("Issue a new personal calendar address; the previous one stops working. With token (the current address's secret) it is only replaced if that is still the current one (422 otherwise)");
        feed.MapDelete("", Revoke).WithSummary("Remove the personal calendar address; it stops working and none exists until the next POST");
        return api;
    }

    private static async Task<IResult> Get(HttpContext context, CalendarFeedService feeds, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:accounts");
        return MastodonJson.Ok(Render(await feeds.GetAsync(me, context.RequestAborted), urls));
    }

    private static async Task<IResult> Regenerate(HttpContext context, CalendarFeedService feeds, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:accounts");
        var input = await MastodonParams.ReadAsync(context.Request);
        var current = input.Value("token", 200);
        var token = await feeds.RegenerateAsync(me, string.IsNullOrEmpty(current) ? null : current, context.RequestAborted);
        return MastodonJson.Ok(Render(token, urls));
    }

    private static async Task<IResult> Revoke(HttpContext context, CalendarFeedService feeds, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:accounts");
        await feeds.RevokeAsync(me, context.RequestAborted);
        return MastodonJson.Ok(Render(null, urls));
    }

    public static CalendarFeedDto Render(string? token, PublicUrls urls)
    {
        if (token is null)
        {
            return new CalendarFeedDto(false, null, null);
        }
        var url = CalendarUrls.Https(urls, token);
        return new CalendarFeedDto(true, url, CalendarUrls.Webcal(url));
    }
}
