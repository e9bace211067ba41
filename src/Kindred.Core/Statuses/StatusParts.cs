using Kindred.Data.Entities;

namespace Kindred.Core.Statuses;

/// <summary>
/// What rendering a status needs beyond its own row and is the same for every viewer: its images in order and the
/// accounts it mentions (ADR 100). Kept by <see cref="StatusPartsCache"/>; the media rows are shared between requests
/// and must only be read.
/// </summary>
public sealed record StatusParts(IReadOnlyList<MediaAttachment> Media, IReadOnlyDictionary<long, MentionedAccount> Mentioned)
{
    /// <summary>An approximate size in bytes, counted against the cache's limit: objects, strings (two bytes a
    /// character) and the dictionary's entries.</summary>
    public long Bytes =>
        160
        + Media.Sum(m => 200L + (2L * (m.File.Length + m.ThumbnailFile.Length + (m.Description?.Length ?? 0) + (m.Blurhash?.Length ?? 0))))
        + Mentioned.Values.Sum(a => 96L + (2L * (a.Username.Length + (a.Domain?.Length ?? 0))));
}
