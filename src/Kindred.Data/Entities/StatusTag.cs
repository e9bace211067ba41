namespace Kindred.Data.Entities;

public class StatusTag
{
    public long StatusId { get; set; }
    public long TagId { get; set; }
    public Tag Tag { get; set; } = null!;
}
