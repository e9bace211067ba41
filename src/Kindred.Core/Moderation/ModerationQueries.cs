using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Reports;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Moderation;

/// <summary>What the moderation console reads (ADR 67), each method behind <see cref="ModerationAccess"/>; and a
/// member's own strikes, which only they read.</summary>
public sealed class ModerationQueries(KindredDbContext db)
{
    public const int ClosedShown = 50;
    public const int HistoryShown = 50;

    /// <summary>Open reports first (oldest first: the longest waiting on top), then the latest decided ones.</summary>
    public async Task<ReportQueue> QueueAsync(long? viewerId, CancellationToken ct = default)
    {
        await ModerationAccess.RequireAsync(db, viewerId, ct);
        // The joins drop the order, so each list is sorted again once read.
        var open = await ListAsync(db.Reports.AsNoTracking().Where(r => r.ActionTakenAt == null).OrderBy(r => r.Id).Take(ReportQueries.OpenListLimit), ct);
        var closed = await ListAsync(db.Reports.AsNoTracking().Where(r => r.ActionTakenAt != null).OrderByDescending(r => r.ActionTakenAt).ThenByDescending(r => r.Id).Take(ClosedShown), ct);
        return new ReportQueue(
            open.OrderBy(x => x.Report.Id).ToList(),
            closed.OrderByDescending(x => x.Report.ActionTakenAt).ThenByDescending(x => x.Report.Id).ToList());
    }

    /// <summary>One report with its snapshot, the strikes it led to, and the account's earlier reports and strikes.</summary>
    public async Task<ReportCase> ReportAsync(long? viewerId, long reportId, CancellationToken ct = default)
    {
        var viewer = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var report = await db.Reports.AsNoTracking().Include(r => r.Snapshot).FirstOrDefaultAsync(r => r.Id == reportId, ct)
            ?? throw KindredException.NotFound();
        var listed = (await ListAsync(db.Reports.AsNoTracking().Where(r => r.Id == reportId), ct)).Single();
        var target = await db.Users.AsNoTracking().Where(u => u.Id == report.TargetAccountId).Select(u => new { u.Role, u.Status }).FirstOrDefaultAsync(ct);
        var earlier = await ListAsync(db.Reports.AsNoTracking().Where(r => r.TargetAccountId == report.TargetAccountId && r.Id != reportId)
            .OrderByDescending(r => r.Id).Take(HistoryShown), ct);
        earlier = earlier.OrderByDescending(x => x.Report.Id).ToList();
        var strikes = await StrikesAsync(report.TargetAccountId, ct);
        var names = await NamesAsync(strikes.Select(s => s.ModeratorId).Append(report.AssignedAccountId).Append(report.ActionTakenByAccountId), ct);
        var choices = target is null ? [] : await StrikeGroups.ChoicesAsync(db, report.TargetAccountId, report.StatusIds, ct);
        return new ReportCase(listed, report.Snapshot.OrderBy(s => s.StatusId).ToList(), target?.Status, target is not null && ModerationAccess.MayActOn(viewer, target.Role),
            earlier, strikes, names, choices, await StrikeGroups.NamesAsync(db, strikes, ct));
    }

    /// <summary>
    /// A local account as moderators see it: status and role, when it joined and last signed in, the domain of its
    /// e-mail address (never the address), the address it signed up from, its strikes, the reports about it and the
    /// moderators' notes.
    /// </summary>
    public async Task<AccountCase> AccountAsync(long? viewerId, string username, CancellationToken ct = default)
    {
        var viewer = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var normalized = Usernames.Normalize(username);
        var user = await db.Users.AsNoTracking().Include(u => u.Account)
            .FirstOrDefaultAsync(u => u.Account.UsernameNormalized == normalized && u.Account.Domain == null, ct)
            ?? throw KindredException.NotFound();
        var reports = await ListAsync(db.Reports.AsNoTracking().Where(r => r.TargetAccountId == user.Id).OrderByDescending(r => r.Id).Take(HistoryShown), ct);
        var strikes = await StrikesAsync(user.Id, ct);
        var notes = await db.ModeratorNotes.AsNoTracking().Where(n => n.AccountId == user.Id).OrderByDescending(n => n.Id).Take(HistoryShown).ToListAsync(ct);
        var names = await NamesAsync(strikes.Select(s => s.ModeratorId).Concat(notes.Select(n => n.AuthorId)), ct);
        var email = user.Email ?? "";
        var at = email.LastIndexOf('@');
        return new AccountCase(user.Account, user.Role, user.Status, user.CreatedAt, user.LastSignInAt, at >= 0 ? email[(at + 1)..] : "", user.SignUpIp,
            await db.ActiveLimits().AnyAsync(k => k.AccountId == user.Id, ct), ModerationAccess.MayActOn(viewer, user.Role),
            strikes, reports.OrderByDescending(x => x.Report.Id).ToList(), names, notes, viewer);
    }

    /// <summary>The appeals (ADR 71): the waiting ones, oldest first, then the latest decided.</summary>
    public async Task<AppealQueue> AppealsAsync(long? viewerId, CancellationToken ct = default)
    {
        await ModerationAccess.RequireAsync(db, viewerId, ct);
        var waiting = await ListAppealsAsync(db.Appeals.AsNoTracking().Where(a => a.DecidedAt == null).OrderBy(a => a.Id).Take(ReportQueries.OpenListLimit), ct);
        var decided = await ListAppealsAsync(db.Appeals.AsNoTracking().Where(a => a.DecidedAt != null).OrderByDescending(a => a.DecidedAt).ThenByDescending(a => a.Id).Take(ClosedShown), ct);
        return new AppealQueue(
            waiting.OrderBy(x => x.Appeal.Id).ToList(),
            decided.OrderByDescending(x => x.Appeal.DecidedAt).ThenByDescending(x => x.Appeal.Id).ToList());
    }

    /// <summary>How many appeals wait for a decision (moderators and up), for the console's counts.</summary>
    public async Task<int> WaitingAppealsAsync(long? viewerId, CancellationToken ct = default)
    {
        await ModerationAccess.RequireAsync(db, viewerId, ct);
        return await db.Appeals.CountAsync(a => a.DecidedAt == null, ct);
    }

    /// <summary>One appeal with its strike and the report snapshot that led to the strike.</summary>
    public async Task<AppealCase> AppealAsync(long? viewerId, long appealId, CancellationToken ct = default)
    {
        var viewer = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var appeal = await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appealId, ct) ?? throw KindredException.NotFound();
        var strike = await db.Strikes.AsNoTracking().FirstAsync(s => s.Id == appeal.StrikeId, ct);
        var member = await db.Users.AsNoTracking().Include(u => u.Account).FirstAsync(u => u.Id == appeal.AccountId, ct);
        var report = strike.ReportId is { } reportId
            ? await db.Reports.AsNoTracking().Include(r => r.Snapshot).FirstOrDefaultAsync(r => r.Id == reportId, ct)
            : null;
        var names = await NamesAsync([strike.ModeratorId, strike.UndoneById, appeal.DeciderId], ct);
        return new AppealCase(appeal, strike, member.Account, member.Status, report, report?.Snapshot.OrderBy(s => s.StatusId).ToList() ?? [],
            !AppealService.MayDecide(viewer, strike), ModerationAccess.MayActOn(viewer, member.Role), names);
    }

    /// <summary>The member's own appeals by the strike they appeal (only they read it).</summary>
    public Task<Dictionary<long, Appeal>> MyAppealsAsync(long memberId, CancellationToken ct = default) =>
        db.Appeals.AsNoTracking().Where(a => a.AccountId == memberId).ToDictionaryAsync(a => a.StrikeId, ct);

    /// <summary>A suspended member's suspensions in force, newest first: all the appeal ticket shows (ADR 71).</summary>
    public Task<List<Strike>> SuspensionsAsync(long memberId, CancellationToken ct = default) =>
        db.Strikes.AsNoTracking().Where(s => s.AccountId == memberId && s.Action == StrikeAction.Suspend && s.UndoneAt == null)
            .OrderByDescending(s => s.Id).Take(HistoryShown).ToListAsync(ct);

    /// <summary>The member's own strikes, newest first, undone ones included (marked so).</summary>
    public Task<List<Strike>> MineAsync(long memberId, CancellationToken ct = default) => StrikesAsync(memberId, ct);

    /// <summary>The names of the groups the strikes name ("remove from a group", ADR 74); a deleted group has none.</summary>
    public Task<IReadOnlyDictionary<long, string>> GroupNamesAsync(IEnumerable<Strike> strikes, CancellationToken ct = default) =>
        StrikeGroups.NamesAsync(db, strikes, ct);

    private Task<List<Strike>> StrikesAsync(long accountId, CancellationToken ct) =>
        db.Strikes.AsNoTracking().Where(s => s.AccountId == accountId).OrderByDescending(s => s.Id).Take(HistoryShown).ToListAsync(ct);

    private async Task<IReadOnlyDictionary<long, string>> NamesAsync(IEnumerable<long?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<long>().Distinct().ToList();
        return await db.Accounts.AsNoTracking().Where(a => wanted.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Username, ct);
    }

    private async Task<List<ListedAppeal>> ListAppealsAsync(IQueryable<Appeal> appeals, CancellationToken ct)
    {
        var rows = await appeals
            .Join(db.Strikes, a => a.StrikeId, s => s.Id, (a, s) => new { a, s })
            .Join(db.Accounts, x => x.a.AccountId, m => m.Id, (x, m) => new { x.a, x.s, m.Username })
            .ToListAsync(ct);
        return rows.Select(x => new ListedAppeal(x.a, x.s, x.Username)).ToList();
    }

    private async Task<List<ListedReport>> ListAsync(IQueryable<Report> reports, CancellationToken ct)
    {
        var rows = await reports
            .Join(db.Accounts, r => r.AccountId, a => a.Id, (r, reporter) => new { r, reporter })
            .Join(db.Accounts, x => x.r.TargetAccountId, a => a.Id, (x, target) => new { x.r, x.reporter, target })
            .ToListAsync(ct);
        return rows.Select(x => new ListedReport(x.r, x.reporter, x.target)).ToList();
    }
}
