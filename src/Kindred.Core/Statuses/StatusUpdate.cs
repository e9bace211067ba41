using Kindred.Core.Media;

namespace Kindred.Core.Statuses;

/// <summary>An edit: the new text, content warning, sensitivity and language. Visibility cannot change (as on Mastodon).
/// <see cref="MediaIds"/>, when given, becomes the list of images; <see cref="MediaChanges"/> re-describe them.</summary>
public sealed record StatusUpdate(
    string Text,
    string BaseUrl,
    string? SpoilerText = null,
    bool Sensitive = false,
    string? Language = null,
    IReadOnlyList<long>? MediaIds = null,
    IReadOnlyList<MediaChange>? MediaChanges = null);
