using System.Text.Json.Serialization;

namespace Kindred.Server.Mastodon.Models;

/// <summary>The Filter entity (Mastodon docs: entities/Filter); inside a FilterResult its keywords and statuses are
/// left out, as Mastodon does.</summary>
public sealed record MastodonFilter(
    string Id,
    string Title,
    IReadOnlyList<string> Context,
    string? ExpiresAt,
    string FilterAction,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<MastodonFilterKeyword>? Keywords,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<MastodonFilterStatus>? Statuses);
