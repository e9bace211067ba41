namespace Kindred.Data.Entities;

/// <summary>Who may read a status (Mastodon's "visibility", plus Kindred's members-only). Stored as an int.</summary>
public enum Audience
{
    /// <summary>Everyone, and listed in the public and hashtag timelines.</summary>
    Public = 0,

    /// <summary>Everyone who has the link or the profile, but never in the public or hashtag timelines.</summary>
    Unlisted = 1,

    /// <summary>The author's followers and the accounts it mentions (Mastodon "private").</summary>
    Private = 2,

    /// <summary>Only the accounts it mentions.</summary>
    Direct = 3,

    /// <summary>Any signed-in member of this server; never anonymous visitors or app tokens, never federated.</summary>
    Members = 4,
}
