namespace Kindred.Server.KindredApi.Models;

/// <summary>The "kindred" key on an Account: the parts of a profile Mastodon has no place for. Each part is null
/// when the viewer may not see it.</summary>
public sealed class KindredProfile
{
    public string? AreaName { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public IReadOnlyList<string>? Interests { get; init; }
    public IReadOnlyList<string>? Skills { get; init; }
    public string AreaVisibility { get; init; } = "members";
    public string TagsVisibility { get; init; } = "public";

    /// <summary>Who may send the member private messages (everyone, following, nobody): only on the member's own
    /// account (verify_credentials, update_credentials), never shown to others (ADR 17).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? DirectMessages { get; init; }

    /// <summary>Who may mention the member (everyone, following, nobody; ADR 75): only on the member's own account.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Mentions { get; init; }

    /// <summary>How often the member gets the digest e-mail (daily, weekly, off; ADR 25): only on the member's own account.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? DigestFrequency { get; init; }

    /// <summary>The member's IANA time zone, used for the digest's hour; only on the member's own account, absent when unset.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeZone { get; init; }
}
