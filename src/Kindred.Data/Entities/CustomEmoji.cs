namespace Kindred.Data.Entities;

/// <summary>
/// A picture admins upload that members use by its shortcode, <c>:like_this:</c>, in posts, names and bios (ADR 82).
/// The file is re-encoded like every upload; a disabled emoji stays stored but is neither offered nor shown.
/// </summary>
public class CustomEmoji
{
    public long Id { get; set; }

    /// <summary>Letters, digits and underscores, at least two; unique whatever the case, so <c>:Cake:</c> and
    /// <c>:cake:</c> never mean two pictures.</summary>
    public required string Shortcode { get; set; }

    /// <summary>The picture, relative to the media root (e.g. "emojis/3f…9a.png").</summary>
    public required string File { get; set; }

    /// <summary>Groups the emoji in pickers; null for none.</summary>
    public string? Category { get; set; }

    /// <summary>Offered in pickers; an emoji kept out of them still shows where its shortcode is written.</summary>
    public bool VisibleInPicker { get; set; } = true;

    /// <summary>Neither offered nor shown; the shortcode then stays plain text.</summary>
    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
