namespace Kindred.Data.Entities;

/// <summary>One status a filter matches whatever its words.</summary>
public class FilterStatus
{
    public long Id { get; set; }
    public long FilterId { get; set; }
    public long StatusId { get; set; }
}
