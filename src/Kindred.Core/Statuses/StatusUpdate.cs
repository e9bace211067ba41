using Kindred.Core.Media;
using Kindred.Core.Polls;

namespace Kindred.Core.Statuses;

/// <summary>An edit: the new text, content warning, sensitivity and language. Visibility cannot change (as on Mastodon).
/// <see cref="Poll"/> null leaves the poll as it is; a <see cref="PollEdit"/> sets or removes it. <see cref="MediaIds"/>,
/// when given, becomes the list of images; <see cref="MediaChanges"/> re-describe them.</summary>
public sealed record StatusUpdate(
    string Text,
    string BaseUrl,
    string? SpoilerText = null,
    bool Sensitive = false,
    string? Language = null,
    PollEdit? Poll = null,
    IReadOnlyList<long>? MediaIds = null,
    IReadOnlyList<MediaChange>? MediaChanges = null);
