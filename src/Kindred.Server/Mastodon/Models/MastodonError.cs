namespace Kindred.Server.Mastodon.Models;

/// <summary>The Error entity (Mastodon docs: entities/Error). <see cref="Details"/> names the field at fault on 422s.</summary>
public sealed class MastodonError
{
    public required string Error { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, object[]>? Details { get; init; }
}
