using System.Text.RegularExpressions;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Conversations;
using Kindred.Core.Federation;
using Kindred.Core.Media;
using Kindred.Core.Notifications;
using Kindred.Core.Organizations;
using Kindred.Core.Polls;
using Kindred.Core.Relationships;
using Kindred.Core.Timelines;
using Kindred.Data;
using Kindred.Data.Counting;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Statuses;

/// <summary>Writing statuses: post, edit, delete, favourite, boost, bookmark, pin. Every target is looked up through
/// <see cref="StatusVisibility"/>, so acting on a status one may not read is "not found".</summary>
public sealed partial class StatusService(
    KindredDbContext db,
    Notify notify,
    HomeFeed homeFeed,
    StatusMedia statusMedia,
    PollService polls,
    PollQueries pollQueries,
    ConversationFeed conversationFeed,
    OrganizationInbox organizationInbox,
    FederationOutbox outbox,
    TimeProvider time)
{
    public const int MaxCharacters = 5_000;
    public const int MaxSpoilerCharacters = 1_000;
    public const int MaxPins = 5;
    public const int MaxIdempotencyKeyLength = 100;
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(1);

    public async Task<Status> CreateAsync(long authorId, NewStatus input, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var key = string.IsNullOrWhiteSpace(input.IdempotencyKey) ? null : input.IdempotencyKey.Trim();
        if (key is not null)
        {
            if (key.Length > MaxIdempotencyKeyLength)
            {
                throw KindredException.Invalid("Idempotency-Key", $"The Idempotency-Key is longer than {MaxIdempotencyKeyLength} characters.");
            }
            var since = now - IdempotencyWindow;
            var earlier = await db.Statuses.FirstOrDefaultAsync(s => s.AccountId == authorId && s.IdempotencyKey == key && s.CreatedAt > since && s.DeletedAt == null, ct);
            if (earlier is not null)
            {
                return earlier;
            }
        }
        var media = await statusMedia.TakeAsync(authorId, input.MediaIds, ct: ct);
        Validate(input.Text, input.SpoilerText, media.Count > 0);
        if (input.Poll is not null)
        {
            if (media.Count > 0)
            {
                throw KindredException.Invalid("poll", "A post can have media attachments or a poll, not both.");
            }
            PollService.Validate(input.Poll);
        }
        var language = ValidLanguage(input.Language);
        var visibility = input.Visibility;
        Status? parent = null;
        if (input.InReplyToId is { } replyId)
        {
            parent = await TargetAsync(authorId, replyId, ct);
            // A reply to a members-only post stays among members, even when an unmodified client asks for public.
            if (parent.Visibility == Audience.Members && visibility is Audience.Public or Audience.Unlisted)
            {
                visibility = Audience.Members;
            }
        }
        var group = await GroupForPostAsync(authorId, input.GroupId, parent, ct);
        if (group is not null)
        {
            visibility = GroupPosts.Audience(group);
            group.LastStatusAt = now;
        }
        var status = new Status
        {
            Id = Snowflake.NewId(now),
            AccountId = authorId,
            Text = input.Text,
            SpoilerText = input.SpoilerText?.Trim() ?? "",
            Visibility = visibility,
            Sensitive = input.Sensitive || !string.IsNullOrWhiteSpace(input.SpoilerText),
            Language = language,
            InReplyToId = parent?.Id,
            InReplyToAccountId = parent?.AccountId,
            CreatedAt = now,
            IdempotencyKey = key,
            GroupId = group?.Id,
        };
        var tags = await EnsureTagsAsync(input.Text, ct);
        await ComposeAsync(status, tags, input.BaseUrl, ct);
        await RefuseMentionsAsync(status, new HashSet<long>(), ct);
        // Refuses recipients who do not accept the message (before anything is tracked), then files it (ADR 17).
        await conversationFeed.AddAsync(status, parent, ct);
        db.Statuses.Add(status);
        if (input.Poll is not null)
        {
            db.Polls.Add(PollService.Build(status, input.Poll, now));
        }
        StatusMedia.Attach(status, media);
        await NotifyNewStatusAsync(status, ct);
        await organizationInbox.RecordAsync(status, parent, ct);
        var author = await db.Accounts.FirstAsync(a => a.Id == authorId, ct);
        author.LastStatusAt = now;
        await outbox.StatusChangedAsync(status, StatusChange.Created, ct);
        await db.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            await homeFeed.FanOutAsync(status, ct);
        }, ct);
        return status;
    }

    public async Task<Status> EditAsync(long authorId, long statusId, StatusUpdate update, CancellationToken ct = default)
    {
        var status = await OwnAsync(authorId, statusId, ct);
        var now = time.UtcNow();
        var media = await statusMedia.EditAsync(status, update.MediaIds, update.MediaChanges, now, ct);
        Validate(update.Text, update.SpoilerText, media.After.Count > 0);
        if (update.Poll?.Poll is { } poll)
        {
            PollService.Validate(poll);
        }
        var language = ValidLanguage(update.Language);
        var tags = await EnsureTagsAsync(update.Text, ct);
        // Each version keeps the poll's options and the images as they were, so /history shows what changed (ADR 13, 14).
        var pollBefore = await pollQueries.HistoryOptionsAsync(status.Id, ct);
        if (!await db.StatusEdits.AnyAsync(e => e.StatusId == status.Id, ct))
        {
            var original = Version(status, status.CreatedAt);
            original.PollOptions = pollBefore;
            db.StatusEdits.Add(statusMedia.Record(original, media.Before));
        }
        if (update.Poll is not null)
        {
            await polls.ApplyAsync(status, update.Poll, now, ct);
        }
        status.Text = update.Text;
        status.SpoilerText = update.SpoilerText?.Trim() ?? "";
        status.Sensitive = update.Sensitive || status.SpoilerText.Length > 0;
        status.Language = language ?? status.Language;
        status.EditedAt = now;
        var mentionedBefore = status.Mentions.Select(m => m.AccountId).ToHashSet();
        await ComposeAsync(status, tags, update.BaseUrl, ct);
        await RefuseNewRecipientsAsync(status, mentionedBefore, ct);
        await RefuseMentionsAsync(status, mentionedBefore, ct);
        var version = Version(status, now);
        version.PollOptions = update.Poll is null ? pollBefore : polls.HistoryOptions(status.Id);
        db.StatusEdits.Add(statusMedia.Record(version, media.After));
        // Accounts the edit newly mentions hear of it as a mention (they are now its audience); the others are not told again.
        foreach (var added in status.Mentions.Where(m => !mentionedBefore.Contains(m.AccountId)).ToList())
        {
            // A mention in a group post opens nothing beyond the group, so there the rule decides (the post is saved).
            await notify.AddAsync(now, NotificationTypes.Mention, added.AccountId, authorId, status.Id, statusReadable: status.GroupId is null, ct);
        }
        // Mastodon tells those who boosted a post that it changed under their name.
        var boosters = await db.Statuses.Where(s => s.ReblogOfId == status.Id && s.DeletedAt == null).Select(s => s.AccountId).Distinct().ToListAsync(ct);
        foreach (var booster in boosters)
        {
            await notify.AddAsync(now, NotificationTypes.Update, booster, authorId, status.Id, ct: ct);
        }
        await outbox.StatusChangedAsync(status, StatusChange.Edited, ct);
        await db.SaveChangesAsync(ct);
        return status;
    }

    /// <summary>Deletes the author's status; it keeps its text for the response, so clients can redraft it.</summary>
    public async Task<Status> DeleteAsync(long authorId, long statusId, CancellationToken ct = default)
    {
        var status = await OwnAsync(authorId, statusId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        status.DeletedAt = time.UtcNow();
        status.PinnedAt = null;
        status.IdempotencyKey = null;
        await outbox.StatusChangedAsync(status, StatusChange.Deleted, ct);
        await db.SaveChangesAsync(ct);
        // Boosts of a deleted post go with it (they were already invisible; now they stop counting too).
        var boosts = db.Statuses.Where(s => s.ReblogOfId == status.Id);
        await StoredCounts.StatusesLeavingAsync(db, boosts, ct);
        await boosts.ExecuteDeleteAsync(ct);
        // Its feed entries stay, as they always did (reads skip deleted statuses): the stream's "delete" reaches the home
        // streams that had the post through them. A fan-out job that has not run yet finds it deleted and writes none.
        await transaction.CommitAsync(ct);
        return status;
    }

    public async Task<Status> FavouriteAsync(long accountId, long statusId, CancellationToken ct = default)
    {
        var status = await TargetAsync(accountId, statusId, ct);
        if (!await db.Favourites.AnyAsync(f => f.AccountId == accountId && f.StatusId == status.Id, ct))
        {
            db.Favourites.Add(new Favourite { Id = Snowflake.NewId(), AccountId = accountId, StatusId = status.Id, CreatedAt = time.UtcNow() });
            await notify.AddAsync(time.UtcNow(), NotificationTypes.Favourite, status.AccountId, accountId, status.Id, ct: ct);
            if (status.Uri is not null)
            {
                await outbox.LikeAsync(await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct), status, undo: false, ct);
            }
            await SaveIgnoringDuplicateAsync(() => db.Favourites.AnyAsync(f => f.AccountId == accountId && f.StatusId == status.Id, ct), ct);
        }
        return status;
    }

    public async Task<Status> UnfavouriteAsync(long accountId, long statusId, CancellationToken ct = default)
    {
        var status = await TargetAsync(accountId, statusId, ct);
        var favourite = db.Favourites.Where(f => f.AccountId == accountId && f.StatusId == status.Id);
        // Delete first, then take off what was deleted: a double-click deletes the row once and counts it once.
        var removed = await db.InTransactionAsync(async () =>
        {
            var deleted = await favourite.ExecuteDeleteAsync(ct);
            await StoredCounts.FavouritesRemovedAsync(db, status.Id, deleted, ct);
            return deleted;
        }, ct);
        StoredCounts.Shift(db, status, s => s.FavouritesCount, -removed);
        if (removed > 0 && status.Uri is not null)
        {
            await outbox.LikeAsync(await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct), status, undo: true, ct);
            await db.SaveChangesAsync(ct);
        }
        return status;
    }

    public async Task<Status> BookmarkAsync(long accountId, long statusId, CancellationToken ct = default)
    {
        var status = await TargetAsync(accountId, statusId, ct);
        if (!await db.Bookmarks.AnyAsync(b => b.AccountId == accountId && b.StatusId == status.Id, ct))
        {
            db.Bookmarks.Add(new Bookmark { Id = Snowflake.NewId(), AccountId = accountId, StatusId = status.Id, CreatedAt = time.UtcNow() });
            await SaveIgnoringDuplicateAsync(() => db.Bookmarks.AnyAsync(b => b.AccountId == accountId && b.StatusId == status.Id, ct), ct);
        }
        return status;
    }

    public async Task<Status> UnbookmarkAsync(long accountId, long statusId, CancellationToken ct = default)
    {
        var status = await TargetAsync(accountId, statusId, ct);
        await db.Bookmarks.Where(b => b.AccountId == accountId && b.StatusId == status.Id).ExecuteDeleteAsync(ct);
        return status;
    }

    /// <summary>Boosts a status (or returns the existing boost). The wrapper keeps the original's visibility, so a
    /// members-only post boosted stays among members.</summary>
    public async Task<Status> ReblogAsync(long accountId, long statusId, CancellationToken ct = default)
    {
        var original = await TargetAsync(accountId, statusId, ct);
        if (!StatusVisibility.CanBeBoosted(original.Visibility))
        {
            throw KindredException.Forbidden("Followers-only and direct posts cannot be boosted.");
        }
        var existing = await db.Statuses.FirstOrDefaultAsync(s => s.AccountId == accountId && s.ReblogOfId == original.Id && s.DeletedAt == null, ct);
        if (existing is not null)
        {
            return existing;
        }
        var now = time.UtcNow();
        var reblog = new Status
        {
            Id = Snowflake.NewId(now),
            AccountId = accountId,
            ReblogOfId = original.Id,
            Visibility = original.Visibility,
            CreatedAt = now,
        };
        db.Statuses.Add(reblog);
        await notify.AddAsync(now, NotificationTypes.Reblog, original.AccountId, accountId, original.Id, ct: ct);
        await outbox.AnnounceAsync(await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct), original, reblog.Id, undo: false, ct);
        await db.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            await homeFeed.FanOutAsync(reblog, ct);
        }, ct);
        return reblog;
    }

    /// <summary>Removes the caller's boost of a status; returns the original.</summary>
    public async Task<Status> UnreblogAsync(long accountId, long statusId, CancellationToken ct = default)
    {
        var original = await TargetAsync(accountId, statusId, ct);
        var boost = db.Statuses.Where(s => s.AccountId == accountId && s.ReblogOfId == original.Id);
        await db.InTransactionAsync(async () =>
        {
            // Live boosts first, counted by what the delete removed; a removed (soft-deleted) one was not counted.
            var deleted = await boost.Where(s => s.DeletedAt == null).ExecuteDeleteAsync(ct);
            await StoredCounts.StatusesRemovedAsync(db, accountId, deleted, ct);
            await boost.ExecuteDeleteAsync(ct);
        }, ct);
        return original;
    }

    public async Task<Status> PinAsync(long accountId, long statusId, CancellationToken ct = default)
    {
        var status = await FindVisibleAsync(accountId, statusId, ct);
        if (status.AccountId != accountId || status.ReblogOfId is not null)
        {
            throw KindredException.Invalid("status", "Only your own posts can be pinned.");
        }
        if (!StatusVisibility.CanBeBoosted(status.Visibility))
        {
            throw KindredException.Invalid("status", "Followers-only and direct posts cannot be pinned.");
        }
        if (status.PinnedAt is null)
        {
            if (await db.Statuses.CountAsync(s => s.AccountId == accountId && s.PinnedAt != null && s.DeletedAt == null, ct) >= MaxPins)
            {
                throw KindredException.Invalid("status", $"You can pin at most {MaxPins} posts.");
            }
            status.PinnedAt = time.UtcNow();
            await db.SaveChangesAsync(ct);
        }
        return status;
    }

    public async Task<Status> UnpinAsync(long accountId, long statusId, CancellationToken ct = default)
    {
        var status = await FindVisibleAsync(accountId, statusId, ct);
        if (status.AccountId == accountId && status.PinnedAt is not null)
        {
            status.PinnedAt = null;
            await db.SaveChangesAsync(ct);
        }
        return status;
    }

    /// <summary>
    /// The group a new post goes into, tracked: the one asked for, or the thread's group for a reply (a reply cannot leave
    /// its group nor move into another). The author must be a member; a banned person no longer is.
    /// </summary>
    private async Task<Data.Entities.Group?> GroupForPostAsync(long authorId, long? requested, Status? parent, CancellationToken ct)
    {
        if (parent?.GroupId is { } threadGroup && requested is { } asked && asked != threadGroup)
        {
            throw KindredException.Invalid("group_id", "A reply stays in the group of the post it answers.");
        }
        if ((parent?.GroupId ?? requested) is not { } groupId)
        {
            return null;
        }
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null || !await GroupAccess.CanSeeAsync(db, group, Viewer.Member(authorId), ct))
        {
            throw KindredException.NotFound("No such group.");
        }
        if (!await db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.AccountId == authorId, ct))
        {
            throw KindredException.Forbidden(parent is null ? "Only members can post in this group." : "Only members of the group can reply to its posts.");
        }
        return group;
    }

    /// <summary>Mentioned accounts hear of a new post (they are its audience, so they may read it); followers who asked
    /// for it hear of each new post they may read, unless a mention already told them.</summary>
    private async Task NotifyNewStatusAsync(Status status, CancellationToken ct)
    {
        var mentioned = status.Mentions.Select(m => m.AccountId).ToHashSet();
        // In a members-only or secret group a mention does not open the post to anyone outside the group (ADR 20), so
        // only members hear of it; the post is not saved yet, so Notify cannot ask the visibility rule itself.
        HashSet<long>? groupMembers = null;
        if (status.GroupId is { } groupId && status.Visibility != Audience.Public)
        {
            groupMembers = (await db.GroupMemberships.Where(m => m.GroupId == groupId).Select(m => m.AccountId).ToListAsync(ct)).ToHashSet();
            mentioned.IntersectWith(groupMembers);
        }
        foreach (var accountId in mentioned)
        {
            await notify.AddAsync(status.CreatedAt, NotificationTypes.Mention, accountId, status.AccountId, status.Id, statusReadable: true, ct);
        }
        if (status.Visibility == Audience.Direct)
        {
            return;
        }
        var subscribers = await db.Follows.Where(f => f.TargetAccountId == status.AccountId && f.Notify).Select(f => f.AccountId).ToListAsync(ct);
        foreach (var accountId in subscribers.Where(id => !mentioned.Contains(id) && (groupMembers is null || groupMembers.Contains(id))))
        {
            await notify.AddAsync(status.CreatedAt, NotificationTypes.Status, accountId, status.AccountId, status.Id, statusReadable: true, ct);
        }
    }

    /// <summary>An edit that mentions someone new in a direct post messages them, so their choice applies (ADR 17).</summary>
    private async Task RefuseNewRecipientsAsync(Status status, IReadOnlySet<long> addressed, CancellationToken ct)
    {
        var added = status.Mentions.Select(m => m.AccountId).Except(addressed).ToList();
        if (status.Visibility == Audience.Direct && added.Count > 0
            && await DirectMessageRules.FirstRefusingAsync(db, status.AccountId, added, null, ct) is { } refusing)
        {
            db.ChangeTracker.Clear();
            throw KindredException.Invalid("status", $"@{refusing.Username} does not accept private messages from you.");
        }
    }

    /// <summary>
    /// A mention of someone who does not accept it from the author — paused contact or their "who may mention me" choice
    /// (ADR 75) — refuses the post with a 422 naming them, before anything is saved: the author is told, in the same words
    /// for a pause as for a choice, so neither can be told from the other. Direct posts are decided by
    /// <see cref="DirectMessageRules"/>, which applies both.
    /// </summary>
    private async Task RefuseMentionsAsync(Status status, HashSet<long> addressed, CancellationToken ct)
    {
        if (status.Visibility == Audience.Direct)
        {
            return;
        }
        var added = status.Mentions.Select(m => m.AccountId).Where(id => !addressed.Contains(id)).ToList();
        if (added.Count > 0 && await ContactRules.FirstRefusingMentionAsync(db, status.AccountId, added, ct) is { } refusing)
        {
            db.ChangeTracker.Clear();
            throw KindredException.Invalid("status", $"@{refusing.Username} does not accept mentions from you.");
        }
    }

    /// <summary>A second favourite or bookmark racing the first hits the unique index; the first one stands.</summary>
    private async Task SaveIgnoringDuplicateAsync(Func<Task<bool>> exists, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await exists())
            {
                throw;
            }
        }
    }

    internal static void Validate(string text, string? spoiler, bool hasMedia)
    {
        // As on Mastodon, images may stand on their own.
        if (string.IsNullOrWhiteSpace(text) && !hasMedia)
        {
            throw KindredException.Invalid("status", "Text can't be blank.");
        }
        if (TextLength.Of(text) > MaxCharacters)
        {
            throw KindredException.Invalid("status", $"Text is too long (at most {MaxCharacters} characters).");
        }
        if (spoiler is not null && TextLength.Of(spoiler) > MaxSpoilerCharacters)
        {
            throw KindredException.Invalid("spoiler_text", $"The content warning is too long (at most {MaxSpoilerCharacters} characters).");
        }
    }

    internal static string? ValidLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }
        var value = language.Trim();
        return LanguagePattern().IsMatch(value)
            ? value.ToLowerInvariant()
            : throw KindredException.Invalid("language", "language must be an ISO 639 code such as en or fr.");
    }

    private static StatusEdit Version(Status status, DateTime at) => new()
    {
        Id = Snowflake.NewId(),
        StatusId = status.Id,
        Text = status.Text,
        ContentHtml = status.ContentHtml,
        SpoilerText = status.SpoilerText,
        Sensitive = status.Sensitive,
        CreatedAt = at,
    };

    /// <summary>Resolves mentions and hashtags and renders the HTML. Mentions are only ever added, so an edit never
    /// takes a private post away from someone it was addressed to. A mention of an account of another server already
    /// known here counts only in a post that federates (public or unlisted, outside groups, ADR 105): that post is
    /// delivered to it; in any other post the handle stays text, because nothing private leaves the server.</summary>
    private async Task ComposeAsync(Status status, IReadOnlyDictionary<string, Tag> tags, string baseUrl, CancellationToken ct)
    {
        var host = new Uri(baseUrl).Authority;
        var handles = StatusText.Mentions(status.Text);
        var names = handles
            .Where(m => m.Domain is null || string.Equals(m.Domain, host, StringComparison.OrdinalIgnoreCase))
            .Select(m => Usernames.Normalize(m.Username))
            .Distinct()
            .ToList();
        var authorId = status.AccountId;
        var mentioned = names.Count == 0 ? [] : await db.Accounts.Visible()
            .Where(a => a.Domain == null && names.Contains(a.UsernameNormalized))
            .WithoutBlocksWith(db.Blocks, authorId, a => a.Id)
            .Select(a => new { a.Id, a.Username, a.UsernameNormalized })
            .ToListAsync(ct);
        var byName = mentioned.ToDictionary(a => a.UsernameNormalized);
        var remoteHandles = FederationOutbox.Federates(status)
            ? handles.Where(m => m.Domain is not null && !string.Equals(m.Domain, host, StringComparison.OrdinalIgnoreCase))
                .Select(m => Usernames.Normalize(m.Username) + "@" + m.Domain).Distinct().ToList()
            : [];
        var remote = await KnownRemoteAccountsAsync(authorId, remoteHandles, ct);
        foreach (var id in mentioned.Select(a => a.Id).Concat(remote.Values.Select(r => r.AccountId)).Where(id => status.Mentions.All(m => m.AccountId != id)))
        {
            status.Mentions.Add(new StatusMention { StatusId = status.Id, AccountId = id });
        }

        var tagNames = tags.Keys.ToList();
        status.Tags.RemoveAll(t => !tagNames.Contains(t.Tag.Name));
        foreach (var tag in tags.Values.Where(t => status.Tags.All(st => st.TagId != t.Id)))
        {
            status.Tags.Add(new StatusTag { StatusId = status.Id, TagId = tag.Id, Tag = tag });
        }

        status.ContentHtml = StatusText.Render(
            status.Text,
            (username, domain) => domain is null || string.Equals(domain, host, StringComparison.OrdinalIgnoreCase)
                ? byName.TryGetValue(Usernames.Normalize(username), out var account) ? $"{baseUrl}/@{account.Username}" : null
                : remote.TryGetValue(Usernames.Normalize(username) + "@" + domain.ToLowerInvariant(), out var actor) ? actor.ProfileUrl ?? actor.ActorUri : null,
            name => $"{baseUrl}/tags/{Uri.EscapeDataString(name)}");
    }

    /// <summary>The remote accounts already known here among <paramref name="handles"/> (<c>user@host</c>, lower case),
    /// keyed by handle, leaving out accounts gone or blocked either way with the author. A handle never seen is not
    /// looked up while a post is written (ADR 105): it stays text.</summary>
    private async Task<Dictionary<string, RemoteActor>> KnownRemoteAccountsAsync(long authorId, List<string> handles, CancellationToken ct)
    {
        if (handles.Count == 0)
        {
            return [];
        }
        var rows = await (from a in db.Accounts.AsNoTracking().Visible().WithoutBlocksWith(db.Blocks, authorId, a => a.Id)
                          join r in db.RemoteActors.AsNoTracking() on a.Id equals r.AccountId
                          where a.Domain != null && handles.Contains(a.UsernameNormalized + "@" + a.Domain)
                          select new { Handle = a.UsernameNormalized + "@" + a.Domain, Actor = r }).ToListAsync(ct);
        return rows.DistinctBy(r => r.Handle).ToDictionary(r => r.Handle, r => r.Actor, StringComparer.Ordinal);
    }

    /// <summary>
    /// The tags of a text, created when new. Each new tag is saved on its own, before anything else changes, so two
    /// members who post the same new hashtag at once both succeed: the loser of the unique index reads the winner's row.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, Tag>> EnsureTagsAsync(string text, CancellationToken ct)
    {
        var hashtags = StatusText.Hashtags(text);
        var names = hashtags.Select(t => t.Name).ToList();
        var tags = await db.Tags.Where(t => names.Contains(t.Name)).ToDictionaryAsync(t => t.Name, ct);
        foreach (var (name, display) in hashtags.Where(t => !tags.ContainsKey(t.Name)))
        {
            var tag = new Tag { Id = Snowflake.NewId(), Name = name, Display = display.Length > 100 ? display[..100] : display, CreatedAt = time.UtcNow() };
            db.Tags.Add(tag);
            try
            {
                await db.SaveChangesAsync(ct);
                tags[name] = tag;
            }
            catch (DbUpdateException)
            {
                db.Entry(tag).State = EntityState.Detached;
                tags[name] = await db.Tags.FirstAsync(t => t.Name == name, ct);
            }
        }
        return tags;
    }

    /// <summary>A status the caller may read, tracked, or "not found".</summary>
    private async Task<Status> FindVisibleAsync(long accountId, long statusId, CancellationToken ct) =>
        await db.Statuses.VisibleTo(db, Viewer.Member(accountId)).FirstOrDefaultAsync(s => s.Id == statusId, ct)
            ?? throw KindredException.NotFound();

    /// <summary>The status a favourite, bookmark or boost applies to: the original when given a boost.</summary>
    private async Task<Status> TargetAsync(long accountId, long statusId, CancellationToken ct)
    {
        var status = await FindVisibleAsync(accountId, statusId, ct);
        return status.ReblogOfId is { } originalId ? await FindVisibleAsync(accountId, originalId, ct) : status;
    }

    private async Task<Status> OwnAsync(long authorId, long statusId, CancellationToken ct) =>
        await db.Statuses.Include(s => s.Mentions).Include(s => s.Tags).ThenInclude(t => t.Tag)
            .FirstOrDefaultAsync(s => s.Id == statusId && s.AccountId == authorId && s.DeletedAt == null && s.ReblogOfId == null, ct)
            ?? throw KindredException.NotFound();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
