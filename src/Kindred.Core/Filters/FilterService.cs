using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Filters;

/// <summary>Creating, changing and deleting a member's filters, their keywords and their statuses. A filter belongs
/// to one member; to anyone else it does not exist ("not found"). Every check runs before anything is saved, so a
/// refused request changes nothing.</summary>
public sealed class FilterService(KindredDbContext db, TimeProvider time)
{
    public const int MaxTitle = 200;
    public const int MaxKeyword = 200;
    public const int MaxFilters = 100;
    public const int MaxKeywordsPerFilter = 100;
    public const int MaxStatusesPerFilter = 1000;

    /// <summary>Ten years: longer is "never", which the member can say by leaving the expiry empty.</summary>
    public const long MaxExpiresIn = 10L * 366 * 24 * 3600;

    public async Task<Filter> CreateAsync(long ownerId, FilterChange change, CancellationToken ct = default)
    {
        var filter = new Filter
        {
            Id = Snowflake.NewId(time.UtcNow()),
            AccountId = ownerId,
            Title = ValidTitle(change.Title),
            Contexts = change.Contexts is { } contexts && contexts != FilterContexts.None
                ? contexts
                : throw KindredException.Invalid("context", "Choose at least one context."),
            Action = change.Action ?? FilterAction.Warn,
            ExpiresAt = change.SetsExpiry ? ExpiryFrom(change.ExpiresIn) : null,
            CreatedAt = time.UtcNow(),
        };
        ApplyKeywords(filter, change.Keywords ?? []);
        if (await db.Filters.CountAsync(f => f.AccountId == ownerId, ct) >= MaxFilters)
        {
            throw KindredException.Invalid("title", $"You can have at most {MaxFilters} filters.");
        }
        db.Filters.Add(filter);
        await db.SaveChangesAsync(ct);
        return filter;
    }

    public async Task<Filter> UpdateAsync(long ownerId, long filterId, FilterChange change, CancellationToken ct = default)
    {
        var filter = await OwnAsync(ownerId, filterId, ct);
        if (change.Title is not null)
        {
            filter.Title = ValidTitle(change.Title);
        }
        if (change.Contexts is { } contexts)
        {
            filter.Contexts = contexts != FilterContexts.None ? contexts : throw KindredException.Invalid("context", "Choose at least one context.");
        }
        filter.Action = change.Action ?? filter.Action;
        if (change.SetsExpiry)
        {
            filter.ExpiresAt = ExpiryFrom(change.ExpiresIn);
        }
        ApplyKeywords(filter, change.Keywords ?? []);
        await db.SaveChangesAsync(ct);
        return filter;
    }

    public async Task DeleteAsync(long ownerId, long filterId, CancellationToken ct = default)
    {
        var filter = await OwnAsync(ownerId, filterId, ct);
        db.Filters.Remove(filter);
        await db.SaveChangesAsync(ct);
    }

    public async Task<FilterKeyword> AddKeywordAsync(long ownerId, long filterId, string? keyword, bool? wholeWord, CancellationToken ct = default)
    {
        var filter = await OwnAsync(ownerId, filterId, ct);
        ApplyKeywords(filter, [new KeywordChange(null, keyword, wholeWord)]);
        await db.SaveChangesAsync(ct);
        return filter.Keywords[^1];
    }

    public async Task<FilterKeyword> UpdateKeywordAsync(long ownerId, long keywordId, string? keyword, bool? wholeWord, CancellationToken ct = default)
    {
        var (filter, found) = await OwnKeywordAsync(ownerId, keywordId, ct);
        ApplyKeywords(filter, [new KeywordChange(found.Id, keyword, wholeWord)]);
        await db.SaveChangesAsync(ct);
        return found;
    }

    public async Task DeleteKeywordAsync(long ownerId, long keywordId, CancellationToken ct = default)
    {
        var (_, found) = await OwnKeywordAsync(ownerId, keywordId, ct);
        db.FilterKeywords.Remove(found);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds a status the owner may read; one the owner may not read is "not found", as everywhere else.</summary>
    public async Task<FilterStatus> AddStatusAsync(long ownerId, long filterId, long? statusId, CancellationToken ct = default)
    {
        var filter = await OwnAsync(ownerId, filterId, ct);
        if (statusId is not { } id)
        {
            throw KindredException.Invalid("status_id", "Choose a status.");
        }
        var status = await StatusDetails.WithDetails(db.Statuses.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == id && s.DeletedAt == null, ct);
        if (status is null || !await StatusVisibility.CanSeeAsync(db, status, Viewer.Member(ownerId), ct))
        {
            throw KindredException.NotFound();
        }
        if (filter.Statuses.Any(s => s.StatusId == id))
        {
            throw KindredException.Invalid("status_id", "This status is already in the filter.");
        }
        if (filter.Statuses.Count >= MaxStatusesPerFilter)
        {
            throw KindredException.Invalid("status_id", $"A filter holds at most {MaxStatusesPerFilter} statuses.");
        }
        var added = new FilterStatus { Id = Snowflake.NewId(time.UtcNow()), FilterId = filter.Id, StatusId = id };
        db.FilterStatuses.Add(added);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same status added twice at once hit the unique index.
            db.ChangeTracker.Clear();
            throw KindredException.Invalid("status_id", "This status is already in the filter.");
        }
        return added;
    }

    public async Task DeleteStatusAsync(long ownerId, long filterStatusId, CancellationToken ct = default)
    {
        var found = await db.FilterStatuses
            .Where(s => s.Id == filterStatusId && db.Filters.Any(f => f.Id == s.FilterId && f.AccountId == ownerId))
            .FirstOrDefaultAsync(ct) ?? throw KindredException.NotFound();
        db.FilterStatuses.Remove(found);
        await db.SaveChangesAsync(ct);
    }

    private void ApplyKeywords(Filter filter, IReadOnlyList<KeywordChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.Id is { } id)
            {
                var existing = filter.Keywords.FirstOrDefault(k => k.Id == id) ?? throw KindredException.NotFound();
                if (change.Destroy)
                {
                    filter.Keywords.Remove(existing);
                    db.FilterKeywords.Remove(existing);
                    continue;
                }
                if (change.Keyword is not null)
                {
                    existing.Keyword = ValidKeyword(change.Keyword);
                }
                existing.WholeWord = change.WholeWord ?? existing.WholeWord;
                continue;
            }
            if (change.Destroy)
            {
                continue;
            }
            filter.Keywords.Add(new FilterKeyword
            {
                Id = Snowflake.NewId(time.UtcNow()),
                FilterId = filter.Id,
                Keyword = ValidKeyword(change.Keyword),
                WholeWord = change.WholeWord ?? true,
            });
        }
        if (filter.Keywords.Count > MaxKeywordsPerFilter)
        {
            throw KindredException.Invalid("keyword", $"A filter holds at most {MaxKeywordsPerFilter} keywords.");
        }
    }

    private DateTime? ExpiryFrom(long? seconds) => seconds switch
    {
        null => null,
        <= 0 => throw KindredException.Invalid("expires_in", "expires_in must be a number of seconds greater than zero."),
        > MaxExpiresIn => throw KindredException.Invalid("expires_in", "expires_in is too far away; leave it empty for a filter that never expires."),
        _ => time.UtcNow().AddSeconds(seconds.Value),
    };

    private static string ValidTitle(string? title)
    {
        var clean = (title ?? "").Trim();
        if (clean.Length == 0)
        {
            throw KindredException.Invalid("title", "The filter needs a title.");
        }
        return clean.Length <= MaxTitle ? clean : throw KindredException.Invalid("title", $"The title is too long (at most {MaxTitle} characters).");
    }

    private static string ValidKeyword(string? keyword)
    {
        var clean = (keyword ?? "").Trim();
        if (clean.Length == 0)
        {
            throw KindredException.Invalid("keyword", "A keyword cannot be empty.");
        }
        return clean.Length <= MaxKeyword ? clean : throw KindredException.Invalid("keyword", $"The keyword is too long (at most {MaxKeyword} characters).");
    }

    private async Task<Filter> OwnAsync(long ownerId, long filterId, CancellationToken ct) =>
        await db.Filters.Include(f => f.Keywords).Include(f => f.Statuses).AsSplitQuery()
            .FirstOrDefaultAsync(f => f.Id == filterId && f.AccountId == ownerId, ct) ?? throw KindredException.NotFound();

    private async Task<(Filter Filter, FilterKeyword Keyword)> OwnKeywordAsync(long ownerId, long keywordId, CancellationToken ct)
    {
        var filterId = await db.FilterKeywords.Where(k => k.Id == keywordId).Select(k => (long?)k.FilterId).FirstOrDefaultAsync(ct) ?? throw KindredException.NotFound();
        var filter = await OwnAsync(ownerId, filterId, ct);
        return (filter, filter.Keywords.First(k => k.Id == keywordId));
    }
}
