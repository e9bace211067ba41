using System.Globalization;
using CsvHelper;
using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Exports;

/// <summary>
/// The CSVs Mastodon's "Import and export" page writes, with its headers (following and muted accounts) or none
/// (lists, blocks, bookmarks), so Mastodon and Kindred's import read them back. Accounts are full addresses
/// (user@host); bookmarks are the statuses' ActivityPub ids, only of posts the member may still read.
/// </summary>
public sealed class ExportCsvFiles(KindredDbContext db, TimeProvider time)
{
    public static readonly string[] FollowingHeader = ["Account address", "Show boosts", "Notify on new posts", "Languages"];
    public static readonly string[] MutedHeader = ["Account address", "Hide notifications"];

    public async Task<IReadOnlyList<(string Name, string Text)>> AllAsync(long accountId, string root, string host, CancellationToken ct)
    {
        var now = time.UtcNow();
        var following = await db.Follows.AsNoTracking().Where(f => f.AccountId == accountId).OrderBy(f => f.Id)
            .Join(db.Accounts, f => f.TargetAccountId, a => a.Id, (f, a) => new { a.Username, a.Domain, f.ShowReblogs, f.Notify }).ToListAsync(ct);
        var lists = await db.Lists.AsNoTracking().Where(l => l.AccountId == accountId)
            .Join(db.ListMembers, l => l.Id, m => m.ListId, (l, m) => new { l.Title, ListId = l.Id, MemberId = m.Id, m.AccountId })
            .Join(db.Accounts, x => x.AccountId, a => a.Id, (x, a) => new { x.Title, x.ListId, x.MemberId, a.Username, a.Domain })
            .OrderBy(x => x.ListId).ThenBy(x => x.MemberId).ToListAsync(ct);
        var blocked = await db.Blocks.AsNoTracking().Where(b => b.AccountId == accountId).OrderBy(b => b.Id)
            .Join(db.Accounts, b => b.TargetAccountId, a => a.Id, (b, a) => new { a.Username, a.Domain }).ToListAsync(ct);
        var muted = await db.Mutes.AsNoTracking().Where(m => m.AccountId == accountId).Live(now).OrderBy(m => m.Id)
            .Join(db.Accounts, m => m.TargetAccountId, a => a.Id, (m, a) => new { a.Username, a.Domain, m.HideNotifications }).ToListAsync(ct);
        var readable = db.Statuses.VisibleTo(db, Viewer.Member(accountId));
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.AccountId == accountId).OrderBy(b => b.Id)
            .Join(readable, b => b.StatusId, s => s.Id, (b, s) => new { s.Id, s.Account.Username }).ToListAsync(ct);

        string Address(string username, string? domain) => username + "@" + (domain ?? host);
        return
        [
            ("following_accounts.csv", Write(FollowingHeader, following.Select(f => new[] { Address(f.Username, f.Domain), Bool(f.ShowReblogs), Bool(f.Notify), "" }))),
            ("lists.csv", Write(null, lists.Select(l => new[] { l.Title, Address(l.Username, l.Domain) }))),
            ("blocked_accounts.csv", Write(null, blocked.Select(b => new[] { Address(b.Username, b.Domain) }))),
            ("muted_accounts.csv", Write(MutedHeader, muted.Select(m => new[] { Address(m.Username, m.Domain), Bool(m.HideNotifications) }))),
            ("bookmarks.csv", Write(null, bookmarks.Select(b => new[] { ExportActivityStreams.StatusId(root, b.Username, b.Id) }))),
        ];
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Write(string[]? header, IEnumerable<string[]> rows)
    {
        // Titles of lists are written by the member; a spreadsheet must not run one as a formula.
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape };
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, options, true))
        {
            foreach (var row in header is null ? rows : rows.Prepend(header))
            {
                foreach (var field in row)
                {
                    csv.WriteField(field);
                }
                csv.EndRecord();
            }
        }
        return writer.ToString();
    }
}
