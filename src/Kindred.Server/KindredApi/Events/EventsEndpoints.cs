using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.KindredApi.Rendering;
using Kindred.Server.Mastodon;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.KindredApi.Events;

/// <summary>
/// Events (ADR 28, 32) in Rebased's shape under /api/v1/pleroma/events — an event is its announcement status with
/// <c>pleroma.event</c>, and its :id may be the status id (as Soapbox sends it) or the event id — and Kindred's own
/// methods under /api/v1/kindred/events (upcoming list, occurrences, RSVP with maybe, cancel, check-in, attendees and
/// their CSV). An event the caller may not see is a 404 on every method.
/// </summary>
public static class EventsEndpoints
{
    public static RouteGroupBuilder MapEventsEndpoints(this RouteGroupBuilder api)
    {
        var pleroma = api.MapGroup("/v1/pleroma/events").WithTags("Events (Rebased)");
        pleroma.MapPost("", Create)
            .WithSummary("Organize an event: name, content, start_time, end_time (ISO 8601), time_zone (IANA), recurrence (RRULE), mode (in_person|online), " +
                "place_name, address, area_name, latitude, longitude, online_url, capacity (0 = no limit), visibility (public|members|group), group_id, questions[] (≤ 3)")
            .WithDescription("Returns the announcement status with pleroma.event. Bad input is a 422 naming the parameter and creates nothing.")
            .Produces<MastodonStatus>();
        pleroma.MapPut("/{id}", Update)
            .WithSummary("Change an event (its organizer, the group's moderators, admins); only the parameters sent change. People going are told when the time or place changes")
            .Produces<MastodonStatus>();
        pleroma.MapPost("/{id}/join", Join)
            .WithSummary("Going: participation_message (the answer to the first question) or answers[], occurrence (ISO 8601 start; the next one by default). " +
                "When the occurrence is full the answer joins the waiting list (pleroma.event.join_state = pending)")
            .Produces<MastodonStatus>();
        pleroma.MapPost("/{id}/leave", Leave)
            .WithSummary("Not going (occurrence); frees the place and promotes the oldest answer on the waiting list")
            .Produces<MastodonStatus>();
        pleroma.MapGet("/{id}/participations", Participations)
            .WithSummary("The accounts going to an occurrence (occurrence; the next by default); the event's managers only")
            .Produces<List<MastodonAccount>>();
        pleroma.MapGet("/joined", Joined)
            .WithSummary("Events the caller answered going or maybe for (or waits for), soonest first (offset, limit; Link header)")
            .Produces<List<MastodonStatus>>();

        var kindred = api.MapGroup("/v1/kindred/events").WithTags("Events (Kindred)");
        kindred.MapGet("", Upcoming)
            .WithSummary("Upcoming events, recurring series expanded, soonest first: from, to (ISO 8601; at most 366 days apart, default 90 days), group_id, " +
                "organizer_id, mode (in_person|online), near (me, or \"lat,lon\") with radius (km), offset, limit; Link header")
            .Produces<List<KindredEvent>>();
        kindred.MapGet("/{id}", Get).WithSummary("One event at an occurrence (occurrence; the next by default)").Produces<KindredEvent>();
        kindred.MapGet("/{id}/occurrences", Occurrences)
            .WithSummary("An event's occurrences between from and to (default: the next 90 days), with places taken and the caller's answer")
            .Produces<List<KindredOccurrence>>();
        kindred.MapPost("/{id}/rsvp", Rsvp)
            .WithSummary("Answer for an occurrence: response (going|maybe|not_going), occurrence, answers[] (≤ 1000 characters each)")
            .Produces<KindredEvent>();
        kindred.MapPost("/{id}/cancel", Cancel).WithSummary("Cancel the whole event (managers); everyone who answered is told").Produces<KindredEvent>();
        kindred.MapPost("/{id}/occurrences/cancel", CancelOccurrence)
            .WithSummary("Cancel one date of a recurring event: occurrence (ISO 8601 start); those who answered for it are told")
            .Produces<KindredEvent>();
        kindred.MapPost("/{id}/check_in", CheckIn)
            .WithSummary("Check someone going in on the day (managers): account_id, occurrence, undo=true to take it back")
            .Produces<KindredAttendee>();
        kindred.MapGet("/{id}/attendees", Attendees)
            .WithSummary("The attendee list of an occurrence (managers): going, maybe, then the waiting list in order, with answers and check-in")
            .Produces<List<KindredAttendee>>();
        kindred.MapGet("/{id}/attendees.csv", AttendeesCsv)
            .WithSummary("The attendee list as CSV (managers); cells that a spreadsheet would run as formulas are escaped")
            .Produces<string>(contentType: "text/csv");
        return api;
    }

    private static async Task<IResult> Create(HttpContext context, EventService service, EventQueries queries, EventRenderer renderer, PublicUrls urls, OrganizationSettings organization)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write", "write:statuses");
        var defaultZone = (await organization.GetAsync(context.RequestAborted)).TimeZoneId;
        var input = EventParams.Read(await MastodonParams.ReadAsync(context.Request), create: true, urls.Base, defaultZone);
        var ev = await service.CreateAsync(me, input, context.RequestAborted);
        var viewer = Viewer.Member(me);
        return MastodonJson.Ok(await renderer.RenderStatusAsync(await queries.GetAsync(ev.Id, viewer, ct: context.RequestAborted), viewer, context.RequestAborted));
    }

    private static async Task<IResult> Update(string id, HttpContext context, EventService service, EventQueries queries, EventRenderer renderer, PublicUrls urls, KindredDbContext db)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write", "write:statuses");
        var eventId = await EventIdAsync(db, id, context.RequestAborted);
        var input = EventParams.Read(await MastodonParams.ReadAsync(context.Request), create: false, urls.Base);
        await service.UpdateAsync(me, eventId, input, context.RequestAborted);
        var viewer = Viewer.Member(me);
        return MastodonJson.Ok(await renderer.RenderStatusAsync(await queries.GetAsync(eventId, viewer, ct: context.RequestAborted), viewer, context.RequestAborted));
    }

    private static async Task<IResult> Join(string id, HttpContext context, EventService service, EventQueries queries, EventRenderer renderer, KindredDbContext db)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write", "write:statuses");
        var eventId = await EventIdAsync(db, id, context.RequestAborted);
        var input = await MastodonParams.ReadAsync(context.Request);
        var answers = input.Has("answers") ? input.List("answers")
            : input.Value("participation_message", 10_000) is { } message ? [message] : null;
        var occurrence = EventParams.Time(input, "occurrence");
        var rsvp = await service.RsvpAsync(me, eventId, new RsvpRequest(RsvpResponse.Going, occurrence, answers), context.RequestAborted);
        return await StatusAsync(eventId, rsvp.OccurrenceStartsAt, me, queries, renderer, context);
    }

    private static async Task<IResult> Leave(string id, HttpContext context, EventService service, EventQueries queries, EventRenderer renderer, KindredDbContext db)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write", "write:statuses");
        var eventId = await EventIdAsync(db, id, context.RequestAborted);
        var occurrence = EventParams.Time(await MastodonParams.ReadAsync(context.Request), "occurrence");
        var rsvp = await service.RsvpAsync(me, eventId, new RsvpRequest(RsvpResponse.NotGoing, occurrence), context.RequestAborted);
        return await StatusAsync(eventId, rsvp.OccurrenceStartsAt, me, queries, renderer, context);
    }

    private static async Task<IResult> Participations(string id, HttpContext context, EventQueries queries, AccountRenderer accounts, KindredDbContext db)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read", "read:statuses");
        var eventId = await EventIdAsync(db, id, context.RequestAborted);
        var occurrence = EventParams.Time(await MastodonParams.ReadAsync(context.Request), "occurrence");
        var list = await queries.AttendeesAsync(eventId, Viewer.Member(me), occurrence, context.RequestAborted);
        var going = list.Attendees.Where(a => a.Response == RsvpResponse.Going).Select(a => a.AccountId).ToList();
        var loaded = (await db.Accounts.AsNoTracking().Where(a => going.Contains(a.Id)).ToListAsync(context.RequestAborted)).ToDictionary(a => a.Id);
        return MastodonJson.Ok(await accounts.RenderManyAsync(going.Where(loaded.ContainsKey).Select(a => loaded[a]).ToList(), me, context.RequestAborted));
    }

    private static async Task<IResult> Joined(HttpContext context, EventQueries queries, EventRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read", "read:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        var (offset, limit) = Paging(input);
        var page = await queries.MyEventsAsync(me, offset, limit, context.RequestAborted);
        Pagination.SetOffsetLink(context, urls, offset, limit, page.Items.Count, page.HasMore);
        return MastodonJson.Ok(await renderer.RenderStatusesAsync(page.Items, Viewer.Member(me), context.RequestAborted));
    }

    private static async Task<IResult> Upcoming(HttpContext context, EventQueries queries, EventRenderer renderer, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var (offset, limit) = Paging(input);
        var (nearMe, point) = NearParameter.Parse(input.Value("near", 100));
        var filter = new EventFilter(
            EventParams.Time(input, "from"),
            EventParams.Time(input, "to"),
            input.Id("group_id"),
            input.Id("organizer_id"),
            nearMe,
            point,
            input.WholeNumber("radius"),
            offset,
            limit,
            EventParams.Mode(input.Value("mode", 20)));
        var page = await queries.UpcomingAsync(viewer, filter, context.RequestAborted);
        Pagination.SetOffsetLink(context, urls, offset, limit, page.Items.Count, page.HasMore);
        return MastodonJson.Ok(await renderer.RenderManyAsync(page.Items, viewer, context.RequestAborted));
    }

    private static async Task<IResult> Get(string id, HttpContext context, EventQueries queries, EventRenderer renderer)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read");
        var occurrence = EventParams.Time(await MastodonParams.ReadAsync(context.Request), "occurrence");
        var view = await queries.GetAsync(ParseId(id), viewer, occurrence, context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(view, viewer, context.RequestAborted));
    }

    private static async Task<IResult> Occurrences(string id, HttpContext context, EventQueries queries, TimeProvider time)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var list = await queries.OccurrencesAsync(ParseId(id), viewer, EventParams.Time(input, "from"), EventParams.Time(input, "to"), context.RequestAborted);
        return MastodonJson.Ok(list.Select(v => new KindredOccurrence(
            MastodonTime.Format(v.OccurrenceStartsAt!.Value),
            MastodonTime.Format(v.OccurrenceEndsAt!.Value),
            v.GoingCount,
            v.WaitlistCount,
            v.MyResponse is { } r ? EventRenderer.ResponseName(r) : null)).ToList());
    }

    private static async Task<IResult> Rsvp(string id, HttpContext context, EventService service, EventQueries queries, EventRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write", "write:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        var request = new RsvpRequest(
            EventParams.Response(input.Value("response", 20)),
            EventParams.Time(input, "occurrence"),
            input.Has("answers") ? input.List("answers") : null);
        var eventId = ParseId(id);
        var rsvp = await service.RsvpAsync(me, eventId, request, context.RequestAborted);
        var viewer = Viewer.Member(me);
        var view = await queries.GetAsync(eventId, viewer, new DateTimeOffset(rsvp.OccurrenceStartsAt, TimeSpan.Zero), context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(view, viewer, context.RequestAborted));
    }

    private static async Task<IResult> Cancel(string id, HttpContext context, EventService service, EventQueries queries, EventRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write", "write:statuses");
        var ev = await service.CancelAsync(me, ParseId(id), context.RequestAborted);
        var viewer = Viewer.Member(me);
        return MastodonJson.Ok(await renderer.RenderAsync(await queries.GetAsync(ev.Id, viewer, ct: context.RequestAborted), viewer, context.RequestAborted));
    }

    private static async Task<IResult> CancelOccurrence(string id, HttpContext context, EventService service, EventQueries queries, EventRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write", "write:statuses");
        var occurrence = EventParams.Time(await MastodonParams.ReadAsync(context.Request), "occurrence")
            ?? throw KindredException.Invalid("occurrence", "Say which date to cancel (occurrence).");
        var ev = await service.CancelOccurrenceAsync(me, ParseId(id), occurrence, context.RequestAborted);
        var viewer = Viewer.Member(me);
        return MastodonJson.Ok(await renderer.RenderAsync(await queries.GetAsync(ev.Id, viewer, ct: context.RequestAborted), viewer, context.RequestAborted));
    }

    private static async Task<IResult> CheckIn(string id, HttpContext context, EventService service, EventQueries queries, EventRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write", "write:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        var attendee = input.Id("account_id") ?? throw KindredException.Invalid("account_id", "Say who arrived (account_id).");
        var eventId = ParseId(id);
        var rsvp = await service.CheckInAsync(me, eventId, attendee, EventParams.Time(input, "occurrence"), input.Bool("undo") != true, context.RequestAborted);
        var viewer = Viewer.Member(me);
        var list = await queries.AttendeesAsync(eventId, viewer, new DateTimeOffset(rsvp.OccurrenceStartsAt, TimeSpan.Zero), context.RequestAborted);
        var rendered = await renderer.RenderAttendeesAsync(list with { Attendees = list.Attendees.Where(a => a.AccountId == attendee).ToList() }, viewer, context.RequestAborted);
        return MastodonJson.Ok(rendered[0]);
    }

    private static async Task<IResult> Attendees(string id, HttpContext context, EventQueries queries, EventRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read", "read:statuses");
        var occurrence = EventParams.Time(await MastodonParams.ReadAsync(context.Request), "occurrence");
        var viewer = Viewer.Member(me);
        var list = await queries.AttendeesAsync(ParseId(id), viewer, occurrence, context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAttendeesAsync(list, viewer, context.RequestAborted));
    }

    private static async Task<IResult> AttendeesCsv(string id, HttpContext context, EventQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read", "read:statuses");
        var occurrence = EventParams.Time(await MastodonParams.ReadAsync(context.Request), "occurrence");
        var csv = await queries.AttendeesCsvAsync(ParseId(id), Viewer.Member(me), occurrence, ct: context.RequestAborted);
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8",
            $"attendees-{id}.csv");
    }

    /// <summary>The Rebased shape for one occurrence, after an answer.</summary>
    private static async Task<IResult> StatusAsync(long eventId, DateTime occurrence, long me, EventQueries queries, EventRenderer renderer, HttpContext context)
    {
        var viewer = Viewer.Member(me);
        var view = await queries.GetAsync(eventId, viewer, new DateTimeOffset(occurrence, TimeSpan.Zero), context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderStatusAsync(view, viewer, context.RequestAborted));
    }

    /// <summary>
    /// Rebased's event id is its status id, which is what Soapbox sends; Kindred's event id works too. Which events exist
    /// is not revealed here: the core methods decide visibility and answer 404.
    /// </summary>
    private static async Task<long> EventIdAsync(KindredDbContext db, string id, CancellationToken ct)
    {
        var parsed = ParseId(id);
        var byStatus = await db.Events.Where(e => e.StatusId == parsed).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        return byStatus ?? parsed;
    }

    private static long ParseId(string id) =>
        Ids.ParseOrNotFound(id);

    private static (int Offset, int Limit) Paging(MastodonParams input)
    {
        var offset = input.WholeNumber("offset") ?? 0;
        var limit = Math.Clamp(input.WholeNumber("limit") ?? EventQueries.DefaultLimit, 1, EventQueries.MaxLimit);
        return (offset, limit);
    }

}
