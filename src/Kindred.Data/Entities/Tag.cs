namespace Kindred.Data.Entities;

/// <summary>A hashtag. <see cref="Name"/> is normalized (Kindred.Core.Common.TagNames), so #Événement and #evenement are one tag.</summary>
public class Tag
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The spelling first used, shown to people.</summary>
    public required string Display { get; set; }
    public DateTime CreatedAt { get; set; }
}
