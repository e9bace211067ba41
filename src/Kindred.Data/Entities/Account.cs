namespace Kindred.Data.Entities;

/// <summary>
/// A person or organization as the social layer sees it. Local accounts have a <see cref="User"/> with the
/// same id; remote ones (later, through federation) have a <see cref="Domain"/>.
/// </summary>
public class Account
{
    public long Id { get; set; }
    public required string Username { get; set; }
    /// <summary>Lower-cased username, unique per domain, for case-insensitive look-ups.</summary>
    public required string UsernameNormalized { get; set; }
    public string? Domain { get; set; }
    public string DisplayName { get; set; } = "";
    /// <summary>The bio as the member wrote it (Markdown subset).</summary>
    public string Note { get; set; } = "";
    /// <summary>The bio rendered and sanitized, stored so every read is cheap.</summary>
    public string NoteHtml { get; set; } = "";
    public string? AvatarFile { get; set; }
    public string? HeaderFile { get; set; }
    public bool Locked { get; set; }
    public bool Discoverable { get; set; } = true;
    public bool Bot { get; set; }
    /// <summary>"Hide my network": only the member sees whom they follow and who follows them (the counts stay public).</summary>
    public bool HideCollections { get; set; }
    public string? AreaName { get; set; }
    /// <summary>Rounded to two decimals (about 1 km) before it is stored; never an exact position.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>
    /// The last settled home area, which the member's own distances keep using while a newer one settles (ADR 43):
    /// moving the home area around cannot be used to measure others' places from many points.
    /// </summary>
    public double? DistanceLatitude { get; set; }
    public double? DistanceLongitude { get; set; }
    /// <summary>When the home area last changed; distances follow it a week later (null: they already do).</summary>
    public DateTime? HomeMovedAt { get; set; }
    public ProfileVisibility AreaVisibility { get; set; } = ProfileVisibility.Members;
    public ProfileVisibility TagsVisibility { get; set; } = ProfileVisibility.Public;
    /// <summary>Who may send this member private messages (ADR 17); moderators and admins always may.</summary>
    public DirectMessagePolicy DirectMessages { get; set; }
    /// <summary>Who may mention this member (ADR 75); the organization, moderators and safeguarding leads always may.</summary>
    public MentionPolicy Mentions { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? LastStatusAt { get; set; }

    /// <summary>How many statuses (posts and boosts) the account has that are not deleted, kept by the writers in their
    /// transaction (ADR 92); Mastodon's statuses_count.</summary>
    public int StatusesCount { get; set; }

    public User? User { get; set; }
    public List<AccountField> Fields { get; set; } = [];
    public List<AccountTag> Tags { get; set; } = [];
}
