using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.CustomEmojis;

/// <summary>
/// Reads custom emojis (ADR 82). Scoped: the enabled emojis are loaded once per request, on first need, so a page of
/// statuses, accounts and polls costs one query for all its emojis however many it renders, and none when no text
/// holds a colon. An admin's handful of pictures fits in memory; a request that changes them sees its own change
/// because the service drops the loaded list.
/// </summary>
public sealed class CustomEmojiQueries(KindredDbContext db)
{
    private Dictionary<string, CustomEmoji>? enabled;

    /// <summary>The enabled emojis, by shortcode, in shortcode order.</summary>
    public async Task<IReadOnlyList<CustomEmoji>> EnabledAsync(CancellationToken ct = default) =>
        (await LoadAsync(ct)).Values.OrderBy(e => e.Category ?? "", StringComparer.Ordinal).ThenBy(e => e.Shortcode, StringComparer.Ordinal).ToList();

    /// <summary>Every emoji, disabled too, for the admin page.</summary>
    public async Task<IReadOnlyList<CustomEmoji>> AllAsync(CancellationToken ct = default) =>
        await db.CustomEmojis.AsNoTracking().OrderBy(e => e.Shortcode).ToListAsync(ct);

    /// <summary>The enabled emojis written in any of <paramref name="texts"/>, each once, in shortcode order.</summary>
    public async Task<IReadOnlyList<CustomEmoji>> UsedInAsync(IEnumerable<string?> texts, CancellationToken ct = default)
    {
        var codes = texts.SelectMany(EmojiShortcodes.In).ToHashSet(StringComparer.Ordinal);
        if (codes.Count == 0)
        {
            return [];
        }
        var all = await LoadAsync(ct);
        return codes.Where(all.ContainsKey).Order(StringComparer.Ordinal).Select(c => all[c]).ToList();
    }

    /// <summary>The enabled emojis by shortcode, for callers that pick per text from one batch (renderers).</summary>
    public async Task<IReadOnlyDictionary<string, CustomEmoji>> LookupAsync(IEnumerable<string?> texts, CancellationToken ct = default) =>
        (await UsedInAsync(texts, ct)).ToDictionary(e => e.Shortcode, StringComparer.Ordinal);

    /// <summary>Those of <paramref name="lookup"/> written in <paramref name="texts"/>, in shortcode order.</summary>
    public static IReadOnlyList<CustomEmoji> Pick(IReadOnlyDictionary<string, CustomEmoji> lookup, params string?[] texts)
    {
        if (lookup.Count == 0)
        {
            return [];
        }
        return texts.SelectMany(EmojiShortcodes.In).Distinct(StringComparer.Ordinal).Where(lookup.ContainsKey)
            .Order(StringComparer.Ordinal).Select(c => lookup[c]).ToList();
    }

    internal void Forget() => enabled = null;

    private async Task<Dictionary<string, CustomEmoji>> LoadAsync(CancellationToken ct) =>
        enabled ??= await db.CustomEmojis.AsNoTracking().Where(e => !e.Disabled).ToDictionaryAsync(e => e.Shortcode, StringComparer.Ordinal, ct);
}
