using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Aid;

/// <summary>
/// Every change to aid items (ADR 27). An item the actor may not see (<see cref="AidVisibility"/>) is "not found"; one
/// they see but may not change is "forbidden". Locations are rounded on the way in; there is no way to store an address.
/// </summary>
public sealed class AidService(KindredDbContext db, TimeProvider time)
{
    /// <summary>Posts a request or an offer. The area defaults to the member's own coarse home area.</summary>
    public async Task<AidItem> CreateAsync(long accountId, AidInput input, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Account).FirstOrDefaultAsync(u => u.Id == accountId, ct);
        if (user?.Status != UserStatus.Active)
        {
            throw KindredException.Forbidden("Your account is not active.");
        }
        var now = time.UtcNow();
        var kind = input.Kind ?? throw KindredException.Invalid("kind", "Say whether you are asking for help or offering it.");
        var category = await CategoryAsync(input.Category, ct);
        var audience = input.Audience ?? AidAudience.Members;
        var sensitive = input.Sensitive ?? false;
        AidRules.Audience(audience, input.GroupId, sensitive);
        if (input.GroupId is { } groupId
            && !await db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.AccountId == accountId, ct))
        {
            throw KindredException.Invalid("group_id", "You can only share with a group you are a member of.");
        }
        AidRules.Window(input.StartsOn, input.EndsOn, DateOnly.FromDateTime(now));
        var item = new AidItem
        {
            Id = Snowflake.NewId(now),
            Kind = kind,
            AccountId = accountId,
            CategoryId = category.Id,
            Title = AidRules.Title(input.Title),
            Description = AidRules.Description(input.Description),
            StartsOn = input.StartsOn,
            EndsOn = input.EndsOn,
            AvailabilityMask = AidRules.Availability(input.AvailabilityMask ?? 0),
            Urgency = kind == AidKind.Request ? input.Urgency ?? AidUrgency.Normal : AidUrgency.Normal,
            Audience = audience,
            GroupId = input.GroupId,
            AnswerPolicy = input.AnswerPolicy ?? AidAnswerPolicy.Anyone,
            Sensitive = sensitive,
            State = AidItemState.Open,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now.AddDays(AidRules.OpenForDays(input.OpenForDays ?? AidRules.DefaultOpenDays)),
        };
        item.DescriptionHtml = item.Description.Length == 0 ? "" : SafeHtml.RenderMarkdown(item.Description);
        item.SearchText = AidSearchText.Of(item.Title, item.Description);
        if (input.Latitude is { } lat && input.Longitude is { } lon)
        {
            (item.Latitude, item.Longitude) = CoarseLocation.Round(lat, lon);
        }
        else if (input.Latitude is not null || input.Longitude is not null)
        {
            throw KindredException.Invalid("latitude", "Give both latitude and longitude, or neither.");
        }
        else if (!input.ClearLocation)
        {
            item.Latitude = user.Account.Latitude;
            item.Longitude = user.Account.Longitude;
        }
        item.AreaName = input.AreaName is not null ? AidRules.AreaName(input.AreaName) : user.Account.AreaName;
        db.AidItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>
    /// Changes the owner's item with the rules of <see cref="CreateAsync"/>; nulls leave a value as it is. Only an open or
    /// in-progress item can be changed. A new <see cref="AidInput.OpenForDays"/> moves the expiry from now and lets the
    /// "closing soon" nudge go once more for the new date.
    /// </summary>
    public async Task<AidItem> UpdateAsync(long accountId, long itemId, AidInput input, CancellationToken ct = default)
    {
        var item = await OwnAsync(accountId, itemId, ct);
        if (item.State is not (AidItemState.Open or AidItemState.InProgress))
        {
            throw KindredException.Invalid("state", "This item has ended; reopen it before changing it.");
        }
        var now = time.UtcNow();
        if (input.Kind is { } kind && kind != item.Kind)
        {
            throw KindredException.Invalid("kind", "A request cannot become an offer, nor an offer a request; post a new one instead.");
        }
        var category = input.Category is null ? null : await CategoryAsync(input.Category, ct);
        var audience = input.Audience ?? item.Audience;
        var groupId = input.Audience is null && input.GroupId is null ? item.GroupId
            : audience == AidAudience.Group ? input.GroupId ?? item.GroupId : input.GroupId;
        var sensitive = input.Sensitive ?? item.Sensitive;
        AidRules.Audience(audience, groupId, sensitive);
        if (groupId is { } group && group != item.GroupId
            && !await db.GroupMemberships.AnyAsync(m => m.GroupId == group && m.AccountId == accountId, ct))
        {
            throw KindredException.Invalid("group_id", "You can only share with a group you are a member of.");
        }
        var startsOn = input.StartsOn ?? item.StartsOn;
        var endsOn = input.EndsOn ?? item.EndsOn;
        AidRules.Window(startsOn, endsOn, DateOnly.FromDateTime(now));
        var title = input.Title is null ? item.Title : AidRules.Title(input.Title);
        var description = input.Description is null ? item.Description : AidRules.Description(input.Description);
        var mask = input.AvailabilityMask is { } m ? AidRules.Availability(m) : item.AvailabilityMask;
        var area = input.AreaName is null ? item.AreaName : AidRules.AreaName(input.AreaName);
        var days = input.OpenForDays is { } d ? AidRules.OpenForDays(d) : (int?)null;
        (double?, double?) location = (item.Latitude, item.Longitude);
        if (input.Latitude is { } lat && input.Longitude is { } lon)
        {
            var (rlat, rlon) = CoarseLocation.Round(lat, lon);
            location = (rlat, rlon);
        }
        else if (input.Latitude is not null || input.Longitude is not null)
        {
            throw KindredException.Invalid("latitude", "Give both latitude and longitude, or neither.");
        }
        else if (input.ClearLocation)
        {
            location = (null, null);
        }

        // Every check passed: only now is the tracked entity touched, so bad input changes nothing.
        if (category is not null)
        {
            item.CategoryId = category.Id;
        }
        item.Title = title;
        if (description != item.Description)
        {
            item.Description = description;
            item.DescriptionHtml = description.Length == 0 ? "" : SafeHtml.RenderMarkdown(description);
        }
        item.SearchText = AidSearchText.Of(item.Title, item.Description);
        item.AreaName = area;
        (item.Latitude, item.Longitude) = location;
        item.StartsOn = startsOn;
        item.EndsOn = endsOn;
        item.AvailabilityMask = mask;
        if (item.Kind == AidKind.Request && input.Urgency is { } urgency)
        {
            item.Urgency = urgency;
        }
        item.Audience = audience;
        item.GroupId = groupId;
        item.AnswerPolicy = input.AnswerPolicy ?? item.AnswerPolicy;
        item.Sensitive = sensitive;
        if (days is { } open)
        {
            item.ExpiresAt = now.AddDays(open);
            item.ClosingSoonSentAt = null;
        }
        item.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>
    /// Closes an open or in-progress item without it being fulfilled: by its owner, or by a safeguarding lead stepping in.
    /// Anyone else who can see it is refused; anyone who cannot gets "not found".
    /// </summary>
    public async Task<AidItem> CloseAsync(long accountId, long itemId, CancellationToken ct = default)
    {
        var viewer = await AidViewer.LoadAsync(db, Viewer.Member(accountId), ct);
        var item = await db.AidItems.Where(i => i.Id == itemId).VisibleTo(db, viewer).FirstOrDefaultAsync(ct)
            ?? throw KindredException.NotFound();
        if (item.AccountId != accountId && !viewer.IsSafeguardingLead)
        {
            throw KindredException.Forbidden("Only the person who posted this can close it.");
        }
        if (item.State is not (AidItemState.Open or AidItemState.InProgress))
        {
            throw KindredException.Invalid("state", "This item has already ended.");
        }
        var now = time.UtcNow();
        item.State = AidItemState.Closed;
        item.EndedAt = now;
        item.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>
    /// Opens a closed or expired item again, for its owner only (a lead's closing may have been a safeguarding decision,
    /// so it is not undone here by anyone but the owner either). Fulfilled items stay fulfilled. The item stays open for
    /// <paramref name="openForDays"/> more days and may be nudged again before it expires.
    /// </summary>
    public async Task<AidItem> ReopenAsync(long accountId, long itemId, int? openForDays = null, CancellationToken ct = default)
    {
        var item = await OwnAsync(accountId, itemId, ct);
        if (item.State is not (AidItemState.Closed or AidItemState.Expired))
        {
            throw KindredException.Invalid("state", "Only a closed or expired item can be reopened.");
        }
        var now = time.UtcNow();
        if (item.EndsOn is { } end && end < DateOnly.FromDateTime(now))
        {
            throw KindredException.Invalid("ends_on", "The last day is already past; change the dates in a new item.");
        }
        item.State = item.FirstResponseAt is not null && await db.AidResponses.AnyAsync(r => r.ItemId == item.Id && r.State == AidResponseState.Accepted, ct)
            ? AidItemState.InProgress
            : AidItemState.Open;
        item.EndedAt = null;
        item.ExpiresAt = now.AddDays(AidRules.OpenForDays(openForDays ?? AidRules.DefaultOpenDays));
        item.ClosingSoonSentAt = null;
        item.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>The caller's own item, tracked for a change: someone else's is "not found" or "forbidden" as they may see it.</summary>
    private async Task<AidItem> OwnAsync(long accountId, long itemId, CancellationToken ct)
    {
        var item = await db.AidItems.FirstOrDefaultAsync(i => i.Id == itemId, ct) ?? throw KindredException.NotFound();
        if (item.AccountId == accountId)
        {
            return item;
        }
        var viewer = await AidViewer.LoadAsync(db, Viewer.Member(accountId), ct);
        throw await db.AidItems.Where(i => i.Id == itemId).VisibleTo(db, viewer).AnyAsync(ct)
            ? KindredException.Forbidden("Only the person who posted this can change it.")
            : KindredException.NotFound();
    }

    /// <summary>A category that may take new items, by slug.</summary>
    private async Task<AidCategory> CategoryAsync(string? slug, CancellationToken ct)
    {
        var clean = (slug ?? "").Trim().ToLowerInvariant();
        if (clean.Length == 0)
        {
            throw KindredException.Invalid("category", "Choose a category.");
        }
        return await db.AidCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == clean && !c.Archived, ct)
            ?? throw KindredException.Invalid("category", $"There is no category \"{clean}\".");
    }

    /// <summary>An item as <paramref name="viewer"/> may see it, or not found.</summary>
    public async Task<AidItem> VisibleAsync(long itemId, Viewer viewer, CancellationToken ct = default)
    {
        var aidViewer = await AidViewer.LoadAsync(db, viewer, ct);
        return await db.AidItems.Where(i => i.Id == itemId).VisibleTo(db, aidViewer).FirstOrDefaultAsync(ct)
            ?? throw KindredException.NotFound();
    }
}
