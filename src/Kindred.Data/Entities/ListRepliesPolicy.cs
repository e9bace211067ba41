namespace Kindred.Data.Entities;

/// <summary>Which replies a list timeline shows (Mastodon's replies_policy). Stored as an int.</summary>
public enum ListRepliesPolicy
{
    /// <summary>Replies to members of the list (and to the owner).</summary>
    List = 0,

    /// <summary>Replies to anyone the owner follows (and to the owner).</summary>
    Followed = 1,

    /// <summary>No replies to others; a member answering themselves (a thread) still shows.</summary>
    None = 2,
}
