namespace Kindred.Data.Entities;

/// <summary>
/// One version of an edited status, for /history. The first edit also records the original version, so the rows
/// of a status are its whole history, oldest first; a status never edited has none.
/// </summary>
public class StatusEdit
{
    public long Id { get; set; }
    public long StatusId { get; set; }
    public string Text { get; set; } = "";
    public string ContentHtml { get; set; } = "";
    public string SpoilerText { get; set; } = "";
    public bool Sensitive { get; set; }

    /// <summary>The poll's option titles in this version, as a JSON array; null when the version had no poll.</summary>
    public string? PollOptions { get; set; }
    public DateTime CreatedAt { get; set; }
}
