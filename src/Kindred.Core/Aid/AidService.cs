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
