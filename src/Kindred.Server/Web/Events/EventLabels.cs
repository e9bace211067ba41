using Kindred.Data.Entities;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Events;

/// <summary>Words for the events' enum values, spelled out so the resource files list every one of them.</summary>
public static class EventLabels
{
    public static string Visibility(IStringLocalizer t, EventVisibility visibility) => visibility switch
    {
        EventVisibility.Members => t["Members of this server"],
        EventVisibility.Group => t["Members of the group only"],
        _ => t["Public: anyone can see it"],
    };

    public static string Response(IStringLocalizer t, RsvpResponse response) => response switch
    {
        RsvpResponse.Going => t["Going"],
        RsvpResponse.Maybe => t["Maybe"],
        RsvpResponse.NotGoing => t["Not going"],
        _ => t["On the waiting list"],
    };

    public static string Mode(IStringLocalizer t, EventMode mode) => mode == EventMode.Online ? t["Online"] : t["In person"];
}
