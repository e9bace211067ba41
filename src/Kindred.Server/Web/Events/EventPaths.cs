using System.Globalization;
using Kindred.Data.Entities;
using Kindred.Server.Web.Shared;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Events;

/// <summary>The events' addresses and the few phrases several pages share.</summary>
public static class EventPaths
{
    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Page(long id) => "/events/" + Id(id);

    /// <summary>The event's page, at one occurrence for a series (one-off events need no ?at=).</summary>
    public static string Page(Event ev, DateTime? occurrence) =>
        Page(ev.Id) + (ev.Recurrence is not null && occurrence is { } at ? "?at=" + EventTimes.At(at) : "");

    public static string PlacesLeft(IStringLocalizer t, int capacity, int going)
    {
        var left = Math.Max(0, capacity - going);
        return left == 0 ? t.Plural("Full: {0} going, waiting list open", going) : t.Plural("{0} places left of {1}", left, capacity);
    }
}
