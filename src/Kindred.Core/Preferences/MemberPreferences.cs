using Kindred.Data.Entities;

namespace Kindred.Core.Preferences;

/// <summary>A member's posting defaults and reading preferences (ADR 80), what Mastodon's /api/v1/preferences shows.
/// <see cref="Visibility"/> is null until the member chooses one.</summary>
public sealed record MemberPreferences(Audience? Visibility, bool Sensitive, string? Language, MediaExpansion ExpandMedia, bool ExpandSpoilers);
