using System.Text.RegularExpressions;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Preferences;

/// <summary>
/// Reads and stores a member's preferences (ADR 80). The web settings page, update_credentials' source[...] and the
/// preferences API all use this one place, so the three always agree. A default visibility is one a member may choose
/// for a post that names no audience: public, unlisted, members-only or followers-only, never direct.
/// </summary>
public sealed partial class PreferenceService(KindredDbContext db)
{
    public async Task<MemberPreferences> GetAsync(long accountId, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == accountId, ct) ?? throw KindredException.NotFound();
        return Of(user);
    }

    /// <summary>The default visibility the member chose, or null (none chosen, or an account nobody signs in to).</summary>
    /// <summary>The member's own time zone id, or null when they follow the organization's (ADR 84).</summary>
    public Task<string?> TimeZoneAsync(long accountId, CancellationToken ct = default) =>
        db.Users.Where(u => u.Id == accountId).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);

    public Task<Audience?> DefaultVisibilityAsync(long accountId, CancellationToken ct = default) =>
        db.Users.Where(u => u.Id == accountId).Select(u => u.PostingVisibility).FirstOrDefaultAsync(ct);

    public async Task<MemberPreferences> UpdateAsync(long accountId, PreferencesUpdate update, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == accountId, ct) ?? throw KindredException.NotFound();
        if (update.Visibility is { } visibility)
        {
            user.PostingVisibility = visibility == Audience.Direct
                ? throw KindredException.Invalid("privacy", "The default visibility must be public, unlisted, members_only or private.")
                : visibility;
        }
        if (CheckLanguage(update.Language, "language") is { } language)
        {
            user.PostingLanguage = language.Length == 0 ? null : language;
        }
        user.PostingSensitive = update.Sensitive ?? user.PostingSensitive;
        user.ExpandMedia = update.ExpandMedia ?? user.ExpandMedia;
        user.ExpandSpoilers = update.ExpandSpoilers ?? user.ExpandSpoilers;
        await db.SaveChangesAsync(ct);
        return Of(user);
    }

    /// <summary>A default language as stored: an ISO 639 code, lower-cased; empty clears it; null leaves it.</summary>
    public static string? CheckLanguage(string? language, string field)
    {
        if (language is null)
        {
            return null;
        }
        var value = language.Trim().ToLowerInvariant();
        return value.Length == 0 || LanguagePattern().IsMatch(value)
            ? value
            : throw KindredException.Invalid(field, "The default language must be an ISO 639 code such as en or fr.");
    }

    public static MemberPreferences Of(User user) =>
        new(user.PostingVisibility, user.PostingSensitive, user.PostingLanguage, user.ExpandMedia, user.ExpandSpoilers);

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguagePattern();
}
