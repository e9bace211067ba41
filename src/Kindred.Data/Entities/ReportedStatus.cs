namespace Kindred.Data.Entities;

/// <summary>
/// A reported post as it was when the report was filed (ADR 67): what the moderators judge, kept even when the author
/// later edits or deletes the post, so an abuser cannot clean up the evidence before a moderator looks.
/// </summary>
public class ReportedStatus
{
    public long ReportId { get; set; }
    public long StatusId { get; set; }

    /// <summary>The post's sanitized HTML, rendered as it was stored.</summary>
    public string ContentHtml { get; set; } = "";
    public string SpoilerText { get; set; } = "";
    public bool Sensitive { get; set; }
    public Audience Visibility { get; set; }

    /// <summary>When the post was written.</summary>
    public DateTime PostedAt { get; set; }

    /// <summary>The descriptions of its images, in order; an image without one is an empty string.</summary>
    public List<string> MediaDescriptions { get; set; } = [];
}
