using Kindred.Core.CustomEmojis;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>Custom emojis on the wire (ADR 82): the <c>emojis</c> arrays of statuses, accounts, polls and
/// announcements name the enabled emojis their texts write, from one batch per request (<see cref="CustomEmojiQueries"/>).</summary>
public sealed class CustomEmojiRenderer(PublicUrls urls, CustomEmojiQueries emojis)
{
    public MastodonCustomEmoji Render(CustomEmoji emoji)
    {
        ArgumentNullException.ThrowIfNull(emoji);
        var url = urls.Media(emoji.File, "");
        return new MastodonCustomEmoji(emoji.Shortcode, url, url, emoji.VisibleInPicker, emoji.Category);
    }

    /// <summary>The enabled emojis any of <paramref name="texts"/> writes, loaded once for a whole batch.</summary>
    public Task<IReadOnlyDictionary<string, CustomEmoji>> LookupAsync(IEnumerable<string?> texts, CancellationToken ct) =>
        emojis.LookupAsync(texts, ct);

    /// <summary>The rendered emojis of <paramref name="lookup"/> that <paramref name="texts"/> write.</summary>
    public IReadOnlyList<object> Pick(IReadOnlyDictionary<string, CustomEmoji> lookup, params string?[] texts) =>
        CustomEmojiQueries.Pick(lookup, texts).Select(e => (object)Render(e)).ToList();
}
