using System.Globalization;
using System.Text.Json.Nodes;
using Kindred.Core.Common;
using Kindred.Core.Peers;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;

namespace Kindred.Server.ActivityPub;

/// <summary>
/// Public events as ActivityStreams <c>Event</c> objects in the shape Mobilizon publishes and Gancio and Mastodon read
/// (ADR 106): name, HTML content, start and end of the occurrence shown, the IANA time zone, <c>joinMode</c> "free",
/// the people going and the capacity, the page's address as both <c>id</c> and <c>url</c>, and a <c>Place</c> with the
/// place's name and the coarse (two-decimal) point the event page shows everyone. The street address and the online
/// link are attendees' only and are never part of it (the view given has them blank already).
/// </summary>
public sealed class EventObjectRenderer(ActorRenderer actors, PublicUrls urls)
{
    public JsonObject Event(FederatedEvent federated)
    {
        ArgumentNullException.ThrowIfNull(federated);
        var view = federated.View;
        var ev = view.Event;
        var organizer = actors.AccountId(federated.OrganizerUsername);
        var id = EventId(ev.Id);
        var start = view.OccurrenceStartsAt ?? ev.StartsAt;
        var end = view.OccurrenceEndsAt ?? ev.EndsAt;
        var document = new JsonObject
        {
            ["@context"] = Context(),
            ["id"] = id,
            ["type"] = "Event",
            ["name"] = ev.Title,
            ["content"] = SafeHtml.Clean(ev.DescriptionHtml),
            ["mediaType"] = "text/html",
            ["startTime"] = IsoTime.Format(start),
            ["endTime"] = IsoTime.Format(end),
            ["timezone"] = ev.TimeZone,
            ["published"] = IsoTime.Format(ev.CreatedAt),
            ["updated"] = IsoTime.Format(ev.UpdatedAt),
            ["url"] = id,
            ["attributedTo"] = organizer,
            ["to"] = new JsonArray(ActivityJson.Public),
            ["cc"] = new JsonArray(organizer + "/followers"),
            ["joinMode"] = "free",
            ["participantCount"] = view.GoingCount,
            ["isOnline"] = ev.Mode == EventMode.Online,
            ["status"] = ev.CancelledAt is null ? "CONFIRMED" : "CANCELLED",
            ["commentsEnabled"] = true,
            ["anonymousParticipationEnabled"] = false,
        };
        if (ev.Capacity is { } capacity)
        {
            document["maximumAttendeeCapacity"] = capacity;
            document["remainingAttendeeCapacity"] = Math.Max(0, capacity - view.GoingCount);
        }
        if (ev.Mode == EventMode.InPerson && (ev.PlaceName ?? ev.AreaName) is { } placeName)
        {
            var place = new JsonObject { ["type"] = "Place", ["name"] = placeName };
            if (ev.Latitude is { } latitude && ev.Longitude is { } longitude)
            {
                place["latitude"] = latitude;
                place["longitude"] = longitude;
            }
            document["location"] = place;
        }
        return document;
    }

    public string EventId(long id) => urls.Absolute("/events/" + id.ToString(CultureInfo.InvariantCulture));

    /// <summary>ActivityStreams with the Mobilizon (mz), schema.org, PeerTube and iCalendar terms an Event uses.</summary>
    private static JsonArray Context() => new(
        "https://www.w3.org/ns/activitystreams",
        new JsonObject
        {
            ["mz"] = "https://joinmobilizon.org/ns#",
            ["sc"] = "http://schema.org#",
            ["pt"] = "https://joinpeertube.org/ns#",
            ["ical"] = "http://www.w3.org/2002/12/cal/ical#",
            ["joinMode"] = new JsonObject { ["@id"] = "mz:joinMode", ["@type"] = "mz:joinModeType" },
            ["participantCount"] = new JsonObject { ["@id"] = "mz:participantCount", ["@type"] = "sc:Integer" },
            ["maximumAttendeeCapacity"] = "sc:maximumAttendeeCapacity",
            ["remainingAttendeeCapacity"] = "sc:remainingAttendeeCapacity",
            ["timezone"] = new JsonObject { ["@id"] = "mz:timezone", ["@type"] = "sc:Text" },
            ["isOnline"] = new JsonObject { ["@id"] = "mz:isOnline", ["@type"] = "sc:Boolean" },
            ["anonymousParticipationEnabled"] = new JsonObject { ["@id"] = "mz:anonymousParticipationEnabled", ["@type"] = "sc:Boolean" },
            ["commentsEnabled"] = new JsonObject { ["@id"] = "pt:commentsEnabled", ["@type"] = "sc:Boolean" },
            ["status"] = new JsonObject { ["@id"] = "ical:status", ["@type"] = "ical:status" },
        });
}
