using System.Globalization;
using Kindred.Core.Media;
using Kindred.Core.Organizations;
using Kindred.Core.Statuses;
using Kindred.Server.Web.Shared;
using Microsoft.AspNetCore.Antiforgery;

namespace Kindred.Server.Web.Statuses;

/// <summary>The action buttons of a post card: each posts here and comes back to the page it was pressed on.</summary>
public static class StatusEndpoints
{
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/posts/{id:long}/act", async (long id, HttpContext context, IAntiforgery antiforgery, StatusService statuses, Core.Groups.GroupService groups, StatusQueries queries, MediaService media, OrganizationVoice voice) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("The form expired; go back and try again.");
            }
            var back = context.Request.Form["returnUrl"].ToString();
            if (Shared.UserClaims.Id(context.User) is not { } me)
            {
                return Results.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(LocalUrls.OrHome(back)));
            }
            var act = context.Request.Form["act"].ToString();
            // Unknown ids and posts the member may not read are "not found" (the core looks each one up through the visibility rule).
            var status = await queries.GetAsync(id, Core.Common.Viewer.Member(me), context.RequestAborted);
            switch (act)
            {
                case "favourite":
                    await statuses.FavouriteAsync(me, id, context.RequestAborted);
                    break;
                case "unfavourite":
                    await statuses.UnfavouriteAsync(me, id, context.RequestAborted);
                    break;
                case "boost":
                    await statuses.ReblogAsync(me, id, context.RequestAborted);
                    break;
                case "boost-as-organization":
                    // Staff only (ADR 65); the core refuses everyone else and records who boosted for the organization.
                    await voice.ActAsync(me, $"boosted status {id}", organizationId => statuses.ReblogAsync(organizationId, id, context.RequestAborted), context.RequestAborted);
                    break;
                case "unboost":
                    await statuses.UnreblogAsync(me, id, context.RequestAborted);
                    break;
                case "bookmark":
                    await statuses.BookmarkAsync(me, id, context.RequestAborted);
                    break;
                case "unbookmark":
                    await statuses.UnbookmarkAsync(me, id, context.RequestAborted);
                    break;
                case "pin":
                    await statuses.PinAsync(me, id, context.RequestAborted);
                    break;
                case "unpin":
                    await statuses.UnpinAsync(me, id, context.RequestAborted);
                    break;
                case "group-pin" or "group-unpin" when status.GroupId is { } groupId:
                    // The group's moderators pin its posts in its feed; the core checks the role.
                    await (act == "group-pin" ? groups.PinStatusAsync(me, groupId, id, context.RequestAborted) : groups.UnpinStatusAsync(me, groupId, id, context.RequestAborted));
                    break;
                case "delete":
                    await statuses.DeleteAsync(me, id, context.RequestAborted);
                    // The web UI has no redraft, so the post's images go with it.
                    await media.DeleteForStatusAsync(me, id, context.RequestAborted);
                    // The post is gone, so its own page cannot be the way back.
                    return Results.LocalRedirect("/@" + status.Account.Username);
                default:
                    return Results.BadRequest("Unknown action.");
            }
            var target = LocalUrls.IsLocal(back) ? back : $"/@{status.Account.Username}/{id}";
            return Results.LocalRedirect(target + "#post-" + id.ToString(CultureInfo.InvariantCulture));
        }).ExcludeFromDescription();
        return app;
    }
}
