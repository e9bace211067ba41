using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Polls;
using Kindred.Core.Statuses;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;

namespace Kindred.Server.Mastodon.Polls;

/// <summary>The poll methods of the Mastodon API (Mastodon docs: methods/polls). A poll is as visible as its status:
/// one the caller may not read is a 404.</summary>
public static class PollsEndpoints
{
    public static RouteGroupBuilder MapPollsEndpoints(this RouteGroupBuilder api)
    {
        var polls = api.MapGroup("/v1/polls").WithTags("Polls");
        polls.MapGet("/{id}", GetPoll).WithSummary("One poll, with the caller's votes");
        polls.MapPost("/{id}/votes", Vote).WithSummary("Vote in a poll with choices[] (option indexes from 0)");
        return api;
    }

    private static async Task<IResult> GetPoll(string id, HttpContext context, PollQueries queries, CustomEmojiRenderer emojis, TimeProvider time)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:statuses");
        var poll = await queries.GetAsync(StatusesEndpoints.ParseId(id), viewer, context.RequestAborted);
        return MastodonJson.Ok(await RenderAsync(poll, emojis, time, context.RequestAborted));
    }

    private static async Task<IResult> Vote(string id, HttpContext context, PollService polls, PollQueries queries, CustomEmojiRenderer emojis, TimeProvider time)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        var choices = input.List("choices").Take(PollService.MaxOptions + 1)
            .Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var choice)
                ? choice
                : throw KindredException.Invalid("choices", "choices must be option indexes such as 0 or 1."))
            .ToList();
        var poll = await polls.VoteAsync(me, StatusesEndpoints.ParseId(id), choices, context.RequestAborted);
        var result = await queries.GetAsync(poll.Id, Viewer.Member(me), context.RequestAborted);
        return MastodonJson.Ok(await RenderAsync(result, emojis, time, context.RequestAborted));
    }

    private static async Task<MastodonPoll> RenderAsync(PollResult poll, CustomEmojiRenderer emojis, TimeProvider time, CancellationToken ct)
    {
        var titles = poll.Poll.Options.Select(o => o.Title).ToArray();
        var lookup = await emojis.LookupAsync(titles, ct);
        return PollRenderer.Render(poll, time.UtcNow(), emojis.Pick(lookup, titles));
    }
}
