using Kindred.Data.Entities;

namespace Kindred.Core.Polls;

/// <summary>A poll with its counts, as one viewer sees it. <see cref="OwnVotes"/> is null for anonymous readers and
/// app tokens (there is no person to have voted).</summary>
public sealed record PollResult(Poll Poll, IReadOnlyList<int> Votes, int Voters, IReadOnlyList<int>? OwnVotes, long? ViewerId)
{
    public int VotesCount => Votes.Sum();

    public bool Voted => OwnVotes is { Count: > 0 };

    public bool IsAuthor => ViewerId == Poll.AccountId;

    public bool Expired(DateTime now) => Poll.ExpiresAt <= now;

    /// <summary>Hidden totals stay hidden from everyone but the author until the poll closes.</summary>
    public bool ShowTotals(DateTime now) => !Poll.HideTotals || Expired(now) || IsAuthor;

    /// <summary>Whether the viewer may still vote: a member, not the author (as on Mastodon), once, while it is open.</summary>
    public bool CanVote(DateTime now) => ViewerId is not null && !IsAuthor && !Voted && !Expired(now);
}
