using System.Globalization;
using System.Net;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Accounts;

/// <summary>
/// The lists behind <see cref="SignUpGuard"/> (ADR 73): blocked e-mail domains and sign-up IP rules. Admins and the
/// owner change them, every change audited; moderators read them (the domains with their account counts).
/// </summary>
public sealed class SignUpDefences(KindredDbContext db, AuditLog audit, TimeProvider time)
{
    public const int MaxComment = 500;

    public async Task<IReadOnlyList<BlockedDomain>> DomainsAsync(long? viewerId, CancellationToken ct = default)
    {
        await RequireAsync(viewerId, Roles.CanModerate, "Only moderators, admins and the owner see the blocked e-mail domains.", ct);
        var blocks = await db.EmailDomainBlocks.AsNoTracking().OrderBy(b => b.Domain).ToListAsync(ct);
        var result = new List<BlockedDomain>(blocks.Count);
        foreach (var block in blocks)
        {
            // Identity keeps the address upper-cased in NormalizedEmail: the domain itself or any subdomain.
            var exact = "@" + block.Domain.ToUpperInvariant();
            var below = "." + block.Domain.ToUpperInvariant();
            var count = await db.Users.AsNoTracking().CountAsync(u => u.NormalizedEmail != null
                && (u.NormalizedEmail.EndsWith(exact) || u.NormalizedEmail.EndsWith(below)), ct);
            result.Add(new BlockedDomain(block, count));
        }
        return result;
    }

    public async Task<EmailDomainBlock> BlockDomainAsync(long? actorId, string? domain, CancellationToken ct = default)
    {
        var actor = await RequireAsync(actorId, Roles.CanAdminister, Forbidden, ct);
        var normalized = EmailDomains.Normalize(domain);
        if (await db.EmailDomainBlocks.AnyAsync(b => b.Domain == normalized, ct))
        {
            throw KindredException.Invalid("domain", "This domain is already blocked.");
        }
        var now = time.UtcNow();
        var block = new EmailDomainBlock { Id = Snowflake.NewId(now), Domain = normalized, CreatedAt = now, CreatedById = actor };
        db.EmailDomainBlocks.Add(block);
        audit.Add(actor, AuditActions.EmailDomainBlock, AuditTarget.EmailDomainBlock(block.Id), $"Blocked sign-ups with e-mail addresses at {normalized}.", null, normalized);
        await db.SaveChangesAsync(ct);
        return block;
    }

    public async Task UnblockDomainAsync(long? actorId, long blockId, CancellationToken ct = default)
    {
        var actor = await RequireAsync(actorId, Roles.CanAdminister, Forbidden, ct);
        var block = await db.EmailDomainBlocks.FirstOrDefaultAsync(b => b.Id == blockId, ct) ?? throw KindredException.NotFound("No such blocked domain.");
        db.EmailDomainBlocks.Remove(block);
        audit.Add(actor, AuditActions.EmailDomainUnblock, AuditTarget.EmailDomainBlock(block.Id), $"Unblocked the e-mail domain {block.Domain}.", block.Domain, null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every rule, expired ones included (marked by their date), newest first.</summary>
    public async Task<IReadOnlyList<SignUpIpRule>> IpRulesAsync(long? viewerId, CancellationToken ct = default)
    {
        await RequireAsync(viewerId, Roles.CanAdminister, Forbidden, ct);
        return await db.SignUpIpRules.AsNoTracking().OrderByDescending(r => r.Id).ToListAsync(ct);
    }

    public async Task<SignUpIpRule> AddIpRuleAsync(long? actorId, NewSignUpIpRule request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = await RequireAsync(actorId, Roles.CanAdminister, Forbidden, ct);
        var network = ParseNetwork(request.Network);
        if (!Enum.IsDefined(request.Severity))
        {
            throw KindredException.Invalid("severity", "Choose what the rule does.");
        }
        var now = time.UtcNow();
        if (request.ExpiresAt is { } expires && expires <= now)
        {
            throw KindredException.Invalid("expires_at", "The end of the rule must be in the future.");
        }
        var comment = (request.Comment ?? "").Trim();
        if (comment.Length > MaxComment)
        {
            throw KindredException.Invalid("comment", $"The comment has at most {MaxComment} characters.");
        }
        if (await db.SignUpIpRules.AnyAsync(r => r.Network == network, ct))
        {
            throw KindredException.Invalid("network", "There is already a rule for this range; remove it first.");
        }
        var rule = new SignUpIpRule
        {
            Id = Snowflake.NewId(now),
            Network = network,
            Severity = request.Severity,
            ExpiresAt = request.ExpiresAt,
            Comment = comment,
            CreatedAt = now,
            CreatedById = actor,
        };
        db.SignUpIpRules.Add(rule);
        audit.Add(actor, AuditActions.SignUpIpRuleAdd, AuditTarget.SignUpIpRule(rule.Id), $"Added a sign-up rule for {network}.", null, Describe(rule));
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task RemoveIpRuleAsync(long? actorId, long ruleId, CancellationToken ct = default)
    {
        var actor = await RequireAsync(actorId, Roles.CanAdminister, Forbidden, ct);
        var rule = await db.SignUpIpRules.FirstOrDefaultAsync(r => r.Id == ruleId, ct) ?? throw KindredException.NotFound("No such rule.");
        db.SignUpIpRules.Remove(rule);
        audit.Add(actor, AuditActions.SignUpIpRuleRemove, AuditTarget.SignUpIpRule(rule.Id), $"Removed the sign-up rule for {rule.Network}.", Describe(rule), null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An address or a CIDR range in its canonical form: the address bits past the prefix are cleared, so
    /// <c>192.0.2.7/24</c> is stored as <c>192.0.2.0/24</c> and one range has one spelling.</summary>
    public static string ParseNetwork(string? text)
    {
        var value = (text ?? "").Trim();
        if (value.Length == 0)
        {
            throw KindredException.Invalid("network", "Enter an address or a range, such as 192.0.2.0/24 or 2001:db8::/32.");
        }
        if (!value.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(value, out var single))
        {
            single = SignUpGuard.Canonical(single)!;
            return new IPNetwork(single, single.GetAddressBytes().Length * 8).ToString();
        }
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && IPAddress.TryParse(value[..slash], out var start)
            && int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            && prefix >= 0 && prefix <= start.GetAddressBytes().Length * 8)
        {
            // IPNetwork refuses set bits past the prefix; an admin pasting an address with its mask means its range.
            var bytes = start.GetAddressBytes();
            for (var bit = prefix; bit < bytes.Length * 8; bit++)
            {
                bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
            }
            return new IPNetwork(new IPAddress(bytes), prefix).ToString();
        }
        throw KindredException.Invalid("network", "This is not an address or a range (such as 192.0.2.0/24 or 2001:db8::/32).");
    }

    private static string Describe(SignUpIpRule rule) => string.Format(CultureInfo.InvariantCulture, "{0} {1}{2}{3}",
        rule.Network, rule.Severity == SignUpIpSeverity.Refused ? "refused" : "needs approval",
        rule.ExpiresAt is { } e ? " until " + e.ToString("u", CultureInfo.InvariantCulture) : "",
        rule.Comment.Length > 0 ? " (" + rule.Comment + ")" : "");

    private const string Forbidden = "Only admins and the owner change who may sign up.";

    private async Task<long> RequireAsync(long? viewerId, Func<UserRole, bool> allowed, string message, CancellationToken ct)
    {
        var role = viewerId is { } id
            ? await db.Users.AsNoTracking().Active().Where(u => u.Id == id).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct)
            : null;
        return role is { } r && allowed(r) ? viewerId!.Value : throw KindredException.Forbidden(message);
    }
}
