using System.Text.Json;
using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Organizations;

/// <summary>
/// Changes the organization's settings (/admin/organization, owner and admins; ADR 55). Every field is checked, and
/// the images decoded, before anything is written: bad input changes nothing. The change, the organization account's
/// name, bio, avatar (the logo) and header (the banner), the rules and the audit entry with the values before and
/// after (ADR 56) are saved together; then every process picks the new settings up without a restart.
/// </summary>
public sealed class OrganizationService(KindredDbContext db, MediaStorage media, AuditLog audit, OrganizationSettings settings, TimeProvider time)
{
    public const int MaxName = 100;
    public const int MaxDescription = 1_000;
    public const int MaxLongDescription = 10_000;
    public const int MaxArea = 100;
    public const int MaxRules = 20;
    public const int MaxRule = 300;
    public const int MaxPage = 50_000;

    /// <summary>How much of a long text the audit entry keeps before and after.</summary>
    private const int AuditedText = 4_000;

    /// <summary>The organization's row and its account, for the settings form; null before setup.</summary>
    public async Task<(Organization Organization, Account? Account)?> FormAsync(CancellationToken ct = default)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(ct);
        if (organization is null)
        {
            return null;
        }
        var account = organization.AccountId is { } id ? await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) : null;
        return (organization, account);
    }

    /// <returns>The names of the settings that changed (empty when the form changed nothing).</returns>
    public async Task<IReadOnlyList<string>> UpdateAsync(long actorId, OrganizationUpdate update, CancellationToken ct = default)
    {
        await RequireAdminAsync(actorId, ct);
        var name = (update.Name ?? "").Trim();
        if (name.Length is 0 or > MaxName)
        {
            throw KindredException.Invalid("name", $"Give the organization a name of at most {MaxName} characters.");
        }
        var description = Text(update.Description, MaxDescription, "description", "The short description");
        var longDescription = Text(update.LongDescription, MaxLongDescription, "long_description", "The long description");
        var language = Languages.Validate(update.DefaultLanguage, "default_language");
        var zone = Zone(update.TimeZone);
        var area = Text(update.AreaName, MaxArea, "area_name", "The area");
        var mode = Mode(update.RegistrationMode);
        var accent = BrandColors.Validate(update.AccentColor, "accent_color");
        var link = BrandColors.Validate(update.LinkColor, "link_color");
        var rules = Rules(update.Rules);
        var privacy = Text(update.PrivacyPolicy, MaxPage, "privacy_policy", "The privacy policy");
        var terms = Text(update.Terms, MaxPage, "terms", "The terms");
        // Images last among the checks: they are the expensive part.
        var logo = update.Logo is null ? null : Image(update.Logo, ImageRules.Avatar, "logo");
        var banner = update.Banner is null ? null : Image(update.Banner, ImageRules.Header, "banner");

        var organization = await db.Organizations.FirstOrDefaultAsync(ct) ?? throw KindredException.Conflict("Set the server up first.");
        var account = organization.AccountId is { } accountId ? await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct) : null;
        var oldRules = await db.InstanceRules.OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(ct);

        var before = new Dictionary<string, string?>();
        var after = new Dictionary<string, string?>();
        void Change(string key, string? old, string? now, Action apply)
        {
            if (old != now)
            {
                before[key] = Audited(old);
                after[key] = Audited(now);
                apply();
            }
        }
        Change("name", organization.Name, name, () => organization.Name = name);
        Change("description", organization.Description, description, () => organization.Description = description);
        Change("long_description", organization.LongDescription, longDescription, () => organization.LongDescription = longDescription);
        Change("default_language", organization.DefaultLanguage, language, () => organization.DefaultLanguage = language);
        Change("time_zone", organization.TimeZone, zone, () => organization.TimeZone = zone);
        Change("area_name", organization.AreaName, area.Length == 0 ? null : area, () => organization.AreaName = area.Length == 0 ? null : area);
        Change("registration_mode", organization.RegistrationMode, mode, () => organization.RegistrationMode = mode);
        Change("accent_color", organization.AccentColor, accent, () => organization.AccentColor = accent);
        Change("link_color", organization.LinkColor, link, () => organization.LinkColor = link);
        Change("privacy_policy", organization.PrivacyPolicy, privacy, () => organization.PrivacyPolicy = privacy);
        Change("terms", organization.Terms, terms, () => organization.Terms = terms);
        Change("trends", organization.TrendsOff ? "off" : "on", update.TrendsOff ? "off" : "on", () => organization.TrendsOff = update.TrendsOff);
        var oldRuleText = string.Join('\n', oldRules.Select(r => r.Text));
        Change("rules", oldRuleText, string.Join('\n', rules), () =>
        {
            db.InstanceRules.RemoveRange(oldRules);
            db.InstanceRules.AddRange(rules.Select((text, i) => new InstanceRule { Position = i, Text = text }));
        });

        var oldFiles = new List<string>();
        if (account is not null)
        {
            // The account speaks for the organization, so it carries the organization's name, description and pictures.
            var displayName = name.Length > ProfileService.MaxDisplayName ? name[..ProfileService.MaxDisplayName] : name;
            var note = description.Length > ProfileService.MaxNote ? description[..ProfileService.MaxNote] : description;
            account.DisplayName = displayName;
            if (account.Note != note)
            {
                account.Note = note;
                account.NoteHtml = SafeHtml.RenderMarkdown(note);
            }
            if (logo is not null || (update.RemoveLogo && account.AvatarFile is not null))
            {
                before["logo"] = account.AvatarFile is null ? "none" : "a picture";
                after["logo"] = logo is null ? "none" : "a new picture";
                oldFiles.AddRange(account.AvatarFile is null ? [] : [account.AvatarFile]);
                account.AvatarFile = logo is null ? null : await media.SaveAsync("avatars", account.Id, logo, ct);
            }
            if (banner is not null || (update.RemoveBanner && account.HeaderFile is not null))
            {
                before["banner"] = account.HeaderFile is null ? "none" : "a picture";
                after["banner"] = banner is null ? "none" : "a new picture";
                oldFiles.AddRange(account.HeaderFile is null ? [] : [account.HeaderFile]);
                account.HeaderFile = banner is null ? null : await media.SaveAsync("headers", account.Id, banner, ct);
            }
            account.UpdatedAt = time.UtcNow();
        }
        if (after.Count == 0)
        {
            db.ChangeTracker.Clear();
            return [];
        }
        organization.Version++;
        organization.UpdatedAt = time.UtcNow();
        var changed = after.Keys.ToList();
        audit.Add(actorId, AuditActions.OrganizationUpdate, AuditTarget.Organization,
            "Changed the organization's settings: " + string.Join(", ", changed.Select(k => k.Replace('_', ' '))) + ".",
            JsonSerializer.Serialize(before), JsonSerializer.Serialize(after));
        await db.SaveChangesAsync(ct);
        settings.Invalidate();
        // Old files go only after the database points at the new ones; a crash in between leaves an orphan, never a broken link.
        await media.TryDeleteAsync(oldFiles, ct);
        return changed;
    }

    /// <summary>Admins and the owner, active.</summary>
    private async Task RequireAdminAsync(long actorId, CancellationToken ct)
    {
        var role = await db.Users.AsNoTracking().Active().Where(u => u.Id == actorId).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct);
        if (role is not { } r || !Roles.CanAdminister(r))
        {
            throw KindredException.Forbidden("Only admins change the organization's settings.");
        }
    }

    private static string Text(string? value, int max, string field, string label)
    {
        var text = (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length > max)
        {
            throw KindredException.Invalid(field, $"{label} has at most {max:N0} characters.");
        }
        return text;
    }

    /// <summary>An IANA zone with a region (Europe/Paris) or UTC; empty means UTC.</summary>
    private static string? Zone(string? value)
    {
        var id = (value ?? "").Trim();
        if (id.Length == 0)
        {
            return null;
        }
        if (id.Length > 64 || !(id.Contains('/', StringComparison.Ordinal) || id == "UTC") || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out _))
        {
            throw KindredException.Invalid("time_zone", "Choose a time zone such as Europe/London.");
        }
        return id;
    }

    /// <summary>Empty means "as configured" (Kindred:Registrations:Mode); otherwise open, approval or invite.</summary>
    private static string? Mode(string? value)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0)
        {
            return null;
        }
        if (!Enum.TryParse<RegistrationMode>(text, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || text.Any(char.IsDigit))
        {
            throw KindredException.Invalid("registration_mode", "Choose open, approval or invitation only.");
        }
        return mode.ToString().ToLowerInvariant();
    }

    private static List<string> Rules(string? value)
    {
        var rules = (value ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (rules.Count > MaxRules)
        {
            throw KindredException.Invalid("rules", $"Write at most {MaxRules} rules, one a line.");
        }
        if (rules.Any(r => r.Length > MaxRule))
        {
            throw KindredException.Invalid("rules", $"A rule has at most {MaxRule} characters.");
        }
        return rules;
    }

    private static ProcessedImage Image(Stream stream, ImageRules rules, string field)
    {
        try
        {
            return ImageProcessor.Process(stream, rules);
        }
        catch (KindredException e) when (e.Kind == ErrorKind.Invalid)
        {
            throw KindredException.Invalid(field, e.Message);
        }
    }

    private static string? Audited(string? value) =>
        value is null || value.Length <= AuditedText ? value : value[..AuditedText] + "…";
}
