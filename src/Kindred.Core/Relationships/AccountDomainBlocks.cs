using System.Globalization;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Relationships;

/// <summary>
/// A member's own blocks of whole servers (Mastodon's user domain blocks, ADR 78). They are stored and shown in
/// relationships now; federation applies them when it arrives (hides the server's posts and notifications, removes
/// follows with its accounts), since no remote content reaches a member yet.
/// </summary>
public sealed class AccountDomainBlocks(KindredDbContext db, TimeProvider time)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 200;
    public const int MaxPerAccount = 1_000;

    public async Task BlockAsync(long accountId, string? domain, CancellationToken ct = default)
    {
        var name = Normalize(domain);
        if (await db.AccountDomainBlocks.AnyAsync(b => b.AccountId == accountId && b.Domain == name, ct))
        {
            return;
        }
        if (await db.AccountDomainBlocks.CountAsync(b => b.AccountId == accountId, ct) >= MaxPerAccount)
        {
            throw KindredException.Invalid("domain", $"You can block at most {MaxPerAccount} servers.");
        }
        var now = time.UtcNow();
        db.AccountDomainBlocks.Add(new AccountDomainBlock { Id = Snowflake.NewId(now), AccountId = accountId, Domain = name, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.AccountDomainBlocks.AsNoTracking().AnyAsync(b => b.AccountId == accountId && b.Domain == name, ct))
            {
                throw;
            }
        }
    }

    public async Task UnblockAsync(long accountId, string? domain, CancellationToken ct = default)
    {
        var name = Normalize(domain);
        await db.AccountDomainBlocks.Where(b => b.AccountId == accountId && b.Domain == name).ExecuteDeleteAsync(ct);
    }

    /// <summary>The caller's blocked servers, newest first, with the row ids for paging.</summary>
    public async Task<IReadOnlyList<(long RowId, string Domain)>> ListAsync(long accountId, Page page, CancellationToken ct = default)
    {
        var rows = await db.AccountDomainBlocks.AsNoTracking().Where(b => b.AccountId == accountId).PageAsync(page, b => b.Id, MaxLimit, ct);
        return rows.Select(b => (b.Id, b.Domain)).ToList();
    }

    /// <summary>A host name as Mastodon takes it: trimmed, lower case, international names in their ASCII form; a
    /// pasted address keeps only its host.</summary>
    public static string Normalize(string? domain)
    {
        var value = domain?.Trim() ?? "";
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            value = uri.Host;
        }
        value = value.TrimEnd('.');
        if (value.Length == 0)
        {
            throw KindredException.Invalid("domain", "Name the server to block, e.g. example.social.");
        }
        try
        {
            value = new IdnMapping().GetAscii(value).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            throw KindredException.Invalid("domain", "That is not a server name.");
        }
        if (value.Length > 253 || !value.Contains('.', StringComparison.Ordinal)
            || value.Split('.').Any(label => label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-')
                || !label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')))
        {
            throw KindredException.Invalid("domain", "That is not a server name.");
        }
        return value;
    }
}
