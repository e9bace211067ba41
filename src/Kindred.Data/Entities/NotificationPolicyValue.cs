namespace Kindred.Data.Entities;

/// <summary>What a <see cref="NotificationPolicy"/> does with one kind of sender, stored by number (Mastodon's names on the wire).</summary>
public enum NotificationPolicyValue
{
    Accept = 0,
    Filter = 1,
    Drop = 2,
}
