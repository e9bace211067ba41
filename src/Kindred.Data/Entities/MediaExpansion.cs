namespace Kindred.Data.Entities;

/// <summary>How a member's apps show media marked sensitive (Mastodon's reading:expand:media). Stored as an int.</summary>
public enum MediaExpansion
{
    /// <summary>Hide media marked sensitive, show the rest.</summary>
    Default = 0,
    ShowAll = 1,
    HideAll = 2,
}
