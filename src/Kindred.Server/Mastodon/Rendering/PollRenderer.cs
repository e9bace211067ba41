using System.Globalization;
using Kindred.Core.Polls;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>Turns a tallied poll into the Mastodon wire type; the tally is loaded in batches by <see cref="PollQueries"/>.</summary>
public static class PollRenderer
{
    /// <param name="emojis">The custom emojis the options write (ADR 82); none when the caller has not looked them up.</param>
    public static MastodonPoll Render(PollResult result, DateTime now, IReadOnlyList<object>? emojis = null)
    {
        var show = result.ShowTotals(now);
        var poll = result.Poll;
        return new MastodonPoll
        {
            Id = poll.Id.ToString(CultureInfo.InvariantCulture),
            ExpiresAt = MastodonTime.Format(poll.ExpiresAt),
            Expired = result.Expired(now),
            Multiple = poll.Multiple,
            VotesCount = result.VotesCount,
            VotersCount = result.Voters,
            Options = poll.Options.Select((o, i) => new MastodonPollOption(o.Title, show ? result.Votes[i] : null)).ToList(),
            Emojis = emojis ?? [],
            Voted = result.ViewerId is null ? null : result.Voted || result.IsAuthor,
            OwnVotes = result.ViewerId is null ? null : result.OwnVotes ?? [],
        };
    }
}
