namespace Kindred.Data.Entities;

/// <summary>
/// A post, a reply, or a boost (a wrapper whose <see cref="ReblogOfId"/> names the original and whose text is empty).
/// Deleting sets <see cref="DeletedAt"/>, so replies keep their place in a thread while the post disappears.
/// </summary>
public class Status
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public Account Account { get; set; } = null!;

    /// <summary>What the author typed (Markdown subset), returned by /source and on delete for redrafting.</summary>
    public string Text { get; set; } = "";

    /// <summary>The text rendered with mentions and hashtags as links, sanitized on save (and again on render).</summary>
    public string ContentHtml { get; set; } = "";

    /// <summary>The content warning; empty when there is none.</summary>
    public string SpoilerText { get; set; } = "";
    public Audience Visibility { get; set; }
    public string? Language { get; set; }

    /// <summary>The Note's id on its own server, for a remote account's status (ADR 101); null for local statuses,
    /// whose id is derived from the author and <see cref="Id"/>.</summary>
    public string? Uri { get; set; }
    public bool Sensitive { get; set; }
    public long? InReplyToId { get; set; }
    public long? InReplyToAccountId { get; set; }
    public long? ReblogOfId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public DateTime? DeletedAt { get; set; }

    /// <summary>Set while the author has the status pinned to their profile.</summary>
    public DateTime? PinnedAt { get; set; }

    /// <summary>The group the status was posted into (ADR 20); its visibility then follows the group's too.</summary>
    public long? GroupId { get; set; }

    /// <summary>Set while a group admin or moderator has the status pinned to the top of the group's feed.</summary>
    public DateTime? GroupPinnedAt { get; set; }

    /// <summary>The client's Idempotency-Key header on create, so a retried request returns the same status.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>How many favourites the status has, kept by the writers in their transaction (ADR 92) so a timeline
    /// reads it with the status instead of counting favourites for every page.</summary>
    public int FavouritesCount { get; set; }

    public List<StatusMention> Mentions { get; set; } = [];
    public List<StatusTag> Tags { get; set; } = [];
}
