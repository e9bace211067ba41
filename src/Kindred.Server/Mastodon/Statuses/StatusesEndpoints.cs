using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Media;
using Kindred.Core.Preferences;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Polls;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.ScheduledStatuses;

namespace Kindred.Server.Mastodon.Statuses;

/// <summary>The status methods of the Mastodon API (Mastodon docs: methods/statuses). Reads go through
/// <see cref="StatusQueries"/>, so a status the caller may not see is a 404 on every path.</summary>
public static class StatusesEndpoints
{
    public static RouteGroupBuilder MapStatusesEndpoints(this RouteGroupBuilder api)
    {
        var statuses = api.MapGroup("/v1/statuses").WithTags("Statuses");
        statuses.MapPost("", PostStatus).WithSummary("Post a status (Idempotency-Key supported; visibility may be members_only; group_id posts into a group the caller belongs to)");
        statuses.MapGet("", GetMany).WithSummary("Several statuses by id[] (unknown or hidden ones are left out)");
        statuses.MapGet("/{id}", GetStatus).WithSummary("One status");
        statuses.MapPut("/{id}", EditStatus).WithSummary("Edit a status (history is kept)");
        statuses.MapDelete("/{id}", DeleteStatus).WithSummary("Delete a status; the answer carries its source text");
        statuses.MapGet("/{id}/context", GetContext).WithSummary("Ancestors and descendants in the thread");
        statuses.MapGet("/{id}/history", GetHistory).WithSummary("Every version of an edited status");
        statuses.MapGet("/{id}/source", GetSource).WithSummary("The source text of one's own status");
        statuses.MapPost("/{id}/favourite", (string id, HttpContext c, StatusService s, StatusRenderer r) => Act(id, c, r, "write:favourites", s.FavouriteAsync)).WithSummary("Favourite a status");
        statuses.MapPost("/{id}/unfavourite", (string id, HttpContext c, StatusService s, StatusRenderer r) => Act(id, c, r, "write:favourites", s.UnfavouriteAsync)).WithSummary("Undo a favourite");
        statuses.MapPost("/{id}/reblog", (string id, HttpContext c, StatusService s, StatusRenderer r) => Act(id, c, r, "write:statuses", s.ReblogAsync)).WithSummary("Boost a status (public, unlisted or members-only; the boost keeps its visibility)");
        statuses.MapPost("/{id}/unreblog", (string id, HttpContext c, StatusService s, StatusRenderer r) => Act(id, c, r, "write:statuses", s.UnreblogAsync)).WithSummary("Undo a boost");
        statuses.MapPost("/{id}/bookmark", (string id, HttpContext c, StatusService s, StatusRenderer r) => Act(id, c, r, "write:bookmarks", s.BookmarkAsync)).WithSummary("Bookmark a status");
        statuses.MapPost("/{id}/unbookmark", (string id, HttpContext c, StatusService s, StatusRenderer r) => Act(id, c, r, "write:bookmarks", s.UnbookmarkAsync)).WithSummary("Remove a bookmark");
        // Pins change the profile, hence write:accounts (as on Mastodon).
        statuses.MapPost("/{id}/mute", (string id, HttpContext c, StatusMutes s, StatusRenderer r) => Act(id, c, r, "write:mutes", s.MuteAsync)).WithSummary("Hear no more of the conversation a post belongs to (one taken part in)");
        statuses.MapPost("/{id}/unmute", (string id, HttpContext c, StatusMutes s, StatusRenderer r) => Act(id, c, r, "write:mutes", s.UnmuteAsync)).WithSummary("Hear of a muted conversation again");
        statuses.MapPost("/{id}/pin", (string id, HttpContext c, StatusService s, StatusRenderer r) => Act(id, c, r, "write:accounts", s.PinAsync)).WithSummary("Pin one of one's own posts to the profile (at most 5)");
        statuses.MapPost("/{id}/unpin", (string id, HttpContext c, StatusService s, StatusRenderer r) => Act(id, c, r, "write:accounts", s.UnpinAsync)).WithSummary("Unpin a post");
        statuses.MapGet("/{id}/favourited_by", FavouritedBy).WithSummary("Who favourited a status");
        statuses.MapGet("/{id}/reblogged_by", RebloggedBy).WithSummary("Who boosted a status");
        return api;
    }

    private static async Task<IResult> PostStatus(HttpContext context, StatusService statuses, StatusRenderer renderer, PublicUrls urls,
        ScheduledStatusService scheduled, ScheduledStatusRenderer scheduledRenderer, TimeProvider time, PreferenceService preferences,
        StatusQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        // What the app leaves out comes from the member's posting defaults (ADR 80), as on Mastodon; a reply left without
        // one starts with its parent's audience, narrowed only by the member's own default (ReplyVisibility, ADR 86).
        var defaults = await preferences.GetAsync(me, context.RequestAborted);
        var replyTo = OptionalId(input.Value("in_reply_to_id", 30));
        var visibility = input.Value("visibility", 20);
        if (string.IsNullOrEmpty(visibility) && replyTo is { } parentId)
        {
            var parent = await queries.GetAsync(parentId, Viewer.Member(me), context.RequestAborted);
            visibility = StatusRenderer.VisibilityName(ReplyVisibility.Default(parent.Visibility, defaults.Visibility));
        }
        else if (string.IsNullOrEmpty(visibility))
        {
            visibility = defaults.Visibility is { } chosen ? StatusRenderer.VisibilityName(chosen) : null;
        }
        var poll = PollParams.Read(input);
        if (poll is not null && input.List("media_ids").Count > 0)
        {
            throw KindredException.Invalid("poll", "A post can have media attachments or a poll, not both.");
        }
        var post = new NewStatus(
            input.Value("status", 100_000) ?? "",
            urls.Base,
            ParseVisibility(visibility, input.Bool("local_only") ?? false),
            input.Value("spoiler_text", 10_000),
            input.Bool("sensitive") ?? defaults.Sensitive,
            input.Value("language", 20) is { Length: > 0 } language ? language : defaults.Language,
            replyTo,
            context.Request.Headers["Idempotency-Key"].ToString(),
            poll,
            MediaParams.Ids(input),
            OptionalId(input.Value("group_id", 30)));
        // As on Mastodon, a time already past publishes at once; one less than five minutes ahead is refused (ADR 78).
        if (ScheduledStatusesEndpoints.ReadTime(input) is { } at && at > time.GetUtcNow().UtcDateTime)
        {
            var row = await scheduled.ScheduleAsync(me, post, at, context.RequestAborted);
            return MastodonJson.Ok(await scheduledRenderer.RenderAsync(row, context.RequestAborted));
        }
        var status = await statuses.CreateAsync(me, post, context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(status.Id, Viewer.Member(me), ct: context.RequestAborted));
    }

    private static async Task<IResult> GetStatus(string id, HttpContext context, StatusQueries queries, StatusRenderer renderer)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:statuses");
        var status = await queries.GetAsync(ParseId(id), viewer, context.RequestAborted);
        return MastodonJson.Ok((await renderer.RenderManyAsync([status], viewer, ct: context.RequestAborted))[0]);
    }

    private static async Task<IResult> GetMany(HttpContext context, StatusQueries queries, StatusRenderer renderer)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        var ids = input.List("id").Take(StatusQueries.MaxLimit)
            .Select(id => Ids.TryParse(id, out var value) ? value : 0)
            .Where(id => id > 0).Distinct().ToList();
        var statuses = await queries.ManyAsync(ids, viewer, context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderManyAsync(statuses, viewer, ct: context.RequestAborted));
    }

    private static async Task<IResult> EditStatus(string id, HttpContext context, StatusService statuses, StatusRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        var poll = PollParams.Read(input);
        if (poll is not null && input.List("media_ids").Count > 0)
        {
            throw KindredException.Invalid("poll", "A post can have media attachments or a poll, not both.");
        }
        var status = await statuses.EditAsync(me, ParseId(id), new StatusUpdate(
            input.Value("status", 100_000) ?? "",
            urls.Base,
            input.Value("spoiler_text", 10_000),
            input.Bool("sensitive") ?? false,
            input.Value("language", 20),
            // As on Mastodon, an edit states the whole post: without poll parameters the poll goes (ADR 14).
            new Core.Polls.PollEdit(poll),
            MediaParams.Ids(input),
            MediaParams.Changes(input)), context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(status.Id, Viewer.Member(me), ct: context.RequestAborted));
    }

    private static async Task<IResult> DeleteStatus(string id, HttpContext context, StatusService statuses, MediaService media, StatusRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        var status = await statuses.DeleteAsync(me, ParseId(id), context.RequestAborted);
        // The answer shows the images so a client can redraft with them; they stay a day unless delete_media asks otherwise.
        // Images of a post the open web could not read go at once: their addresses were shared with fewer people, who
        // must not keep reaching them for a day after the author took the post back (issue 23).
        var rendered = await renderer.RenderAsync(status.Id, Viewer.Member(me), withText: true, ct: context.RequestAborted);
        if (input.Bool("delete_media") == true || !MediaService.KeptForRedraft(status))
        {
            await media.DeleteForStatusAsync(me, status.Id, context.RequestAborted);
        }
        return MastodonJson.Ok(rendered);
    }

    private static async Task<IResult> GetContext(string id, HttpContext context, StatusQueries queries, StatusRenderer renderer)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:statuses");
        var thread = await queries.ContextAsync(ParseId(id), viewer, context.RequestAborted);
        var rendered = await renderer.RenderFilteredAsync([.. thread.Ancestors, .. thread.Descendants], viewer, FilterContexts.Thread, context.RequestAborted);
        // Hidden statuses are gone from the rendered list, so it is split by id rather than by count.
        var ancestors = thread.Ancestors.Select(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        return MastodonJson.Ok(new MastodonContext(rendered.Where(s => ancestors.Contains(s.Id)).ToList(), rendered.Where(s => !ancestors.Contains(s.Id)).ToList()));
    }

    private static async Task<IResult> GetHistory(string id, HttpContext context, StatusQueries queries, StatusRenderer renderer)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:statuses");
        var (status, versions) = await queries.HistoryAsync(ParseId(id), viewer, context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderHistoryAsync(status, versions, viewer, context.RequestAborted));
    }

    private static async Task<IResult> GetSource(string id, HttpContext context, StatusQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:statuses");
        var status = await queries.GetAsync(ParseId(id), Viewer.Member(me), context.RequestAborted);
        if (status.AccountId != me)
        {
            // Another member's source is not theirs to edit; to them it does not exist as an editable thing.
            throw KindredException.NotFound();
        }
        return MastodonJson.Ok(new MastodonStatusSource(status.Id.ToString(CultureInfo.InvariantCulture), status.Text, status.SpoilerText));
    }

    private static Task<IResult> Act(string id, HttpContext context, StatusRenderer renderer, string scope, Func<long, long, CancellationToken, Task<Status>> action) =>
        Act(id, context, renderer, scope, async (me, target, ct) => (await action(me, target, ct)).Id);

    private static async Task<IResult> Act(string id, HttpContext context, StatusRenderer renderer, string scope, Func<long, long, CancellationToken, Task<long>> action)
    {
        var me = await MastodonAuth.RequireUserAsync(context, scope);
        var statusId = await action(me, ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(statusId, Viewer.Member(me), ct: context.RequestAborted));
    }

    private static async Task<IResult> FavouritedBy(string id, HttpContext context, StatusQueries queries, AccountRenderer accounts, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:accounts");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), 40, 80);
        var rows = await queries.FavouritedByAsync(ParseId(id), viewer, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.RowId).ToList(), page.Limit);
        return MastodonJson.Ok(await accounts.RenderManyAsync(rows.Select(r => r.Account).ToList(), viewer.AccountId, context.RequestAborted));
    }

    private static async Task<IResult> RebloggedBy(string id, HttpContext context, StatusQueries queries, AccountRenderer accounts, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:accounts");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), 40, 80);
        var rows = await queries.RebloggedByAsync(ParseId(id), viewer, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.RowId).ToList(), page.Limit);
        return MastodonJson.Ok(await accounts.RenderManyAsync(rows.Select(r => r.Account).ToList(), viewer.AccountId, context.RequestAborted));
    }

    /// <summary>Mastodon's four values plus Kindred's members_only; Hometown's and GoToSocial's local_only=true turns
    /// public or unlisted into members-only (ADR 11).</summary>
    public static Audience ParseVisibility(string? value, bool localOnly)
    {
        var visibility = value switch
        {
            null or "" or "public" => Audience.Public,
            "unlisted" => Audience.Unlisted,
            "private" => Audience.Private,
            "direct" => Audience.Direct,
            "members_only" or "local" => Audience.Members,
            _ => throw KindredException.Invalid("visibility", "visibility must be public, unlisted, members_only, private or direct."),
        };
        return localOnly && visibility is Audience.Public or Audience.Unlisted ? Audience.Members : visibility;
    }

    public static long ParseId(string id) =>
        Ids.ParseOrNotFound(id);

    private static long? OptionalId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }
        return Ids.ParseOrNotFound(id);
    }
}
