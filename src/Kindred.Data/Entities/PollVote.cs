namespace Kindred.Data.Entities;

/// <summary>
/// <see cref="AccountId"/> chose option <see cref="Choice"/> of a poll. <see cref="Rank"/> numbers the choices of one
/// ballot from 0, so a unique (poll, account, rank) index turns any second ballot into a conflict, even when two
/// arrive at once; (poll, account, choice) is unique too, so an option counts once per voter.
/// </summary>
public class PollVote
{
    public long Id { get; set; }
    public long PollId { get; set; }
    public long AccountId { get; set; }
    public int Choice { get; set; }
    public int Rank { get; set; }
    public DateTime CreatedAt { get; set; }
}
