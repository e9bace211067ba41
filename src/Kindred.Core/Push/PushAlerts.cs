using Kindred.Core.Notifications;

namespace Kindred.Core.Push;

/// <summary>
/// The alert names a push subscription switches on and off. Mastodon's ten come first (an app that sends none of them
/// gets none, as on Mastodon); Kindred's own notification types, which Mastodon apps cannot name, are on unless the
/// request turns them off, so an app's member still hears that someone answered their request for help.
/// </summary>
public static class PushAlerts
{
    public const string AdminSignUp = "admin.sign_up";

    /// <summary>Mastodon's alert names (docs: entities/WebPushSubscription#alerts).</summary>
    public static readonly string[] Mastodon =
    [
        NotificationTypes.Mention, NotificationTypes.Status, NotificationTypes.Reblog, NotificationTypes.Follow,
        NotificationTypes.FollowRequest, NotificationTypes.Favourite, NotificationTypes.Poll, NotificationTypes.Update,
        AdminSignUp, NotificationTypes.AdminReport,
    ];

    /// <summary>Kindred's own types, each its own alert.</summary>
    public static readonly string[] Kindred = [.. NotificationTypes.All.Where(t => t != NotificationTypes.ApplicationWaiting && !Mastodon.Contains(t))];

    public static readonly string[] All = [.. Mastodon, .. Kindred];

    /// <summary>The alert that decides whether a notification of <paramref name="type"/> is pushed.</summary>
    public static string For(string type) => type == NotificationTypes.ApplicationWaiting ? AdminSignUp : type;

    /// <summary>The stored set from what the request said: Mastodon's default off, Kindred's on.</summary>
    public static string Store(IReadOnlyDictionary<string, bool> given) =>
        string.Join(' ', All.Where(a => given.TryGetValue(a, out var on) ? on : Kindred.Contains(a)));

    /// <summary>Every alert with whether it is on, for the API's answer.</summary>
    public static IReadOnlyDictionary<string, bool> Read(string stored)
    {
        var on = stored.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return All.ToDictionary(a => a, on.Contains, StringComparer.Ordinal);
    }

    public static bool IsOn(string stored, string type) =>
        stored.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(For(type), StringComparer.Ordinal);
}
