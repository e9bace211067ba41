using Kindred.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Common;

/// <summary>
/// The organization's settings, read once and kept (ADR 55): pages, the API and the sign-up rules ask here on every
/// request, so a change needs no restart. The process that changes them drops its copy at once
/// (<see cref="Invalidate"/>); every other process reads them again when its copy is older than <see cref="Fresh"/>,
/// so with several processes on one PostgreSQL a change shows everywhere within that time. The registration mode
/// stored by an admin wins; until one is stored, <c>Kindred:Registrations:Mode</c> applies.
/// </summary>
public sealed class OrganizationSettings(IServiceScopeFactory scopes, IOptions<KindredOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    private sealed record Held(OrganizationSnapshot Snapshot, DateTime ReadAt);

    private volatile Held? held;

    public async Task<OrganizationSnapshot> GetAsync(CancellationToken ct = default)
    {
        var now = time.UtcNow();
        if (held is { } h && now - h.ReadAt < Fresh && now >= h.ReadAt)
        {
            return h.Snapshot;
        }
        // A scope of its own: callers are pages and services whose DbContext may be busy with their own query.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KindredDbContext>();
        var row = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(ct);
        // The logo is the organization account's picture (ADR 55); the header and the favicon show it (ADR 90).
        var logo = row?.AccountId is { } accountId
            ? await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.AvatarFile).FirstOrDefaultAsync(ct)
            : null;
        var configured = options.Value.Registrations.Mode;
        var stored = row?.RegistrationMode is { } text && Enum.TryParse<RegistrationMode>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode : (RegistrationMode?)null;
        var snapshot = row is null
            ? new OrganizationSnapshot(false, "Kindred", "", "", "en", null, "", null, null, configured, false, null, null, "", "", 0)
            : new OrganizationSnapshot(true, row.Name, row.Description, row.LongDescription, row.DefaultLanguage, row.AreaName,
                row.ContactEmail, row.AccountId, row.TimeZone, stored ?? configured, stored is not null, row.AccentColor, row.LinkColor,
                row.PrivacyPolicy, row.Terms, row.Version, logo);
        held = new Held(snapshot, now);
        return snapshot;
    }

    /// <summary>Forgets the kept copy: the next request reads the settings again (after this process changed them).</summary>
    public void Invalidate() => held = null;
}
