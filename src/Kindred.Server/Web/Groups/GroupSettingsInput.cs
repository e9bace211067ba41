using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Core.Places;
using Kindred.Data.Entities;

namespace Kindred.Server.Web.Groups;

/// <summary>
/// The fields of the create page and of the settings page, as typed. Numbers stay text until <see cref="ToInput"/>, so a
/// typo becomes an error beside its field rather than a value silently dropped by form binding.
/// </summary>
public sealed class GroupSettingsInput
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Description { get; set; }
    public GroupKind Kind { get; set; }
    public GroupVisibility Visibility { get; set; }
    public GroupJoinPolicy JoinPolicy { get; set; }
    public string? Tags { get; set; }
    public string? AreaName { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? RadiusKm { get; set; }

    /// <summary>The parent group's address (slug); blank for a top-level group.</summary>
    public string? Parent { get; set; }
    public bool SurfaceInParent { get; set; } = true;

    /// <summary>The core's field names mapped to these properties, for errors beside their input.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["name"] = nameof(Name),
        ["slug"] = nameof(Slug),
        ["description"] = nameof(Description),
        ["tags"] = nameof(Tags),
        ["area_name"] = nameof(AreaName),
        ["latitude"] = nameof(Latitude),
        ["longitude"] = nameof(Longitude),
        ["radius_km"] = nameof(RadiusKm),
        ["parent_id"] = nameof(Parent),
    };

    public static GroupSettingsInput From(Group group, Group? parent) => new()
    {
        Name = group.Name,
        Slug = group.Slug,
        Description = group.Description,
        Kind = group.Kind,
        Visibility = group.Visibility,
        JoinPolicy = group.JoinPolicy,
        Tags = string.Join(", ", group.Tags.Select(t => t.Display)),
        AreaName = group.AreaName,
        Latitude = group.Latitude?.ToString(CultureInfo.InvariantCulture),
        Longitude = group.Longitude?.ToString(CultureInfo.InvariantCulture),
        RadiusKm = group.RadiusKm?.ToString(CultureInfo.InvariantCulture),
        Parent = parent?.Slug,
        SurfaceInParent = group.SurfaceInParent,
    };

    /// <summary>
    /// Turns the area field into a place (ADR 88): a chosen place sets the area name and the coarse centre, so the form
    /// never asks for coordinates. A form that still posts coordinates (an older page, a script) keeps them as typed.
    /// </summary>
    public async Task PickPlaceAsync(PlaceQueries places, Group? current, CancellationToken ct)
    {
        if (Latitude is not null || Longitude is not null)
        {
            return;
        }
        var pick = await places.PickAsync(AreaName, current?.AreaName, current?.Latitude, current?.Longitude, "area_name", ct);
        AreaName = pick.AreaName;
        Latitude = pick.Latitude?.ToString(CultureInfo.InvariantCulture);
        Longitude = pick.Longitude?.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>What the core is asked to write; <paramref name="parentId"/> is the group <see cref="Parent"/> names.</summary>
    public GroupInput ToInput(long? parentId)
    {
        var latitude = Number(Latitude, "latitude", "The latitude must be a number between -90 and 90, such as 45.76.");
        var longitude = Number(Longitude, "longitude", "The longitude must be a number between -180 and 180, such as 4.84.");
        if (latitude is < -90 or > 90)
        {
            throw KindredException.Invalid("latitude", "The latitude must be a number between -90 and 90, such as 45.76.");
        }
        if (longitude is < -180 or > 180)
        {
            throw KindredException.Invalid("longitude", "The longitude must be a number between -180 and 180, such as 4.84.");
        }
        int? radius = null;
        if (!string.IsNullOrWhiteSpace(RadiusKm))
        {
            radius = int.TryParse(RadiusKm.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var km)
                ? km
                : throw KindredException.Invalid("radius_km", "The radius must be a whole number of kilometres.");
        }
        var noLocation = latitude is null && longitude is null;
        return new GroupInput
        {
            Name = Name ?? "",
            Slug = string.IsNullOrWhiteSpace(Slug) ? null : Slug,
            Description = Description ?? "",
            Kind = Kind,
            Visibility = Visibility,
            JoinPolicy = JoinPolicy,
            Tags = GroupPages.SplitTags(Tags),
            AreaName = AreaName ?? "",
            Latitude = latitude,
            Longitude = longitude,
            // A radius means nothing without a centre.
            RadiusKm = noLocation ? null : radius,
            ClearLocation = noLocation,
            ParentId = parentId,
            ClearParent = parentId is null,
            SurfaceInParent = SurfaceInParent,
        };
    }

    // Typed with a dot or a comma: French keyboards and habits write "45,76".
    private static double? Number(string? text, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw KindredException.Invalid(field, message);
    }
}
