namespace Kindred.Server.Mastodon.Models;

/// <summary>The Application entity, with the credentials that only POST /api/v1/apps returns.</summary>
public sealed class MastodonApplication
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Website { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required IReadOnlyList<string> RedirectUris { get; init; }
    public required string RedirectUri { get; init; }
    public string? VapidKey { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientSecret { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? ClientSecretExpiresAt { get; init; }
}
