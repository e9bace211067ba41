using System.Globalization;
using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Core.Places;
using Kindred.Data.Entities;

namespace Kindred.Server.Web.Aid;

/// <summary>
/// The fields of the new and edit pages, as typed. Dates and numbers stay text until <see cref="ToInput"/>, so a typo
/// becomes an error beside its field. Times of day apply to every day of the week: a phone form with 21 boxes helps nobody.
/// </summary>
public sealed class AidFormInput
{
    public AidKind Kind { get; set; } = AidKind.Request;
    public string? Category { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? AreaName { get; set; }
    public bool NoArea { get; set; }
    public string? StartsOn { get; set; }
    public string? EndsOn { get; set; }
    public bool Mornings { get; set; }
    public bool Afternoons { get; set; }
    public bool Evenings { get; set; }
    public AidUrgency Urgency { get; set; } = AidUrgency.Normal;
    public AidAudience Audience { get; set; } = AidAudience.Members;
    public string? GroupId { get; set; }
    public bool VettedOnly { get; set; }
    public bool Sensitive { get; set; }
    public string? OpenForDays { get; set; }

    /// <summary>The core's field names mapped to these properties, for errors beside their input.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["kind"] = nameof(Kind),
        ["category"] = nameof(Category),
        ["title"] = nameof(Title),
        ["description"] = nameof(Description),
        ["area_name"] = nameof(AreaName),
        ["starts_on"] = nameof(StartsOn),
        ["ends_on"] = nameof(EndsOn),
        ["audience"] = nameof(Audience),
        ["group_id"] = nameof(GroupId),
        ["open_for_days"] = nameof(OpenForDays),
    };

    public static AidFormInput From(AidItem item, AidCategory category) => new()
    {
        Kind = item.Kind,
        Category = category.Slug,
        Title = item.Title,
        Description = item.Description,
        AreaName = item.AreaName,
        NoArea = item.Latitude is null && item.AreaName is null,
        StartsOn = item.StartsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        EndsOn = item.EndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Mornings = HasPart(item.AvailabilityMask, 0),
        Afternoons = HasPart(item.AvailabilityMask, 1),
        Evenings = HasPart(item.AvailabilityMask, 2),
        Urgency = item.Urgency,
        Audience = item.Audience,
        GroupId = item.GroupId?.ToString(CultureInfo.InvariantCulture),
        VettedOnly = item.AnswerPolicy == AidAnswerPolicy.VettedHelpersOnly,
        Sensitive = item.Sensitive,
    };

    /// <summary>
    /// A chosen place (ADR 88) sets the item's area name and coarse centre; otherwise the item keeps what it had, or the
    /// owner's home area for a new one, as before places existed.
    /// </summary>
    public async Task<AidInput> WithPlaceAsync(AidInput input, PlaceQueries places, string? currentArea, CancellationToken ct)
    {
        if (NoArea)
        {
            return input;
        }
        var place = await places.ChooseAsync(AreaName, currentArea, "area_name", ct);
        return place is null ? input : input with { AreaName = place.Label, Latitude = place.Latitude, Longitude = place.Longitude };
    }

    /// <summary>What the core is asked to write. On edit, an untouched time-of-day choice keeps a finer mask set through the API.</summary>
    public AidInput ToInput(int? currentMask = null)
    {
        int? days = null;
        if (!string.IsNullOrWhiteSpace(OpenForDays))
        {
            days = int.TryParse(OpenForDays.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
                ? d
                : throw KindredException.Invalid("open_for_days", $"An item stays open between 1 and {AidRules.MaxOpenDays} days.");
        }
        long? group = null;
        if (Audience == AidAudience.Group)
        {
            group = Ids.TryParse(GroupId, out var g)
                ? g
                : throw KindredException.Invalid("group_id", "Choose the group that should see this.");
        }
        var mask = Mask();
        if (currentMask is { } current && mask == Mask(current))
        {
            mask = current;
        }
        return new AidInput
        {
            Kind = Kind,
            Category = Category ?? "",
            Title = Title ?? "",
            Description = Description ?? "",
            AreaName = NoArea ? "" : AreaName ?? "",
            ClearLocation = NoArea,
            StartsOn = Date(StartsOn, "starts_on"),
            EndsOn = Date(EndsOn, "ends_on"),
            AvailabilityMask = mask,
            Urgency = Urgency,
            Audience = Audience,
            GroupId = group,
            AnswerPolicy = VettedOnly ? AidAnswerPolicy.VettedHelpersOnly : AidAnswerPolicy.Anyone,
            Sensitive = Sensitive,
            OpenForDays = days,
        };
    }

    private int Mask()
    {
        var parts = new[] { Mornings, Afternoons, Evenings };
        if (parts.All(p => p) || parts.All(p => !p))
        {
            return 0;
        }
        var mask = 0;
        for (var day = 0; day < 7; day++)
        {
            for (var part = 0; part < 3; part++)
            {
                if (parts[part])
                {
                    mask |= 1 << ((day * 3) + part);
                }
            }
        }
        return mask;
    }

    // The mask the three boxes would give for a stored one, to tell whether the member changed them.
    private static int Mask(int stored)
    {
        var copy = new AidFormInput { Mornings = HasPart(stored, 0), Afternoons = HasPart(stored, 1), Evenings = HasPart(stored, 2) };
        return copy.Mask();
    }

    private static bool HasPart(int mask, int part) =>
        mask != 0 && Enumerable.Range(0, 7).Any(day => (mask & (1 << ((day * 3) + part))) != 0);

    private static DateOnly? Date(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1900 and <= 2200 ? date
        : throw KindredException.Invalid(field, "Enter a date such as 2026-12-24.");
}
