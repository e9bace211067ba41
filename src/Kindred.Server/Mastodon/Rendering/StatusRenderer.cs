using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Core.Filters;
using Kindred.Core.Polls;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.KindredApi.Rendering;
using Kindred.Server.Mastodon.Models;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>
/// Turns statuses into the Mastodon wire type for one viewer, a batch at a time: counts, the viewer's flags,
/// mentioned accounts and authors are each fetched once per batch, never once per status.
/// </summary>
public sealed class StatusRenderer(KindredDbContext db, AccountRenderer accounts, MediaRenderer mediaRenderer, GroupRenderer groupRenderer, EventQueries eventQueries, PollQueries polls, StatusPrefetch prefetch, StatusPartsCache parts, PublicUrls urls, CustomEmojiRenderer emojis, TimeProvider time)
{
    /// <summary>Loads statuses by id (whatever their visibility: the caller has decided) and renders them in that order.</summary>
    /// <param name="context">With a context, the viewer's filters of that context apply (see <see cref="RenderFilteredAsync"/>).</param>
    public Task<IReadOnlyList<MastodonStatus>> RenderIdsAsync(IReadOnlyList<long> ids, Viewer viewer, CancellationToken ct = default) =>
        RenderIdsAsync(ids, viewer, FilterContexts.None, ct);

    public async Task<IReadOnlyList<MastodonStatus>> RenderIdsAsync(IReadOnlyList<long> ids, Viewer viewer, FilterContexts context, CancellationToken ct = default)
    {
        var loaded = await StatusDetails.WithDetails(db.Statuses.AsNoTracking()).Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var found = ids.Where(loaded.ContainsKey).Select(id => loaded[id]).ToList();
        return context == FilterContexts.None ? await RenderManyAsync(found, viewer, ct: ct) : await RenderFilteredAsync(found, viewer, context, ct);
    }

    /// <summary>Renders a timeline of <paramref name="context"/>: the viewer's live filters of that context are loaded
    /// once, a status a "hide" filter matches is left out, and one a "warn" filter matches carries <c>filtered</c>
    /// (Mastodon docs: entities/FilterResult). Paging stays on the ids read, so a page may come back shorter.</summary>
    public async Task<IReadOnlyList<MastodonStatus>> RenderFilteredAsync(IReadOnlyList<Status> statuses, Viewer viewer, FilterContexts context, CancellationToken ct = default) =>
        await RenderManyAsync(statuses, viewer, await ActiveFilters.LoadAsync(db, viewer.AccountId, time.UtcNow(), ct), context, ct);

    public async Task<MastodonStatus> RenderAsync(long id, Viewer viewer, bool withText = false, CancellationToken ct = default)
    {
        var loaded = await StatusDetails.WithDetails(db.Statuses.AsNoTracking()).FirstAsync(s => s.Id == id, ct);
        return (await RenderManyAsync([loaded], viewer, withText, ct))[0];
    }

    /// <param name="statuses">Loaded with <see cref="StatusDetails.WithDetails"/>.</param>
    public Task<IReadOnlyList<MastodonStatus>> RenderManyAsync(IReadOnlyList<Status> statuses, Viewer viewer, bool withText = false, CancellationToken ct = default) =>
        RenderAllAsync(statuses, viewer, withText, null, FilterContexts.None, ct);

    /// <summary>As <see cref="RenderFilteredAsync"/>, with filters the caller loaded (a stream, once per event).</summary>
    public Task<IReadOnlyList<MastodonStatus>> RenderManyAsync(IReadOnlyList<Status> statuses, Viewer viewer, ActiveFilters filters, FilterContexts context, CancellationToken ct = default) =>
        RenderAllAsync(statuses, viewer, false, filters, context, ct);

    private async Task<IReadOnlyList<MastodonStatus>> RenderAllAsync(IReadOnlyList<Status> statuses, Viewer viewer, bool withText, ActiveFilters? filters, FilterContexts context, CancellationToken ct)
    {
        if (statuses.Count == 0)
        {
            return [];
        }
        var byId = statuses.DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        foreach (var originalId in statuses.Where(s => s.ReblogOfId is not null).Select(s => s.ReblogOfId!.Value))
        {
            if (!byId.ContainsKey(originalId) && prefetch.TryGet(originalId, out var prefetched))
            {
                byId[originalId] = prefetched;
            }
        }
        var missingOriginals = statuses.Where(s => s.ReblogOfId is not null).Select(s => s.ReblogOfId!.Value).Where(id => !byId.ContainsKey(id)).Distinct().ToList();
        if (missingOriginals.Count > 0)
        {
            foreach (var original in await StatusDetails.WithDetails(db.Statuses.AsNoTracking()).Where(s => missingOriginals.Contains(s.Id)).ToListAsync(ct))
            {
                byId[original.Id] = original;
            }
        }
        // A boost is judged by its original's words, as the original is what the member would read.
        var matches = new Dictionary<long, IReadOnlyList<FilterMatch>>();
        if (filters is { IsEmpty: false } && context != FilterContexts.None)
        {
            foreach (var status in statuses)
            {
                var shown = status.ReblogOfId is { } boosted && byId.TryGetValue(boosted, out var o) ? o : status;
                matches[status.Id] = filters.Match(shown, context, viewer.AccountId);
            }
            statuses = statuses.Where(s => !matches[s.Id].Any(m => m.Filter.Action == FilterAction.Hide)).ToList();
            if (statuses.Count == 0)
            {
                return [];
            }
        }
        var all = byId.Values.ToList();
        var ids = all.Select(s => s.Id).ToList();
        var counts = await StatusCounts.LoadAsync(db, ids, viewer, ct);
        // Images and mentioned accounts are the same for every viewer: kept by the status's version (ADR 100).
        var shared = await parts.LoadAsync(db, all, ct);
        var authors = all.Select(s => s.Account).DistinctBy(a => a.Id).ToList();
        var renderedAuthors = (await accounts.RenderManyAsync(authors, viewer.AccountId, ct)).ToDictionary(a => a.Id);
        var polls = await PollQueries.ForStatusesAsync(db, ids, viewer, ct);
        // A status the viewer may read shows its group: a public one, or one the viewer belongs to (or wrote in).
        var groups = await groupRenderer.RenderIdsAsync(all.Where(s => s.GroupId is not null).Select(s => s.GroupId!.Value).Distinct().ToList(), ct);
        // An event's announcement carries pleroma.event, as Rebased's do, wherever it shows (timelines, threads, search),
        // for viewers who may see the event; the events of the whole page come in one batch.
        var events = await eventQueries.ForStatusesAsync(ids, viewer, ct);
        // Custom emojis of the whole page (texts, warnings, poll options) in one lookup (ADR 82).
        var emojiLookup = await emojis.LookupAsync(
            all.SelectMany(s => new[] { s.Text, s.SpoilerText }).Concat(polls.Values.SelectMany(p => p.Poll.Options.Select(o => o.Title))), ct);
        var now = time.UtcNow();
        var muted = viewer.AccountId is { } me ? await ThreadMutes.MutedAsync(db, me, ids, ct) : new HashSet<long>();

        MastodonStatusPleroma? EventOf(Status status)
        {
            if (!events.TryGetValue(status.Id, out var view)
                || !renderedAuthors.TryGetValue(view.Event.OrganizerId.ToString(CultureInfo.InvariantCulture), out var organizer))
            {
                return null;
            }
            return new MastodonStatusPleroma(EventRenderer.Pleroma(view, EventRenderer.Render(view, organizer, urls)));
        }

        IReadOnlyList<object>? Filtered(long statusId) =>
            viewer.AccountId is null ? null
            : matches.TryGetValue(statusId, out var found) ? found.Select(m => (object)FilterRenderer.Result(m)).ToList()
            : [];

        MastodonStatus Render(Status status, bool text, IReadOnlyList<object>? filtered)
        {
            var id = status.Id.ToString(CultureInfo.InvariantCulture);
            var path = $"/@{status.Account.Username}/{id}";
            var original = status.ReblogOfId is { } originalId && byId.TryGetValue(originalId, out var o) ? o : null;
            var members = status.Visibility == Audience.Members;
            return new MastodonStatus
            {
                Id = id,
                // A post from another server keeps its own id there (the Note's id), as Mastodon shows it.
                Uri = status.Uri ?? urls.Absolute($"/users/{status.Account.Username}/statuses/{id}"),
                Url = status.Uri ?? urls.Absolute(path),
                CreatedAt = MastodonTime.Format(status.CreatedAt),
                EditedAt = status.EditedAt is { } edited ? MastodonTime.Format(edited) : null,
                Account = renderedAuthors[status.AccountId.ToString(CultureInfo.InvariantCulture)],
                Content = SafeHtml.Clean(status.ContentHtml),
                Visibility = WireVisibility(status.Visibility),
                Sensitive = status.Sensitive,
                SpoilerText = status.SpoilerText,
                MediaAttachments = shared[status.Id].Media.Select(m => mediaRenderer.Render(m)).ToList(),
                Mentions = status.Mentions.Where(m => shared[status.Id].Mentioned.ContainsKey(m.AccountId)).Select(m => shared[status.Id].Mentioned[m.AccountId]).Select(a => new MastodonMention(
                    a.Id.ToString(CultureInfo.InvariantCulture),
                    a.Username,
                    urls.Absolute("/@" + a.Username),
                    a.Domain is null ? a.Username : $"{a.Username}@{a.Domain}")).ToList(),
                Tags = status.Tags.Select(t => new MastodonStatusTag(t.Tag.Name, urls.Absolute("/tags/" + Uri.EscapeDataString(t.Tag.Name)))).ToList(),
                RepliesCount = counts.Replies(status.Id),
                ReblogsCount = counts.Reblogs(status.Id),
                FavouritesCount = status.FavouritesCount,
                InReplyToId = status.InReplyToId?.ToString(CultureInfo.InvariantCulture),
                InReplyToAccountId = status.InReplyToAccountId?.ToString(CultureInfo.InvariantCulture),
                Reblog = original is null ? null : Render(original, false, filtered),
                QuoteApproval = MastodonQuoteApproval.Nobody,
                Poll = polls.TryGetValue(status.Id, out var poll)
                    ? PollRenderer.Render(poll, now, emojis.Pick(emojiLookup, poll.Poll.Options.Select(o => o.Title).ToArray()))
                    : null,
                Emojis = emojis.Pick(emojiLookup, status.Text, status.SpoilerText),
                Language = status.Language,
                Text = text ? status.Text : null,
                Favourited = viewer.AccountId is null ? null : counts.Favourited(status.Id),
                Bookmarked = viewer.AccountId is null ? null : counts.Bookmarked(status.Id),
                Reblogged = viewer.AccountId is null ? null : counts.Reblogged(status.Id),
                Muted = viewer.AccountId is null ? null : muted.Contains(status.Id),
                Pinned = viewer.AccountId == status.AccountId ? status.PinnedAt is not null : null,
                Filtered = filtered,
                LocalOnly = members,
                Group = status.GroupId is { } groupId ? groups.GetValueOrDefault(groupId) : null,
                Kindred = new KindredStatus(VisibilityName(status.Visibility)),
                Pleroma = EventOf(status),
            };
        }

        return statuses.Select(s => Render(s, withText, Filtered(s.Id))).ToList();
    }

    public async Task<IReadOnlyList<MastodonStatusEdit>> RenderHistoryAsync(Status status, IReadOnlyList<StatusEdit> versions, Viewer viewer, CancellationToken ct = default)
    {
        var author = (await accounts.RenderManyAsync([status.Account], viewer.AccountId, ct))[0];
        if (versions.Count == 0)
        {
            var currentPoll = await polls.HistoryOptionsAsync(status.Id, ct);
            var current = await db.MediaAttachments.AsNoTracking().Where(m => m.StatusId == status.Id).OrderBy(m => m.Position).ToListAsync(ct);
            return [new MastodonStatusEdit
            {
                Content = SafeHtml.Clean(status.ContentHtml),
                SpoilerText = status.SpoilerText,
                Sensitive = status.Sensitive,
                CreatedAt = MastodonTime.Format(status.CreatedAt),
                Account = author,
                Poll = HistoryPoll(currentPoll),
                MediaAttachments = current.Select(m => mediaRenderer.Render(m)).ToList(),
            }];
        }
        // Each version shows the images it had, with the descriptions they had then.
        var versionIds = versions.Select(v => v.Id).ToList();
        var shown = (await db.StatusEditMedia.AsNoTracking().Where(e => versionIds.Contains(e.StatusEditId))
                .Join(db.MediaAttachments.AsNoTracking(), e => e.MediaAttachmentId, m => m.Id, (e, m) => new { e.StatusEditId, e.Position, e.Description, Media = m })
                .ToListAsync(ct))
            .OrderBy(x => x.Position)
            .ToLookup(x => x.StatusEditId);
        return versions.Select(v => new MastodonStatusEdit
        {
            Content = SafeHtml.Clean(v.ContentHtml),
            SpoilerText = v.SpoilerText,
            Sensitive = v.Sensitive,
            CreatedAt = MastodonTime.Format(v.CreatedAt),
            Account = author,
            Poll = HistoryPoll(v.PollOptions),
            MediaAttachments = shown[v.Id].Select(x => mediaRenderer.Render(x.Media, x.Description)).ToList(),
        }).ToList();
    }

    /// <summary>A version's poll as Mastodon's StatusEdit shows it: the option titles only.</summary>
    private static object? HistoryPoll(string? optionsJson) =>
        optionsJson is null ? null : new { options = System.Text.Json.JsonSerializer.Deserialize<List<string>>(optionsJson)!.Select(title => new { title }).ToList() };

    /// <summary>Members-only reads as "unlisted" to Mastodon clients (ADR 11): readable by link, never in public feeds.</summary>
    public static string WireVisibility(Audience visibility) => visibility switch
    {
        Audience.Public => "public",
        Audience.Unlisted or Audience.Members => "unlisted",
        Audience.Private => "private",
        _ => "direct",
    };

    public static string VisibilityName(Audience visibility) => visibility switch
    {
        Audience.Members => "members_only",
        _ => WireVisibility(visibility),
    };

}
