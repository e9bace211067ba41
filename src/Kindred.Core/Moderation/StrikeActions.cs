using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>The names of strike actions in forms and the audit log.</summary>
public static class StrikeActions
{
    public static string Name(StrikeAction action) => action switch
    {
        StrikeAction.Warn => "warn",
        StrikeAction.RemoveStatuses => "remove_statuses",
        StrikeAction.MarkSensitive => "mark_sensitive",
        StrikeAction.Suspend => "suspend",
        StrikeAction.Limit => "limit",
        StrikeAction.RemoveFromGroup => "remove_from_group",
        _ => "unknown",
    };

    public static bool TryParse(string? value, out StrikeAction action)
    {
        foreach (var candidate in Enum.GetValues<StrikeAction>())
        {
            if (Name(candidate) == value)
            {
                action = candidate;
                return true;
            }
        }
        action = default;
        return false;
    }
}
