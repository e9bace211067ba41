using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Aid;

/// <summary>
/// Vetted-helper grants and the safeguarding-lead flag (ADR 27, 31). Who may change them is in <see cref="Roles"/>;
/// revoking a grant keeps its row, so the history of who was vetted when, and by whom, stays for safeguarding reviews.
/// </summary>
public sealed class AidRoleService(KindredDbContext db, TimeProvider time, AuditLog audit)
{
    public const int MaxNote = 2_000;
    public const int MaxRows = 500;

    /// <summary>Every grant, current and revoked, newest first (capped at <see cref="MaxRows"/>).</summary>
    public async Task<IReadOnlyList<VettedHelperRow>> VettedHelpersAsync(long actorId, bool currentOnly = false, CancellationToken ct = default)
    {
        await RequireAsync(actorId, Roles.CanVetHelpers, "Only staff manage vetted helpers.", ct);
        var grants = db.VettedHelpers.AsNoTracking();
        if (currentOnly)
        {
            grants = grants.Where(v => v.RevokedAt == null);
        }
        var rows = await grants.OrderByDescending(v => v.Id).Take(MaxRows).ToListAsync(ct);
        return await RowsAsync(rows, ct);
    }

    /// <summary>Grants vetted-helper status to <paramref name="username"/> with the day the checks were done and a note.</summary>
    public async Task<VettedHelperRow> GrantAsync(long actorId, string? username, DateOnly? vettedOn, string? note, CancellationToken ct = default)
    {
        await RequireAsync(actorId, Roles.CanVetHelpers, "Only staff manage vetted helpers.", ct);
        var now = time.UtcNow();
        var day = vettedOn ?? throw KindredException.Invalid("vetted_on", "Give the day the checks were done.");
        if (day > DateOnly.FromDateTime(now))
        {
            throw KindredException.Invalid("vetted_on", "The day of the checks cannot be in the future.");
        }
        var cleanNote = Note(note, "note");
        var account = await MemberAsync(username, ct);
        if (await db.VettedHelpers.AnyAsync(v => v.AccountId == account.Id && v.RevokedAt == null, ct))
        {
            throw KindredException.Invalid("username", "This member is already a vetted helper.");
        }
        var grant = new VettedHelper
        {
            Id = Snowflake.NewId(now),
            AccountId = account.Id,
            GrantedById = actorId,
            GrantedAt = now,
            VettedOn = day,
            Note = cleanNote,
        };
        db.VettedHelpers.Add(grant);
        audit.Add(actorId, AuditActions.HelperVet, AuditTarget.Account(account.Id), $"Made @{account.Username} a vetted helper (checks of {day:yyyy-MM-dd}).");
        await db.SaveChangesAsync(ct);
        return (await RowsAsync([grant], ct))[0];
    }

    /// <summary>Ends a current grant with a note; the row stays in the history.</summary>
    public async Task<VettedHelperRow> RevokeAsync(long actorId, long grantId, string? note, CancellationToken ct = default)
    {
        await RequireAsync(actorId, Roles.CanVetHelpers, "Only staff manage vetted helpers.", ct);
        var cleanNote = Note(note, "note");
        var grant = await db.VettedHelpers.FirstOrDefaultAsync(v => v.Id == grantId, ct) ?? throw KindredException.NotFound();
        if (grant.RevokedAt is not null)
        {
            throw KindredException.Invalid("id", "This grant was already revoked.");
        }
        grant.RevokedAt = time.UtcNow();
        grant.RevokedById = actorId;
        grant.RevokeNote = cleanNote;
        var helper = await db.Accounts.AsNoTracking().Where(a => a.Id == grant.AccountId).Select(a => a.Username).FirstOrDefaultAsync(ct);
        audit.Add(actorId, AuditActions.HelperRevoke, AuditTarget.Account(grant.AccountId), $"Ended the vetted-helper status of @{helper}.");
        await db.SaveChangesAsync(ct);
        return (await RowsAsync([grant], ct))[0];
    }

    /// <summary>The current safeguarding leads, by username.</summary>
    public async Task<IReadOnlyList<SafeguardingLeadRow>> LeadsAsync(long actorId, CancellationToken ct = default)
    {
        await RequireAsync(actorId, Roles.CanAppointSafeguardingLeads, "Only admins appoint safeguarding leads.", ct);
        return await db.Users.AsNoTracking().Where(u => u.IsSafeguardingLead)
            .OrderBy(u => u.Account.Username).Take(MaxRows)
            .Select(u => new SafeguardingLeadRow(u.Id, u.Account.Username, u.Account.DisplayName))
            .ToListAsync(ct);
    }

    /// <summary>Makes <paramref name="username"/> a safeguarding lead, or stops them being one.</summary>
    public async Task<SafeguardingLeadRow> SetLeadAsync(long actorId, string? username, bool lead, CancellationToken ct = default)
    {
        await RequireAsync(actorId, Roles.CanAppointSafeguardingLeads, "Only admins appoint safeguarding leads.", ct);
        var account = await MemberAsync(username, ct);
        var user = await db.Users.FirstAsync(u => u.Id == account.Id, ct);
        if (user.IsSafeguardingLead != lead)
        {
            user.IsSafeguardingLead = lead;
            audit.Add(actorId, lead ? AuditActions.SafeguardingLeadAppoint : AuditActions.SafeguardingLeadRemove, AuditTarget.Account(account.Id),
                lead ? $"Appointed @{account.Username} safeguarding lead." : $"@{account.Username} is no longer a safeguarding lead.",
                lead ? "no" : "yes", lead ? "yes" : "no");
            await db.SaveChangesAsync(ct);
        }
        return new SafeguardingLeadRow(account.Id, account.Username, account.DisplayName);
    }

    /// <summary>
    /// The day the checks of <paramref name="accountId"/>'s current (not revoked) grant were done, or null. The same
    /// "current grant" as <see cref="AidViewer"/>; who may be told (signed-in members) is the caller's to decide.
    /// </summary>
    public async Task<DateOnly?> VettedSinceAsync(long accountId, CancellationToken ct = default) =>
        await db.VettedHelpers.AsNoTracking().Where(v => v.AccountId == accountId && v.RevokedAt == null)
            .OrderByDescending(v => v.Id).Select(v => (DateOnly?)v.VettedOn).FirstOrDefaultAsync(ct);

    /// <summary>The role of <paramref name="actorId"/> allows the action, or forbidden.</summary>
    public async Task RequireAsync(long actorId, Func<UserRole, bool> allowed, string message, CancellationToken ct)
    {
        var role = await db.Users.AsNoTracking().Active().Where(u => u.Id == actorId)
            .Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct);
        if (role is not { } r || !allowed(r))
        {
            throw KindredException.Forbidden(message);
        }
    }

    private async Task<Account> MemberAsync(string? username, CancellationToken ct)
    {
        var clean = (username ?? "").Trim().TrimStart('@');
        if (clean.Length == 0)
        {
            throw KindredException.Invalid("username", "Give the member's username.");
        }
        var normalized = Usernames.Normalize(clean);
        return await db.Accounts.AsNoTracking().Visible()
            .FirstOrDefaultAsync(a => a.Domain == null && a.UsernameNormalized == normalized, ct)
            ?? throw KindredException.Invalid("username", $"There is no active member called \"{clean}\".");
    }

    private static string Note(string? note, string field)
    {
        var clean = (note ?? "").Trim();
        if (clean.Length == 0)
        {
            throw KindredException.Invalid(field, "Write a short note (what was checked, or why).");
        }
        if (clean.Length > MaxNote)
        {
            throw KindredException.Invalid(field, $"The note is too long (at most {MaxNote} characters).");
        }
        return clean;
    }

    private async Task<IReadOnlyList<VettedHelperRow>> RowsAsync(IReadOnlyList<VettedHelper> grants, CancellationToken ct)
    {
        var ids = grants.SelectMany(g => new[] { g.AccountId, g.GrantedById, g.RevokedById ?? 0 }).Distinct().ToList();
        var names = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Username, a.DisplayName }).ToDictionaryAsync(a => a.Id, ct);
        return grants.Select(g => new VettedHelperRow(
            g,
            names.TryGetValue(g.AccountId, out var who) ? who.Username : "",
            names.TryGetValue(g.AccountId, out var w) ? w.DisplayName : "",
            names.TryGetValue(g.GrantedById, out var by) ? by.Username : "",
            g.RevokedById is { } r && names.TryGetValue(r, out var rb) ? rb.Username : null)).ToList();
    }
}
