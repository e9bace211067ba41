using Kindred.Core.Common;
using Kindred.Core.Federation;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Accounts;

/// <summary>Editing a profile. Every field is checked before anything is written, so bad input changes nothing.</summary>
public sealed class ProfileService(KindredDbContext db, MediaStorage media, FederationOutbox outbox, TimeProvider time)
{
    public const int MaxDisplayName = 30;
    public const int MaxNote = 500;
    public const int MaxFields = 4;
    public const int MaxFieldName = 255;
    public const int MaxFieldValue = 255;
    public const int MaxTags = 10;

    /// <summary>What the member's actor document shows (besides the profile fields): a change is sent to remote followers.</summary>
    private static readonly string[] FederatedProperties =
        [nameof(Account.DisplayName), nameof(Account.NoteHtml), nameof(Account.Locked), nameof(Account.Discoverable), nameof(Account.Bot),
         nameof(Account.AvatarFile), nameof(Account.HeaderFile)];

    public async Task<Account> UpdateAsync(long accountId, ProfileUpdate update, CancellationToken ct = default)
    {
        var account = await db.Accounts
            .Include(a => a.Fields)
            .Include(a => a.Tags)
            .Include(a => a.User)
            .FirstOrDefaultAsync(a => a.Id == accountId, ct)
            ?? throw KindredException.NotFound("No such account.");

        var displayName = update.DisplayName?.Trim();
        if (displayName is { Length: > MaxDisplayName })
        {
            throw KindredException.Invalid("display_name", $"The display name has at most {MaxDisplayName} characters.");
        }
        var note = update.Note?.Trim();
        if (note is { Length: > MaxNote })
        {
            throw KindredException.Invalid("note", $"The bio has at most {MaxNote} characters.");
        }
        var areaName = update.AreaName?.Trim();
        if (areaName is { Length: > 100 })
        {
            throw KindredException.Invalid("area_name", "The area name has at most 100 characters.");
        }
        (double Lat, double Lon)? coordinates = null;
        if (update.Latitude is not null || update.Longitude is not null)
        {
            if (update.Latitude is not { } lat || update.Longitude is not { } lon)
            {
                throw KindredException.Invalid("latitude", "Give both latitude and longitude, or neither.");
            }
            coordinates = CoarseLocation.Round(lat, lon);
        }
        var interests = update.Interests is null ? null : NormalizeTags(update.Interests, "interests");
        var skills = update.Skills is null ? null : NormalizeTags(update.Skills, "skills");
        var fields = update.Fields is null ? null : ValidateFields(update.Fields);
        var locale = update.Locale is null ? null : Languages.Validate(update.Locale, "locale");

        // Images last among the checks: they are the expensive part, and they are written only once all else is valid.
        var avatar = update.Avatar is null ? null : ImageProcessor.Process(update.Avatar, ImageRules.Avatar);
        var header = update.Header is null ? null : ImageProcessor.Process(update.Header, ImageRules.Header);

        if (displayName is not null)
        {
            account.DisplayName = displayName;
        }
        if (note is not null)
        {
            account.Note = note;
            account.NoteHtml = SafeHtml.RenderMarkdown(note);
        }
        if (update.Locked is { } locked)
        {
            account.Locked = locked;
        }
        if (update.Discoverable is { } discoverable)
        {
            account.Discoverable = discoverable;
        }
        if (update.Bot is { } bot)
        {
            account.Bot = bot;
        }
        if (update.HideCollections is { } hideCollections)
        {
            account.HideCollections = hideCollections;
        }
        if (areaName is not null)
        {
            account.AreaName = areaName.Length == 0 ? null : areaName;
        }
        if (update.ClearCoordinates)
        {
            DistanceOrigin.Move(account, null, time.UtcNow());
        }
        else if (coordinates is { } c)
        {
            DistanceOrigin.Move(account, c, time.UtcNow());
        }
        if (update.AreaVisibility is { } areaVisibility)
        {
            account.AreaVisibility = areaVisibility;
        }
        if (update.TagsVisibility is { } tagsVisibility)
        {
            account.TagsVisibility = tagsVisibility;
        }
        if (update.DirectMessages is { } directMessages)
        {
            account.DirectMessages = directMessages;
        }
        if (update.Mentions is { } mentions)
        {
            account.Mentions = Enum.IsDefined(mentions) ? mentions : throw KindredException.Invalid("mentions", "mentions must be everyone, following or nobody.");
        }
        if (interests is not null)
        {
            ReplaceTags(account, AccountTagKind.Interest, interests);
        }
        if (skills is not null)
        {
            ReplaceTags(account, AccountTagKind.Skill, skills);
        }
        var fieldsChanged = fields is not null
            && !fields.SequenceEqual(account.Fields.OrderBy(f => f.Position).Select(f => (f.Name, f.Value)));
        if (fields is not null)
        {
            db.AccountFields.RemoveRange(account.Fields);
            account.Fields = fields.Select((f, i) => new AccountField
            {
                Id = Snowflake.NewId(),
                AccountId = account.Id,
                Position = i,
                Name = f.Name,
                Value = f.Value,
                ValueHtml = SafeHtml.PlainTextToHtml(f.Value),
            }).ToList();
        }
        if (locale is not null && account.User is not null)
        {
            account.User.Locale = locale;
        }

        var oldFiles = new List<string>();
        if (avatar is not null || update.RemoveAvatar)
        {
            if (account.AvatarFile is not null)
            {
                oldFiles.Add(account.AvatarFile);
            }
            account.AvatarFile = avatar is null ? null : await media.SaveAsync("avatars", account.Id, avatar, ct);
        }
        if (header is not null || update.RemoveHeader)
        {
            if (account.HeaderFile is not null)
            {
                oldFiles.Add(account.HeaderFile);
            }
            account.HeaderFile = header is null ? null : await media.SaveAsync("headers", account.Id, header, ct);
        }
        account.UpdatedAt = time.UtcNow();
        // Remote followers hear of a change to what the actor document shows (ADR 105), not of private settings.
        db.ChangeTracker.DetectChanges();
        var entry = db.Entry(account);
        if (fieldsChanged || FederatedProperties.Any(p => entry.Property(p).IsModified))
        {
            await outbox.ProfileChangedAsync(account, ct);
        }
        await db.SaveChangesAsync(ct);
        // Old files go only after the database points at the new ones; a crash in between leaves an orphan, never a broken link.
        await media.TryDeleteAsync(oldFiles, ct);
        return account;
    }

    private static List<(string Name, string Display)> NormalizeTags(IReadOnlyList<string> tags, string field)
    {
        var result = new List<(string Name, string Display)>();
        foreach (var raw in tags)
        {
            var display = (raw ?? "").Trim().TrimStart('#');
            if (display.Length == 0)
            {
                continue;
            }
            var name = TagNames.Normalize(display);
            if (name.Length == 0 || display.Length > 50)
            {
                throw KindredException.Invalid(field, $"\"{Truncate(display)}\" is not a usable tag: letters, digits and underscores, 50 at most.");
            }
            if (result.All(t => t.Name != name))
            {
                result.Add((name, display));
            }
        }
        if (result.Count > MaxTags)
        {
            throw KindredException.Invalid(field, $"Choose at most {MaxTags}.");
        }
        return result;
    }

    private void ReplaceTags(Account account, AccountTagKind kind, List<(string Name, string Display)> tags)
    {
        db.AccountTags.RemoveRange(account.Tags.Where(t => t.Kind == kind));
        account.Tags.RemoveAll(t => t.Kind == kind);
        account.Tags.AddRange(tags.Select(t => new AccountTag { AccountId = account.Id, Kind = kind, Name = t.Name, Display = t.Display }));
    }

    private static List<(string Name, string Value)> ValidateFields(IReadOnlyList<(string Name, string Value)> fields)
    {
        var kept = fields
            .Select(f => (Name: (f.Name ?? "").Trim(), Value: (f.Value ?? "").Trim()))
            .Where(f => f.Name.Length > 0 || f.Value.Length > 0)
            .ToList();
        if (kept.Count > MaxFields)
        {
            throw KindredException.Invalid("fields_attributes", $"A profile has at most {MaxFields} fields.");
        }
        foreach (var (name, value) in kept)
        {
            if (name.Length == 0)
            {
                throw KindredException.Invalid("fields_attributes", "Every field needs a label.");
            }
            if (name.Length > MaxFieldName || value.Length > MaxFieldValue)
            {
                throw KindredException.Invalid("fields_attributes", $"Field labels and values have at most {MaxFieldValue} characters.");
            }
        }
        return kept;
    }

    private static string Truncate(string value) => value.Length > 20 ? value[..20] + "…" : value;
}
