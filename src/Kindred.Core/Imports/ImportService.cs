using System.Globalization;
using System.Text.RegularExpressions;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Lists;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Imports;

/// <summary>
/// Reads a Mastodon CSV (ADR 69) and says, row by row, what it would do (<see cref="PreviewAsync"/>) or did
/// (<see cref="ApplyAsync"/>). A bad row or an account not found is reported and the others go ahead; each row goes
/// through the same service the API uses, so a block, a locked account or a full list is refused as it would be there.
/// Accounts on other servers are not found while Kindred does not federate.
/// </summary>
public sealed partial class ImportService(KindredDbContext db, RelationshipService relationships, StatusService statuses, ListService listService, ListQueries listQueries)
{
    /// <summary>The largest file read, in characters: Mastodon's own exports of a large account stay well under it.</summary>
    public const int MaxChars = 1_000_000;

    /// <summary>The most rows one import takes; each is applied within the request.</summary>
    public const int MaxRows = 5_000;

    public async Task<ImportReport> PreviewAsync(long accountId, ImportKind kind, string text, string localHost, CancellationToken ct = default) =>
        new(kind, await ResolveAsync(accountId, kind, ImportCsv.Read(kind, text, MaxChars, MaxRows), localHost, ct));

    public async Task<ImportReport> ApplyAsync(long accountId, ImportKind kind, string text, string localHost, CancellationToken ct = default)
    {
        var preview = await PreviewAsync(accountId, kind, text, localHost, ct);
        var listIds = kind == ImportKind.Lists ? (await listQueries.AllAsync(accountId, ct)).GroupBy(l => l.Title, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal) : [];
        var rows = new List<ImportRow>(preview.Rows.Count);
        foreach (var row in preview.Rows)
        {
            if (row.Outcome != ImportOutcome.Found || row.Id is not { } id)
            {
                rows.Add(row);
                continue;
            }
            try
            {
                switch (kind)
                {
                    case ImportKind.Following:
                        await relationships.FollowAsync(accountId, id, row.Flag, row.Notify, ct);
                        break;
                    case ImportKind.Blocks:
                        await relationships.BlockAsync(accountId, id, ct);
                        break;
                    case ImportKind.Mutes:
                        await relationships.MuteAsync(accountId, id, null, row.Flag ?? true, ct);
                        break;
                    case ImportKind.Bookmarks:
                        await statuses.BookmarkAsync(accountId, id, ct);
                        break;
                    case ImportKind.Lists:
                        if (!listIds.TryGetValue(row.List!, out var listId))
                        {
                            listId = (await listService.CreateAsync(accountId, row.List, ct: ct)).Id;
                            listIds[row.List!] = listId;
                        }
                        await listService.AddMembersAsync(accountId, listId, [id], ct);
                        break;
                }
                rows.Add(row with { Outcome = ImportOutcome.Done, Message = null });
            }
            catch (KindredException e)
            {
                // What the service refused is this row's answer; nothing it tracked is kept for the next row.
                db.ChangeTracker.Clear();
                rows.Add(row with { Outcome = ImportOutcome.Failed, Message = e.Message });
            }
        }
        return new ImportReport(kind, rows);
    }

    private async Task<List<ImportRow>> ResolveAsync(long accountId, ImportKind kind, IReadOnlyList<ImportRow> parsed, string localHost, CancellationToken ct)
    {
        if (kind == ImportKind.Bookmarks)
        {
            return await ResolveStatusesAsync(accountId, parsed, localHost, ct);
        }
        var local = parsed.Where(r => r.Outcome == ImportOutcome.Found).Select(r => LocalName(r.Target, localHost)).OfType<string>().Distinct().ToList();
        var found = await db.Accounts.AsNoTracking()
            .Where(a => a.Domain == null && local.Contains(a.UsernameNormalized) && a.User != null && a.User.Status == UserStatus.Active)
            .ToDictionaryAsync(a => a.UsernameNormalized, a => a.Id, ct);
        return parsed.Select(r => r.Outcome != ImportOutcome.Found ? r
            : LocalName(r.Target, localHost) is { } name && found.TryGetValue(name, out var id) ? r with { Id = id }
            : r with { Outcome = ImportOutcome.NotFound, Message = LocalName(r.Target, localHost) is null ? "Accounts on other servers cannot be followed yet." : "No account here has this address." })
            .ToList();
    }

    private async Task<List<ImportRow>> ResolveStatusesAsync(long accountId, IReadOnlyList<ImportRow> parsed, string localHost, CancellationToken ct)
    {
        var ids = parsed.Where(r => r.Outcome == ImportOutcome.Found).Select(r => StatusLink(r.Target, localHost))
            .Where(l => l is not null).Select(l => l!.Value.Id).Distinct().ToList();
        var readable = await db.Statuses.VisibleTo(db, Viewer.Member(accountId)).Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Account.UsernameNormalized }).ToDictionaryAsync(s => s.Id, s => s.UsernameNormalized, ct);
        return parsed.Select(r =>
        {
            if (r.Outcome != ImportOutcome.Found)
            {
                return r;
            }
            // A post that is gone or that the member may not read is simply not found: the answer must not tell which.
            return StatusLink(r.Target, localHost) is { } link && readable.TryGetValue(link.Id, out var author) && author == link.Name
                ? r with { Id = link.Id }
                : r with { Outcome = ImportOutcome.NotFound, Message = "No post you can read here has this link." };
        }).ToList();
    }

    /// <summary>The normalized name of a local account address ("name", "@name", "name@this-host"); null for another server.</summary>
    private static string? LocalName(string address, string localHost)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return Usernames.Normalize(address);
        }
        var domain = address[(at + 1)..];
        return SameHost(domain, localHost) ? Usernames.Normalize(address[..at]) : null;
    }

    /// <summary>The author's normalized name and the id in a link to a post of this server (ActivityPub id or web page).</summary>
    private static (string Name, long Id)? StatusLink(string link, string localHost)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || !SameHost(uri.Authority, localHost))
        {
            return null;
        }
        var match = StatusPath().Match(uri.AbsolutePath);
        return match.Success && long.TryParse(match.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (Usernames.Normalize(match.Groups["name"].Value), id) : null;
    }

    private static bool SameHost(string domain, string localHost) =>
        string.Equals(domain, localHost, StringComparison.OrdinalIgnoreCase)
        || string.Equals(domain, localHost.Split(':')[0], StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^/(?:users/(?<name>[A-Za-z0-9_]+)/statuses|@(?<name>[A-Za-z0-9_]+))/(?<id>[0-9]{1,19})$")]
    private static partial Regex StatusPath();
}
