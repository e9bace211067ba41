using Kindred.Data.Entities;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Moderation;

/// <summary>The words for a strike's action on the appeal pages (ADR 71).</summary>
public static class StrikeLabels
{
    public static string Action(IStringLocalizer t, StrikeAction action) => action switch
    {
        StrikeAction.Warn => t["Warning"],
        StrikeAction.RemoveStatuses => t["Posts removed"],
        StrikeAction.MarkSensitive => t["Posts marked as sensitive"],
        StrikeAction.Limit => t["Account limited"],
        StrikeAction.RemoveFromGroup => t["Removed from a group"],
        _ => t["Suspension"],
    };
}
