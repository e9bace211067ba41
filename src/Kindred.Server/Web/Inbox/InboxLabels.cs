using Kindred.Data.Entities;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Inbox;

/// <summary>The inbox's words for its kinds, states and durations.</summary>
public static class InboxLabels
{
    public static string Kind(IStringLocalizer t, string kind) => kind switch
    {
        "direct" => t["Direct message"],
        "reply" => t["Reply to the organization"],
        "group" => t["Post in a group it runs"],
        "event" => t["Question about an event"],
        _ => t["Mention"],
    };

    public static string State(IStringLocalizer t, InboxState state) => state switch
    {
        InboxState.Answered => t["Answered"],
        InboxState.Done => t["Done"],
        InboxState.Snoozed => t["Snoozed"],
        _ => t["Waiting"],
    };

    public static string Duration(IStringLocalizer t, TimeSpan? span) => span switch
    {
        null => "–",
        { TotalHours: < 1 } s => t["{0} min", (int)s.TotalMinutes],
        { TotalDays: < 1 } s => t["{0} h {1} min", (int)s.TotalHours, s.Minutes],
        { } s => t["{0} d {1} h", (int)s.TotalDays, s.Hours],
    };
}
