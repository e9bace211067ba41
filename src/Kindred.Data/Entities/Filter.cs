namespace Kindred.Data.Entities;

/// <summary>A member's keyword filter (Mastodon's Filter, v2): statuses that contain one of its keywords, or that are
/// among its statuses, are hidden or shown behind a warning in the contexts it names, until it expires. Only its owner
/// ever sees it.</summary>
public class Filter
{
    public long Id { get; set; }

    /// <summary>The owner.</summary>
    public long AccountId { get; set; }
    public required string Title { get; set; }
    public FilterContexts Contexts { get; set; }
    public FilterAction Action { get; set; }

    /// <summary>Null: never. An expired filter is kept (the member may extend it) but matches nothing.</summary>
    public DateTime? ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<FilterKeyword> Keywords { get; set; } = [];
    public List<FilterStatus> Statuses { get; set; } = [];
}
