namespace Kindred.Data.Entities;

/// <summary>One choice of a <see cref="Poll"/>; <see cref="Position"/> is the index clients vote with.</summary>
public class PollOption
{
    public long PollId { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
}
