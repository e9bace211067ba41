namespace Kindred.Data.Entities;

/// <summary>
/// A community of interest, of place, or both (ADR 20). A group may have a parent (a local chapter of a national
/// organization); a chapter's public posts can surface in its parent's feed.
/// </summary>
public class Group
{
    public long Id { get; set; }

    /// <summary>The lower-case name used in URLs (/groups/{slug}); unique on the server.</summary>
    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary>The description as its admins wrote it (Markdown subset).</summary>
    public string Description { get; set; } = "";

    /// <summary>The description rendered and sanitized, stored so every read is cheap.</summary>
    public string DescriptionHtml { get; set; } = "";

    /// <summary>The rules members accept when they join (Markdown subset); empty when there are none.</summary>
    public string Rules { get; set; } = "";
    public string RulesHtml { get; set; } = "";
    public string? AvatarFile { get; set; }
    public string? HeaderFile { get; set; }
    public GroupKind Kind { get; set; }
    public GroupVisibility Visibility { get; set; }
    public GroupJoinPolicy JoinPolicy { get; set; }

    /// <summary>A named area ("Riverside", "Lyon 3e") for place groups.</summary>
    public string? AreaName { get; set; }

    /// <summary>A coarse centre, rounded like every stored location (Kindred.Core.Common.CoarseLocation).</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>How far around the centre the group reaches, in kilometres.</summary>
    public int? RadiusKm { get; set; }
    public long? ParentId { get; set; }

    /// <summary>Whether this group's public posts also appear in its parent's feed.</summary>
    public bool SurfaceInParent { get; set; } = true;
    public long CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>When the last post went into the group; the directory sorts by activity with it.</summary>
    public DateTime? LastStatusAt { get; set; }

    /// <summary>Kept up to date with the memberships, so the directory and the API need no count per group.</summary>
    public int MembersCount { get; set; }

    public List<GroupTag> Tags { get; set; } = [];
    public List<GroupQuestion> Questions { get; set; } = [];
}
