using System.Globalization;

namespace Kindred.Core.Notifications;

/// <summary>
/// Mastodon's group keys (ADR 79): favourites and boosts group per status, follows per type, and Kindred's aid answers
/// per aid item, each group spanning at most <see cref="MaximumSpanHours"/> hours from its first hour. Everything else
/// stands alone and is "ungrouped-{id}" on the wire: each safeguarding alert, report or application asks for its own action.
/// </summary>
public static class NotificationGroups
{
    public const int MaximumSpanHours = 12;
    public const string UngroupedPrefix = "ungrouped-";

    /// <summary>The types that group, the default of grouped_types.</summary>
    public static readonly string[] Groupable = [NotificationTypes.Favourite, NotificationTypes.Reblog, NotificationTypes.Follow, NotificationTypes.AidResponse];

    /// <summary>The key without its hour, e.g. "favourite-123-"; null for a notification that stands alone.</summary>
    public static string? Prefix(string type, NotificationAbout about) => type switch
    {
        NotificationTypes.Favourite or NotificationTypes.Reblog when about.StatusId is { } status => $"{type}-{Id(status)}-",
        NotificationTypes.Follow => $"{type}-",
        NotificationTypes.AidResponse when about.AidItemId is { } item => $"{type}-{Id(item)}-",
        _ => null,
    };

    /// <summary>The hour bucket of <paramref name="now"/>, unless the newest group of the same prefix began less than
    /// <see cref="MaximumSpanHours"/> hours before it: then that group goes on.</summary>
    public static string Key(string prefix, DateTime now, string? newestKey)
    {
        var bucket = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc)).ToUnixTimeSeconds() / 3600;
        if (newestKey is not null && long.TryParse(newestKey.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var previous)
            && bucket >= previous && bucket < previous + MaximumSpanHours)
        {
            bucket = previous;
        }
        return prefix + Id(bucket);
    }

    /// <summary>The wire key of a notification: its group key when its type groups in this request, else "ungrouped-{id}".</summary>
    public static string WireKey(long id, string type, string? groupKey, IReadOnlyCollection<string> groupedTypes) =>
        groupKey is not null && groupedTypes.Contains(type) ? groupKey : UngroupedPrefix + Id(id);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
