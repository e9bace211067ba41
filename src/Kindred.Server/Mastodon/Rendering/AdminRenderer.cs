using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Moderation;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>
/// Renders the Mastodon admin API's Admin::Account and Admin::Report (ADR 72). A report's statuses are its snapshot (ADR
/// 67), never the live posts, with only what the snapshot holds; the public accounts inside are rendered for the moderator.
/// </summary>
public sealed class AdminRenderer(AccountRenderer accounts, PublicUrls urls)
{
    public async Task<IReadOnlyList<MastodonAdminAccount>> AccountsAsync(IReadOnlyList<ModeratedAccount> moderated, long viewerId, CancellationToken ct = default)
    {
        var rendered = (await accounts.RenderManyAsync(moderated.Select(m => m.Account).ToList(), viewerId, ct)).ToDictionary(a => a.Id);
        return moderated.Select(m => Account(m, rendered[Id(m.Account.Id)])).ToList();
    }

    public async Task<IReadOnlyList<MastodonAdminReport>> ReportsAsync(IReadOnlyList<ModeratedReport> reports, long viewerId, CancellationToken ct = default)
    {
        var named = reports.SelectMany(r => new[] { r.Reporter, r.Target, r.Assigned, r.DecidedBy }).OfType<ModeratedAccount>()
            .DistinctBy(m => m.Account.Id).ToList();
        var rendered = (await AccountsAsync(named, viewerId, ct)).ToDictionary(a => a.Id);
        return reports.Select(r =>
        {
            var report = r.Report;
            var target = rendered[Id(r.Target.Account.Id)];
            return new MastodonAdminReport
            {
                Id = Id(report.Id),
                ActionTaken = report.ActionTakenAt is not null,
                ActionTakenAt = report.ActionTakenAt is { } at ? MastodonTime.Format(at) : null,
                Category = report.Category.ToString().ToLowerInvariant(),
                Comment = report.Comment,
                Forwarded = false,
                CreatedAt = MastodonTime.Format(report.CreatedAt),
                // Kindred keeps no update time; the decision is the last change it knows of.
                UpdatedAt = MastodonTime.Format(report.ActionTakenAt ?? report.CreatedAt),
                Account = rendered[Id(r.Reporter.Account.Id)],
                TargetAccount = target,
                AssignedAccount = r.Assigned is { } assigned ? rendered[Id(assigned.Account.Id)] : null,
                ActionTakenByAccount = r.DecidedBy is { } decider ? rendered[Id(decider.Account.Id)] : null,
                Statuses = report.Snapshot.OrderBy(s => s.StatusId).Select(s => (object)new
                {
                    id = Id(s.StatusId),
                    uri = urls.Absolute($"/users/{report.TargetUsername}/statuses/{Id(s.StatusId)}"),
                    created_at = MastodonTime.Format(s.PostedAt),
                    account = target.Account,
                    content = SafeHtml.Clean(s.ContentHtml),
                    visibility = StatusRenderer.WireVisibility(s.Visibility),
                    sensitive = s.Sensitive,
                    spoiler_text = s.SpoilerText,
                    // The snapshot keeps the images' descriptions, not the images (ADR 67).
                    media_attachments = Array.Empty<object>(),
                    mentions = Array.Empty<object>(),
                    tags = Array.Empty<object>(),
                    emojis = Array.Empty<object>(),
                }).ToList(),
                Rules = r.Rules.Select(rule => new MastodonRule(Id(rule.Id), rule.Text, rule.Hint)).ToList(),
            };
        }).ToList();
    }

    private static MastodonAdminAccount Account(ModeratedAccount moderated, MastodonAccount rendered)
    {
        var account = moderated.Account;
        var user = account.User;
        return new MastodonAdminAccount
        {
            Id = Id(account.Id),
            Username = account.Username,
            Domain = account.Domain,
            CreatedAt = MastodonTime.Format(account.CreatedAt),
            Email = moderated.Email,
            Ip = moderated.Ips.Count > 0 ? moderated.Ips[0].Ip : null,
            Ips = moderated.Ips.Select(ip => new MastodonAdminIp(ip.Ip, MastodonTime.Format(ip.UsedAt))).ToList(),
            Locale = user?.Locale,
            InviteRequest = user?.ApplicationText,
            Role = user is null ? null : AccountRenderer.RenderRole(user.Role),
            Confirmed = user?.EmailConfirmed ?? false,
            Approved = user is { Status: not (Data.Entities.UserStatus.Pending or Data.Entities.UserStatus.Rejected) },
            Disabled = user?.Status == Data.Entities.UserStatus.Disabled,
            Silenced = moderated.Limited,
            Suspended = user?.Status == Data.Entities.UserStatus.Disabled,
            Sensitized = moderated.Sensitized,
            Account = rendered,
            InvitedByAccountId = user?.InvitedById is { } inviter ? Id(inviter) : null,
        };
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
