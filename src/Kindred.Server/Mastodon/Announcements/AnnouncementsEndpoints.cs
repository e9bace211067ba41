using Kindred.Core.Announcements;
using Kindred.Core.Common;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Announcements;

/// <summary>
/// The organization's announcements (Mastodon docs: methods/announcements, ADR 61). As in Mastodon, listing needs a
/// user token with read, dismissing write:accounts and reactions write:favourites; answers to writes are an empty
/// object. An announcement that is not showing (a draft, not started, ended) is a 404 to every method.
/// </summary>
public static class AnnouncementsEndpoints
{
    public static RouteGroupBuilder MapAnnouncementsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/v1/announcements").WithTags("Announcements");
        group.MapGet("", List).WithSummary("Announcements showing now (with_dismissed=true to include dismissed ones)");
        group.MapPost("/{id}/dismiss", Dismiss).WithSummary("Marks an announcement as read");
        group.MapPut("/{id}/reactions/{name}", React).WithSummary("Adds an emoji reaction to an announcement");
        group.MapDelete("/{id}/reactions/{name}", Unreact).WithSummary("Removes the caller's emoji reaction");
        return api;
    }

    private static async Task<IResult> List(HttpContext context, AnnouncementQueries announcements)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var list = await announcements.ForMemberAsync(me, input.Bool("with_dismissed") ?? false, context.RequestAborted);
        return MastodonJson.Ok(list.Select(Render).ToList());
    }

    private static async Task<IResult> Dismiss(HttpContext context, string id, AnnouncementService announcements)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:accounts");
        await announcements.DismissAsync(me, Ids.ParseOrNotFound(id), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> React(HttpContext context, string id, string name, AnnouncementService announcements)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:favourites");
        await announcements.ReactAsync(me, Ids.ParseOrNotFound(id), name, context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Unreact(HttpContext context, string id, string name, AnnouncementService announcements)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:favourites");
        await announcements.UnreactAsync(me, Ids.ParseOrNotFound(id), name, context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    /// <summary>The Announcement entity for the member the view was read for (the streaming API renders it the same way).</summary>
    public static MastodonAnnouncement Render(AnnouncementView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var a = view.Announcement;
        return new MastodonAnnouncement
        {
            Id = a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Content = SafeHtml.RenderMarkdown(a.Text),
            StartsAt = MastodonTime.Format(a.StartsAt),
            EndsAt = MastodonTime.Format(a.EndsAt),
            AllDay = a.AllDay,
            PublishedAt = MastodonTime.Format(a.PublishedAt ?? a.CreatedAt),
            UpdatedAt = MastodonTime.Format(a.UpdatedAt),
            Read = view.Read,
            Reactions = view.Reactions.Select(r => new MastodonAnnouncementReaction(r.Name, r.Count, r.Me)).ToList(),
        };
    }
}
