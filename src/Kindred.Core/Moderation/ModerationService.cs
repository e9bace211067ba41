using System.Globalization;
using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Moderation;

/// <summary>
/// The moderators' decisions on reports (ADR 67). Each action against a member is a <see cref="Strike"/> row and an
/// audit entry, written with the change and the member's notice (notification and mail) in one SaveChanges; each can
/// be undone, which keeps the strike and marks it undone. Suspension goes through <see cref="AccountService.SuspendAsync"/>,
/// the one way that ends every session, token and stream at once (ADR 44).
/// </summary>
public sealed class ModerationService(KindredDbContext db, AccountService accounts, GroupService groups, AuditLog audit, StrikeNotices notices, TimeProvider time)
{
    public const int MaxTextCharacters = 1_000;

    /// <summary>The moderator takes the report on (or over from another), so two do not work on it at once.</summary>
    public async Task<Report> AssignToSelfAsync(long? viewerId, long reportId, CancellationToken ct = default)
    {
        var moderator = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var report = await OpenReportAsync(reportId, ct);
        if (report.AssignedAccountId != moderator.Id)
        {
            report.AssignedAccountId = moderator.Id;
            audit.Add(moderator.Id, AuditActions.ReportAssign, AuditTarget.Report(report.Id), $"Took on the report about @{report.TargetUsername}.");
            await db.SaveChangesAsync(ct);
        }
        return report;
    }

    /// <summary>Closes the report with no action against anyone; the member reported is not told.</summary>
    public async Task<Report> DismissAsync(long? viewerId, long reportId, CancellationToken ct = default)
    {
        var moderator = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var report = await OpenReportAsync(reportId, ct);
        Resolve(report, moderator);
        audit.Add(moderator.Id, AuditActions.ReportDismiss, AuditTarget.Report(report.Id), $"Dismissed the report about @{report.TargetUsername}.");
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>Acts on the reported account and closes the report.</summary>
    public async Task<Strike> ActAsync(long? viewerId, long reportId, NewStrike decision, string baseUrl, CancellationToken ct = default)
    {
        var moderator = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var report = await OpenReportAsync(reportId, ct);
        var target = await db.Users.Include(u => u.Account).FirstOrDefaultAsync(u => u.Id == report.TargetAccountId, ct)
            ?? throw KindredException.Invalid("action", "Only accounts of this server can be acted on.");
        return await StrikeAsync(moderator, target, report, decision, baseUrl, ct);
    }

    /// <summary>
    /// Acts on an account directly (the Mastodon admin API's account action, ADR 72), with the same rules, strike, audit
    /// entry and notice as <see cref="ActAsync"/>. With <paramref name="reportId"/> (an open report about this account) the
    /// action works on the report's posts and closes it; without one, removing or marking posts has nothing to work on.
    /// </summary>
    public async Task<Strike> ActOnAccountAsync(long? viewerId, long accountId, long? reportId, NewStrike decision, string baseUrl, CancellationToken ct = default)
    {
        var moderator = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var target = await LocalUserAsync(accountId, ct);
        Report? report = null;
        if (reportId is { } id)
        {
            report = await OpenReportAsync(id, ct);
            if (report.TargetAccountId != target.Id)
            {
                throw KindredException.Invalid("report_id", "The report is about another account.");
            }
        }
        return await StrikeAsync(moderator, target, report, decision, baseUrl, ct);
    }

    /// <summary>
    /// Undoes every strike of <paramref name="action"/> on the account that is not undone yet (the admin API's
    /// unsilence, unsensitive, unsuspend and enable, ADR 72), each through <see cref="UndoAsync"/>. Nothing to undo is
    /// fine when the account is already in the state asked for; a suspension made outside the moderation console (no
    /// strike) cannot be lifted here. Returns how many strikes were undone.
    /// </summary>
    public async Task<int> LiftAsync(long? viewerId, long accountId, StrikeAction action, CancellationToken ct = default)
    {
        var moderator = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var target = await LocalUserAsync(accountId, ct);
        if (!ModerationAccess.MayActOn(moderator, target.Role))
        {
            throw KindredException.Forbidden("You may not act on this account.");
        }
        var strikeIds = await db.Strikes.Where(s => s.AccountId == target.Id && s.Action == action && s.UndoneAt == null)
            .OrderByDescending(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        if (strikeIds.Count == 0 && action == StrikeAction.Suspend && target.Status == UserStatus.Disabled)
        {
            throw KindredException.Conflict("No moderation action suspended this account, so there is none to undo here.");
        }
        foreach (var strikeId in strikeIds)
        {
            await UndoAsync(viewerId, strikeId, ct);
        }
        return strikeIds.Count;
    }

    /// <summary>Gives the report back to the queue: nobody has it on any more.</summary>
    public async Task<Report> UnassignAsync(long? viewerId, long reportId, CancellationToken ct = default)
    {
        var moderator = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw KindredException.NotFound();
        if (report.AssignedAccountId is not null)
        {
            report.AssignedAccountId = null;
            audit.Add(moderator.Id, AuditActions.ReportUnassign, AuditTarget.Report(report.Id), $"Gave back the report about @{report.TargetUsername}.");
            await db.SaveChangesAsync(ct);
        }
        return report;
    }

    /// <summary>Opens a decided report again. Its strikes stay as they are: undoing them is a decision of its own.</summary>
    public async Task<Report> ReopenAsync(long? viewerId, long reportId, CancellationToken ct = default)
    {
        var moderator = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw KindredException.NotFound();
        if (report.ActionTakenAt is null)
        {
            throw KindredException.Conflict("This report is already open.");
        }
        report.ActionTakenAt = null;
        report.ActionTakenByAccountId = null;
        audit.Add(moderator.Id, AuditActions.ReportReopen, AuditTarget.Report(report.Id), $"Reopened the report about @{report.TargetUsername}.");
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>
    /// Changes a report's category and the rules it cites (the admin API's update, ADR 72), open or decided. Citing rules
    /// makes it a rule violation, as filing does; any other category cites none.
    /// </summary>
    public async Task<Report> UpdateReportAsync(long? viewerId, long reportId, ReportCategory? category, IReadOnlyList<long>? ruleIds, CancellationToken ct = default)
    {
        var moderator = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw KindredException.NotFound();
        var rules = ruleIds?.Distinct().ToList();
        if (rules is { Count: > 0 } && category is not (null or ReportCategory.Violation))
        {
            throw KindredException.Invalid("rule_ids", "Only a rule violation cites rules.");
        }
        if (rules is { Count: > 0 } && await db.InstanceRules.CountAsync(r => rules.Contains(r.Id), ct) < rules.Count)
        {
            throw KindredException.Invalid("rule_ids", "Choose rules of this server.");
        }
        var before = report.Category;
        var newCategory = rules is { Count: > 0 } ? ReportCategory.Violation : category ?? report.Category;
        var newRules = newCategory == ReportCategory.Violation ? rules ?? report.RuleIds : [];
        if (newCategory == report.Category && newRules.SequenceEqual(report.RuleIds))
        {
            return report;
        }
        report.Category = newCategory;
        report.RuleIds = newRules;
        audit.Add(moderator.Id, AuditActions.ReportUpdate, AuditTarget.Report(report.Id), $"Changed the category or rules of the report about @{report.TargetUsername}.",
            before.ToString().ToLowerInvariant(), newCategory.ToString().ToLowerInvariant());
        await db.SaveChangesAsync(ct);
        return report;
    }

    private async Task<User> LocalUserAsync(long accountId, CancellationToken ct) =>
        await db.Users.Include(u => u.Account).FirstOrDefaultAsync(u => u.Id == accountId, ct)
        ?? (await db.Accounts.AnyAsync(a => a.Id == accountId, ct)
            ? throw KindredException.Invalid("id", "Only accounts of this server can be acted on.")
            : throw KindredException.NotFound());

    private async Task<Strike> StrikeAsync(ModeratorViewer moderator, User target, Report? report, NewStrike decision, string baseUrl, CancellationToken ct)
    {
        if (!ModerationAccess.MayActOn(moderator, target.Role))
        {
            throw KindredException.Forbidden("You may not act on this account.");
        }
        var text = decision.Text?.Trim() ?? "";
        if (new StringInfo(text).LengthInTextElements > MaxTextCharacters)
        {
            throw KindredException.Invalid("text", $"The message is too long (at most {MaxTextCharacters} characters).");
        }
        var ruleIds = decision.RuleIds.Distinct().ToList();
        if (ruleIds.Count > 0 && await db.InstanceRules.CountAsync(r => ruleIds.Contains(r.Id), ct) < ruleIds.Count)
        {
            throw KindredException.Invalid("rule_ids", "Choose rules of this server.");
        }
        Group? group = null;
        if (decision.Action == StrikeAction.RemoveFromGroup)
        {
            group = await StrikeGroupAsync(target, report, decision.GroupId, ct);
        }
        var now = time.UtcNow();
        var strike = new Strike
        {
            Id = Snowflake.NewId(now),
            AccountId = target.Id,
            ModeratorId = moderator.Id,
            ReportId = report?.Id,
            Action = decision.Action,
            Text = text,
            RuleIds = ruleIds,
            GroupId = group?.Id,
            CreatedAt = now,
        };
        switch (decision.Action)
        {
            case StrikeAction.Warn:
                break;
            case StrikeAction.RemoveStatuses:
                // The rows stay (DeletedAt only), so undo can bring them back; reads already skip deleted posts and
                // their boosts.
                var live = await ReportedStatusesAsync(report, s => s.DeletedAt == null, ct);
                foreach (var status in live)
                {
                    status.DeletedAt = now;
                    status.PinnedAt = null;
                }
                strike.StatusIds = live.Select(s => s.Id).ToList();
                break;
            case StrikeAction.MarkSensitive:
                var plain = await ReportedStatusesAsync(report, s => s.DeletedAt == null && !s.Sensitive, ct);
                foreach (var status in plain)
                {
                    status.Sensitive = true;
                }
                strike.StatusIds = plain.Select(s => s.Id).ToList();
                break;
            case StrikeAction.Limit:
                if (await db.ActiveLimits().AnyAsync(k => k.AccountId == target.Id, ct))
                {
                    throw KindredException.Conflict("This account is already limited.");
                }
                break;
            case StrikeAction.Suspend:
                if (target.Status == UserStatus.Disabled)
                {
                    throw KindredException.Conflict("This account is already suspended.");
                }
                break;
            case StrikeAction.RemoveFromGroup:
                break;
            default:
                throw KindredException.Invalid("action", "Choose an action from the list.");
        }
        db.Strikes.Add(strike);
        if (report is not null)
        {
            Resolve(report, moderator);
        }
        notices.Add(target, strike, baseUrl, group?.Name);
        if (decision.Action == StrikeAction.Suspend)
        {
            // SuspendAsync writes its own audit entry and saves the strike, the report and the notice with it.
            await accounts.SuspendAsync(moderator.Id, moderator.Role, target.Id, ct);
            return strike;
        }
        audit.Add(moderator.Id, AuditActions.StrikeAdd, AuditTarget.Account(target.Id),
            $"{(group is null ? Describe(strike.Action) + " @" + target.Account.Username : "Removed @" + target.Account.Username + " from " + group.Name)}{(report is null ? "" : " on a report")}.", after: StrikeActions.Name(strike.Action));
        if (group is not null)
        {
            // The ban (membership and request gone, group.ban audit entry) saves the strike, report and notice in its
            // own transaction, so the member is never removed without the strike that explains it.
            await groups.BanForServerAsync(moderator.Id, group.Id, target.Id, ct);
            return strike;
        }
        await db.SaveChangesAsync(ct);
        return strike;
    }

    /// <summary>Undoes a strike: the warning is withdrawn, posts come back, the sensitive mark goes, the limit ends
    /// (<see cref="LimitFilters"/> reads only strikes not undone), the account is active again. The strike stays, marked
    /// undone.</summary>
    public async Task<Strike> UndoAsync(long? viewerId, long strikeId, CancellationToken ct = default)
    {
        var moderator = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var strike = await db.Strikes.FirstOrDefaultAsync(s => s.Id == strikeId, ct) ?? throw KindredException.NotFound();
        var target = await db.Users.Include(u => u.Account).FirstOrDefaultAsync(u => u.Id == strike.AccountId, ct) ?? throw KindredException.NotFound();
        if (!ModerationAccess.MayActOn(moderator, target.Role))
        {
            throw KindredException.Forbidden("You may not act on this account.");
        }
        if (strike.UndoneAt is not null)
        {
            throw KindredException.Conflict("This action was already undone.");
        }
        await UndoChangesAsync(moderator, strike, target, ct);
        await db.SaveChangesAsync(ct);
        return strike;
    }

    /// <summary>The changes of an undo, added to the caller's unit of work (the undo itself, or an approved appeal,
    /// ADR 71), which saves them with its own entries.</summary>
    internal async Task UndoChangesAsync(ModeratorViewer moderator, Strike strike, User target, CancellationToken ct)
    {
        var ids = strike.StatusIds;
        switch (strike.Action)
        {
            case StrikeAction.RemoveStatuses:
                foreach (var status in await db.Statuses.Where(s => ids.Contains(s.Id) && s.DeletedAt != null).ToListAsync(ct))
                {
                    status.DeletedAt = null;
                }
                break;
            case StrikeAction.MarkSensitive:
                // A content warning keeps a post sensitive whatever the moderator did (StatusService's rule).
                foreach (var status in await db.Statuses.Where(s => ids.Contains(s.Id) && s.SpoilerText == "").ToListAsync(ct))
                {
                    status.Sensitive = false;
                }
                break;
            case StrikeAction.RemoveFromGroup when strike.GroupId is { } groupId:
                // Lifts the ban only: the member may join again (or ask to) but is not made a member by the undo.
                await groups.LiftBanForServerAsync(moderator.Id, groupId, target.Id, ct);
                break;
            case StrikeAction.Suspend when target.Status == UserStatus.Disabled:
                target.Status = UserStatus.Active;
                audit.Add(moderator.Id, AuditActions.AccountUnsuspend, AuditTarget.Account(target.Id), $"Lifted the suspension of @{target.Account.Username}.", "disabled", "active");
                break;
            default:
                break;
        }
        strike.UndoneAt = time.UtcNow();
        strike.UndoneById = moderator.Id;
        audit.Add(moderator.Id, AuditActions.StrikeUndo, AuditTarget.Account(target.Id),
            $"Undid \"{Describe(strike.Action)}\" on @{target.Account.Username}.", StrikeActions.Name(strike.Action), "undone");
    }

    /// <summary>The group a "remove from a group" strike names: one of <see cref="StrikeGroups.ChoicesAsync"/>, else 422.</summary>
    private async Task<Group> StrikeGroupAsync(User target, Report? report, long? groupId, CancellationToken ct)
    {
        if (groupId is not { } id)
        {
            throw KindredException.Invalid("group", "Choose the group to remove the account from.");
        }
        var choices = await StrikeGroups.ChoicesAsync(db, target.Id, report?.StatusIds ?? [], ct);
        if (choices.All(g => g.Id != id))
        {
            throw KindredException.Invalid("group", "Choose a group the account is in or posted the reported posts in.");
        }
        return await groups.CheckBanForServerAsync(id, target.Id, ct);
    }

    private async Task<Report> OpenReportAsync(long reportId, CancellationToken ct)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw KindredException.NotFound();
        return report.ActionTakenAt is null ? report : throw KindredException.Conflict("This report was already decided.");
    }

    /// <summary>The report's posts, of its target only (a report's ids were checked when filed; this guards the action).</summary>
    private async Task<List<Status>> ReportedStatusesAsync(Report? report, System.Linq.Expressions.Expression<Func<Status, bool>> which, CancellationToken ct)
    {
        if (report is null)
        {
            throw KindredException.Invalid("report_id", "Removing posts or marking them sensitive needs a report that names the posts.");
        }
        var ids = report.StatusIds;
        var statuses = await db.Statuses.Where(s => ids.Contains(s.Id) && s.AccountId == report.TargetAccountId && s.ReblogOfId == null)
            .Where(which).ToListAsync(ct);
        return statuses.Count > 0 ? statuses : throw KindredException.Invalid("action", "The report has no posts left that this would change.");
    }

    private void Resolve(Report report, ModeratorViewer moderator)
    {
        report.ActionTakenAt = time.UtcNow();
        report.ActionTakenByAccountId = moderator.Id;
    }

    private static string Describe(StrikeAction action) => action switch
    {
        StrikeAction.Warn => "Warned",
        StrikeAction.RemoveStatuses => "Removed posts of",
        StrikeAction.MarkSensitive => "Marked as sensitive posts of",
        StrikeAction.Limit => "Limited",
        StrikeAction.RemoveFromGroup => "Removed from a group",
        _ => "Suspended",
    };
}
