using System.Globalization;
using Kindred.Core.Aid;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.KindredApi.Rendering;

/// <summary>Aid items and categories on the wire; every field written out by hand so nothing leaks by accident.</summary>
public sealed class AidRenderer(PublicUrls urls, AccountRenderer accounts)
{
    /// <summary>English names of the built-in categories; the web pages translate them by slug (Text.resx).</summary>
    private static readonly Dictionary<string, string> BuiltInNames = new(StringComparer.Ordinal)
    {
        ["childcare"] = "Childcare",
        ["shelter"] = "Shelter and housing",
        ["food"] = "Food",
        ["transport"] = "Transport",
        ["listening"] = "Listening and moral support",
        ["errands"] = "Errands",
        ["skills"] = "Skills",
        ["other"] = "Other",
    };

    public async Task<List<AidItemDto>> RenderManyAsync(IReadOnlyList<AidListEntry> entries, long? viewerId, CancellationToken ct = default)
    {
        var owners = entries.Select(e => e.Owner).DistinctBy(a => a.Id).ToList();
        var rendered = (await accounts.RenderManyAsync(owners, viewerId, ct)).ToDictionary(a => a.Id);
        return entries.Select(e => Render(e, rendered[Id(e.Owner.Id)], viewerId)).ToList();
    }

    private AidItemDto Render(AidListEntry entry, MastodonAccount account, long? viewerId)
    {
        var item = entry.Item;
        var own = viewerId == item.AccountId;
        return new AidItemDto(
            Id(item.Id),
            item.Kind == AidKind.Request ? "request" : "offer",
            Render(entry.Category),
            item.Title,
            item.Description,
            item.DescriptionHtml,
            item.AreaName,
            own ? item.Latitude : null,
            own ? item.Longitude : null,
            entry.Distance?.UpperKm,
            entry.Distance?.Name,
            item.StartsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            item.EndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            item.AvailabilityMask,
            item.Kind == AidKind.Request ? Name(item.Urgency) : null,
            Name(item.Audience),
            item.GroupId is { } g ? Id(g) : null,
            Name(item.AnswerPolicy),
            item.Sensitive,
            Name(item.State),
            item.CreatedAt,
            item.UpdatedAt,
            item.ExpiresAt,
            item.EndedAt,
            urls.Absolute("/aid/" + Id(item.Id)),
            own,
            account);
    }

    public static AidCategoryDto Render(AidCategory category) => new(
        Id(category.Id),
        category.Slug,
        category.Name ?? BuiltInNames.GetValueOrDefault(category.Slug, category.Slug),
        category.Name is null && BuiltInNames.ContainsKey(category.Slug),
        category.Archived);

    public static string Name(AidUrgency urgency) => urgency.ToString().ToLowerInvariant();

    public static string Name(AidItemState state) => state switch
    {
        AidItemState.InProgress => "in_progress",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Name(AidAudience audience) => audience switch
    {
        AidAudience.VettedHelpers => "vetted_helpers",
        _ => audience.ToString().ToLowerInvariant(),
    };

    public static string Name(AidAnswerPolicy policy) => policy == AidAnswerPolicy.VettedHelpersOnly ? "vetted_helpers" : "anyone";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
