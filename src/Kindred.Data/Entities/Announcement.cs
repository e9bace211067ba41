namespace Kindred.Data.Entities;

/// <summary>
/// A notice from the organization to every member (Mastodon's announcements): shown as a banner on members' pages and
/// listed by <c>GET /api/v1/announcements</c> while it is published and between its start and end. Written by staff
/// in Markdown; rendered through the safe Markdown subset on the way out.
/// </summary>
public class Announcement
{
    public long Id { get; set; }

    /// <summary>The Markdown as staff typed it.</summary>
    public string Text { get; set; } = "";

    /// <summary>When it starts being shown; null means as soon as it is published.</summary>
    public DateTime? StartsAt { get; set; }

    /// <summary>When it stops being shown; null means until it is unpublished or deleted.</summary>
    public DateTime? EndsAt { get; set; }

    /// <summary>The start and end are whole days (shown as dates, not times).</summary>
    public bool AllDay { get; set; }

    /// <summary>Null while it is a draft (or after it was unpublished): nobody but staff sees it.</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>The staff member who wrote it; null once their account is gone.</summary>
    public long? AuthorId { get; set; }

    /// <summary>When it was sent by e-mail (the first batch was queued); an announcement is mailed at most once.</summary>
    public DateTime? EmailedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
