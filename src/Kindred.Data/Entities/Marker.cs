namespace Kindred.Data.Entities;

/// <summary>Where a member stopped reading a timeline ("home" or "notifications"), shared between their apps.</summary>
public class Marker
{
    public long AccountId { get; set; }
    public string Timeline { get; set; } = "";
    public long LastReadId { get; set; }
    /// <summary>Grows by one with every save, so apps can tell a newer position from an older one.</summary>
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }
}
