using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Markers;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Markers;

/// <summary>Reading positions shared between a member's apps (Mastodon docs: methods/markers). As in Mastodon, reading
/// needs read:statuses and saving write:statuses; the answer is a map keyed by timeline.</summary>
public static class MarkersEndpoints
{
    public static RouteGroupBuilder MapMarkersEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/markers", Get).WithSummary("Saved reading positions (timeline[]=home|notifications)").WithTags("Markers");
        api.MapPost("/v1/markers", Save).WithSummary("Saves reading positions (home[last_read_id], notifications[last_read_id])").WithTags("Markers");
        return api;
    }

    private static async Task<IResult> Get(HttpContext context, MarkerService markers)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        return MastodonJson.Ok(Render(await markers.GetAsync(me, input.List("timeline"), context.RequestAborted)));
    }

    private static async Task<IResult> Save(HttpContext context, MarkerService markers)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        var positions = new Dictionary<string, long>();
        foreach (var timeline in MarkerService.Timelines)
        {
            var key = $"{timeline}[last_read_id]";
            if (input.Value(key, 30) is { Length: > 0 } value)
            {
                positions[timeline] = Ids.TryParse(value, out var id)
                    ? id
                    : throw KindredException.Invalid(key, "last_read_id must be an id.");
            }
        }
        return MastodonJson.Ok(Render(await markers.SaveAsync(me, positions, context.RequestAborted)));
    }

    private static Dictionary<string, MastodonMarker> Render(IReadOnlyList<Marker> markers) =>
        markers.ToDictionary(m => m.Timeline, m => new MastodonMarker(
            m.LastReadId.ToString(CultureInfo.InvariantCulture),
            m.Version,
            MastodonTime.Format(m.UpdatedAt)));
}
