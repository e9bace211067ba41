using System.Globalization;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Polls;
using Kindred.Data;
using Kindred.Server.Web.Shared;
using Microsoft.AspNetCore.Antiforgery;

namespace Kindred.Server.Web.Statuses;

/// <summary>The vote form of a poll on a post card posts here and comes back to the page it was on.</summary>
public static class PollEndpoints
{
    public static IEndpointRouteBuilder MapPollEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/polls/{id:long}/vote", async (long id, HttpContext context, IAntiforgery antiforgery, PollService polls, KindredDbContext db) =>
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
            var choices = context.Request.Form["choices"].Take(PollService.MaxOptions + 1)
                .Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var choice)
                    ? choice
                    : throw KindredException.Invalid("choices", "Choose one of the poll's options."))
                .ToList();
            // Unknown polls and polls of posts the member may not read are "not found"; refusals show their message.
            var poll = await polls.VoteAsync(me, id, choices, context.RequestAborted);
            var author = await db.UsernameOfAsync(poll.AccountId, context.RequestAborted);
            var target = LocalUrls.IsLocal(back) ? back : $"/@{author}/{poll.StatusId}";
            return Results.LocalRedirect(target + "#post-" + poll.StatusId.ToString(CultureInfo.InvariantCulture));
        }).ExcludeFromDescription();
        return app;
    }
}
