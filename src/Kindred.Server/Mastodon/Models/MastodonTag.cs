using System.Text.Json.Serialization;

namespace Kindred.Server.Mastodon.Models;

/// <summary>Tag (Mastodon docs: entities/Tag). <see cref="Following"/> is there only for a signed-in member, as on
/// Mastodon; <see cref="Id"/> is empty for a name nobody has used or followed yet (ADR 80).</summary>
public sealed record MastodonTag(
    string Id,
    string Name,
    string Url,
    IReadOnlyList<MastodonTagHistory> History,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Following = null);
