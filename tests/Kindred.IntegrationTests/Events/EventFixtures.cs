using Kindred.Core.Events;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Events;

/// <summary>Events and answers made through the real services (<see cref="EventService"/>), on a clock the test chooses.</summary>
public static class EventFixtures
{
    public static Task<Event> CreateAsync(KindredApp app, long organizerId, EventInput input, TimeProvider? clock = null) =>
        app.WithServicesAsync(s => Service(s, clock).CreateAsync(organizerId, input));

    public static Task<EventRsvp> RsvpAsync(KindredApp app, long accountId, long eventId, RsvpResponse response, DateTime? occurrence = null, TimeProvider? clock = null) =>
        app.WithServicesAsync(s => Service(s, clock).RsvpAsync(accountId, eventId,
            new RsvpRequest(response, occurrence is { } start ? new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) : null)));

    public static Task<Event> CancelAsync(KindredApp app, long actorId, long eventId, TimeProvider? clock = null) =>
        app.WithServicesAsync(s => Service(s, clock).CancelAsync(actorId, eventId));

    public static Task<Event> CancelOccurrenceAsync(KindredApp app, long actorId, long eventId, DateTime occurrenceUtc, TimeProvider? clock = null) =>
        app.WithServicesAsync(s => Service(s, clock).CancelOccurrenceAsync(actorId, eventId, new DateTimeOffset(DateTime.SpecifyKind(occurrenceUtc, DateTimeKind.Utc))));

    public static EventInput InPerson(string title, DateTime startUtc, string zone = "Europe/London", string? recurrence = null, EventVisibility visibility = EventVisibility.Public, long? groupId = null) => new()
    {
        Title = title,
        Description = "Bring a friend.",
        StartsAt = new DateTimeOffset(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc)),
        EndsAt = new DateTimeOffset(DateTime.SpecifyKind(startUtc.AddHours(2), DateTimeKind.Utc)),
        TimeZone = zone,
        Recurrence = recurrence,
        Mode = EventMode.InPerson,
        PlaceName = "Community hall",
        Address = "12 Secret Lane, Riverside",
        AreaName = "Riverside",
        Visibility = visibility,
        GroupId = groupId,
    };

    private static EventService Service(IServiceProvider services, TimeProvider? clock) =>
        clock is null ? services.GetRequiredService<EventService>() : ActivatorUtilities.CreateInstance<EventService>(services, clock);
}
