using Kindred.Core.Common;
using Kindred.Core.Timelines;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Tags;

/// <summary>
/// Follows and features hashtags for a member (ADR 80). Following a tag brings its public posts into the member's home
/// feed from then on (<see cref="HomeFeed"/> writes them when they are posted); unfollowing takes them out again.
/// Both are idempotent, as on Mastodon.
/// </summary>
public sealed class TagService(KindredDbContext db, HomeFeed homeFeed, TimeProvider time)
{
    public async Task<Tag> FollowAsync(long accountId, string name, CancellationToken ct = default)
    {
        var tag = await EnsureAsync(name, ct);
        if (!await db.TagFollows.AnyAsync(f => f.AccountId == accountId && f.TagId == tag.Id, ct))
        {
            db.TagFollows.Add(new TagFollow { Id = Snowflake.NewId(), AccountId = accountId, TagId = tag.Id, CreatedAt = time.UtcNow() });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A second request followed it at the same moment: the follow stands, as asked; anything else is an error.
                db.ChangeTracker.Clear();
                if (!await db.TagFollows.AnyAsync(f => f.AccountId == accountId && f.TagId == tag.Id, ct))
                {
                    throw;
                }
            }
        }
        return tag;
    }

    /// <summary>Unfollows a tag; an unknown name is "not found", as on Mastodon.</summary>
    public async Task<Tag> UnfollowAsync(long accountId, string name, CancellationToken ct = default)
    {
        var tag = await FindAsync(name, ct);
        await db.InTransactionAsync(async () =>
        {
            if (await db.TagFollows.Where(f => f.AccountId == accountId && f.TagId == tag.Id).ExecuteDeleteAsync(ct) > 0)
            {
                await homeFeed.RemoveTagAsync(accountId, tag.Id, ct);
            }
        }, ct);
        return tag;
    }

    /// <summary>Features a tag on the member's profile; at most <see cref="TagQueries.FeaturedTagLimit"/>, each once.</summary>
    public async Task<FeaturedTag> FeatureAsync(long accountId, string? name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || TagNames.Normalize(name).Length == 0)
        {
            throw KindredException.Invalid("name", "Name must be a hashtag of letters, digits or underscores.");
        }
        var tag = await EnsureAsync(name, ct);
        if (await db.FeaturedTags.AnyAsync(f => f.AccountId == accountId && f.TagId == tag.Id, ct))
        {
            throw KindredException.Invalid("name", "You already feature this hashtag.");
        }
        if (await db.FeaturedTags.CountAsync(f => f.AccountId == accountId, ct) >= TagQueries.FeaturedTagLimit)
        {
            throw KindredException.Invalid("name", $"You can feature at most {TagQueries.FeaturedTagLimit} hashtags.");
        }
        var featured = new FeaturedTag { Id = Snowflake.NewId(), AccountId = accountId, TagId = tag.Id, Tag = tag, CreatedAt = time.UtcNow() };
        db.FeaturedTags.Add(featured);
        await db.SaveChangesAsync(ct);
        return featured;
    }

    /// <summary>Stops featuring a tag; someone else's feature (or none) is "not found".</summary>
    public async Task UnfeatureAsync(long accountId, long featuredTagId, CancellationToken ct = default)
    {
        if (await db.FeaturedTags.Where(f => f.Id == featuredTagId && f.AccountId == accountId).ExecuteDeleteAsync(ct) == 0)
        {
            throw KindredException.NotFound();
        }
    }

    private async Task<Tag> FindAsync(string name, CancellationToken ct)
    {
        var normalized = TagNames.Normalize(name);
        return normalized.Length == 0
            ? throw KindredException.NotFound()
            : await db.Tags.FirstOrDefaultAsync(t => t.Name == normalized, ct) ?? throw KindredException.NotFound();
    }

    /// <summary>The stored tag of a name, made when new; a race with another request reads the winner's row.</summary>
    private async Task<Tag> EnsureAsync(string name, CancellationToken ct)
    {
        var normalized = TagNames.Normalize(name);
        if (normalized.Length == 0)
        {
            throw KindredException.NotFound();
        }
        if (await db.Tags.FirstOrDefaultAsync(t => t.Name == normalized, ct) is { } existing)
        {
            return existing;
        }
        var display = name.Trim().TrimStart('#');
        var tag = new Tag
        {
            Id = Snowflake.NewId(),
            Name = normalized,
            Display = TagNames.Normalize(display) == normalized && display.Length <= 100 ? display : normalized,
            CreatedAt = time.UtcNow(),
        };
        db.Tags.Add(tag);
        try
        {
            await db.SaveChangesAsync(ct);
            return tag;
        }
        catch (DbUpdateException)
        {
            db.Entry(tag).State = EntityState.Detached;
            return await db.Tags.FirstAsync(t => t.Name == normalized, ct);
        }
    }
}
