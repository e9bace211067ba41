using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Federation;
using Kindred.Core.Notifications;
using Kindred.Core.Timelines;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Relationships;

/// <summary>
/// Follows, follow requests, blocks and mutes. Every method is idempotent the way Mastodon's are: following twice
/// updates the options, unblocking someone not blocked is a no-op. Each change is one SaveChangesAsync.
/// </summary>
public sealed class RelationshipService(KindredDbContext db, Notify notify, HomeFeed homeFeed, RelationshipQueries queries, FederationOutbox outbox, TimeProvider time)
{
    /// <summary>Longest mute a duration may ask for (Mastodon has no limit; a year keeps the date arithmetic sane).</summary>
    public const int MaxMuteSeconds = 366 * 24 * 3600;
    public const int MaxNoteLength = 2_000;
    /// <summary>Featured accounts per profile; Mastodon has no limit, a profile showing more than this says nothing more.</summary>
    public const int MaxEndorsements = 80;

    /// <summary>Follows <paramref name="targetId"/>, or asks to when the target approves followers by hand.</summary>
    /// <param name="showReblogs">Null leaves an existing choice as it is (true for a new follow).</param>
    /// <param name="notifyOfPosts">Null leaves an existing choice as it is (false for a new follow).</param>
    public async Task FollowAsync(long accountId, long targetId, bool? showReblogs = null, bool? notifyOfPosts = null, CancellationToken ct = default)
    {
        if (accountId == targetId)
        {
            throw KindredException.Invalid("id", "You cannot follow yourself.");
        }
        var target = await RequireAccountAsync(targetId, ct);
        // A pause (ADR 75) refuses in the words of a block, so the other person cannot tell that it is one.
        if (await queries.IsBlockedEitherWayAsync(accountId, targetId, ct) || await ContactRules.IsPausedAsync(db, targetId, accountId, ct))
        {
            throw KindredException.Forbidden("You cannot follow this account.");
        }
        var follow = await db.Follows.FirstOrDefaultAsync(f => f.AccountId == accountId && f.TargetAccountId == targetId, ct);
        if (follow is not null)
        {
            follow.ShowReblogs = showReblogs ?? follow.ShowReblogs;
            follow.Notify = notifyOfPosts ?? follow.Notify;
            await db.SaveChangesAsync(ct);
            return;
        }
        var request = await db.FollowRequests.FirstOrDefaultAsync(r => r.AccountId == accountId && r.TargetAccountId == targetId, ct);
        if (request is not null)
        {
            request.ShowReblogs = showReblogs ?? request.ShowReblogs;
            request.Notify = notifyOfPosts ?? request.Notify;
        }
        else if (target.Domain is not null)
        {
            // A remote account answers a Follow with Accept or Reject (ADR 102): until then the follow is a request,
            // whose id the Follow activity carries.
            var follower = await RequireAccountAsync(accountId, ct);
            if (follower.Domain is not null)
            {
                throw KindredException.Forbidden("You cannot follow this account.");
            }
            var pending = NewRequest(accountId, targetId, showReblogs ?? true, notifyOfPosts ?? false);
            db.FollowRequests.Add(pending);
            await outbox.FollowAsync(follower, pending, ct);
        }
        else if (target.Locked)
        {
            db.FollowRequests.Add(NewRequest(accountId, targetId, showReblogs ?? true, notifyOfPosts ?? false));
            await notify.AddAsync(time.UtcNow(), NotificationTypes.FollowRequest, targetId, accountId, ct: ct);
        }
        else
        {
            db.Follows.Add(NewFollow(accountId, targetId, showReblogs ?? true, notifyOfPosts ?? false));
            await homeFeed.BackfillAsync(accountId, targetId, showReblogs ?? true, ct);
            await notify.AddAsync(time.UtcNow(), NotificationTypes.Follow, targetId, accountId, ct: ct);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stops following <paramref name="targetId"/>, and withdraws a request still waiting.</summary>
    public async Task UnfollowAsync(long accountId, long targetId, CancellationToken ct = default)
    {
        var target = await RequireAccountAsync(targetId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (target.Domain is not null)
        {
            // The remote server hears an Undo of the Follow it was sent (its id is the request's, kept by the follow).
            var followId = await db.Follows.Where(f => f.AccountId == accountId && f.TargetAccountId == targetId).Select(f => (long?)f.Id).FirstOrDefaultAsync(ct)
                ?? await db.FollowRequests.Where(r => r.AccountId == accountId && r.TargetAccountId == targetId).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
            if (followId is { } id)
            {
                await outbox.UnfollowAsync(await RequireAccountAsync(accountId, ct), targetId, id, ct);
            }
        }
        db.Follows.RemoveRange(await db.Follows.Where(f => f.AccountId == accountId && f.TargetAccountId == targetId).ToListAsync(ct));
        db.FollowRequests.RemoveRange(await db.FollowRequests.Where(r => r.AccountId == accountId && r.TargetAccountId == targetId).ToListAsync(ct));
        await ForgetRequestNotificationAsync(accountId, targetId, ct);
        await db.SaveChangesAsync(ct);
        await homeFeed.RemoveAuthorAsync(accountId, targetId, ct);
        await ListMembership.Places(db, accountId, targetId).ExecuteDeleteAsync(ct);
        // One endorses only accounts one follows (ADR 78).
        await db.Endorsements.Where(e => e.AccountId == accountId && e.TargetAccountId == targetId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Accepts the request <paramref name="requesterId"/> sent to <paramref name="accountId"/>.</summary>
    public async Task AuthorizeRequestAsync(long accountId, long requesterId, CancellationToken ct = default)
    {
        await RequireAccountAsync(requesterId, ct);
        var request = await db.FollowRequests.FirstOrDefaultAsync(r => r.AccountId == requesterId && r.TargetAccountId == accountId, ct)
            ?? throw KindredException.NotFound();
        db.FollowRequests.Remove(request);
        await ForgetRequestNotificationAsync(requesterId, accountId, ct);
        if (!await db.Follows.AnyAsync(f => f.AccountId == requesterId && f.TargetAccountId == accountId, ct))
        {
            db.Follows.Add(NewFollow(requesterId, accountId, request.ShowReblogs, request.Notify));
            await homeFeed.BackfillAsync(requesterId, accountId, request.ShowReblogs, ct);
        }
        await AnswerRemoteRequestAsync(accountId, requesterId, accept: true, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Turns down the request <paramref name="requesterId"/> sent to <paramref name="accountId"/>.</summary>
    public async Task RejectRequestAsync(long accountId, long requesterId, CancellationToken ct = default)
    {
        await RequireAccountAsync(requesterId, ct);
        var request = await db.FollowRequests.FirstOrDefaultAsync(r => r.AccountId == requesterId && r.TargetAccountId == accountId, ct)
            ?? throw KindredException.NotFound();
        db.FollowRequests.Remove(request);
        await ForgetRequestNotificationAsync(requesterId, accountId, ct);
        await AnswerRemoteRequestAsync(accountId, requesterId, accept: false, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A remote requester's server hears the answer, naming the Follow it sent (kept in the inbox's rows).</summary>
    private async Task AnswerRemoteRequestAsync(long accountId, long requesterId, bool accept, CancellationToken ct)
    {
        var requester = await db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == requesterId, ct);
        if (requester is null)
        {
            return;
        }
        var account = await RequireAccountAsync(accountId, ct);
        var followId = await db.InboxActivities.AsNoTracking().Where(a => a.Actor == requester.ActorUri && a.Type == "Follow")
            .OrderByDescending(a => a.Id).Select(a => a.ActivityId).FirstOrDefaultAsync(ct);
        await outbox.AnswerFollowAsync(account, requesterId, followId ?? requester.ActorUri + "#follow", accept, ct);
    }

    /// <summary>A decided or withdrawn request leaves no follow_request notification behind, as on Mastodon.</summary>
    private async Task ForgetRequestNotificationAsync(long requesterId, long targetId, CancellationToken ct) =>
        db.Notifications.RemoveRange(await db.Notifications
            .Where(n => n.AccountId == targetId && n.FromAccountId == requesterId && n.Type == NotificationTypes.FollowRequest)
            .ToListAsync(ct));

    /// <summary>Makes <paramref name="followerId"/> stop following <paramref name="accountId"/> without blocking them.</summary>
    public async Task RemoveFromFollowersAsync(long accountId, long followerId, CancellationToken ct = default)
    {
        await RequireAccountAsync(followerId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Follows.RemoveRange(await db.Follows.Where(f => f.AccountId == followerId && f.TargetAccountId == accountId).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        await homeFeed.RemoveAuthorAsync(followerId, accountId, ct);
        await ListMembership.Places(db, followerId, accountId).ExecuteDeleteAsync(ct);
        await db.Endorsements.Where(e => e.AccountId == followerId && e.TargetAccountId == accountId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Blocks <paramref name="targetId"/>: follows and requests between the two go, in both directions.</summary>
    public async Task BlockAsync(long accountId, long targetId, CancellationToken ct = default)
    {
        if (accountId == targetId)
        {
            throw KindredException.Invalid("id", "You cannot block yourself.");
        }
        await RequireAccountAsync(targetId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Blocks.AnyAsync(b => b.AccountId == accountId && b.TargetAccountId == targetId, ct))
        {
            var block = new Block { Id = Snowflake.NewId(), AccountId = accountId, TargetAccountId = targetId, CreatedAt = time.UtcNow() };
            db.Blocks.Add(block);
            // A blocked remote account's server hears of it (ADR 105); a block already there was told already.
            await outbox.BlockAsync(await RequireAccountAsync(accountId, ct), targetId, block.Id, undo: false, ct);
        }
        db.Follows.RemoveRange(await db.Follows
            .Where(f => (f.AccountId == accountId && f.TargetAccountId == targetId) || (f.AccountId == targetId && f.TargetAccountId == accountId))
            .ToListAsync(ct));
        db.FollowRequests.RemoveRange(await db.FollowRequests
            .Where(r => (r.AccountId == accountId && r.TargetAccountId == targetId) || (r.AccountId == targetId && r.TargetAccountId == accountId))
            .ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        await homeFeed.RemoveAuthorAsync(accountId, targetId, ct);
        await homeFeed.RemoveAuthorAsync(targetId, accountId, ct);
        await ListMembership.Places(db, accountId, targetId).ExecuteDeleteAsync(ct);
        await ListMembership.Places(db, targetId, accountId).ExecuteDeleteAsync(ct);
        await db.Endorsements.Where(e => (e.AccountId == accountId && e.TargetAccountId == targetId) || (e.AccountId == targetId && e.TargetAccountId == accountId))
            .ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task UnblockAsync(long accountId, long targetId, CancellationToken ct = default)
    {
        await RequireAccountAsync(targetId, ct);
        var blocks = await db.Blocks.Where(b => b.AccountId == accountId && b.TargetAccountId == targetId).ToListAsync(ct);
        foreach (var block in blocks)
        {
            await outbox.BlockAsync(await RequireAccountAsync(accountId, ct), targetId, block.Id, undo: true, ct);
        }
        db.Blocks.RemoveRange(blocks);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Mutes <paramref name="targetId"/>, for <paramref name="durationSeconds"/> (null or 0: until unmuted). Muting again replaces the terms.</summary>
    public async Task MuteAsync(long accountId, long targetId, int? durationSeconds = null, bool hideNotifications = true, CancellationToken ct = default)
    {
        if (accountId == targetId)
        {
            throw KindredException.Invalid("id", "You cannot mute yourself.");
        }
        if (durationSeconds is < 0 or > MaxMuteSeconds)
        {
            throw KindredException.Invalid("duration", $"The duration is a number of seconds between 0 and {MaxMuteSeconds}.");
        }
        await RequireAccountAsync(targetId, ct);
        var now = time.UtcNow();
        var mute = await db.Mutes.FirstOrDefaultAsync(m => m.AccountId == accountId && m.TargetAccountId == targetId, ct);
        if (mute is null)
        {
            mute = new Mute { Id = Snowflake.NewId(), AccountId = accountId, TargetAccountId = targetId, CreatedAt = now };
            db.Mutes.Add(mute);
        }
        mute.ExpiresAt = durationSeconds is > 0 ? now.AddSeconds(durationSeconds.Value) : null;
        mute.HideNotifications = hideNotifications;
        await db.SaveChangesAsync(ct);
    }

    public async Task UnmuteAsync(long accountId, long targetId, CancellationToken ct = default)
    {
        await RequireAccountAsync(targetId, ct);
        db.Mutes.RemoveRange(await db.Mutes.Where(m => m.AccountId == accountId && m.TargetAccountId == targetId).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Keeps <paramref name="comment"/> as the caller's private note on <paramref name="targetId"/>; an empty
    /// comment removes it.</summary>
    public async Task SetNoteAsync(long accountId, long targetId, string? comment, CancellationToken ct = default)
    {
        comment = comment?.Trim() ?? "";
        if (comment.Length > MaxNoteLength)
        {
            throw KindredException.Invalid("comment", $"A note is at most {MaxNoteLength} characters.");
        }
        await RequireAccountAsync(targetId, ct);
        var note = await db.AccountNotes.FirstOrDefaultAsync(n => n.AccountId == accountId && n.TargetAccountId == targetId, ct);
        if (comment.Length == 0)
        {
            if (note is not null)
            {
                db.AccountNotes.Remove(note);
            }
        }
        else
        {
            if (note is null)
            {
                note = new AccountNote { Id = Snowflake.NewId(), AccountId = accountId, TargetAccountId = targetId };
                db.AccountNotes.Add(note);
            }
            note.Comment = comment;
            note.UpdatedAt = time.UtcNow();
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Features <paramref name="targetId"/> on the caller's profile; only an account the caller follows.</summary>
    public async Task EndorseAsync(long accountId, long targetId, CancellationToken ct = default)
    {
        await RequireAccountAsync(targetId, ct);
        if (!await db.Follows.AnyAsync(f => f.AccountId == accountId && f.TargetAccountId == targetId, ct))
        {
            throw KindredException.Invalid("id", "You can only feature accounts you follow.");
        }
        if (await db.Endorsements.AnyAsync(e => e.AccountId == accountId && e.TargetAccountId == targetId, ct))
        {
            return;
        }
        if (await db.Endorsements.CountAsync(e => e.AccountId == accountId, ct) >= MaxEndorsements)
        {
            throw KindredException.Invalid("id", $"You can feature at most {MaxEndorsements} accounts.");
        }
        db.Endorsements.Add(new Endorsement { Id = Snowflake.NewId(), AccountId = accountId, TargetAccountId = targetId, CreatedAt = time.UtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.Endorsements.AsNoTracking().AnyAsync(e => e.AccountId == accountId && e.TargetAccountId == targetId, ct))
            {
                throw;
            }
        }
    }

    public async Task UnendorseAsync(long accountId, long targetId, CancellationToken ct = default)
    {
        await RequireAccountAsync(targetId, ct);
        await db.Endorsements.Where(e => e.AccountId == accountId && e.TargetAccountId == targetId).ExecuteDeleteAsync(ct);
    }

    private Follow NewFollow(long accountId, long targetId, bool showReblogs, bool notify) => new()
    {
        Id = Snowflake.NewId(),
        AccountId = accountId,
        TargetAccountId = targetId,
        CreatedAt = time.UtcNow(),
        ShowReblogs = showReblogs,
        Notify = notify,
    };

    private FollowRequest NewRequest(long accountId, long targetId, bool showReblogs, bool notify) => new()
    {
        Id = Snowflake.NewId(),
        AccountId = accountId,
        TargetAccountId = targetId,
        CreatedAt = time.UtcNow(),
        ShowReblogs = showReblogs,
        Notify = notify,
    };

    private async Task<Account> RequireAccountAsync(long id, CancellationToken ct) =>
        await db.Accounts.AsNoTracking().Visible().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw KindredException.NotFound();
}
