using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Lists;

/// <summary>Creating, changing and deleting lists and their members. A list belongs to one member; to anyone else it
/// does not exist ("not found").</summary>
public sealed class ListService(KindredDbContext db, TimeProvider time)
{
    public const int MaxTitle = 100;
    public const int MaxLists = 100;
    public const int MaxMembersPerRequest = 80;

    public async Task<AccountList> CreateAsync(long ownerId, string? title, ListRepliesPolicy? repliesPolicy = null, bool? exclusive = null, CancellationToken ct = default)
    {
        var clean = ValidTitle(title);
        if (await db.Lists.CountAsync(l => l.AccountId == ownerId, ct) >= MaxLists)
        {
            throw KindredException.Invalid("title", $"You can have at most {MaxLists} lists.");
        }
        var list = new AccountList
        {
            Id = Snowflake.NewId(time.UtcNow()),
            AccountId = ownerId,
            Title = clean,
            RepliesPolicy = repliesPolicy ?? ListRepliesPolicy.List,
            Exclusive = exclusive ?? false,
            CreatedAt = time.UtcNow(),
        };
        db.Lists.Add(list);
        await db.SaveChangesAsync(ct);
        return list;
    }

    /// <summary>Renames a list or changes its options; null leaves a value as it is.</summary>
    public async Task<AccountList> UpdateAsync(long ownerId, long listId, string? title, ListRepliesPolicy? repliesPolicy = null, bool? exclusive = null, CancellationToken ct = default)
    {
        var list = await OwnAsync(ownerId, listId, ct);
        var clean = title is null ? null : ValidTitle(title);
        list.Title = clean ?? list.Title;
        list.RepliesPolicy = repliesPolicy ?? list.RepliesPolicy;
        list.Exclusive = exclusive ?? list.Exclusive;
        await db.SaveChangesAsync(ct);
        return list;
    }

    public async Task DeleteAsync(long ownerId, long listId, CancellationToken ct = default)
    {
        var list = await OwnAsync(ownerId, listId, ct);
        db.Lists.Remove(list);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds accounts the owner follows, as Mastodon does; any other account refuses the whole request.</summary>
    public async Task AddMembersAsync(long ownerId, long listId, IReadOnlyCollection<long> accountIds, CancellationToken ct = default)
    {
        var list = await OwnAsync(ownerId, listId, ct);
        var ids = accountIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw KindredException.Invalid("account_ids", "Choose at least one account.");
        }
        if (ids.Count > MaxMembersPerRequest)
        {
            throw KindredException.Invalid("account_ids", $"Add at most {MaxMembersPerRequest} accounts at a time.");
        }
        var followed = await db.Follows.Where(f => f.AccountId == ownerId && ids.Contains(f.TargetAccountId)).Select(f => f.TargetAccountId).ToListAsync(ct);
        if (ids.Except(followed).Any())
        {
            throw KindredException.Invalid("account_ids", "You can only add accounts you follow to a list.");
        }
        var present = await db.ListMembers.Where(m => m.ListId == list.Id && ids.Contains(m.AccountId)).Select(m => m.AccountId).ToListAsync(ct);
        foreach (var id in ids.Except(present))
        {
            db.ListMembers.Add(new AccountListMember { Id = Snowflake.NewId(), ListId = list.Id, AccountId = id, CreatedAt = time.UtcNow() });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A second request adding the same member at once hit the unique index; the member is in the list either way.
            db.ChangeTracker.Clear();
        }
    }

    public async Task RemoveMembersAsync(long ownerId, long listId, IReadOnlyCollection<long> accountIds, CancellationToken ct = default)
    {
        var list = await OwnAsync(ownerId, listId, ct);
        var ids = accountIds.Distinct().ToList();
        await db.ListMembers.Where(m => m.ListId == list.Id && ids.Contains(m.AccountId)).ExecuteDeleteAsync(ct);
    }

    private static string ValidTitle(string? title)
    {
        var clean = (title ?? "").Trim();
        if (clean.Length == 0)
        {
            throw KindredException.Invalid("title", "The list needs a title.");
        }
        if (clean.Length > MaxTitle)
        {
            throw KindredException.Invalid("title", $"The title is too long (at most {MaxTitle} characters).");
        }
        return clean;
    }

    private async Task<AccountList> OwnAsync(long ownerId, long listId, CancellationToken ct) =>
        await db.Lists.FirstOrDefaultAsync(l => l.Id == listId && l.AccountId == ownerId, ct) ?? throw KindredException.NotFound();
}
