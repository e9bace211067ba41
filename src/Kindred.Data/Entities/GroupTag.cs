namespace Kindred.Data.Entities;

/// <summary>An interest tag of a group, normalized like profile interests (Kindred.Core.Common.TagNames).</summary>
public class GroupTag
{
    public long GroupId { get; set; }
    public required string Name { get; set; }
    public required string Display { get; set; }
}
