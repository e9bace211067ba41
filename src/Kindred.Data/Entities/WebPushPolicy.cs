namespace Kindred.Data.Entities;

/// <summary>From whom a web push subscription receives pushes (Mastodon's <c>data[policy]</c>). Stored as an int.</summary>
public enum WebPushPolicy
{
    All = 0,

    /// <summary>Only from accounts the member follows.</summary>
    Followed = 1,

    /// <summary>Only from accounts that follow the member.</summary>
    Follower = 2,

    /// <summary>From nobody: the subscription stays but nothing is pushed.</summary>
    None = 3,
}
