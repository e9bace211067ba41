namespace Kindred.Data.Entities;

/// <summary>A reply staff keep for answers they give often, inserted into the inbox's reply box (ADR 66).</summary>
public class SavedReply
{
    public long Id { get; set; }
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    public long AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EditedAt { get; set; }
}
