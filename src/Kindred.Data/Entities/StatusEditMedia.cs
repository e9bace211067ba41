namespace Kindred.Data.Entities;

/// <summary>An image as one version of an edited status showed it: which attachment, where, and its description then.</summary>
public class StatusEditMedia
{
    public long Id { get; set; }
    public long StatusEditId { get; set; }
    public long MediaAttachmentId { get; set; }
    public int Position { get; set; }
    public string? Description { get; set; }
}
