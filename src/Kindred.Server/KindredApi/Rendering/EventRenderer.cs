using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.Mastodon;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.KindredApi.Rendering;

/// <summary>
/// Events on the wire: Kindred's full <see cref="KindredEvent"/>, and Rebased's shape — the announcement status with
/// <c>pleroma.event</c> — for the /api/v1/pleroma/events methods and Soapbox. Views come from <see cref="EventQueries"/>,
/// which has already blanked what the viewer may not see.
/// </summary>
public sealed class EventRenderer(KindredDbContext db, AccountRenderer accounts, StatusRenderer statuses, PublicUrls urls)
{
    public async Task<KindredEvent> RenderAsync(EventView view, Viewer viewer, CancellationToken ct = default) =>
        (await RenderManyAsync([view], viewer, ct))[0];

    public async Task<IReadOnlyList<KindredEvent>> RenderManyAsync(IReadOnlyList<EventView> views, Viewer viewer, CancellationToken ct = default)
    {
        var organizers = await OrganizersAsync(views, viewer, ct);
        return views.Select(v => Render(v, organizers[v.Event.OrganizerId], urls)).ToList();
    }

    /// <summary>
    /// Each event as its announcement status with <c>pleroma.event</c>; an event whose announcement the viewer may not
    /// read (or that has none) is rendered as a status of its own, with the event's id.
    /// </summary>
    public async Task<IReadOnlyList<MastodonStatus>> RenderStatusesAsync(IReadOnlyList<EventView> views, Viewer viewer, CancellationToken ct = default)
    {
        var statusIds = views.Where(v => v.Event.StatusId is not null).Select(v => v.Event.StatusId!.Value).Distinct().ToList();
        var readable = await db.Statuses.VisibleTo(db, viewer).Where(s => statusIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        var rendered = (await statuses.RenderIdsAsync(readable, viewer, ct)).ToDictionary(s => s.Id);
        var organizers = await OrganizersAsync(views, viewer, ct);
        var result = new List<MastodonStatus>(views.Count);
        foreach (var view in views)
        {
            var kindred = Render(view, organizers[view.Event.OrganizerId], urls);
            var status = view.Event.StatusId is { } sid && rendered.TryGetValue(Id(sid), out var found)
                ? Clone(found)
                : Standalone(view, kindred);
            status.Pleroma = new MastodonStatusPleroma(Pleroma(view, kindred));
            result.Add(status);
        }
        return result;
    }

    public async Task<MastodonStatus> RenderStatusAsync(EventView view, Viewer viewer, CancellationToken ct = default) =>
        (await RenderStatusesAsync([view], viewer, ct))[0];

    public async Task<IReadOnlyList<KindredAttendee>> RenderAttendeesAsync(AttendeeList list, Viewer viewer, CancellationToken ct = default)
    {
        var ids = list.Attendees.Select(a => a.AccountId).ToList();
        var loaded = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var rendered = (await accounts.RenderManyAsync(loaded, viewer.AccountId, ct)).ToDictionary(a => a.Id);
        return list.Attendees.Select(a => new KindredAttendee(
            rendered[Id(a.AccountId)],
            ResponseName(a.Response),
            list.Event.Questions.Select((q, i) => new KindredAnswer(q, a.Answers.ElementAtOrDefault(i) ?? "")).ToList(),
            MastodonTime.Format(a.AnsweredAt),
            a.CheckedInAt is { } c ? MastodonTime.Format(c) : null)).ToList();
    }

    public static string ResponseName(RsvpResponse response) => response switch
    {
        RsvpResponse.Going => "going",
        RsvpResponse.Maybe => "maybe",
        RsvpResponse.NotGoing => "not_going",
        _ => "waitlisted",
    };

    public static string VisibilityName(EventVisibility visibility) => visibility switch
    {
        EventVisibility.Public => "public",
        EventVisibility.Members => "members",
        _ => "group",
    };


    private async Task<Dictionary<long, MastodonAccount>> OrganizersAsync(IReadOnlyList<EventView> views, Viewer viewer, CancellationToken ct)
    {
        var ids = views.Select(v => v.Event.OrganizerId).Distinct().ToList();
        var loaded = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var rendered = await accounts.RenderManyAsync(loaded, viewer.AccountId, ct);
        return rendered.ToDictionary(a => long.Parse(a.Id, CultureInfo.InvariantCulture));
    }

    /// <summary>The Kindred shape of one event; static so <see cref="StatusRenderer"/> can add it to announcements on timelines.</summary>
    internal static KindredEvent Render(EventView view, MastodonAccount organizer, PublicUrls urls)
    {
        var ev = view.Event;
        return new KindredEvent
        {
            Id = Id(ev.Id),
            StatusId = ev.StatusId is { } s ? Id(s) : null,
            Url = EventAnnouncement.Link(urls.Base, ev.Id),
            Title = ev.Title,
            Description = ev.Description,
            DescriptionHtml = SafeHtml.Clean(ev.DescriptionHtml),
            StartTime = MastodonTime.Format(ev.StartsAt),
            EndTime = MastodonTime.Format(ev.EndsAt),
            TimeZone = ev.TimeZone,
            Recurrence = ev.Recurrence,
            RecurrenceExceptions = (ev.RecurrenceExceptions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            OccurrenceStart = view.OccurrenceStartsAt is { } os ? MastodonTime.Format(os) : null,
            OccurrenceEnd = view.OccurrenceEndsAt is { } oe ? MastodonTime.Format(oe) : null,
            Mode = ev.Mode == EventMode.Online ? "online" : "in_person",
            PlaceName = ev.PlaceName,
            Address = view.SeesPrivateDetails ? ev.Address : null,
            AreaName = ev.AreaName,
            Latitude = ev.Latitude,
            Longitude = ev.Longitude,
            OnlineUrl = view.SeesPrivateDetails ? ev.OnlineUrl : null,
            Capacity = ev.Capacity,
            GoingCount = view.GoingCount,
            WaitlistCount = view.WaitlistCount,
            MyResponse = view.MyResponse is { } r ? ResponseName(r) : null,
            WaitlistPosition = view.WaitlistPosition,
            Visibility = VisibilityName(ev.Visibility),
            GroupId = ev.GroupId is { } g ? Id(g) : null,
            Organizer = organizer,
            Questions = view.Questions,
            CanManage = view.CanManage,
            PrivateDetails = view.SeesPrivateDetails,
            DistanceKm = view.DistanceKm is { } d ? Math.Round(d, 1) : null,
            CancelledAt = ev.CancelledAt is { } c ? MastodonTime.Format(c) : null,
            CreatedAt = MastodonTime.Format(ev.CreatedAt),
        };
    }

    internal static PleromaEvent Pleroma(EventView view, KindredEvent kindred)
    {
        var ev = view.Event;
        var location = ev.Mode == EventMode.Online && kindred.OnlineUrl is null && ev.PlaceName is null
            ? null
            : new PleromaEventLocation(ev.PlaceName ?? ev.AreaName, kindred.OnlineUrl, ev.Latitude, ev.Longitude, kindred.Address, null, ev.AreaName, null, null);
        return new PleromaEvent(
            ev.Title,
            kindred.OccurrenceStart ?? kindred.StartTime,
            kindred.OccurrenceEnd ?? kindred.EndTime,
            "free",
            view.GoingCount,
            view.CanManage ? view.WaitlistCount : 0,
            location,
            view.MyResponse switch
            {
                RsvpResponse.Going => "accept",
                RsvpResponse.Waitlisted => "pending",
                _ => null,
            },
            null,
            [],
            kindred);
    }

    /// <summary>An event without a readable announcement, as a status of its own so Rebased clients still show it.</summary>
    private MastodonStatus Standalone(EventView view, KindredEvent kindred)
    {
        var ev = view.Event;
        var isPublic = ev.Visibility == EventVisibility.Public;
        return new MastodonStatus
        {
            Id = kindred.Id,
            Uri = kindred.Url,
            Url = kindred.Url,
            CreatedAt = kindred.CreatedAt,
            Account = kindred.Organizer,
            Content = SafeHtml.PlainTextToHtml(ev.Title) + kindred.DescriptionHtml,
            Visibility = isPublic ? "public" : "unlisted",
            SpoilerText = "",
            Mentions = [],
            Tags = [],
            QuoteApproval = MastodonQuoteApproval.Nobody,
            LocalOnly = !isPublic,
            Kindred = new KindredStatus(isPublic ? "public" : "members_only"),
        };
    }

    // Rendered statuses may be shared between views of the same announcement; each gets its own pleroma object.
    private static MastodonStatus Clone(MastodonStatus s) => new()
    {
        Id = s.Id,
        Uri = s.Uri,
        CreatedAt = s.CreatedAt,
        Account = s.Account,
        Content = s.Content,
        Visibility = s.Visibility,
        Sensitive = s.Sensitive,
        SpoilerText = s.SpoilerText,
        MediaAttachments = s.MediaAttachments,
        Application = s.Application,
        Mentions = s.Mentions,
        Tags = s.Tags,
        Emojis = s.Emojis,
        ReblogsCount = s.ReblogsCount,
        FavouritesCount = s.FavouritesCount,
        RepliesCount = s.RepliesCount,
        QuotesCount = s.QuotesCount,
        Url = s.Url,
        InReplyToId = s.InReplyToId,
        InReplyToAccountId = s.InReplyToAccountId,
        Reblog = s.Reblog,
        Quote = s.Quote,
        QuoteApproval = s.QuoteApproval,
        Poll = s.Poll,
        Card = s.Card,
        Language = s.Language,
        Text = s.Text,
        EditedAt = s.EditedAt,
        Favourited = s.Favourited,
        Reblogged = s.Reblogged,
        Muted = s.Muted,
        Bookmarked = s.Bookmarked,
        Pinned = s.Pinned,
        Filtered = s.Filtered,
        LocalOnly = s.LocalOnly,
        Group = s.Group,
        Kindred = s.Kindred,
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
