namespace Kindred.Data.Entities;

/// <summary>One of up to three questions a group with approval asks the people who want to join.</summary>
public class GroupQuestion
{
    public long GroupId { get; set; }

    /// <summary>0, 1 or 2: the order the questions are asked in.</summary>
    public int Position { get; set; }
    public required string Text { get; set; }
}
