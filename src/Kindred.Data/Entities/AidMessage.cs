namespace Kindred.Data.Entities;

/// <summary>One message in an aid conversation; plain text, shown escaped.</summary>
public class AidMessage
{
    public long Id { get; set; }
    public long ResponseId { get; set; }
    public long AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
}
