using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.CustomEmojis;

/// <summary>
/// Admins add, change and remove custom emojis (ADR 82), each change audited in its own save. The picture goes through
/// the same re-encoding as every upload (<see cref="ImageProcessor"/>: bounded, metadata stripped, scaled to fit
/// 128 × 128), so what is served is never the bytes that were sent.
/// </summary>
public sealed class CustomEmojiService(KindredDbContext db, MediaStorage storage, AuditLog audit, CustomEmojiQueries emojis, TimeProvider time)
{
    public const string Folder = "emojis";
    public const int MaxCategory = 60;
    public const int MaxEmojis = 500;

    public async Task<CustomEmoji> AddAsync(long actorId, string? shortcode, string? category, bool visibleInPicker, Stream? image, CancellationToken ct = default)
    {
        await RequireAdminAsync(actorId, ct);
        var code = (shortcode ?? "").Trim().Trim(':');
        if (!EmojiShortcodes.IsValid(code))
        {
            throw KindredException.Invalid("shortcode", $"A shortcode is 2 to {EmojiShortcodes.MaxLength} letters, digits or underscores.");
        }
        var cleanCategory = Category(category);
        var lower = code.ToLowerInvariant();
        if (await db.CustomEmojis.AnyAsync(e => e.Shortcode.ToLower() == lower, ct))
        {
            throw KindredException.Invalid("shortcode", $"There is already an emoji :{code}:.");
        }
        if (await db.CustomEmojis.CountAsync(ct) >= MaxEmojis)
        {
            throw KindredException.Invalid("shortcode", $"There can be at most {MaxEmojis} emojis; delete one first.");
        }
        if (image is null)
        {
            throw KindredException.Invalid("image", "Choose a PNG, GIF or WebP picture.");
        }
        var processed = await ImageProcessor.ProcessAsync(image, ImageRules.Emoji, ct);
        var now = time.UtcNow();
        var emoji = new CustomEmoji
        {
            Id = Snowflake.NewId(now),
            Shortcode = code,
            File = await storage.SaveUnguessableAsync(Folder, processed, ct),
            Category = cleanCategory,
            VisibleInPicker = visibleInPicker,
            CreatedAt = now,
            UpdatedAt = now,
        };
        try
        {
            db.CustomEmojis.Add(emoji);
            audit.Add(actorId, AuditActions.CustomEmojiAdd, AuditTarget.CustomEmoji(emoji.Id), $"Added the emoji :{code}:.", null, Describe(emoji));
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // A file without a row would never be served; the media sweep would find it, but not before a day.
            await storage.TryDeleteAsync([emoji.File], CancellationToken.None);
            throw;
        }
        emojis.Forget();
        return emoji;
    }

    /// <summary>Changes the category (empty removes it), whether the picker offers it, and whether it is disabled; a null
    /// argument leaves that part as it is.</summary>
    public async Task<CustomEmoji> UpdateAsync(long actorId, long id, string? category, bool? visibleInPicker, bool? disabled, CancellationToken ct = default)
    {
        await RequireAdminAsync(actorId, ct);
        var emoji = await db.CustomEmojis.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw KindredException.NotFound();
        var before = Describe(emoji);
        if (category is not null)
        {
            emoji.Category = Category(category);
        }
        if (visibleInPicker is { } visible)
        {
            emoji.VisibleInPicker = visible;
        }
        if (disabled is { } off)
        {
            emoji.Disabled = off;
        }
        var after = Describe(emoji);
        if (after != before)
        {
            emoji.UpdatedAt = time.UtcNow();
            audit.Add(actorId, AuditActions.CustomEmojiUpdate, AuditTarget.CustomEmoji(emoji.Id), $"Changed the emoji :{emoji.Shortcode}:.", before, after);
        }
        await db.SaveChangesAsync(ct);
        emojis.Forget();
        return emoji;
    }

    /// <summary>Removes the emoji and its picture; posts that wrote its shortcode show the text again.</summary>
    public async Task DeleteAsync(long actorId, long id, CancellationToken ct = default)
    {
        await RequireAdminAsync(actorId, ct);
        var emoji = await db.CustomEmojis.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw KindredException.NotFound();
        db.CustomEmojis.Remove(emoji);
        audit.Add(actorId, AuditActions.CustomEmojiDelete, AuditTarget.CustomEmoji(emoji.Id), $"Deleted the emoji :{emoji.Shortcode}:.", Describe(emoji), null);
        await db.SaveChangesAsync(ct);
        // The row goes first, so nothing ever points at a missing file.
        await storage.TryDeleteAsync([emoji.File], ct);
        emojis.Forget();
    }

    private async Task RequireAdminAsync(long actorId, CancellationToken ct)
    {
        var role = await db.Users.Active().Where(u => u.Id == actorId).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct);
        if (role is not { } r || !Roles.CanAdminister(r))
        {
            throw KindredException.Forbidden("Only administrators manage custom emojis.");
        }
    }

    private static string? Category(string? category)
    {
        var clean = category?.Trim();
        if (clean is { Length: > MaxCategory })
        {
            throw KindredException.Invalid("category", $"The category is too long (at most {MaxCategory} characters).");
        }
        return string.IsNullOrEmpty(clean) ? null : clean;
    }

    private static string Describe(CustomEmoji emoji) =>
        $":{emoji.Shortcode}: category \"{emoji.Category}\"{(emoji.VisibleInPicker ? "" : ", not in the picker")}{(emoji.Disabled ? ", disabled" : "")}";
}
