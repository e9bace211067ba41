using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Core.Notifications;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Polls;

/// <summary>
/// Writing polls: the rules for a new poll, attaching one to a status, changing it on edit, voting, and announcing
/// closed polls (ADR 14). <c>Statuses/StatusService</c> calls <see cref="Build"/> and <see cref="ApplyAsync"/> inside its
/// own SaveChanges; <see cref="Validate"/> and <see cref="Build"/> are pure, so they stay static.
/// </summary>
public sealed class PollService(KindredDbContext db, Notify notify, TimeProvider time)
{
    public const int MinOptions = 2;
    public const int MaxOptions = 4;
    public const int MaxCharactersPerOption = 50;
    public const int MinExpirationSeconds = 5 * 60;

    /// <summary>Mastodon's month: 30.44 days.</summary>
    public const int MaxExpirationSeconds = 2_629_746;

    /// <summary>How many closed polls one pass of the expiry job announces; the next pass takes the rest.</summary>
    public const int ClosingBatch = 100;

    /// <summary>Checks a poll and returns its option titles, trimmed. Nothing is written, so a refusal changes nothing.</summary>
    public static IReadOnlyList<string> Validate(NewPoll poll)
    {
        var titles = poll.Options.Select(o => o.Trim()).ToList();
        if (titles.Count < MinOptions)
        {
            throw KindredException.Invalid("poll[options]", $"A poll needs at least {MinOptions} options.");
        }
        if (titles.Count > MaxOptions)
        {
            throw KindredException.Invalid("poll[options]", $"A poll has at most {MaxOptions} options.");
        }
        if (titles.Any(t => t.Length == 0))
        {
            throw KindredException.Invalid("poll[options]", "Poll options can't be blank.");
        }
        if (titles.Any(t => TextLength.Of(t) > MaxCharactersPerOption))
        {
            throw KindredException.Invalid("poll[options]", $"Each poll option has at most {MaxCharactersPerOption} characters.");
        }
        if (titles.Distinct(StringComparer.Ordinal).Count() != titles.Count)
        {
            throw KindredException.Invalid("poll[options]", "Poll options must all be different.");
        }
        if (poll.ExpiresInSeconds is not { } seconds)
        {
            throw KindredException.Invalid("poll[expires_in]", "A poll needs a duration (poll[expires_in], in seconds).");
        }
        if (seconds < MinExpirationSeconds)
        {
            throw KindredException.Invalid("poll[expires_in]", $"A poll lasts at least {MinExpirationSeconds / 60} minutes.");
        }
        if (seconds > MaxExpirationSeconds)
        {
            throw KindredException.Invalid("poll[expires_in]", "A poll lasts at most one month.");
        }
        return titles;
    }

    /// <summary>A new poll for a new status; the caller adds it and saves it with the status.</summary>
    public static Poll Build(Status status, NewPoll input, DateTime now)
    {
        var id = Snowflake.NewId(now);
        return new Poll
        {
            Id = id,
            StatusId = status.Id,
            AccountId = status.AccountId,
            ExpiresAt = now.AddSeconds(input.ExpiresInSeconds!.Value),
            Multiple = input.Multiple,
            HideTotals = input.HideTotals,
            CreatedAt = now,
            Options = Validate(input).Select((title, i) => new PollOption { PollId = id, Position = i, Title = title }).ToList(),
        };
    }

    /// <summary>
    /// Applies an edit to a status's poll, for the caller's SaveChanges. As on Mastodon, changed options (or a switch
    /// between single and multiple choice) throw the votes away, since they answered another question; the duration
    /// starts again from now, and a poll that closes anew is announced anew.
    /// </summary>
    public async Task ApplyAsync(Status status, PollEdit edit, DateTime now, CancellationToken ct)
    {
        var existing = await db.Polls.Include(p => p.Options).FirstOrDefaultAsync(p => p.StatusId == status.Id, ct);
        if (edit.Poll is not { } input)
        {
            if (existing is not null)
            {
                db.Polls.Remove(existing);
            }
            return;
        }
        var titles = Validate(input);
        if (existing is null)
        {
            db.Polls.Add(Build(status, input, now));
            return;
        }
        existing.Options.Sort((a, b) => a.Position.CompareTo(b.Position));
        var changed = !existing.Options.Select(o => o.Title).SequenceEqual(titles, StringComparer.Ordinal) || existing.Multiple != input.Multiple;
        if (changed)
        {
            db.PollVotes.RemoveRange(await db.PollVotes.Where(v => v.PollId == existing.Id).ToListAsync(ct));
            // Options are keyed by position, so they are renamed in place rather than removed and added again.
            for (var i = 0; i < titles.Count; i++)
            {
                if (i < existing.Options.Count)
                {
                    existing.Options[i].Title = titles[i];
                }
                else
                {
                    existing.Options.Add(new PollOption { PollId = existing.Id, Position = i, Title = titles[i] });
                }
            }
            foreach (var extra in existing.Options.Where(o => o.Position >= titles.Count).ToList())
            {
                existing.Options.Remove(extra);
                db.PollOptions.Remove(extra);
            }
        }
        existing.Multiple = input.Multiple;
        existing.HideTotals = input.HideTotals;
        existing.ExpiresAt = now.AddSeconds(input.ExpiresInSeconds!.Value);
        existing.ClosedNotifiedAt = null;
    }

    /// <summary>The option titles of a status's poll as they are tracked now (after an edit), as JSON for its history.</summary>
    public string? HistoryOptions(long statusId)
    {
        var poll = db.Polls.Local.FirstOrDefault(p => p.StatusId == statusId && db.Entry(p).State != EntityState.Deleted);
        return poll is null ? null : JsonSerializer.Serialize(poll.Options.OrderBy(o => o.Position).Select(o => o.Title));
    }

    /// <summary>
    /// Casts one ballot. The poll must be readable (else "not found"), open, someone else's, and not yet voted on by
    /// this member; a single-choice poll takes one choice. Choices are option indexes from 0.
    /// </summary>
    public async Task<Poll> VoteAsync(long accountId, long pollId, IReadOnlyList<int> choices, CancellationToken ct = default)
    {
        var poll = await db.Polls.AsNoTracking().Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == pollId, ct);
        if (poll is null || !await db.Statuses.VisibleTo(db, Viewer.Member(accountId)).AnyAsync(s => s.Id == poll.StatusId, ct))
        {
            throw KindredException.NotFound();
        }
        var now = time.UtcNow();
        if (poll.ExpiresAt <= now)
        {
            throw KindredException.Invalid("choices", "The poll has already ended.");
        }
        if (poll.AccountId == accountId)
        {
            throw KindredException.Invalid("choices", "You cannot vote in your own poll.");
        }
        if (choices.Count == 0)
        {
            throw KindredException.Invalid("choices", "Choose at least one option.");
        }
        if (choices.Any(c => c < 0 || c >= poll.Options.Count))
        {
            throw KindredException.Invalid("choices", "That choice is not one of the poll's options.");
        }
        if (choices.Distinct().Count() != choices.Count)
        {
            throw KindredException.Invalid("choices", "Each option can be chosen once.");
        }
        if (!poll.Multiple && choices.Count > 1)
        {
            throw KindredException.Invalid("choices", "This poll takes one choice only.");
        }
        if (await db.PollVotes.AnyAsync(v => v.PollId == poll.Id && v.AccountId == accountId, ct))
        {
            throw KindredException.Invalid("choices", "You have already voted in this poll.");
        }
        db.PollVotes.AddRange(choices.Select((choice, rank) => new PollVote
        {
            Id = Snowflake.NewId(now),
            PollId = poll.Id,
            AccountId = accountId,
            Choice = choice,
            Rank = rank,
            CreatedAt = now,
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A second ballot sent at the same moment lost the race on the (poll, account, rank) index.
            db.ChangeTracker.Clear();
            throw KindredException.Invalid("choices", "You have already voted in this poll.");
        }
        return poll;
    }

    /// <summary>
    /// One pass of the expiry job: each poll that has closed and not been announced is claimed with a conditional
    /// UPDATE (so of two servers only one wins it), and its voters and author are notified in the same transaction.
    /// Returns how many polls this pass announced.
    /// </summary>
    public async Task<int> AnnounceClosedAsync(CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var due = await db.Polls.Where(p => p.ClosedNotifiedAt == null && p.ExpiresAt <= now)
            .OrderBy(p => p.ExpiresAt).Take(ClosingBatch)
            .Select(p => new { p.Id, p.StatusId, p.AccountId }).ToListAsync(ct);
        var announced = 0;
        foreach (var poll in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Polls.Where(p => p.Id == poll.Id && p.ClosedNotifiedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosedNotifiedAt, now), ct);
            if (claimed == 0)
            {
                continue;
            }
            var voters = await db.PollVotes.Where(v => v.PollId == poll.Id && v.Rank == 0).Select(v => v.AccountId).ToListAsync(ct);
            foreach (var voter in voters)
            {
                // From the author, so blocks and muted notifications are respected; voters who can no longer read the post hear nothing.
                await notify.AddAsync(now, NotificationTypes.Poll, voter, poll.AccountId, poll.StatusId, ct: ct);
            }
            // The author hears of their own poll closing (Mastodon does this too), unless the post is gone.
            if (await db.Statuses.VisibleTo(db, Viewer.Member(poll.AccountId)).AnyAsync(s => s.Id == poll.StatusId, ct))
            {
                notify.AddRegardless(now, NotificationTypes.Poll, poll.AccountId, poll.AccountId, new NotificationAbout(StatusId: poll.StatusId));
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            announced++;
        }
        return announced;
    }
}
