using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Data.Entities;

namespace Kindred.Server.Mastodon.Groups;

/// <summary>
/// Reads a group's settings from a request: Truth Social's names (display_name, note, group_visibility) and Kindred's own
/// (name, description, visibility, join_policy, rules, questions[], tags[], area and centre, parent). Absent keys stay null,
/// so an update changes only what was sent.
/// </summary>
public static class GroupParams
{
    public static GroupInput Read(MastodonParams input)
    {
        // An empty latitude/longitude pair removes the centre; an empty parent_id makes the group top-level again.
        var clearLocation = input.Has("latitude") && string.IsNullOrEmpty(input.Value("latitude", 40)) && string.IsNullOrEmpty(input.Value("longitude", 40));
        var clearParent = input.Has("parent_id") && string.IsNullOrEmpty(input.Value("parent_id", 30));
        return new GroupInput
        {
            Name = input.Value("display_name", 1000) ?? input.Value("name", 1000),
            Slug = input.Value("slug", 1000),
            Description = input.Value("note", 20_000) ?? input.Value("description", 20_000),
            Rules = input.Value("rules", 20_000),
            Visibility = Visibility(input),
            JoinPolicy = JoinPolicy(input.Value("join_policy", 30)),
            Kind = Kind(input.Value("kind", 30)),
            AreaName = input.Value("area_name", 1000),
            Latitude = clearLocation ? null : input.Number("latitude"),
            Longitude = clearLocation ? null : input.Number("longitude"),
            RadiusKm = input.WholeNumber("radius_km"),
            ClearLocation = clearLocation,
            ParentId = clearParent ? null : input.Id("parent_id"),
            ClearParent = clearParent,
            SurfaceInParent = input.Bool("surface_in_parent"),
            Tags = input.Has("tags") ? input.List("tags") : null,
            Questions = input.Has("questions") ? input.List("questions") : null,
        };
    }

    /// <summary>An uploaded image file (avatar or header), or null when none was sent.</summary>
    public static Stream? File(MastodonParams input, string key) => input.Files.GetFile(key)?.OpenReadStream();

    /// <summary>An empty avatar or header value (not a file) removes the image, so a client can clear it without a separate endpoint.</summary>
    public static bool Removes(MastodonParams input, string key) => input.Files.GetFile(key) is null && input.Has(key) && string.IsNullOrEmpty(input.Value(key, 10));

    /// <summary>account_ids[] (or a single account_id) as numbers; one that is not a number names no account.</summary>
    public static List<long> AccountIds(MastodonParams input)
    {
        var values = input.List("account_ids").Concat(input.Value("account_id", 30) is { Length: > 0 } one ? [one] : []);
        return values.Select(v => Ids.TryParse(v, out var n) ? n : -1).Distinct().ToList();
    }

    private static GroupVisibility? Visibility(MastodonParams input)
    {
        var kindred = input.Value("visibility", 30);
        if (!string.IsNullOrEmpty(kindred))
        {
            return kindred switch
            {
                "public" => GroupVisibility.Public,
                "members_only" => GroupVisibility.Members,
                "secret" => GroupVisibility.Secret,
                _ => throw KindredException.Invalid("visibility", "visibility must be public, members_only or secret."),
            };
        }
        return input.Value("group_visibility", 30) switch
        {
            null or "" => null,
            "everyone" => GroupVisibility.Public,
            "members_only" => GroupVisibility.Members,
            _ => throw KindredException.Invalid("group_visibility", "group_visibility must be everyone or members_only."),
        };
    }

    private static GroupJoinPolicy? JoinPolicy(string? value) => value switch
    {
        null or "" => null,
        "open" => GroupJoinPolicy.Open,
        "approval" => GroupJoinPolicy.Approval,
        "invite_only" => GroupJoinPolicy.InviteOnly,
        _ => throw KindredException.Invalid("join_policy", "join_policy must be open, approval or invite_only."),
    };

    private static GroupKind? Kind(string? value) => value switch
    {
        null or "" => null,
        "interest" => GroupKind.Interest,
        "place" => GroupKind.Place,
        "both" => GroupKind.Both,
        _ => throw KindredException.Invalid("kind", "kind must be interest, place or both."),
    };

}
