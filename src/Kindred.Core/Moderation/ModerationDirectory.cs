using System.Net;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Moderation;

/// <summary>
/// The lists behind the Mastodon admin API (ADR 72): reports and accounts, filtered and paged by id, each behind
/// <see cref="ModerationAccess"/> (role read from the database on every call). The e-mail address goes only to admins
/// and the owner, as on /admin/users; moderators see it nowhere (the web account view shows only its domain), so they
/// may not search by it either.
/// </summary>
public sealed class ModerationDirectory(KindredDbContext db)
{
    public async Task<List<ModeratedReport>> ReportsAsync(long? viewerId, ReportFilter filter, Page page, int maxLimit, CancellationToken ct = default)
    {
        var viewer = await ModerationAccess.RequireAsync(db, viewerId, ct);
        IQueryable<Report> reports = db.Reports.AsNoTracking().Include(r => r.Snapshot);
        if (filter.Resolved is { } resolved)
        {
            reports = resolved ? reports.Where(r => r.ActionTakenAt != null) : reports.Where(r => r.ActionTakenAt == null);
        }
        if (filter.AccountId is { } reporter)
        {
            reports = reports.Where(r => r.AccountId == reporter);
        }
        if (filter.TargetAccountId is { } target)
        {
            reports = reports.Where(r => r.TargetAccountId == target);
        }
        return await DescribeAsync(viewer, await reports.PageAsync(page, r => r.Id, maxLimit, ct), ct);
    }

    public async Task<ModeratedReport> ReportAsync(long? viewerId, long reportId, CancellationToken ct = default)
    {
        var viewer = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var report = await db.Reports.AsNoTracking().Include(r => r.Snapshot).FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw KindredException.NotFound();
        return (await DescribeAsync(viewer, [report], ct)).SingleOrDefault() ?? throw KindredException.NotFound();
    }

    public async Task<List<ModeratedAccount>> AccountsAsync(long? viewerId, AccountFilter filter, Page page, int maxLimit, CancellationToken ct = default)
    {
        var viewer = await ModerationAccess.RequireAsync(db, viewerId, ct);
        if (filter.Email is not null && !Roles.CanAdminister(viewer.Role))
        {
            throw KindredException.Forbidden("Only admins and the owner search by e-mail address.");
        }
        IQueryable<Account> accounts = db.Accounts.AsNoTracking();
        if (filter.Local is { } local)
        {
            accounts = local ? accounts.Where(a => a.Domain == null) : accounts.Where(a => a.Domain != null);
        }
        accounts = filter.Standing switch
        {
            AccountStanding.Active => accounts.Visible(),
            AccountStanding.Pending => accounts.Where(a => a.User != null && a.User.Status == UserStatus.Pending),
            AccountStanding.Disabled or AccountStanding.Suspended => accounts.Where(a => a.User != null && a.User.Status == UserStatus.Disabled),
            AccountStanding.Silenced => accounts.Where(a => db.Strikes.Any(k => k.AccountId == a.Id && k.Action == StrikeAction.Limit && k.UndoneAt == null)),
            AccountStanding.Sensitized => accounts.Where(a => db.Strikes.Any(k => k.AccountId == a.Id && k.Action == StrikeAction.MarkSensitive && k.UndoneAt == null)),
            _ => accounts,
        };
        if (filter.ModeratorsOnly)
        {
            accounts = accounts.Where(a => a.User != null && (a.User.Role == UserRole.Moderator || a.User.Role == UserRole.Admin || a.User.Role == UserRole.Owner));
        }
        if (filter.Roles is { Count: > 0 } roles)
        {
            accounts = accounts.Where(a => a.User != null && roles.Contains(a.User.Role));
        }
        if (filter.InvitedBy is { } inviter)
        {
            accounts = accounts.Where(a => a.User != null && a.User.InvitedById == inviter);
        }
        if (!string.IsNullOrWhiteSpace(filter.Username))
        {
            var start = Usernames.Normalize(filter.Username);
            accounts = accounts.Where(a => a.UsernameNormalized.StartsWith(start));
        }
        if (!string.IsNullOrWhiteSpace(filter.DisplayName))
        {
            var part = filter.DisplayName.Trim().ToLowerInvariant();
            accounts = accounts.Where(a => a.DisplayName.ToLower().Contains(part));
        }
        if (!string.IsNullOrWhiteSpace(filter.Domain))
        {
            var domain = filter.Domain.Trim().ToLowerInvariant();
            accounts = accounts.Where(a => a.Domain != null && a.Domain.ToLower() == domain);
        }
        if (!string.IsNullOrWhiteSpace(filter.Email))
        {
            // Identity keeps the address upper-cased in NormalizedEmail, so the match ignores case on both databases.
            var part = filter.Email.Trim().ToUpperInvariant();
            accounts = accounts.Where(a => a.User != null && a.User.NormalizedEmail != null && a.User.NormalizedEmail.Contains(part));
        }
        if (filter.Ip is { } network)
        {
            // Addresses are stored as text, so the network test runs here; sessions are few per member.
            // The sign-up address counts as one of the member's addresses, as on Mastodon (ADR 73).
            var seen = await db.UserSessions.AsNoTracking().Select(s => new { s.UserId, s.IpAddress })
                .Concat(db.Users.AsNoTracking().Where(u => u.SignUpIp != null).Select(u => new { UserId = u.Id, IpAddress = u.SignUpIp! }))
                .Distinct().ToListAsync(ct);
            var ids = seen.Where(s => IPAddress.TryParse(s.IpAddress, out var address) && Within(network, address)).Select(s => s.UserId).Distinct().ToList();
            accounts = accounts.Where(a => ids.Contains(a.Id));
        }
        var rows = await accounts.Include(a => a.User).Include(a => a.Fields).Include(a => a.Tags).AsSplitQuery().PageAsync(page, a => a.Id, maxLimit, ct);
        return await DescribeAsync(viewer, rows, ct);
    }

    public async Task<ModeratedAccount> AccountAsync(long? viewerId, long accountId, CancellationToken ct = default)
    {
        var viewer = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var account = await db.Accounts.AsNoTracking().Include(a => a.User).Include(a => a.Fields).Include(a => a.Tags).AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == accountId, ct) ?? throw KindredException.NotFound();
        return (await DescribeAsync(viewer, [account], ct))[0];
    }

    private static bool Within(IPNetwork network, IPAddress address) =>
        network.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private async Task<List<ModeratedAccount>> DescribeAsync(ModeratorViewer viewer, IReadOnlyList<Account> accounts, CancellationToken ct)
    {
        var ids = accounts.Select(a => a.Id).Distinct().ToList();
        var active = await db.Strikes.AsNoTracking()
            .Where(k => ids.Contains(k.AccountId) && k.UndoneAt == null && (k.Action == StrikeAction.Limit || k.Action == StrikeAction.MarkSensitive))
            .Select(k => new { k.AccountId, k.Action }).Distinct().ToListAsync(ct);
        var sessions = await db.UserSessions.AsNoTracking().Where(s => ids.Contains(s.UserId) && s.IpAddress != "")
            .Select(s => new { s.UserId, s.IpAddress, s.LastSeenAt }).ToListAsync(ct);
        // The sign-up address (ADR 73), dated by the account's creation, is listed with the sessions' addresses.
        sessions.AddRange(accounts.Where(a => a.User?.SignUpIp is { Length: > 0 })
            .Select(a => new { UserId = a.Id, IpAddress = a.User!.SignUpIp!, LastSeenAt = a.CreatedAt }));
        var ips = sessions.GroupBy(s => s.UserId).ToDictionary(g => g.Key, g => (IReadOnlyList<AccountIp>)g
            .GroupBy(s => s.IpAddress)
            .Select(byIp => new AccountIp(byIp.Key, byIp.Max(s => s.LastSeenAt)))
            .OrderByDescending(ip => ip.UsedAt).ToList());
        var seesEmail = Roles.CanAdminister(viewer.Role);
        return accounts.Select(a => new ModeratedAccount(
            a,
            active.Any(k => k.AccountId == a.Id && k.Action == StrikeAction.Limit),
            active.Any(k => k.AccountId == a.Id && k.Action == StrikeAction.MarkSensitive),
            seesEmail ? a.User?.Email : null,
            ips.GetValueOrDefault(a.Id) ?? [])).ToList();
    }

    private async Task<List<ModeratedReport>> DescribeAsync(ModeratorViewer viewer, IReadOnlyList<Report> reports, CancellationToken ct)
    {
        var accountIds = reports.SelectMany(r => new[] { r.AccountId, r.TargetAccountId, r.AssignedAccountId ?? 0, r.ActionTakenByAccountId ?? 0 })
            .Where(id => id != 0).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Include(a => a.User).Include(a => a.Fields).Include(a => a.Tags).AsSplitQuery()
            .Where(a => accountIds.Contains(a.Id)).ToListAsync(ct);
        var described = (await DescribeAsync(viewer, accounts, ct)).ToDictionary(a => a.Account.Id);
        var ruleIds = reports.SelectMany(r => r.RuleIds).Distinct().ToList();
        var rules = await db.InstanceRules.AsNoTracking().Where(r => ruleIds.Contains(r.Id)).ToListAsync(ct);
        // A report whose reporter or target is gone (deleted account, ADR 70) has nobody to show; it is left out.
        return reports
            .Where(r => described.ContainsKey(r.AccountId) && described.ContainsKey(r.TargetAccountId))
            .Select(r => new ModeratedReport(
                r,
                described[r.AccountId],
                described[r.TargetAccountId],
                r.AssignedAccountId is { } assigned ? described.GetValueOrDefault(assigned) : null,
                r.ActionTakenByAccountId is { } decider ? described.GetValueOrDefault(decider) : null,
                rules.Where(rule => r.RuleIds.Contains(rule.Id)).OrderBy(rule => rule.Position).ToList()))
            .ToList();
    }
}
